import { OfflineSource } from '@fractalsync/server/audio/offline-source';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import type { BeatTrackerOptions } from '@fractalsync/server/core/beat/beat-tracker';
import { HopProcessor } from '@fractalsync/server/engine/hop-processor';
import type { PositionedBeat } from './beat-metrics.js';
import { trackerSystem, type EvalSystem } from './system.js';

/**
 * The project's own tracker, through exactly the causal path of `fractalsync analyze --beats` and the live
 * daemon: offline decode -> HopProcessor (features, beat tracker) -> beat events. A fresh processor per track.
 */
export async function fractalsyncBeats(wavPath: string, options: BeatTrackerOptions = {}): Promise<PositionedBeat[]> {
  return processorBeats(wavPath, await HopProcessor.create(CONTRACT, () => 0, options));
}

/** The beat events `processor` gives for a file decoded as the daemon decodes it (shared with the learned tracker). */
export async function processorBeats(wavPath: string, processor: HopProcessor): Promise<PositionedBeat[]> {
  const source = await OfflineSource.open(wavPath, { channel: 'mix' });
  const beats: PositionedBeat[] = [];
  await source.start({
    audio: (block) => {
      processor.push(
        block,
        () => undefined,
        (event) => beats.push({ time: event.time, position: event.beatInBar }),
      );
    },
    event: () => undefined,
  });
  return beats;
}

/** The tracker as an evaluation system; `options` (tuning on the development set) override its defaults. */
export function fractalsyncSystem(options: BeatTrackerOptions = {}): EvalSystem {
  return trackerSystem('fractalsync', (wav) => fractalsyncBeats(wav, options));
}
