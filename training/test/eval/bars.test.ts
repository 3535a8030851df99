import { describe, expect, it } from 'vitest';
import { barLengths, beatsPerBarAt, meterOf } from '../../src/eval/bars.js';
import type { PositionedBeat } from '../../src/eval/beat-metrics.js';

/** Beats 0.5 s apart with the given positions. */
function beats(positions: number[]): PositionedBeat[] {
  return positions.map((position, k) => ({ time: k * 0.5, position }));
}

describe('bar helpers', () => {
  it('beatsPerBarAt reads the bar holding the beat, including a pickup and a meter change', () => {
    const b = beats([3, 4, 1, 2, 3, 4, 1, 2, 3, 1, 2, 3]);
    expect(beatsPerBarAt(b, 0)).toBe(4);
    expect(beatsPerBarAt(b, 3)).toBe(4);
    expect(beatsPerBarAt(b, 6)).toBe(3);
    // The last bar (1, 2, 3) runs to the end of the track: the previous bar's length (3) is used.
    expect(beatsPerBarAt(b, 10)).toBe(3);
    expect(() => beatsPerBarAt(b, 12)).toThrow(/index 12 is outside 12 beats/);
    expect(() => beatsPerBarAt([{ time: 1, position: 1 }, { time: 0.5, position: 2 }], 0)).toThrow(/beats times\[1\] is 0.5 after/);
    expect(() => meterOf([{ time: 1, position: -1 }])).toThrow(/beats\[0\]\.position is -1/);
  });

  it('beatsPerBarAt keeps the previous bar length for a last bar cut short', () => {
    expect(beatsPerBarAt(beats([1, 2, 3, 4, 1, 2]), 5)).toBe(4);
  });

  it('barLengths counts complete bars from a time on; meterOf takes the most common', () => {
    const b = beats([3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 1, 2]);
    expect(barLengths(b)).toEqual([4, 4, 3]);
    expect(barLengths(b, 3.5)).toEqual([3]);
    expect(meterOf(b)).toBe(4);
    expect(meterOf(b, 3.5)).toBe(3);
    expect(meterOf(beats([1, 2, 3]))).toBeNull();
    // A tie between 3 and 4 goes to the smaller.
    expect(meterOf(beats([1, 2, 3, 4, 1, 2, 3, 1]))).toBe(3);
  });
});
