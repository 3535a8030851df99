import { describe, expect, it } from 'vitest';
import { CONTRACT } from '../../src/core/contract/contract.js';
import { featureLayout } from '../../src/core/features/layout.js';
import { AudioFeatureWindow, BASE_FEATURE_SCALES, beatFeatures, sigmoid, softmax, structureFeatures } from '../../src/core/models/model-inputs.js';

const layout = featureLayout(CONTRACT, 80);

function row(rms: number, centroid: number): Float32Array {
  const r = new Float32Array(layout.rowLength);
  r[layout.indexOf('rms')] = rms;
  r[layout.indexOf('centroid')] = centroid;
  return r;
}

describe('model inputs', () => {
  it('scales base features to comparable ranges: dB for level, octaves for frequency', () => {
    expect(BASE_FEATURE_SCALES.rms(1)).toBeCloseTo(1, 5);
    expect(BASE_FEATURE_SCALES.rms(10 ** (-30 / 20))).toBeCloseTo(0, 4);
    expect(BASE_FEATURE_SCALES.centroid(4000)).toBeCloseTo(1, 6);
    expect(BASE_FEATURE_SCALES.centroid(500)).toBeCloseTo(0, 6);
    expect(Number.isFinite(BASE_FEATURE_SCALES.rms(0))).toBe(true);
  });

  it('keeps the last window_frames hops, oldest first, and sizes the vector by the delta order', () => {
    const window = new AudioFeatureWindow(CONTRACT, layout);
    const frames = CONTRACT.features.window_frames;
    expect(window.size).toBe(frames * 6);
    for (let h = 1; h <= frames + 2; h++) window.push(row(0.1, 250 * 2 ** h));
    const v = window.vector();
    const c = layout.indexOf('centroid');
    // Oldest kept frame is hop 3 (frames + 2 pushed): centroid 250·2^3 = 2000 Hz -> log2(4)/3.
    expect(v[c]).toBeCloseTo(2 / 3, 5);
    expect(v[(frames - 1) * 6 + c]).toBeCloseTo(Math.log2((250 * 2 ** (frames + 2)) / 500) / 3, 5);
    const deltas = new AudioFeatureWindow(CONTRACT, layout, 'delta-delta');
    expect(deltas.size).toBe(frames * 18);
    for (let h = 1; h <= frames; h++) deltas.push(row(0.1, 250 * 2 ** h));
    const d = deltas.vector();
    // Each hop doubles the centroid: a delta of one third of an octave-unit, a second difference of zero.
    expect(d[(frames - 1) * 18 + 6 + c]).toBeCloseTo(1 / 3, 5);
    expect(d[(frames - 1) * 18 + 12 + c]).toBeCloseTo(0, 5);
  });

  it('builds contract v1 beat and structure features', () => {
    const beat = { bpm: 120, spb: 0.5, phase: 0.25, beat_in_bar: 1, beats_per_bar: 4, bar_phase: 0.06, beat_count: 9, bar_count: 2, conf: 0.8, downbeat_prob: 0.3 };
    const f = beatFeatures(beat);
    expect(f[0]).toBeCloseTo(1, 6);
    expect(f[1]).toBeCloseTo(0, 6);
    expect(f[2]).toBeCloseTo(Math.log(0.5), 6);
    expect(Array.from(beatFeatures(undefined))).toEqual([0, 0, 0, 0, 0]);
    expect(structureFeatures([1, 0, 0, 0, 0, 0, 0, 0], [0.1, 0.2, 0.3, 0.4, 0.5]).length).toBe(13);
    expect(() => structureFeatures([1], [0])).toThrow(/8 section probabilities and 5 hazards, got 1 and 1/);
  });

  it('softmax sums to one and survives large logits; sigmoid is symmetric', () => {
    const p = softmax([1000, 1000, 0]);
    expect(p[0]).toBeCloseTo(0.5, 6);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(3) + sigmoid(-3)).toBeCloseTo(1, 12);
  });
});
