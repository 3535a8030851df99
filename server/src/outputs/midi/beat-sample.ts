import type { SlowState } from '../../core/state/slow-state.js';
import type { Milliseconds } from '../../core/units.js';
import { checkBeatSample, type BeatSample } from './tick-scheduler.js';

/**
 * The clock's few numbers from a SlowState, or undefined while the state has no beat block. Only these numbers
 * cross to the clock thread, never the whole state.
 */
export function beatFromState(state: SlowState, wall: Milliseconds): BeatSample | undefined {
  const beat = state.beat;
  if (beat === undefined) return undefined;
  const sample: BeatSample = {
    wall,
    spb: beat.spb,
    phase: beat.phase,
    beatCount: beat.beat_count,
    beatInBar: beat.beat_in_bar,
    beatsPerBar: beat.beats_per_bar,
  };
  checkBeatSample(sample);
  return sample;
}
