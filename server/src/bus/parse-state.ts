import type { SlowState } from '../core/state/slow-state.js';
import type { PublishedState } from './state-bus.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Parses a SlowState v1 JSON. Checks the shape the profiles rely on
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
  if (isObject(value.structure) && value.structure.boundary_in !== undefined && typeof value.structure.boundary_in !== 'number') {
    throw new Error('SlowState.structure.boundary_in must be a number of beats when present');
  }
  if (value.control !== undefined && !Array.isArray(value.control)) throw new Error('SlowState.control must be an array when present');
  if (value.c !== undefined && !(Array.isArray(value.c) && value.c.length === 2)) throw new Error('SlowState.c must be [re, im] when present');
  if (value.orbit_beats !== undefined && !(typeof value.orbit_beats === 'number' && Number.isFinite(value.orbit_beats))) {
    throw new Error('SlowState.orbit_beats must be a finite number of beats when present');
  }
  return value as unknown as SlowState;
}

const parsed = new WeakMap<PublishedState, SlowState>();

/**
 * The parsed form of a published state, parsed once however many outputs on the main thread read it (OSC
 * targets, the MIDI clock): states travel as JSON, and every listener needs the same object.
 */
export function stateOf(published: PublishedState): SlowState {
  let state = parsed.get(published);
  if (state === undefined) {
    state = parseSlowState(published.json);
    parsed.set(published, state);
  }
  return state;
}
