import { describe, expect, it } from 'vitest';
import { fMeasure, fMeasureDetail, matchEvents } from '../../src/eval/beat-metrics.js';
import { grid, seededUniform } from './beat-grid.js';

// 40 annotated beats at 120 BPM from 5 s (the trimmed region).
const A = grid(5, 0.5, 40);

/** Maximum bipartite matching by augmenting paths (Kuhn), the reference the two-pointer sweep must equal. */
function kuhnMatches(detections: number[], annotations: number[], window: number): number {
  const owner = new Array<number>(detections.length).fill(-1);
  const augment = (i: number, seen: Set<number>): boolean => {
    for (let j = 0; j < detections.length; j++) {
      if (seen.has(j) || Math.abs((detections[j] ?? 0) - (annotations[i] ?? 0)) > window) continue;
      seen.add(j);
      const k = owner[j] ?? -1;
      if (k < 0 || augment(k, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  return annotations.filter((_, i) => augment(i, new Set())).length;
}

describe('fMeasure', () => {
  it('is 1 for a perfect sequence and for one 50 ms late, 0 for one 80 ms late (outside ±70 ms)', () => {
    expect(fMeasure(A, A)).toBeCloseTo(1, 12);
    expect(fMeasure(A.map((t) => t + 0.05), A)).toBeCloseTo(1, 12);
    expect(fMeasure(A.map((t) => t - 0.05), A)).toBeCloseTo(1, 12);
    expect(fMeasure(A.map((t) => t + 0.08), A)).toBe(0);
  });

  it('counts a detection exactly one window away (floating point would put 1.07 - 1 just outside)', () => {
    expect(fMeasureDetail([1.07], [1]).matches).toBe(1);
    expect(fMeasureDetail([1.0701], [1]).matches).toBe(0);
  });

  it('takes the window option', () => {
    expect(fMeasure(A.map((t) => t + 0.08), A, { window: 0.1 })).toBeCloseTo(1, 12);
  });

  it('missing beats: 36 of 40 found gives P = 1, R = 0.9, F = 1.8 / 1.9', () => {
    const found = A.filter((_, i) => ![3, 10, 20, 33].includes(i));
    const r = fMeasureDetail(found, A);
    expect(r.precision).toBeCloseTo(1, 12);
    expect(r.recall).toBeCloseTo(0.9, 12);
    expect(r.fMeasure).toBeCloseTo(1.8 / 1.9, 12);
  });

  it('extra beats: 10 off-beats added to 40 correct gives P = 0.8, R = 1, F = 1.6 / 1.8', () => {
    const extra = [...A, ...A.slice(0, 10).map((t) => t + 0.25)].sort((a, b) => a - b);
    expect(fMeasure(extra, A)).toBeCloseTo(1.6 / 1.8, 12);
  });

  it('double tempo gives F = 80/119 and half tempo F = 2/3', () => {
    const double = grid(5, 0.25, 79);
    expect(fMeasure(double, A)).toBeCloseTo(80 / 119, 12);
    expect(fMeasure(A.filter((_, i) => i % 2 === 0), A)).toBeCloseTo(2 / 3, 12);
  });

  it('is 0 with no detections, no annotations, or neither (as mir_eval)', () => {
    expect(fMeasure([], A)).toBe(0);
    expect(fMeasure(A, [])).toBe(0);
    expect(fMeasure([], [])).toBe(0);
  });

  it('matches one-to-one: two detections near one annotation count once', () => {
    const r = fMeasureDetail([10.03, 10.06], [10, 10.5]);
    expect(r.matches).toBe(1);
    expect(r.fMeasure).toBeCloseTo(0.5, 12);
  });

  it('finds the maximum matching where nearest-annotation matching would lose a pair', () => {
    // 1.065 is nearest to 1.10, but pairing it with 1.00 lets 1.15 take 1.10: two pairs, not one.
    expect(matchEvents([1.065, 1.15], [1.0, 1.1])).toEqual([
      { annotation: 0, detection: 0 },
      { annotation: 1, detection: 1 },
    ]);
  });

  it('finds as many pairs as an exhaustive maximum matching on 300 random dense cases', () => {
    const rand = seededUniform(7);
    const sortedTimes = (n: number): number[] => [...new Set(Array.from({ length: n }, () => Math.round(rand() * 2000) / 1000))].sort((a, b) => a - b);
    for (let c = 0; c < 300; c++) {
      const detections = sortedTimes(1 + Math.floor(rand() * 12));
      const annotations = sortedTimes(1 + Math.floor(rand() * 12));
      const window = 0.02 + rand() * 0.2;
      expect(matchEvents(detections, annotations, { window }).length).toBe(kuhnMatches(detections, annotations, window));
    }
  });

  it('rejects bad input, naming the list, index and value', () => {
    expect(() => fMeasure([1, Number.NaN], A)).toThrow(/detections\[1\] is NaN/);
    expect(() => fMeasure([1, Number.POSITIVE_INFINITY], A)).toThrow(/detections\[1\] is Infinity/);
    expect(() => fMeasure(A, [2, 1])).toThrow(/annotations\[1\] is 1 after annotations\[0\] = 2; beat times must be strictly increasing/);
    expect(() => fMeasure([1, 1], A)).toThrow(/strictly increasing/);
    expect(() => fMeasure([-0.5], A)).toThrow(/detections\[0\] is -0.5; beat times must be >= 0/);
    expect(() => fMeasure(A, A, { window: 0 })).toThrow(/window is 0; it must be a finite number > 0/);
    expect(() => fMeasure(A, A, { window: Number.NaN })).toThrow(/window is NaN/);
  });
});
