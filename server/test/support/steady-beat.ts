import type { BeatState } from '../../src/core/state/slow-state.js';

/** A confident 4/4 tracker state `beats` beats into a steady song at `spb` seconds per beat (bar_count from 1). */
export function steadyBeat(beats: number, spb: number): BeatState {
  const beatCount = Math.floor(beats);
  return {
    bpm: 60 / spb,
    spb,
    phase: beats - beatCount,
    beat_in_bar: (beatCount % 4) + 1,
    beats_per_bar: 4,
    bar_phase: ((beatCount % 4) + beats - beatCount) / 4,
    beat_count: beatCount,
    bar_count: Math.floor(beatCount / 4) + 1,
    conf: 0.9,
    downbeat_prob: 0.5,
  };
}
