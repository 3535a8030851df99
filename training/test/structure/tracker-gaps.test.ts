import { describe, expect, test } from 'vitest';
import { fillTrackerGaps, GAP_SECONDS } from '../../src/structure/tracker-beats.js';

describe('tracker beats with the grid filling gaps', () => {
  const grid = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5];
  test('a tracker that keeps beating is used as it is', () => {
    const tracker = [0.52, 1.01, 1.49, 2.02, 2.5, 3.01, 3.52, 4.0, 4.49, 5.02, 5.5];
    const m = fillTrackerGaps(tracker, grid, 6);
    expect(m.times).toEqual(tracker);
    expect(m.filledSeconds).toBeCloseTo(0, 12);
  });

  test('a start-up gap and a gap longer than GAP_SECONDS are filled with grid beats clear of the tracker beats', () => {
    expect(GAP_SECONDS).toBeCloseTo(120 / 55, 9);
    // Nothing before 2.02 s (start-up, more than 2 grid periods), then nothing between 3.01 and 5.52 s (2.51 s).
    const m = fillTrackerGaps([2.02, 2.5, 3.01, 5.52], grid, 6);
    expect(m.times).toEqual([0.5, 1, 1.5, 2.02, 2.5, 3.01, 3.5, 4, 4.5, 5, 5.52]);
    expect(m.filledSeconds).toBeCloseTo(2.02 + 2.51, 9);
  });

  test('a tracker at half tempo is its own count, not a gap', () => {
    const half = [0.51, 1.5, 2.52, 3.49, 4.5, 5.51];
    expect(fillTrackerGaps(half, grid, 6).times).toEqual(half);
  });
});
