import { describe, expect, it } from 'vitest';
import { CONTEXT_GROUPS, CONTEXT_SIZE, PROFILE_NAMES, StructureContext, hopProfile } from '../../src/core/models/structure-context.js';
import { CHANGE_PHRASES, CHANGE_SIZE } from '../../src/core/models/section-change.js';
import type { BeatState, FeatureState } from '../../src/core/state/slow-state.js';
import { steadyBeat } from '../support/steady-beat.js';

const HOP = 1024 / 48000;
const P = PROFILE_NAMES.length;
const PHRASE_OFFSET = CONTEXT_GROUPS.length * P;
const CHANGE_OFFSET = CONTEXT_SIZE - CHANGE_SIZE;

function features(level: number): FeatureState {
  return { rms: level, centroid: 1000 + 2000 * level, flux: level / 10, zcr: 0.05, onset: 5 * level, rolloff: 3000, bands: [1, 0.5, 0.2, 0.1, 0.05, 0.01].map((b) => b * level * level) };
}

/** A 120 BPM 4/4 tracker state for hop `i` (2 beats per second). */
const beat = (i: number): BeatState => steadyBeat((i * HOP) / 0.5, 0.5);

function run(context: StructureContext, levels: (i: number) => number, hops: number): Float32Array {
  for (let i = 0; i < hops; i++) context.push(features(levels(i)), beat(i));
  return context.vector();
}

describe('StructureContext', () => {
  it('gives the same vector after reset and the same input, and a different one without reset', () => {
    const context = new StructureContext(HOP);
    const level = (i: number): number => 0.05 + 0.04 * Math.sin(i / 30);
    const first = run(context, level, 400);
    const continued = run(context, level, 400);
    context.reset();
    const again = run(context, level, 400);
    expect(first.length).toBe(CONTEXT_SIZE);
    for (let k = 0; k < CONTEXT_SIZE; k++) expect(Math.abs((again[k] ?? NaN) - (first[k] ?? NaN))).toBeLessThan(1e-6);
    const differs = first.some((v, k) => Math.abs(v - (continued[k] ?? v)) > 1e-3);
    expect(differs).toBe(true);
  });

  it('places the phrase position from bar_count and bar_phase: the start of bar 3 is half-way through a 4-bar phrase', () => {
    const context = new StructureContext(HOP);
    const hops = Math.round((8 * 0.5) / HOP); // 8 beats: bar 3 begins
    let i = 0;
    for (; i < hops; i++) context.push(features(0.1), beat(i));
    const state = beat(i - 1);
    const position = ((state.bar_count - 1) % 4 + state.bar_phase) / 4;
    const v = context.vector();
    expect(v[PHRASE_OFFSET]).toBeCloseTo(Math.sin(2 * Math.PI * position), 5);
    expect(v[PHRASE_OFFSET + 1]).toBeCloseTo(Math.cos(2 * Math.PI * position), 5);
    expect(position).toBeGreaterThan(0.45);
    expect(position).toBeLessThan(0.55);
  });

  it('sees a loud section after a quiet one: positive "last bar minus song" level and a detected change 2-3 bars back', () => {
    const context = new StructureContext(HOP);
    const barHops = (4 * 0.5) / HOP;
    const changeHop = Math.round(12 * barHops);
    // 12 quiet bars with a little bar-to-bar variation, then 2.5 loud bars (the change shows once 8 beats follow it).
    const v = run(context, (i) => (i < changeHop ? 0.02 * (1 + 0.05 * Math.sin(i / barHops)) : 0.3), Math.round(14.5 * barHops));
    expect(v[2 * P]).toBeGreaterThan(0.2);
    const barsSince = (v[CHANGE_OFFSET + 2 * CHANGE_PHRASES.length] ?? NaN) * 16;
    expect(barsSince).toBeGreaterThan(2.2);
    expect(barsSince).toBeLessThan(2.8);
  });

  it('rejects a bad hop length, a wrong band count and a wrong output size, naming the value', () => {
    expect(() => new StructureContext(0)).toThrow(/hop length > 0 seconds, got 0/);
    expect(() => hopProfile({ ...features(0.1), bands: [1, 2, 3] })).toThrow(/6 band energies, got 3/);
    expect(() => new StructureContext(HOP).vector(new Float32Array(3))).toThrow(new RegExp(`needs ${CONTEXT_SIZE} values, got 3`));
  });
});
