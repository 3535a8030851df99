import { describe, expect, test } from 'vitest';
import { beatsToBoundary, boundaryTimes, hazardTargets, hopEndTimes, sectionPerHop } from '../../src/structure/hazard-labels.js';
import type { LabelledSpan } from '../../src/structure/hazard-labels.js';

// Hand-worked: hops of 0.5 s (hop 1 sample at 2 Hz), 8 s, intro from 0, verse from 4 s, chorus from 6 s, beats every second.
const spans: LabelledSpan[] = [
  { start: 0, label: 'intro' },
  { start: 4, label: 'verse' },
  { start: 6, label: 'chorus' },
];
const hopEnds = hopEndTimes(8, 1, 2);
const grid = [1, 2, 3, 4, 5, 6, 7];

describe('structure labels, by hand', () => {
  test('hop end times and sections (contract indices: intro 1, verse 2, chorus 4)', () => {
    expect(hopEnds.length).toBe(16);
    expect(hopEnds[0]).toBeCloseTo(0.5, 12);
    expect(sectionPerHop(spans, hopEnds)).toEqual([1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4]);
    expect(boundaryTimes(spans)).toEqual([4, 6]);
  });

  test('beats to the next boundary on the true grid', () => {
    // t = 0.5: beats 1, 2, 3 come before the boundary's own beat at 4, so it is the 4th beat to come.
    // t = 4.0: the boundary at 4 has passed; the next is at 6, after beat 5: 2 beats. After 6 s no boundary is ahead.
    const k = beatsToBoundary(hopEnds, [4, 6], grid);
    expect(k).toEqual([4, 3, 3, 2, 2, 1, 1, 2, 2, 1, 1, -1, -1, -1, -1, -1]);
  });

  test('hazard targets per horizon 1, 2, 4, 8, 16', () => {
    const hazard = hazardTargets(beatsToBoundary(hopEnds, [4, 6], grid));
    expect(hazard[0]).toEqual([0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
    expect(hazard[1]).toEqual([0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(hazard[2]).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(hazard[3]).toEqual(hazard[2]);
    expect(hazard[4]).toEqual(hazard[2]);
  });

  test("counted on a tracker's beats: a missed beat shortens the count, a beat just before the boundary is the boundary's own", () => {
    // The tracker misses the beat at 3 s and hears the downbeat at 3.95 s (within 70 ms of the boundary at 4 s).
    const tracker = [1.02, 1.98, 3.95, 5.01, 6.02];
    const k = beatsToBoundary(hopEnds, [4, 6], tracker);
    // At t = 1.0 and t = 5.0 the tracker's beat (1.02, 5.01) is still to come, so it still counts.
    expect(k).toEqual([3, 3, 2, 1, 1, 1, 1, 2, 2, 2, 1, -1, -1, -1, -1, -1]);
    expect(hazardTargets(k)[0]).toEqual([0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
  });

  test('bad input is refused with the value named', () => {
    expect(() => sectionPerHop([{ start: 0, label: 'intro' }, { start: 0, label: 'verse' }], hopEnds)).toThrow(/section 1 starts at 0 s, not after section 0/);
    expect(() => sectionPerHop([{ start: 0, label: 'drop' as 'intro' }], hopEnds)).toThrow(/section label "drop" is unknown/);
    expect(() => beatsToBoundary(hopEnds, [4], [2, 1])).toThrow(/beat 1 at 1 s comes before beat 0/);
    expect(() => hopEndTimes(0, 1024, 48000)).toThrow(/duration 0 is invalid/);
  });
});
