import { describe, expect, it } from 'vitest';
import { CHORUS, cSeriesScore, pearson, VERSE } from '../../src/controller/visual-scores.js';
import type { Series } from '../../src/controller/visual-scores.js';

describe('pearson', () => {
  it('is 1 for a linear relation, -1 for an inverse one and NaN for a constant series', () => {
    expect(pearson([1, 2, 3, 4], [3, 5, 7, 9])).toBeCloseTo(1, 9);
    expect(pearson([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 9);
    expect(Number.isNaN(pearson([1, 1, 1], [1, 2, 3]))).toBe(true);
  });
});

describe('cSeriesScore', () => {
  // A fake metric: edge density = re, connected when im < 0.
  const metrics = (c: { re: number; im: number }): { brightness: number; edgeDensity: number; connected: boolean } => ({ brightness: -c.re, edgeDensity: c.re, connected: c.im < 0 });

  it('correlates energy with the frame metric, counts where c lies per section, and measures jerk', () => {
    const n = 40;
    const s: Series = { c: [], energy: [], onset: [], section: [] };
    for (let t = 0; t < n; t++) {
      const chorus = t >= 20;
      s.energy.push(chorus ? 1 : 0);
      s.onset.push(0);
      s.section.push(chorus ? CHORUS : VERSE);
      // In the chorus c is "outside" (im > 0) except at t = 30; c.re follows the energy.
      s.c.push([chorus ? 1 : 0, chorus && t !== 30 ? 1 : -1]);
    }
    const score = cSeriesScore([s], 1, metrics);
    expect(score.frames).toBe(n);
    expect(score.corrEnergyEdges).toBeCloseTo(1, 9);
    expect(score.corrEnergyBrightness).toBeCloseTo(-1, 9);
    expect(score.chorusOutside).toBeCloseTo(19 / 20, 9);
    expect(score.verseInside).toBeCloseTo(1, 9);
    // A one-hop blip of height -2 in im at t = 30 has third differences -2, 6, -6, 2; the step at t = 20 at most |(-2, -4)|.
    expect(score.jerkMax).toBeCloseTo(6, 9);
  });

  it('rejects a bad stride', () => {
    expect(() => cSeriesScore([], 0, metrics)).toThrow(/stride 0 is invalid/);
  });
});
