import { z } from 'zod';
import { PALETTE_NAMES, type PaletteName } from '../visual/palettes.js';
import {
  CONTROL_SOURCES,
  DEFAULT_SCENE_SETTINGS,
  DISPLAY_NAME_PATTERN,
  LOOKS,
  MAX_DISPLAYS,
  SCENE_LIMITS,
  type ControlSourceChoice,
  type DisplaySettings,
  type Scene,
  type SceneSettings,
} from './scene.js';

/**
 * Scene edits from the control surface, OSC input and REST, validated and applied as pure functions so every
 * path changes the scene by the same rules. In a display's `set`, null removes an override (the display follows
 * `all` again); latency and offset exist only per display.
 */
export type SceneField = keyof SceneSettings | 'latency_ms' | 'offset_ms';
export type SceneSet = { [K in keyof SceneSettings]?: SceneSettings[K] | null } & { latency_ms?: number | null; offset_ms?: number | null };

export type SceneCommand =
  | { type: 'scene'; display?: string; set: SceneSet }
  | { type: 'scene_reset'; display?: string }
  | { type: 'control_source'; value: ControlSourceChoice };

export const SCENE_COMMAND_TYPES = ['scene', 'scene_reset', 'control_source'] as const;

/** Thrown when a valid command cannot apply to the scene as it is (too many displays): the sender's doing. */
export class SceneCommandRefused extends Error {}

const span = (key: keyof typeof SCENE_LIMITS): string => `a number from ${SCENE_LIMITS[key][0]} to ${SCENE_LIMITS[key][1]}`;

// What each field allows, in words, for errors a person can act on.
const ALLOWED: Record<SceneField, string> = {
  look: `one of ${LOOKS.join(', ')}`,
  palette: `one of ${PALETTE_NAMES.join(', ')}`,
  intensity: span('intensity'),
  zoom: span('zoom'),
  speed: span('speed'),
  strobe: 'true or false',
  blackout: 'true or false',
  freeze: 'true or false',
  latency_ms: `${span('latency_ms')} (per display only)`,
  offset_ms: `${span('offset_ms')} (per display only)`,
};
export const SCENE_FIELDS = Object.keys(ALLOWED) as SceneField[];

const bounded = (key: keyof typeof SCENE_LIMITS) => z.number().min(SCENE_LIMITS[key][0]).max(SCENE_LIMITS[key][1]).nullable().optional();
const setSchema = z.strictObject({
  look: z.enum(LOOKS).nullable().optional(),
  palette: z.enum(PALETTE_NAMES as [PaletteName, ...PaletteName[]]).nullable().optional(),
  intensity: bounded('intensity'),
  zoom: bounded('zoom'),
  speed: bounded('speed'),
  strobe: z.boolean().nullable().optional(),
  blackout: z.boolean().nullable().optional(),
  freeze: z.boolean().nullable().optional(),
  latency_ms: bounded('latency_ms'),
  offset_ms: bounded('offset_ms'),
});

function show(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} must be an object, got ${show(value)}`);
  return value as Record<string, unknown>;
}

function checkKeys(value: Record<string, unknown>, allowed: readonly string[], what: string): void {
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) throw new Error(`${what}: unknown field ${unknown.map((k) => `"${k}"`).join(', ')}; allowed fields: ${allowed.join(', ')}`);
}

function parseDisplay(value: unknown, type: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !DISPLAY_NAME_PATTERN.test(value)) {
    throw new Error(`${type}.display ${show(value)} is not allowed; expected 1 to 64 characters from A-Z a-z 0-9 space _ . - (omit it for all displays)`);
  }
  return value;
}

function parseSet(value: unknown, display: string | undefined): SceneSet {
  const fields = record(value, 'scene.set');
  const result = setSchema.safeParse(fields);
  if (!result.success) {
    const issue = result.error.issues[0];
    if (issue?.code === 'unrecognized_keys') checkKeys(fields, SCENE_FIELDS, 'scene.set');
    const field = String(issue?.path[0] ?? '') as SceneField;
    throw new Error(`scene.set.${field} ${show(fields[field])} is not allowed; expected ${ALLOWED[field]}${display === undefined ? '' : ', or null to follow all'}`);
  }
  // zod leaves absent fields out, so only the fields the sender gave are in the set.
  const set: SceneSet = result.data;
  const keys = Object.keys(set);
  if (keys.length === 0) throw new Error(`scene.set is empty; give at least one of ${SCENE_FIELDS.join(', ')}`);
  if (display === undefined) {
    for (const key of keys as SceneField[]) {
      if (key === 'latency_ms' || key === 'offset_ms') throw new Error(`scene.set.${key} needs a display: projector lag and offset are set per display`);
      if (set[key] === null) throw new Error(`scene.set.${key} null is only allowed with a display (it removes that display's override); expected ${ALLOWED[key]}`);
    }
  }
  return set;
}

/** Validates a scene command from outside; throws naming the field, the value and what is allowed. */
export function parseSceneCommand(value: unknown): SceneCommand {
  const command = record(value, 'scene command');
  switch (command.type) {
    case 'scene': {
      checkKeys(command, ['type', 'display', 'set'], 'scene');
      const display = parseDisplay(command.display, 'scene');
      const set = parseSet(command.set, display);
      return display === undefined ? { type: 'scene', set } : { type: 'scene', display, set };
    }
    case 'scene_reset': {
      checkKeys(command, ['type', 'display'], 'scene_reset');
      const display = parseDisplay(command.display, 'scene_reset');
      return display === undefined ? { type: 'scene_reset' } : { type: 'scene_reset', display };
    }
    case 'control_source': {
      checkKeys(command, ['type', 'value'], 'control_source');
      const source = CONTROL_SOURCES.find((s) => s === command.value);
      if (source === undefined) throw new Error(`control_source.value ${show(command.value)} is not allowed; expected ${CONTROL_SOURCES.join(' or ')}`);
      return { type: 'control_source', value: source };
    }
    default:
      throw new Error(`scene command type ${show(command.type)} is unknown; expected ${SCENE_COMMAND_TYPES.join(', ')}`);
  }
}

/** A display's calibration (lag and offset) survives a look reset: it belongs to the projector, not the look. */
function calibrationOf(settings: DisplaySettings): DisplaySettings {
  const kept: DisplaySettings = {};
  if (settings.latency_ms !== undefined) kept.latency_ms = settings.latency_ms;
  if (settings.offset_ms !== undefined) kept.offset_ms = settings.offset_ms;
  return kept;
}

/** Built from entries, never by assignment, so a display called "__proto__" is an ordinary key. */
function withDisplay(displays: Record<string, DisplaySettings>, name: string, settings: DisplaySettings): Record<string, DisplaySettings> {
  const others = Object.entries(displays).filter(([key]) => key !== name);
  return Object.fromEntries(Object.keys(settings).length === 0 ? others : [...others, [name, settings]]);
}

function ownDisplay(scene: Scene, name: string): DisplaySettings | undefined {
  return Object.hasOwn(scene.displays, name) ? scene.displays[name] : undefined;
}

/** The scene after a command; the input is not changed. Throws SceneCommandRefused past MAX_DISPLAYS. */
export function applySceneCommand(scene: Scene, command: SceneCommand): Scene {
  switch (command.type) {
    case 'control_source':
      return { ...scene, control_source: command.value };
    case 'scene_reset': {
      if (command.display === undefined) {
        const kept = Object.entries(scene.displays).map(([name, settings]): [string, DisplaySettings] => [name, calibrationOf(settings)]);
        return { ...scene, all: { ...DEFAULT_SCENE_SETTINGS }, displays: Object.fromEntries(kept.filter(([, s]) => Object.keys(s).length > 0)) };
      }
      const own = ownDisplay(scene, command.display);
      return own === undefined ? scene : { ...scene, displays: withDisplay(scene.displays, command.display, calibrationOf(own)) };
    }
    case 'scene': {
      if (command.display === undefined) return { ...scene, all: { ...scene.all, ...(command.set as Partial<SceneSettings>) } };
      const existing = ownDisplay(scene, command.display);
      if (existing === undefined && Object.keys(scene.displays).length >= MAX_DISPLAYS) {
        throw new SceneCommandRefused(`scene: display "${command.display}" would be display ${MAX_DISPLAYS + 1}; at most ${MAX_DISPLAYS} displays can have their own settings (reset one first)`);
      }
      // null in the set removes that override, so the display follows `all` for it again.
      const own = Object.fromEntries(Object.entries({ ...existing, ...command.set }).filter(([, value]) => value !== null)) as DisplaySettings;
      return { ...scene, displays: withDisplay(scene.displays, command.display, own) };
    }
  }
}
