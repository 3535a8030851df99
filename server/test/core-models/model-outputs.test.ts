import { describe, expect, it } from 'vitest';
import { CONTRACT } from '../../src/core/contract/contract.js';
import { orbitStateFeatures, useOrbitPhase } from '../../src/core/models/controller-inputs.js';
import { beatFeatures } from '../../src/core/models/model-inputs.js';
import { controlFromOutput, structureFromLogits } from '../../src/core/models/model-outputs.js';

describe('structureFromLogits', () => {
  it('turns logits into probabilities that sum to 1, names the argmax section and maps hazards through a sigmoid', () => {
    const s = structureFromLogits(CONTRACT.sections, [0, 0, 1, 0, 3, 0, 0, 0], [0, -2, 2, 10, -10]);
    expect(s.section).toBe('chorus');
    expect(s.section_probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    // softmax: e^3 / (6 + e + e^3)
    expect(s.section_probs[4]).toBeCloseTo(Math.exp(3) / (6 + Math.E + Math.exp(3)), 6);
    expect(s.hazard[0]).toBeCloseTo(0.5, 6);
    expect(s.hazard[1]).toBeCloseTo(1 / (1 + Math.exp(2)), 6);
    expect(s.hazard[3]).toBeGreaterThan(0.9999);
  });

  it('rejects wrong lengths and non-finite logits, naming the tensor and the entry', () => {
    expect(() => structureFromLogits(CONTRACT.sections, [0, 1], [0, 0, 0, 0, 0])).toThrow(/section_logits must have 8 values, got 2/);
    expect(() => structureFromLogits(CONTRACT.sections, [0, 0, 0, 0, 0, 0, 0, 0], [0, 0, Number.NaN, 0, 0])).toThrow(/hazard_logits\[2\] must be a finite number, got NaN/);
    expect(() => structureFromLogits(['a'], [0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0])).toThrow(/8 section labels, got 1/);
  });
});

describe('controlFromOutput', () => {
  it('clamps every entry into its range', () => {
    const c = controlFromOutput(Float32Array.from([1.5, -0.2, 5, 0.5, 2, -1, 0, 1, 0.25]));
    expect(c.sTarget).toBeCloseTo(1, 6);
    expect(c.alpha).toBeCloseTo(0, 6);
    expect(c.omegaScale).toBeCloseTo(4, 6);
    expect(c.bandGates[0]).toBeCloseTo(0.5, 6);
    expect(c.bandGates[1]).toBeCloseTo(1, 6);
    expect(c.bandGates[2]).toBeCloseTo(0, 6);
  });

  it('rejects a wrong length', () => {
    expect(() => controlFromOutput([0, 1])).toThrow(/must have 9 entries/);
  });
});

describe('orbitStateFeatures', () => {
  it('gives cos θ, sin θ and s, and θ = 0, s = 0 before the first step', () => {
    const v = orbitStateFeatures({ s: 0.4, theta: Math.PI / 2 });
    expect(v[0]).toBeCloseTo(0, 6);
    expect(v[1]).toBeCloseTo(1, 6);
    expect(v[2]).toBeCloseTo(0.4, 6);
    const first = orbitStateFeatures(undefined);
    [1, 0, 0].forEach((want, i) => {
      expect(first[i]).toBeCloseTo(want, 9);
    });
    expect(() => orbitStateFeatures({ s: Number.NaN, theta: 0 })).toThrow(/orbit state must be finite, got s NaN/);
  });
});

describe('useOrbitPhase', () => {
  const beat = { bpm: 120, spb: 0.5, phase: 0.9, beat_in_bar: 2, beats_per_bar: 4, bar_phase: 0.475, beat_count: 41, bar_count: 11, conf: 0.8, downbeat_prob: 0.1 };

  it("gives the controller the orbit's phase and keeps the tracker's tempo, confidence and downbeat", () => {
    const out = new Float32Array(10);
    beatFeatures(beat, out.subarray(5));
    useOrbitPhase(out, 5, 40.25);
    expect(out[5]).toBeCloseTo(1, 6);
    expect(out[6]).toBeCloseTo(0, 6);
    expect(out[7]).toBeCloseTo(Math.log(0.5), 6);
    expect(out[8]).toBeCloseTo(0.8, 6);
    expect(out[9]).toBeCloseTo(0.1, 6);
    expect(Array.from(out.subarray(0, 5))).toEqual([0, 0, 0, 0, 0]);
  });

  it('leaves the zeros of a hop before the tracker runs, and names a bad beat position', () => {
    const none = useOrbitPhase(beatFeatures(undefined), 0, 12.3);
    expect(Array.from(none)).toEqual([0, 0, 0, 0, 0]);
    expect(() => useOrbitPhase(beatFeatures(beat), 0, Number.NaN)).toThrow(/orbit beat position must be finite, got NaN/);
  });
});
