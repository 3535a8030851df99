import { describe, expect, it } from 'vitest';
import { BeatContrast } from '../../src/core/beat/beat-contrast.js';

/** Feeds `hops` hops of a beat of `period` hops, the activation given by `activation(phase, hop)`. */
function feed(contrast: BeatContrast, hops: number, period: number, activation: (phase: number, hop: number) => number): void {
  for (let hop = 0; hop < hops; hop++) {
    const phase = (hop % period) / period;
    contrast.add(activation(phase, hop), phase);
  }
}

/** A seeded uniform generator in [0, 1). */
function uniform(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

describe('beat contrast (do the onsets stand out on the believed beat?)', () => {
  it('is high for a pulse on the beat, eighth notes included, and gives full trust', () => {
    const contrast = new BeatContrast();
    // Kick on the beat, a hat on the half-beat (left out of both windows), quiet elsewhere.
    // The on-beat window (±0.08 of a 26-hop beat) spans five hops, one of them the kick: 0.22 against 0.05.
    feed(contrast, 400, 26, (phase) => (phase === 0 ? 0.9 : Math.abs(phase - 0.5) < 0.03 ? 0.6 : 0.05));
    expect(contrast.contrast).toBeGreaterThan(0.6);
    expect(contrast.gate).toBe(1);
  });

  it('is near zero for onsets that fall anywhere (crowd and pads), and mostly gives only the floor', () => {
    const contrast = new BeatContrast();
    const random = uniform(11);
    const noise = (): number => (random() > 0.8 ? 0.3 + 0.5 * random() : 0.05 + 0.2 * random());
    feed(contrast, 200, 26, noise);
    // A few seconds of averages fluctuate with the noise; over a minute they centre on zero.
    const seen: { contrast: number; gate: number }[] = [];
    for (let hop = 0; hop < 3000; hop++) {
      const phase = (hop % 26) / 26;
      contrast.add(noise(), phase);
      seen.push({ contrast: contrast.contrast, gate: contrast.gate });
    }
    expect(Math.abs(seen.reduce((sum, s) => sum + s.contrast, 0) / seen.length)).toBeLessThan(0.03);
    const floor = BeatContrast.getDefaults().floor;
    expect(seen.filter((s) => s.gate === floor).length / seen.length).toBeGreaterThan(0.6);
    expect(seen.filter((s) => s.gate === 1).length / seen.length).toBeLessThan(0.05);
  });

  it('forgets within a few seconds: a groove that turns to noise loses its trust, and the groove wins it back', () => {
    const contrast = new BeatContrast();
    const random = uniform(5);
    const groove = (phase: number): number => (phase === 0 ? 0.9 : 0.05);
    feed(contrast, 400, 26, groove);
    feed(contrast, 4 * 47, 26, () => 0.05 + 0.6 * random());
    expect(contrast.gate).toBeLessThan(0.5);
    feed(contrast, 2 * 47, 26, groove);
    expect(contrast.gate).toBe(1);
  });

  it('rises linearly from the floor at `low` to 1 at `high`', () => {
    const contrast = new BeatContrast({ low: 0.1, high: 0.3, floor: 0 });
    // On-beat 0.6, off-beat 0.4: contrast 0.2, halfway.
    feed(contrast, 600, 50, (phase) => (Math.min(phase, 1 - phase) < 0.08 ? 0.6 : 0.4));
    expect(contrast.contrast).toBeCloseTo(0.2, 6);
    expect(contrast.gate).toBeCloseTo(0.5, 6);
    contrast.reset();
    expect(contrast.contrast).toBe(0);
  });

  it('names settings that cannot work', () => {
    expect(() => new BeatContrast({ onWidth: 0.2 })).toThrow(/windows onWidth 0.2, offCentre 0.25 ± 0.12 must not overlap/);
    expect(() => new BeatContrast({ low: 0.3, high: 0.2 })).toThrow(/high 0.2 must be above low 0.3/);
    expect(() => new BeatContrast({ floor: 2 })).toThrow(/floor 2 must be in \[0, 1\]/);
    expect(() => new BeatContrast({ hops: 0 })).toThrow(/hops 0 must be at least 1/);
  });
});
