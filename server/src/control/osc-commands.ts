import type { BeatCommand } from '../core/beat/commands.js';

/** One decoded OSC argument, as `osc.readPacket(bytes, { metadata: true })` gives it. */
export interface OscArgument {
  type: string;
  value: unknown;
}

export interface OscMessage {
  address: string;
  args: readonly OscArgument[];
}

/** A control address: what it takes, for error messages and the OSCQuery namespace. */
export interface OscCommandSpec {
  address: string;
  /** OSC type tag string advertised to clients ('N' = no value); ints are accepted wherever a float is, and the reverse. */
  typeTag: string;
  /** Per-argument range, as OSCQuery publishes it. */
  range: readonly ({ min: number; max: number } | { vals: readonly number[] })[];
  /** What the arguments must be, in words. */
  expects: string;
  description: string;
}

const NUMERIC_TAGS = new Set(['i', 'f', 'd']);
const TRIGGER = 'no arguments, one N or I, or one number (non-zero triggers, 0 is a button release and is ignored)';

function describeArgs(args: readonly OscArgument[]): string {
  if (args.length === 0) return 'no arguments';
  return args.map((a) => `${a.type} ${typeof a.value === 'string' ? JSON.stringify(a.value) : String(a.value)}`).join(', ');
}

/** The single numeric argument, or undefined when the message does not carry exactly one number. */
function oneNumber(message: OscMessage): number | undefined {
  const [arg] = message.args;
  if (message.args.length !== 1 || arg === undefined || !NUMERIC_TAGS.has(arg.type) || typeof arg.value !== 'number') return undefined;
  return arg.value;
}

/** A button: a press triggers, the release (0) that TouchOSC-style controllers send after it is ignored. */
function trigger(command: BeatCommand): (message: OscMessage) => BeatCommand | null | undefined {
  return (message) => {
    const [arg] = message.args;
    if (message.args.length === 0 || (message.args.length === 1 && (arg?.type === 'N' || arg?.type === 'I'))) return command;
    const value = oneNumber(message);
    if (value === undefined || Number.isNaN(value)) return undefined;
    return value === 0 ? null : command;
  };
}

interface Mapping extends OscCommandSpec {
  /** The command, null to ignore, undefined when the arguments are wrong. */
  map(message: OscMessage): BeatCommand | null | undefined;
}

const MAPPINGS: readonly Mapping[] = [
  { address: '/fs/cmd/tap', typeTag: 'N', range: [], expects: TRIGGER, description: 'Tap tempo: one tap per beat', map: trigger({ type: 'tap' }) },
  {
    address: '/fs/cmd/nudge', typeTag: 'f', range: [{ min: -500, max: 500 }], expects: 'one number: milliseconds from -500 to 500',
    description: 'Shift the beat phase by this many milliseconds (negative = earlier)',
    map: (m) => {
      const ms = oneNumber(m);
      return ms === undefined || !Number.isFinite(ms) ? undefined : { type: 'nudge', ms };
    },
  },
  { address: '/fs/cmd/downbeat', typeTag: 'N', range: [], expects: TRIGGER, description: 'The current beat is the first of the bar', map: trigger({ type: 'downbeat' }) },
  {
    address: '/fs/cmd/lock', typeTag: 'i', range: [{ vals: [0, 1] }], expects: 'one number: 1 locks the tempo, 0 unlocks',
    description: 'Lock (1) or unlock (0) the tempo',
    map: (m) => {
      const on = oneNumber(m);
      return on === 0 || on === 1 ? { type: 'lock', on: on === 1 } : undefined;
    },
  },
  { address: '/fs/cmd/double', typeTag: 'N', range: [], expects: TRIGGER, description: 'Double the tempo', map: trigger({ type: 'double' }) },
  { address: '/fs/cmd/half', typeTag: 'N', range: [], expects: TRIGGER, description: 'Halve the tempo', map: trigger({ type: 'half' }) },
  {
    address: '/fs/cmd/meter', typeTag: 'i', range: [{ vals: [0, 2, 3, 4, 5, 7] }], expects: 'one integer: beats per bar (2, 3, 4, 5 or 7), 0 for automatic',
    description: 'Beats per bar; 0 = detect automatically',
    map: (m) => {
      const beats = oneNumber(m);
      if (beats === undefined || !Number.isInteger(beats)) return undefined;
      return { type: 'meter', beatsPerBar: beats === 0 ? undefined : beats };
    },
  },
];

/** The control addresses with their arguments, for the OSCQuery namespace. */
export const OSC_COMMANDS: readonly OscCommandSpec[] = MAPPINGS.map(({ address, typeTag, range, expects, description }) => ({ address, typeTag, range, expects, description }));

/**
 * Maps an OSC message to a beat command, or null for a trigger's button release. Value ranges (nudge limit, allowed
 * meters) are checked by the command handler through parseBeatCommand; this checks the address, argument count and types.
 * Throws naming the address, what it expects and what came.
 */
export function oscToCommand(message: OscMessage): BeatCommand | null {
  const mapping = MAPPINGS.find((m) => m.address === message.address);
  if (mapping === undefined) {
    throw new Error(`OSC address ${JSON.stringify(message.address)} is unknown; expected one of ${MAPPINGS.map((m) => m.address).join(', ')}`);
  }
  const command = mapping.map(message);
  if (command === undefined) throw new Error(`OSC ${mapping.address} expects ${mapping.expects}; got ${describeArgs(message.args)}`);
  return command;
}
