import type { SlowState } from '../../core/state/slow-state.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Parses a published SlowState v1 once per hop for every target. Checks the shape the profiles rely on
 * (version, features, optional blocks are objects/arrays); the engine produces it, so this guards, not repairs.
 */
export function parseSlowState(json: string): SlowState {
  const value: unknown = JSON.parse(json);
  if (!isObject(value) || value.v !== 1) throw new Error(`SlowState must be an object with v: 1, got ${json.slice(0, 80)}`);
  if (typeof value.hop !== 'number' || typeof value.wall !== 'number') throw new Error('SlowState needs numeric hop and wall');
  if (!isObject(value.features) || !Array.isArray(value.features.bands)) throw new Error('SlowState.features must be an object with bands[]');
  if (value.beat !== undefined && !isObject(value.beat)) throw new Error('SlowState.beat must be an object when present');
  if (value.structure !== undefined && !(isObject(value.structure) && Array.isArray(value.structure.hazard) && Array.isArray(value.structure.section_probs))) {
    throw new Error('SlowState.structure must have hazard[] and section_probs[] when present');
  }
  if (value.control !== undefined && !Array.isArray(value.control)) throw new Error('SlowState.control must be an array when present');
  if (value.c !== undefined && !(Array.isArray(value.c) && value.c.length === 2)) throw new Error('SlowState.c must be [re, im] when present');
  return value as unknown as SlowState;
}
