/** Capture devices: listing them through node-web-audio-api, and resolving a --device spec against the list. */

export interface InputDevice {
  /** Position in the list of capture devices: what `--device 2` selects. */
  index: number;
  /** node-web-audio-api's deviceId, passed to getUserMedia. */
  id: string;
  label: string;
}

/** The capture devices the audio library sees now (on Linux: JACK's when a JACK server runs, else ALSA's). */
export async function listInputDevices(): Promise<InputDevice[]> {
  // Loaded on demand: file and demo inputs never touch the native audio library.
  const { mediaDevices } = await import('node-web-audio-api');
  const all = await mediaDevices.enumerateDevices();
  return all.filter((d) => d.kind === 'audioinput').map((d, index) => ({ index, id: d.deviceId, label: d.label }));
}

export function describeDevices(devices: readonly InputDevice[]): string {
  if (devices.length === 0) return 'no capture devices are available';
  return `available capture devices: ${devices.map((d) => `${d.index}: "${d.label}"`).join(', ')}`;
}

/**
 * Selects a device by index (a number or a string of digits) or by a case-insensitive part of its label; an exact
 * label match wins over partial ones. `undefined` means the system's default device. Throws naming the spec and
 * listing the devices when nothing, or more than one device, matches.
 */
export function resolveInputDevice(spec: string | number | undefined, devices: readonly InputDevice[]): InputDevice | undefined {
  if (spec === undefined) return undefined;
  if (typeof spec === 'string' && spec.trim() === '') throw new Error(`input device "" is empty: give an index or part of a name; ${describeDevices(devices)}`);
  const asIndex = typeof spec === 'number' ? spec : /^\s*\d+\s*$/.test(spec) ? Number(spec) : undefined;
  if (asIndex !== undefined) {
    const device = Number.isInteger(asIndex) ? devices.find((d) => d.index === asIndex) : undefined;
    if (!device) throw new Error(`input device ${spec} not found: ${describeDevices(devices)}`);
    return device;
  }
  const wanted = String(spec).trim().toLowerCase();
  const exact = devices.filter((d) => d.label.toLowerCase() === wanted);
  if (exact.length === 1) return exact[0];
  const partial = devices.filter((d) => d.label.toLowerCase().includes(wanted));
  if (partial.length === 1) return partial[0];
  if (partial.length > 1) {
    throw new Error(`input device "${spec}" matches ${partial.length} devices (${partial.map((d) => `${d.index}: "${d.label}"`).join(', ')}): give more of the name or the index`);
  }
  throw new Error(`input device "${spec}" not found: ${describeDevices(devices)}`);
}
