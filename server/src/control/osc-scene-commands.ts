import { CONTROL_SOURCES, LOOKS, SCENE_LIMITS, type SceneSettings } from '../core/scene/scene.js';
import { PALETTE_NAMES } from '../core/visual/palettes.js';
import { oneNumber, oneString, trigger, TRIGGER, type CommandRequest, type OscMapping, type OscMessage } from './osc-args.js';

/**
 * Scene controls over OSC, for the `all` layer (per-display settings are the surface's and REST's). Values are
 * range-checked by the command handler, which names the limit; here only the argument count and type.
 */
const set = (fields: Record<string, unknown>): CommandRequest => ({ type: 'scene', set: fields });

/** A choice by name ('s') or by its index in the list ('i'), so number-only controllers can pick too. */
function choice(field: 'look' | 'palette', names: readonly string[]): OscMapping {
  return {
    address: `/fs/cmd/${field}`, typeTag: 's', range: [{ vals: names }],
    expects: `one string (${names.join(', ')}) or its index from 0 to ${names.length - 1}`,
    description: `The ${field} of all displays`,
    map: (m: OscMessage) => {
      const index = oneNumber(m);
      const name = index === undefined ? oneString(m) : Number.isInteger(index) ? names[index] : undefined;
      // An unknown name still goes to the handler, whose error lists the allowed ones.
      return name === undefined ? undefined : set({ [field]: name });
    },
  };
}

function level(field: 'intensity' | 'zoom' | 'speed', description: string): OscMapping {
  const [min, max] = SCENE_LIMITS[field];
  return {
    address: `/fs/cmd/${field}`, typeTag: 'f', range: [{ min, max }], expects: `one number from ${min} to ${max}`, description,
    map: (m) => {
      const value = oneNumber(m);
      return value === undefined || Number.isNaN(value) ? undefined : set({ [field]: value });
    },
  };
}

function toggle(field: keyof Pick<SceneSettings, 'strobe' | 'blackout' | 'freeze'>, description: string): OscMapping {
  return {
    address: `/fs/cmd/${field}`, typeTag: 'i', range: [{ vals: [0, 1] }], expects: 'one number: 1 on, 0 off', description,
    map: (m) => {
      const on = oneNumber(m);
      return on === 0 || on === 1 ? set({ [field]: on === 1 }) : undefined;
    },
  };
}

export const SCENE_MAPPINGS: readonly OscMapping[] = [
  choice('look', LOOKS),
  choice('palette', PALETTE_NAMES),
  level('intensity', 'Brightness of all displays'),
  level('zoom', 'Zoom of all displays'),
  level('speed', 'Speed of motion on all displays'),
  toggle('strobe', 'Flash on every beat (1) or not (0)'),
  toggle('blackout', 'Black screens (1) or picture (0)'),
  toggle('freeze', 'Hold the current frame (1) or run (0)'),
  {
    address: '/fs/cmd/control_source', typeTag: 's', range: [{ vals: CONTROL_SOURCES }], expects: `one string: ${CONTROL_SOURCES.join(' or ')}`,
    description: 'Where the control vector comes from: the model (auto) or the hand-written mapping (manual)',
    map: (m) => {
      const value = oneString(m);
      return value === undefined ? undefined : { type: 'control_source', value };
    },
  },
  { address: '/fs/cmd/scene_reset', typeTag: 'N', range: [], expects: TRIGGER, description: 'All displays back to the default look (projector lag kept)', map: trigger({ type: 'scene_reset' }) },
];
