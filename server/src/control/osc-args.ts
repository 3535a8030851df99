import type { ControlCommandType } from './control-command.js';

/** A command as an address maps it: the right shape, its values still to be checked by the command handler. */
export type CommandRequest = { readonly type: ControlCommandType } & Readonly<Record<string, unknown>>;

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
  range: readonly ({ min: number; max: number } | { vals: readonly (number | string)[] })[];
  /** What the arguments must be, in words. */
  expects: string;
  description: string;
}

export interface OscMapping extends OscCommandSpec {
  /** The command, null to ignore, undefined when the arguments are wrong. */
  map(message: OscMessage): CommandRequest | null | undefined;
}

const NUMERIC_TAGS = new Set(['i', 'f', 'd']);
export const TRIGGER = 'no arguments, one N or I, or one number (non-zero triggers, 0 is a button release and is ignored)';

export function describeArgs(args: readonly OscArgument[]): string {
  if (args.length === 0) return 'no arguments';
  return args.map((a) => `${a.type} ${typeof a.value === 'string' ? JSON.stringify(a.value) : String(a.value)}`).join(', ');
}

/** The single numeric argument, or undefined when the message does not carry exactly one number. */
export function oneNumber(message: OscMessage): number | undefined {
  const [arg] = message.args;
  if (message.args.length !== 1 || arg === undefined || !NUMERIC_TAGS.has(arg.type) || typeof arg.value !== 'number') return undefined;
  return arg.value;
}

/** The single string argument, or undefined. */
export function oneString(message: OscMessage): string | undefined {
  const [arg] = message.args;
  if (message.args.length !== 1 || arg === undefined || arg.type !== 's' || typeof arg.value !== 'string') return undefined;
  return arg.value;
}

/** A button: a press triggers, the release (0) that TouchOSC-style controllers send after it is ignored. */
export function trigger(command: CommandRequest): (message: OscMessage) => CommandRequest | null | undefined {
  return (message) => {
    const [arg] = message.args;
    if (message.args.length === 0 || (message.args.length === 1 && (arg?.type === 'N' || arg?.type === 'I'))) return command;
    const value = oneNumber(message);
    if (value === undefined || Number.isNaN(value)) return undefined;
    return value === 0 ? null : command;
  };
}
