import { describe, expect, it } from 'vitest';
import { detectedRows, positionCeiling, positionRows, tableAuc } from '../../src/structure/position-ceiling.js';
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

  it('keys hops by a detector\'s bars since its change, so a detector that finds the starts scores as the true starts do', () => {
    const truth = song([8, 8, 8]);
    const rows = detectedRows(truth, 4, [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 0, 0.3, 0.5, 0.8, 1, 1.2, 1.5, 1.9, 0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75], false);
    expect(rows.slice(0, 9).map((r) => r.key)).toEqual(['|2|0', '|2|1', '|2|2', '|2|3', '|2|4', '|2|5', '|2|6', '|2|7', '|2|0']);
    // One beat per hop in 4/4: bars since = beats / 4 finds every start.
    const train = [song([8, 8, 8, 8])];
    // Bars since the true start (one beat per hop in 4/4), or since the song began (a detector that sees no change).
    const exact = (s: PositionSong): number[] => {
      let start = 0;
      return s.labels.beats_to_boundary.tracker.map((left, i, all) => {
        if (i > 0 && left > (all[i - 1] ?? 0)) start = i;
        return (i - start) / 4;
      });
    };
    const lost = (s: PositionSong): number[] => s.labels.section.map((_, i) => i / 4);
    const auc = (detector: (s: PositionSong) => number[], test: PositionSong): number =>
      tableAuc(train.map((s) => detectedRows(s, 4, detector(s), false)), [detectedRows(test, 4, detector(test), false)]);
    expect(auc(exact, song([8, 8, 8]))).toBe(1);
    // A song that begins with a 2-beat pickup: counting from the song's start puts every boundary off the table's.
    expect(auc(exact, song([2, 8, 8]))).toBeGreaterThan(0.85);
    expect(auc(lost, song([2, 8, 8]))).toBeLessThan(0.6);
  });

  it('refuses a horizon the labels do not have, and too few detector positions, by name', () => {
    expect(() => positionRows(song([4]), 8, true)).toThrow(/horizon 8 is not one of the labels' 1, 4/);
    expect(() => detectedRows(song([4]), 4, [0, 0.25], true)).toThrow(/2 detector positions for 4 labelled hops/);
    expect(() => detectedRows(song([4]), 8, [0, 0, 0, 0], true)).toThrow(/horizon 8 is not one of the labels' 1, 4/);
  });
});
