import { describe, expect, it } from 'vitest';
import type { FeatureState } from '../../src/core/state/slow-state.js';
import { CONTROL_RANGES, controlToArray, type ControlVector } from '../../src/core/visual/control-vector.js';
import { ManualMapping } from '../../src/core/visual/manual-mapping.js';

const HOP = 1024 / 48000;
const beat = (conf: number) => ({ bpm: 120, spb: 0.5, phase: 0, beat_in_bar: 1, beats_per_bar: 4, bar_phase: 0, beat_count: 0, bar_count: 0, conf, downbeat_prob: 0 });

function features(rms: number, bands: number[], onset = 2, centroid = 600): FeatureState {
  return { rms, centroid, flux: 0.1, zcr: 0.05, onset, rolloff: 3000, bands };
}

/** Runs `seconds` of hops; `at(hop)` gives each hop's features. Returns every control vector. */
function run(seconds: number, at: (hop: number) => FeatureState, conf = 0.8, hazard?: number[]): ControlVector[] {
  const mapping = new ManualMapping();
  const out: ControlVector[] = [];
  const structure = hazard === undefined ? undefined : { section: 'verse', section_probs: [0, 0, 1, 0, 0, 0, 0, 0], hazard };
  for (let hop = 0; hop * HOP < seconds; hop++) out.push(mapping.process(at(hop), beat(conf), structure, HOP));
  return out;
}

const STEADY = [1e-3, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7];

describe('ManualMapping', () => {
  it('opens a band gate on a hit in that band and lets it fall between hits', () => {
    // A kick every 24 hops (about 0.5 s) in band 0 only, 30 dB over its floor, lasting 4 hops (85 ms).
    const out = run(6, (hop) => features(0.05, [hop % 24 < 4 ? 1e-2 : 1e-5, ...STEADY.slice(1)]));
    const late = out.slice(-48);
    const onHit = late.filter((_, i) => (out.length - 48 + i) % 24 === 3).map((c) => c.bandGates[0] ?? 0);
    const between = late.filter((_, i) => (out.length - 48 + i) % 24 === 18).map((c) => c.bandGates[0] ?? 0);
    for (const g of onHit) expect(g).toBeGreaterThan(0.9);
    for (const g of between) expect(g).toBeLessThan(0.2);
    // A band whose level never changes sits at its own peak: fully open, but it does not move.
    const steadyGate = late.map((c) => c.bandGates[3] ?? 0);
    expect(Math.max(...steadyGate) - Math.min(...steadyGate)).toBeLessThan(1e-9);
  });

  it('closes the gate of a silent band', () => {
    const out = run(2, () => features(0.05, [1e-3, 0, 1e-4, 1e-5, 1e-6, 1e-7]));
    expect(out.at(-1)?.bandGates[1]).toBe(0);
  });

  it('widens the orbit for louder music and speeds it up for brighter music', () => {
    const quiet = run(8, () => features(0.005, STEADY)).at(-1);
    const loud = run(8, () => features(0.2, STEADY)).at(-1);
    const bright = run(8, () => features(0.005, STEADY, 2, 5000)).at(-1);
    expect((loud?.sTarget ?? 0) - (quiet?.sTarget ?? 0)).toBeGreaterThan(0.3);
    expect((loud?.omegaScale ?? 0) - (quiet?.omegaScale ?? 0)).toBeGreaterThan(0.3);
    expect((bright?.omegaScale ?? 0) - (quiet?.omegaScale ?? 0)).toBeGreaterThan(0.2);
  });

  it('slows the orbit when the beat is uncertain and builds when a section change nears', () => {
    const sure = run(4, () => features(0.05, STEADY), 1).at(-1);
    const unsure = run(4, () => features(0.05, STEADY), 0).at(-1);
    expect((unsure?.omegaScale ?? 0) / (sure?.omegaScale ?? 1)).toBeCloseTo(0.5, 6);
    const calm = run(4, () => features(0.05, STEADY), 1, [0, 0, 0, 0, 0]).at(-1);
    const building = run(4, () => features(0.05, STEADY), 1, [0.9, 0.9, 0.9, 0.9, 0.9]).at(-1);
    expect((building?.sTarget ?? 0) - (calm?.sTarget ?? 0)).toBeCloseTo(0.2 * 0.9, 6);
    expect((building?.omegaScale ?? 0) / (calm?.omegaScale ?? 1)).toBeCloseTo(1.9, 6);
  });

  it('stays inside the contract ranges for any input', () => {
    const out = run(10, (hop) => {
      const x = Math.abs(Math.sin(hop * 12.9898) * 43758.5453) % 1;
      return features(x, STEADY.map((b, k) => b * 10 ** (4 * x - 2 + k * 0.1)), 40 * x, 50 + 15000 * x);
    }, 1, [1, 1, 1, 1, 1]);
    for (const c of out) {
      expect(c.sTarget).toBeGreaterThanOrEqual(CONTROL_RANGES.s_target[0]);
      expect(c.sTarget).toBeLessThanOrEqual(CONTROL_RANGES.s_target[1]);
      expect(c.alpha).toBeGreaterThanOrEqual(0);
      expect(c.alpha).toBeLessThanOrEqual(1);
      expect(c.omegaScale).toBeGreaterThanOrEqual(0);
      expect(c.omegaScale).toBeLessThanOrEqual(CONTROL_RANGES.omega_scale[1]);
      for (const g of c.bandGates) expect(g >= 0 && g <= 1).toBe(true);
    }
  });

  it('starts afresh on reset', () => {
    const mapping = new ManualMapping();
    const first = mapping.process(features(0.05, STEADY), beat(0.5), undefined, HOP);
    for (let i = 0; i < 100; i++) mapping.process(features(0.3, STEADY.map((b) => b * 50)), beat(0.5), undefined, HOP);
    mapping.reset();
    const again = controlToArray(mapping.process(features(0.05, STEADY), beat(0.5), undefined, HOP));
    controlToArray(first).forEach((x, i) => {
      expect(again[i]).toBeCloseTo(x, 12);
    });
  });

  it('names a bad dt or band count', () => {
    const mapping = new ManualMapping();
    expect(() => mapping.process(features(0.05, STEADY), undefined, undefined, 0)).toThrow(/dt > 0 seconds, got 0/);
    expect(() => mapping.process(features(0.05, [1, 2]), undefined, undefined, HOP)).toThrow(/needs 6 band energies, got 2/);
  });
});
