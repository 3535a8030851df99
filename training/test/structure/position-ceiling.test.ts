import { describe, expect, it } from 'vitest';
import { positionCeiling, positionRows } from '../../src/structure/position-ceiling.js';
import type { PositionSong } from '../../src/structure/position-ceiling.js';

/** Sections of `lengths` beats (one hop per beat), all labelled `label`; hazard horizon 1 and 4 beats. */
function song(lengths: readonly number[], label = 2): PositionSong {
  const toBoundary = lengths.flatMap((n) => Array.from({ length: n }, (_, i) => n - i));
  const within = (h: number): number[] => toBoundary.map((b) => (b <= h ? 1 : 0));
  return { beatsPerBar: 4, labels: { section: toBoundary.map(() => label), horizons: [1, 4], beats_to_boundary: { tracker: toBoundary, grid: toBoundary }, hazard: { tracker: [within(1), within(4)], grid: [within(1), within(4)] } } };
}

describe('position ceiling', () => {
  it('counts beats from where a section began, also when the next section has the same label', () => {
    const rows = positionRows(song([3, 2]), 1, true);
    expect(rows.map((r) => r.key)).toEqual(['4|2|0', '4|2|1', '4|2|2', '4|2|0', '4|2|1']);
    expect(rows.map((r) => r.target)).toEqual([0, 0, 1, 0, 1]);
    expect(positionRows(song([3]), 1, false)[0]?.key).toBe('|2|0');
  });

  it('scores 1 where position alone decides, and half where it cannot', () => {
    expect(positionCeiling([song([8, 8])], [song([8, 8, 8])], 4, true)).toBe(1);
    // Sections of 8 or 16 beats: at 4-7 beats in, half the training sections end, so those hops tie.
    const mixed = positionCeiling([song([8, 16])], [song([8, 16])], 4, true);
    expect(mixed).toBeGreaterThan(0.5);
    expect(mixed).toBeLessThan(1);
  });

  it('refuses a horizon the labels do not have, by name', () => {
    expect(() => positionRows(song([4]), 8, true)).toThrow(/horizon 8 is not one of the labels' 1, 4/);
  });
});
