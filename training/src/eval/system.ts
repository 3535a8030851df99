import type { Seconds } from '@fractalsync/server/core/units';
import type { PositionedBeat } from './beat-metrics.js';

/** A beat tracker under test: reads a WAV, returns every beat it found with its position in the bar (1 = downbeat). */
export type BeatTracker = (wavPath: string) => Promise<PositionedBeat[]>;

/** What a system detected on one track. */
export interface DetectedBeats {
  times: Seconds[];
  /** Beats with bar positions, or null for a system that finds no downbeats (aubio). */
  positioned: PositionedBeat[] | null;
}

/** A named system the runner scores: the tracker under test, or a reference such as aubio. */
export interface EvalSystem {
  name: string;
  /** Version or build, printed with the results when known. */
  version?: string;
  givesDownbeats: boolean;
  track(wavPath: string): Promise<DetectedBeats>;
}

/** Wraps a BeatTracker (which reports downbeats) as an EvalSystem. */
export function trackerSystem(name: string, tracker: BeatTracker): EvalSystem {
  return {
    name,
    givesDownbeats: true,
    async track(wavPath) {
      const beats = await tracker(wavPath);
      return { times: beats.map((b) => b.time), positioned: beats };
    },
  };
}
