import type { Milliseconds } from '../../core/units.js';
import { checkBeatSample, type BeatSample } from './tick-scheduler.js';

interface BeatBlock {
  spb?: unknown;
  phase?: unknown;
  beat_count?: unknown;
  beat_in_bar?: unknown;
  beats_per_bar?: unknown;
}

/**
 * The clock's few numbers from a published SlowState's JSON, or undefined while the state has no beat block.
 * Only these numbers cross to the clock thread, never the whole JSON.
 */
export function beatFromStateJson(json: string, wall: Milliseconds): BeatSample | undefined {
  const state = JSON.parse(json) as { beat?: BeatBlock } | null;
  const beat = state?.beat;
  if (beat === undefined) return undefined;
  const sample: BeatSample = {
    wall,
    spb: Number(beat.spb),
    phase: Number(beat.phase),
    beatCount: Number(beat.beat_count),
    beatInBar: Number(beat.beat_in_bar),
    beatsPerBar: Number(beat.beats_per_bar),
  };
  checkBeatSample(sample);
  return sample;
}
