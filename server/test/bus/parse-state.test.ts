import { describe, expect, it } from 'vitest';
import { parseSlowState, stateOf } from '../../src/bus/parse-state.js';
import type { PublishedState } from '../../src/bus/state-bus.js';

const json = JSON.stringify({ v: 1, hop: 3, t: 0.064, wall: 10, features: { rms: 0.1, bands: [0, 0, 0, 0, 0, 0] } });

describe('published states are parsed once', () => {
  it('gives every reader of one published state the same parsed object', () => {
    const published: PublishedState = { hop: 3, t: 0.064, wall: 10, json };
    const first = stateOf(published);
    expect(stateOf(published)).toBe(first);
    expect(first.hop).toBe(3);
    expect(stateOf({ ...published })).not.toBe(first);
  });

  it('names what is wrong with a malformed state', () => {
    expect(() => parseSlowState('{"v":2}')).toThrow(/SlowState must be an object with v: 1/);
    expect(() => parseSlowState('{"v":1,"hop":1,"wall":0}')).toThrow(/features must be an object with bands/);
    const base = '"v":1,"hop":1,"wall":0,"features":{"bands":[]}';
    expect(() => parseSlowState(`{${base},"c":[1]}`)).toThrow(/SlowState.c must be \[re, im\]/);
    expect(() => parseSlowState(`{${base},"orbit_beats":"3"}`)).toThrow(/SlowState.orbit_beats must be a finite number of beats/);
    expect(parseSlowState(`{${base},"orbit_beats":12.5}`).orbit_beats).toBe(12.5);
  });
});
