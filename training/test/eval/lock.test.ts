import { describe, expect, it } from 'vitest';
import { lockedRunStarts, lockOnTime, relockBars } from '../../src/eval/beat-metrics.js';
import { grid } from './beat-grid.js';

// 40 beats at 120 BPM from 0 s; a 4/4 bar lasts 2 s.
const A = grid(0, 0.5, 40);

describe('lockOnTime', () => {
  it('is the first beat for a perfect tracker, and the detection time (not the annotation) when 50 ms late', () => {
    expect(lockOnTime(A, A)).toBe(0);
    expect(lockOnTime(A.map((t) => t + 0.05), A)).toBeCloseTo(0.05, 12);
  });

  it('is the time of the first tracked beat for a tracker that starts late, untrimmed', () => {
    expect(lockOnTime(A.slice(6), A)).toBeCloseTo(3, 12);
  });

  it('needs 4 consecutive beats: a miss at beat 2 moves the lock to beat 3', () => {
    expect(lockOnTime(A.filter((_, i) => i !== 2), A)).toBeCloseTo(1.5, 12);
  });

  it('an extra detection inside a run breaks it', () => {
    const detections = [0, 0.25, ...A.slice(1)];
    expect(lockedRunStarts(detections, A).slice(0, 3)).toEqual([false, true, true]);
    expect(lockOnTime(detections, A)).toBeCloseTo(0.5, 12);
  });

  it('3 correct beats are not a lock, 4 are', () => {
    expect(lockOnTime(A.slice(0, 3), A)).toBe(Number.POSITIVE_INFINITY);
    expect(lockOnTime(A.slice(0, 4), A)).toBe(0);
  });

  it('is Infinity for a tracker 80 ms off, at half tempo, or with no detections', () => {
    expect(lockOnTime(A.map((t) => t + 0.08), A)).toBe(Number.POSITIVE_INFINITY);
    expect(lockOnTime(A.filter((_, i) => i % 2 === 0), A)).toBe(Number.POSITIVE_INFINITY);
    expect(lockOnTime([], A)).toBe(Number.POSITIVE_INFINITY);
  });

  it('takes the run length and window as options', () => {
    expect(lockOnTime(A.slice(0, 3), A, { run: 2 })).toBe(0);
    expect(lockOnTime(A.map((t) => t + 0.08), A, { window: 0.1 })).toBeCloseTo(0.08, 12);
    expect(() => lockOnTime(A, A, { run: 0 })).toThrow(/run is 0; it must be an integer >= 1/);
    expect(() => lockOnTime(A, A, { run: 1.5 })).toThrow(/run is 1.5/);
  });
});

describe('relockBars', () => {
  it('is 0 when the tracker holds through the event', () => {
    expect(relockBars(A, A, 10, 4)).toBe(0);
  });

  it('counts bars from the event to the first annotation that starts a locked run', () => {
    // Off-beat from 10 s to 12.75 s, back on the beat from 13 s: 3 s / 2 s per bar.
    const detections = [...A.filter((t) => t < 10), ...grid(10.25, 0.5, 6), ...A.filter((t) => t >= 13)];
    expect(relockBars(detections, A, 10, 4)).toBeCloseTo(1.5, 12);
    // In 3/4 the same gap is 3 s / 1.5 s = 2 bars.
    expect(relockBars(detections, A, 10, 3)).toBeCloseTo(2, 12);
  });

  it('measures from an event that falls between beats', () => {
    expect(relockBars(A, A, 10.2, 4)).toBeCloseTo(0.3 / 2, 12);
  });

  it('uses the beat interval where the tracker re-locks (after a tempo change)', () => {
    // 120 BPM to 10 s, then 150 BPM (0.4 s); the tracker is right again from 12 s.
    const truth = [...grid(0, 0.5, 20), ...grid(10, 0.4, 25)];
    const detections = [...grid(0, 0.5, 20), ...grid(10.5, 0.5, 3), ...truth.filter((t) => t >= 12 - 1e-9)];
    expect(relockBars(detections, truth, 10, 4)).toBeCloseTo(2 / (4 * 0.4), 9);
  });

  it('is Infinity when the tracker never re-locks after the event', () => {
    const detections = A.filter((t) => t < 10);
    expect(relockBars(detections, A, 10, 4)).toBe(Number.POSITIVE_INFINITY);
  });

  it('rejects a bad event time, bar length or beat list', () => {
    expect(() => relockBars(A, A, Number.NaN, 4)).toThrow(/eventTime is NaN/);
    expect(() => relockBars(A, A, -1, 4)).toThrow(/eventTime is -1/);
    expect(() => relockBars(A, A, 10, 0)).toThrow(/beatsPerBar is 0; it must be an integer >= 1/);
    expect(() => relockBars(A, A, 10, 3.5)).toThrow(/beatsPerBar is 3.5/);
    expect(() => relockBars(A, [2, 1], 10, 4)).toThrow(/annotations\[1\] is 1 after annotations\[0\] = 2/);
    expect(() => relockBars([0.1, Number.NaN], A, 10, 4)).toThrow(/detections\[1\] is NaN/);
  });
});
