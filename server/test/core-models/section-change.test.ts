import { describe, expect, it } from 'vitest';
import { CHANGE_PHRASES, CHANGE_SIZE, GRID_BARS, SectionChange } from '../../src/core/models/section-change.js';
import type { BeatState } from '../../src/core/state/slow-state.js';
import { steadyBeat } from '../support/steady-beat.js';

const HOPS_PER_BEAT = 24;
const DIMS = 4;

const SPB = HOPS_PER_BEAT * (1024 / 48000);
const beat = (hop: number): BeatState => steadyBeat(hop / HOPS_PER_BEAT, SPB);

/**
 * Feeds `beats` beats of a profile whose level is `level(beat)` plus a small beat-to-beat wobble, and returns the
 * bars since the detected change after the last hop (null when none was detected).
 */
function barsSinceChange(level: (b: number) => number, beats: number): number | null {
  const change = new SectionChange(DIMS);
  const profile = new Float32Array(DIMS);
  const hops = beats * HOPS_PER_BEAT;
  for (let hop = 0; hop < hops; hop++) {
    const b = Math.floor(hop / HOPS_PER_BEAT);
    for (let i = 0; i < DIMS; i++) profile[i] = level(b) + 0.03 * Math.sin(1.7 * b + i);
    change.push(profile, beat(hop));
  }
  const out = new Float32Array(CHANGE_SIZE);
  change.write(beat(hops - 1), out, 0);
  const scaled = out[2 * CHANGE_PHRASES.length] ?? NaN;
  return scaled === 2 ? null : scaled * 16;
}

describe('SectionChange', () => {
  const PHRASE = GRID_BARS * 4;
  const STRONG = 32;

  it('dates a clear step back to the beat where it began', () => {
    const since = barsSinceChange((b) => (b < STRONG ? 0 : 1), STRONG + 20);
    expect(since).not.toBeNull();
    // 20 beats after the step, less the last hop's phase: 5 bars.
    expect(since ?? NaN).toBeCloseTo(20 / 4, 1);
  });

  it('takes a weak step that lands a whole phrase after the last change, and not the same step off the phrase grid', () => {
    const weak = 0.65;
    const onGrid = STRONG + 2 * PHRASE;
    const offGrid = onGrid + 6;
    const level = (at: number) => (b: number): number => (b < STRONG ? 0 : 1) + (b < at ? 0 : weak);
    const beats = offGrid + 20;
    // On the grid: the weak step is the latest change, 20 + 6 beats back.
    expect(barsSinceChange(level(onGrid), beats) ?? NaN).toBeCloseTo(26 / 4, 1);
    // Six beats off the grid it is not enough: the strong step stays the latest change.
    expect(barsSinceChange(level(offGrid), beats) ?? NaN).toBeCloseTo((beats - STRONG) / 4, 1);
    // Off the grid a step needs the full threshold: one as large as the first is taken.
    const strongOff = (b: number): number => (b < STRONG ? 0 : 1) + (b < offGrid ? 0 : 1);
    expect(barsSinceChange(strongOff, beats) ?? NaN).toBeCloseTo(20 / 4, 1);
  });
});
