import type { BeatEvent } from '../../src/core/beat/beat-tracker.js';
import type { BeatCommand } from '../../src/core/beat/commands.js';
import { CONTRACT } from '../../src/core/contract/contract.js';
import type { BeatState } from '../../src/core/state/slow-state.js';
import { HopProcessor } from '../../src/engine/hop-processor.js';

export interface TrackResult {
  events: BeatEvent[];
  states: { t: number; beat: BeatState }[];
}

/**
 * Runs audio through the daemon's causal path (HopProcessor: features + beat tracker) in blocks of `block`;
 * `atHop` may queue commands or read predictions as each hop completes.
 */
export async function trackBeats(
  audio: Float32Array,
  block = 4096,
  atHop?: (t: number, processor: HopProcessor, command: (c: BeatCommand) => void) => void,
): Promise<TrackResult> {
  const processor = await HopProcessor.create(CONTRACT, () => 0);
  const events: BeatEvent[] = [];
  const states: { t: number; beat: BeatState }[] = [];
  for (let offset = 0; offset < audio.length; offset += block) {
    processor.push(
      audio.subarray(offset, offset + block),
      (state) => {
        if (state.beat) states.push({ t: state.t, beat: state.beat });
        atHop?.(state.t, processor, (c) => {
          processor.command(c);
        });
      },
      (event) => events.push(event),
    );
  }
  return { events, states };
}

/** For each truth beat after `from`, the signed error to the nearest detection (seconds). */
export function beatErrors(events: BeatEvent[], truth: number[], from = 5): number[] {
  return truth
    .filter((t) => t >= from)
    .map((t) => events.reduce((best, e) => (Math.abs(e.time - t) < Math.abs(best) ? e.time - t : best), Infinity));
}
