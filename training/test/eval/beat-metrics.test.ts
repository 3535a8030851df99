import { describe, expect, it } from 'vitest';
import { downbeatFMeasure, downbeatTimes, fMeasure, trim, type PositionedBeat } from '../../src/eval/beat-metrics.js';
import { grid } from './beat-grid.js';

/** 4/4 at 120 BPM from 0 s: position 1 every 2 s. */
function fourFour(n: number, shift = 0): PositionedBeat[] {
  return grid(0, 0.5, n).map((time, k) => ({ time, position: ((k + shift) % 4) + 1 }));
}

describe('trim', () => {
  it('drops times before 5 s and keeps 5 s itself (as mir_eval.beat.trim_beats)', () => {
    expect(trim([1, 4.999, 5, 5.5, 30])).toEqual([5, 5.5, 30]);
    expect(trim([1, 2, 3], 2)).toEqual([2, 3]);
    expect(trim([])).toEqual([]);
  });

  it('trims detections and annotations alike, so wrong beats in the first 5 s do not count', () => {
    const truth = grid(0, 0.5, 40);
    const detections = [...grid(0.2, 0.5, 10), ...truth.filter((t) => t >= 5)];
    expect(fMeasure(trim(detections), trim(truth))).toBeCloseTo(1, 12);
    expect(fMeasure(detections, truth)).toBeLessThan(1);
  });

  it('rejects bad seconds and bad times', () => {
    expect(() => trim([1], -1)).toThrow(/trim seconds is -1/);
    expect(() => trim([1], Number.NaN)).toThrow(/trim seconds is NaN/);
    expect(() => trim([2, 1])).toThrow(/times\[1\] is 1 after times\[0\] = 2/);
  });
});

describe('downbeatFMeasure', () => {
  const truth = fourFour(40);

  it('is 1 when downbeats are right, and 0 when every bar is one beat off while beat F stays 1', () => {
    expect(downbeatFMeasure(truth, truth)).toBeCloseTo(1, 12);
    const shifted = fourFour(40, 1);
    expect(downbeatFMeasure(shifted, truth)).toBe(0);
    expect(fMeasure(trim(shifted.map((b) => b.time)), trim(truth.map((b) => b.time)))).toBeCloseTo(1, 12);
  });

  it('matches downbeats within ±70 ms and trims the first 5 s', () => {
    // Trimmed truth has downbeats at 6, 8, ..., 18 (7); detections 50 ms late at 6..18 plus wrong ones before 5 s.
    const detections: PositionedBeat[] = [
      { time: 1, position: 1 },
      { time: 3.3, position: 1 },
      ...grid(6.05, 2, 7).map((time) => ({ time, position: 1 })),
    ];
    expect(downbeatFMeasure(detections, truth)).toBeCloseTo(1, 12);
    expect(downbeatFMeasure(detections, truth, { trimSeconds: 0 })).toBeCloseTo((2 * 7) / (9 + 10), 12);
  });

  it('half the downbeats found: P = 1, R = 0.5, F = 2/3', () => {
    const detections = downbeatTimes(truth).filter((t) => t >= 5).filter((_, i) => i % 2 === 0);
    // 7 trimmed downbeats (6..18): 4 found -> P 1, R 4/7.
    const f = downbeatFMeasure(detections.map((time) => ({ time, position: 1 })), truth);
    expect(f).toBeCloseTo((2 * (4 / 7)) / (1 + 4 / 7), 12);
  });

  it('rejects positions that are not integers >= 1', () => {
    expect(() => downbeatFMeasure([{ time: 1, position: 0 }], truth)).toThrow(/detections\[0\]\.position is 0; positions are integers >= 1/);
    expect(() => downbeatFMeasure(truth, [{ time: 1, position: 1.5 }])).toThrow(/annotations\[0\]\.position is 1.5/);
    expect(() => downbeatFMeasure([{ time: Number.NaN, position: 1 }], truth)).toThrow(/detections times\[0\] is NaN/);
  });
});
