import type { Seconds } from '../units.js';

/** Manual beat-clock controls, shared by the control surface and OSC input (one command handler). */
export type BeatCommand =
  /** `t`: stream time of the tap, stamped by the daemon (when the finger touched, else on arrival); else the next hop. */
  | { type: 'tap'; t?: Seconds }
  | { type: 'nudge'; ms: number }
  | { type: 'downbeat' }
  | { type: 'lock'; on: boolean }
  | { type: 'double' }
  | { type: 'half' }
  | { type: 'meter'; beatsPerBar: number | undefined };

const NUDGE_LIMIT_MS = 500;

/** Validates a command from outside; throws naming the field and what is allowed. */
export function parseBeatCommand(value: unknown): BeatCommand {
  if (typeof value !== 'object' || value === null) throw new Error(`beat command must be an object, got ${JSON.stringify(value)}`);
  const record = value as Record<string, unknown>;
  switch (record.type) {
    case 'tap': {
      const t = record.t;
      if (t !== undefined && (typeof t !== 'number' || !Number.isFinite(t))) {
        throw new Error(`tap.t ${JSON.stringify(t)} is not allowed; expected the stream time of the tap in seconds, or nothing`);
      }
      return t === undefined ? { type: 'tap' } : { type: 'tap', t };
    }
    case 'downbeat':
    case 'double':
    case 'half':
      return { type: record.type };
    case 'nudge': {
      const ms = record.ms;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || Math.abs(ms) > NUDGE_LIMIT_MS) {
        throw new Error(`nudge.ms ${JSON.stringify(ms)} is not allowed; expected a number from -${NUDGE_LIMIT_MS} to ${NUDGE_LIMIT_MS}`);
      }
      return { type: 'nudge', ms };
    }
    case 'lock':
      if (typeof record.on !== 'boolean') throw new Error(`lock.on ${JSON.stringify(record.on)} is not allowed; expected true or false`);
      return { type: 'lock', on: record.on };
    case 'meter': {
      const beats = record.beatsPerBar;
      if (beats !== undefined && beats !== null && ![2, 3, 4, 5, 7].includes(beats as number)) {
        throw new Error(`meter.beatsPerBar ${JSON.stringify(beats)} is not allowed; expected 2, 3, 4, 5, 7, or null for automatic`);
      }
      return { type: 'meter', beatsPerBar: typeof beats === 'number' ? beats : undefined };
    }
    default:
      throw new Error(`beat command type ${JSON.stringify(record.type)} is unknown; expected tap, nudge, downbeat, lock, double, half or meter`);
  }
}
