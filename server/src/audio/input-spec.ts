/** What `--input` names: the default device or the demo when there is none, the demo, a capture device, or a file. */
export type InputSpec =
  | { kind: 'auto' }
  | { kind: 'demo' }
  | { kind: 'live'; device?: string | number }
  | { kind: 'file'; path: string };

export const INPUT_FORMS = 'auto, demo, live, live:DEVICE (a device index or part of its name) or file:PATH';

/** Parses `auto | demo | live | live:DEVICE | file:PATH`; DEVICE is an index when it is all digits, else a name. */
export function parseInputSpec(text: string): InputSpec {
  const spec = text.trim();
  if (spec === 'auto' || spec === 'demo' || spec === 'live') return { kind: spec };
  if (spec.startsWith('live:')) {
    const device = spec.slice('live:'.length).trim();
    if (device === '') throw new Error(`invalid input "${text}": live: needs a device index or name after the colon; expected ${INPUT_FORMS}`);
    return { kind: 'live', device: /^\d+$/.test(device) ? Number(device) : device };
  }
  if (spec.startsWith('file:')) {
    const path = spec.slice('file:'.length);
    if (path.trim() === '') throw new Error(`invalid input "${text}": file: needs a path after the colon; expected ${INPUT_FORMS}`);
    return { kind: 'file', path };
  }
  throw new Error(`invalid input "${text}": expected ${INPUT_FORMS}`);
}

export function formatInputSpec(spec: InputSpec): string {
  switch (spec.kind) {
    case 'live':
      return spec.device === undefined ? 'live' : `live:${spec.device}`;
    case 'file':
      return `file:${spec.path}`;
    default:
      return spec.kind;
  }
}
