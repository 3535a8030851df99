import { parseBeatCommand, type BeatCommand } from '../core/beat/commands.js';
import { parseSceneCommand, SCENE_COMMAND_TYPES, type SceneCommand } from '../core/scene/scene-commands.js';
import { parseTransportCommand, type TransportCommand } from './transport-command.js';

/** Everything a controller can ask for, by any path: beat-clock controls, scene edits and MIDI transport. */
export type ControlCommand = BeatCommand | SceneCommand | TransportCommand;
export type ControlCommandType = ControlCommand['type'];

// Compile-time complete: adding a command type without listing it here fails the type-check.
const BEAT_TYPES: Record<BeatCommand['type'], true> = { tap: true, nudge: true, downbeat: true, lock: true, double: true, half: true, meter: true };
const SCENE_TYPES: Record<SceneCommand['type'], true> = { scene: true, scene_reset: true, control_source: true };
export const CONTROL_COMMAND_TYPES = [...Object.keys(BEAT_TYPES), ...SCENE_COMMAND_TYPES, 'transport'] as ControlCommandType[];

export function isBeatCommand(command: ControlCommand): command is BeatCommand {
  return Object.hasOwn(BEAT_TYPES, command.type);
}

export function isTransportCommand(command: ControlCommand): command is TransportCommand {
  return command.type === 'transport';
}

/** The command's type when it names a known one, for counting; 'unknown' otherwise. */
export function commandTypeOf(value: unknown): ControlCommandType | 'unknown' {
  if (typeof value !== 'object' || value === null) return 'unknown';
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string') return 'unknown';
  return Object.hasOwn(BEAT_TYPES, type) || Object.hasOwn(SCENE_TYPES, type) || type === 'transport' ? (type as ControlCommandType) : 'unknown';
}

/** Validates any control command; throws naming the field and what is allowed, or the known types. */
export function parseControlCommand(value: unknown): ControlCommand {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`a command must be a JSON object with a "type", got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
  }
  const type = (value as { type?: unknown }).type;
  if (typeof type === 'string' && Object.hasOwn(BEAT_TYPES, type)) return parseBeatCommand(value);
  if (typeof type === 'string' && Object.hasOwn(SCENE_TYPES, type)) return parseSceneCommand(value);
  if (type === 'transport') return parseTransportCommand(value);
  throw new Error(`command type ${type === undefined ? 'undefined' : JSON.stringify(type)} is unknown; expected one of ${CONTROL_COMMAND_TYPES.join(', ')}`);
}
