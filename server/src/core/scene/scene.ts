import { z } from 'zod';
import { PALETTE_NAMES, type PaletteName } from '../visual/palettes.js';
import type { Milliseconds } from '../units.js';

/**
 * The visual scene the daemon owns: what every projector shows and what every control surface edits. One
 * `all` layer, and per display (by its `?display=NAME`) overrides of any setting plus its projector lag and offset.
 */
export const LOOKS = ['auto', 'calm', 'bloom', 'dust', 'storm'] as const;
export type Look = (typeof LOOKS)[number];

/** Where the control vector comes from: the controller model when one runs (`auto`), or the hand-written mapping. */
export const CONTROL_SOURCES = ['auto', 'manual'] as const;
export type ControlSourceChoice = (typeof CONTROL_SOURCES)[number];

export const SCENE_LIMITS = {
  intensity: [0, 1],
  zoom: [0.25, 4],
  speed: [0, 4],
  latency_ms: [0, 500],
  offset_ms: [-500, 500],
} as const;

export interface SceneSettings {
  /** `auto` follows the song's sections; the others hold one look. */
  look: Look;
  palette: PaletteName;
  intensity: number;
  zoom: number;
  speed: number;
  /** Flash on every beat. */
  strobe: boolean;
  blackout: boolean;
  /** Hold the current frame (the clock keeps running underneath). */
  freeze: boolean;
}

export interface DisplaySettings extends Partial<SceneSettings> {
  /** Projector lag: the display renders this far ahead so light leaves the lens on the beat. */
  latency_ms?: Milliseconds;
  /** A deliberate shift of this display against the others (positive = later). */
  offset_ms?: Milliseconds;
}

export interface Scene {
  all: SceneSettings;
  displays: Record<string, DisplaySettings>;
  control_source: ControlSourceChoice;
}

export const DEFAULT_SCENE_SETTINGS: SceneSettings = {
  look: 'auto',
  palette: 'ember',
  intensity: 0.8,
  zoom: 1,
  speed: 1,
  strobe: false,
  blackout: false,
  freeze: false,
};

export function defaultScene(): Scene {
  return { all: { ...DEFAULT_SCENE_SETTINGS }, displays: {}, control_source: 'auto' };
}

const range = (key: keyof typeof SCENE_LIMITS) => z.number().min(SCENE_LIMITS[key][0]).max(SCENE_LIMITS[key][1]);

export const sceneSettingsSchema = z.strictObject({
  look: z.enum(LOOKS),
  palette: z.enum(PALETTE_NAMES as [PaletteName, ...PaletteName[]]),
  intensity: range('intensity'),
  zoom: range('zoom'),
  speed: range('speed'),
  strobe: z.boolean(),
  blackout: z.boolean(),
  freeze: z.boolean(),
});

export const displaySettingsSchema = sceneSettingsSchema.partial().extend({
  latency_ms: range('latency_ms').optional(),
  offset_ms: range('offset_ms').optional(),
});

/** Display names as projectors give them in `?display=NAME`; the same rule as the /ws subscribe message. */
export const DISPLAY_NAME_PATTERN = /^[A-Za-z0-9 _.-]{1,64}$/;
export const MAX_DISPLAYS = 32;

export const sceneSchema = z.strictObject({
  all: sceneSettingsSchema,
  displays: z
    .record(z.string().regex(DISPLAY_NAME_PATTERN), displaySettingsSchema)
    .refine((d) => Object.keys(d).length <= MAX_DISPLAYS, `at most ${MAX_DISPLAYS} displays`),
  control_source: z.enum(CONTROL_SOURCES),
});

/** What one display renders: the `all` layer with that display's overrides on top. */
export interface ResolvedDisplay extends SceneSettings {
  latency_ms: Milliseconds;
  offset_ms: Milliseconds;
}

export function resolveDisplay(scene: Scene, display: string | null): ResolvedDisplay {
  const own = display === null ? undefined : scene.displays[display];
  const merged: ResolvedDisplay = { ...scene.all, latency_ms: 0, offset_ms: 0 };
  if (own === undefined) return merged;
  const defined = Object.fromEntries(Object.entries(own).filter(([, value]) => value !== undefined)) as DisplaySettings;
  return { ...merged, ...defined };
}
