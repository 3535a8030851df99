import { describe, expect, test } from 'vitest';
import { boundaryEvents, falseAlarmsPerMinute, nextBoundaryIndex } from '../../src/structure/boundary-events.js';
import { argmax, brierScore, rocAuc, sectionAccuracy } from '../../src/structure/structure-metrics.js';

describe('AUC, Brier and accuracy against hand-computed values', () => {
  test('ROC AUC: 3 of the 4 positive-negative pairs are ordered right', () => {
    // Pairs (pos, neg): (0.35, 0.1) right, (0.35, 0.4) wrong, (0.8, 0.1) right, (0.8, 0.4) right.
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
  });

  test('ROC AUC counts a tie as half a pair', () => {
    // (0.5, 0.5) tie = 0.5, (0.5, 0.2) = 1, (0.9, 0.5) = 1, (0.9, 0.2) = 1: 3.5 / 4.
    expect(rocAuc([0.5, 0.5, 0.2, 0.9], [1, 0, 0, 1])).toBeCloseTo(0.875, 12);
    expect(rocAuc([0.3, 0.3, 0.3, 0.3], [1, 0, 0, 1])).toBeCloseTo(0.5, 12);
    expect(rocAuc([0.9, 0.8, 0.1], [0, 0, 1])).toBeCloseTo(0, 12);
  });

  test('Brier score: mean squared error of the probabilities', () => {
    // (0.01 + 0.16 + 0.4225 + 0.04) / 4
    expect(brierScore([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.158125, 12);
    expect(brierScore([0.5, 0.5], [0, 1])).toBeCloseTo(0.25, 12);
  });

  test('section accuracy and argmax', () => {
    expect(sectionAccuracy([2, 2, 4, 4], [2, 4, 4, 4])).toBeCloseTo(0.75, 12);
    expect(argmax([0.1, 0.5, 0.5, 0.2])).toBe(1);
  });

  test('bad input is refused, naming what was wrong', () => {
    expect(() => rocAuc([0.1, 0.2], [1, 1])).toThrow(/2 positive and 0 negative/);
    expect(() => rocAuc([0.1, 0.2], [1, 2])).toThrow(/label 2 is invalid/);
    expect(() => brierScore([1.5, 0], [1, 0])).toThrow(/probability 1.5 is invalid/);
    expect(() => sectionAccuracy([1], [1, 2])).toThrow(/1 predictions for 2 labels/);
  });
});

describe('boundary events, by hand', () => {
  // The standing alarm per hop, as core/models/boundary-alarm.ts gives it; undefined: none.
  const A = undefined;
  test('announced, missed and a false alarm', () => {
    // Hops of 0.5 s. Boundary 0 comes at hop 9; boundary 1 lies beyond the end, 12 beats after it.
    const k = [9, 8, 7, 6, 5, 4, 3, 2, 1, 12, 11, 10];
    const next = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1];
    // A 4-beat alarm rises at hop 5, 4 beats ahead of boundary 0 (announced); a second one at hop 10, 11 beats ahead of boundary 1 (false: more than 8).
    const alarm = [A, A, A, A, A, 4, 4, 4, 4, A, 4, A];
    const c = boundaryEvents(alarm, k, next, 2);
    expect(c).toEqual({ boundaries: 2, announced: 1, late: 0, missed: 1, alarms: 2, falseAlarms: 1, seconds: 6 });
    expect(falseAlarmsPerMinute(c)).toBeCloseTo(10, 12);
  });

  test('each step closer is an alarm of its own, right within twice its horizon', () => {
    // 16 at 20 beats ahead (right: 20 <= 32), 8 at 12 ahead (right: 12 <= 16), 2 at 5 ahead (false: 5 > 4).
    // The boundary is announced: the standing 8 at 12 beats ahead (4 <= 12 <= 16).
    const k = [20, 19, 12, 11, 5, 4, 3];
    const alarm = [16, 16, 8, 8, 2, 2, 2];
    const c = boundaryEvents(alarm, k, [0, 0, 0, 0, 0, 0, 0], 2);
    expect(c).toMatchObject({ boundaries: 1, announced: 1, alarms: 3, falseAlarms: 1 });
    // A 2-beat alarm alone at 4 beats ahead is right (4 <= 2 * 2) and announces; at 3 ahead it is only late.
    expect(boundaryEvents([A, 2, 2], [5, 4, 3], [0, 0, 0], 2)).toMatchObject({ announced: 1, falseAlarms: 0 });
    expect(boundaryEvents([A, A, 2], [5, 4, 3], [0, 0, 0], 2)).toMatchObject({ announced: 0, late: 1, falseAlarms: 0 });
  });

  test('an alarm only 3 beats ahead is late; a boundary with no hop 4 or more beats ahead is not counted', () => {
    expect(boundaryEvents([A, A, 4, 4, A], [5, 4, 3, 2, 1], [0, 0, 0, 0, 0], 2)).toMatchObject({ boundaries: 1, announced: 0, late: 1, missed: 0, falseAlarms: 0 });
    expect(boundaryEvents([A, 4, A], [3, 2, 1], [0, 0, 0], 2)).toMatchObject({ boundaries: 0, alarms: 1, falseAlarms: 0 });
  });

  test('an alarm that stays up announces only the change it was right for', () => {
    // Boundary 0 at hop 4, boundary 1 at hop 10; the alarm rises 4 beats before boundary 0 and never falls.
    const k = [4, 3, 2, 1, 6, 5, 4, 3, 2, 1];
    const next = [0, 0, 0, 0, 1, 1, 1, 1, 1, 1];
    expect(boundaryEvents(new Array(10).fill(16), k, next, 2)).toMatchObject({ boundaries: 2, announced: 1, missed: 1, alarms: 1, falseAlarms: 0 });
    // Raised again (it moves closer) within boundary 1's window, it announces that one too.
    expect(boundaryEvents([16, 16, 16, 16, 16, 4, 4, 4, 4, 4], k, next, 2)).toMatchObject({ boundaries: 2, announced: 2, alarms: 2, falseAlarms: 0 });
  });

  test('next boundary per hop end', () => {
    expect(nextBoundaryIndex([0.5, 1, 1.5, 2, 2.5], [1, 2])).toEqual([0, 1, 1, -1, -1]);
  });

  test('mismatched lengths and a bad hop rate are refused', () => {
    expect(() => boundaryEvents([4], [1, 2], [0], 2)).toThrow(/1 alarm states, 2 beat counts/);
    expect(() => boundaryEvents([4], [1], [0], 0)).toThrow(/hop rate 0 is invalid/);
  });
});
