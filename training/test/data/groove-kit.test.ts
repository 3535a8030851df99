import { describe, expect, it } from 'vitest';
import { GrooveKit, resample } from '../../src/data/groove-kit.js';
import { drawTimbre } from '../../src/data/timbre.js';

describe('GrooveKit', () => {
  it('resamples a one-shot: rate 2 halves it and keeps sample 0 in place', () => {
    const input = Float32Array.from([1, 0.5, 0, -0.5, -1, -0.5, 0]);
    const out = resample(input, 2);
    expect(out).toHaveLength(4);
    [1, 0, -1, 0].forEach((v, i) => {
      expect(out[i]).toBeCloseTo(v, 9);
    });
    expect(resample(input, 0.5)[1]).toBeCloseTo(0.75, 9);
    expect(() => resample(input, 0)).toThrow(/resample rate 0 is invalid/);
  });

  it('retunes the kick by the seed and starts every one-shot at once', () => {
    const timbre = drawTimbre(5);
    const kit = new GrooveKit(48000, 5, timbre);
    const kick = kit.buffer('kick', 0);
    expect(kick.length).toBe(Math.floor((Math.round(0.4 * 48000) - 1) / timbre.kickRate) + 1);
    for (const sound of ['kick', 'snare', 'clap', 'closedHat'] as const) {
      const b = kit.buffer(sound, 1);
      let early = 0;
      for (let i = 0; i < 48; i++) early = Math.max(early, Math.abs(b[i] ?? 0));
      expect(early, sound).toBeGreaterThan(0.05);
    }
    expect(kit.buffer('closedHat', 3)).toBe(kit.buffer('closedHat', 3));
  });
});
