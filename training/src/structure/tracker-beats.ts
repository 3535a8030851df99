/**
 * The beats a hazard horizon is counted in: the tracker's own beat events, from the daemon's causal path
 * (HopProcessor: features -> learned activation -> beat tracker, structure/daemon-tracker.ts) run over the
 * rendered audio, as at run time. Where the tracker emits no beat for longer than GAP_SECONDS (twice the slowest
 * beat period it can hold, so it has skipped beats rather than chosen a slower metrical level), the true grid's
 * beats in that gap stand in: a horizon counted in beats that never come would make every later boundary look
 * "1 beat away" for as long as the gap lasts.
 */
import type { Seconds } from '@fractalsync/server/core/units';
import { BeatFilter } from '@fractalsync/server/core/beat/beat-filter';

export const GAP_SECONDS: Seconds = (2 * 60) / BeatFilter.getDefaults().minBpm;

export interface TrackedBeat {
  time: Seconds;
  beatInBar: number;
}

export interface MergedBeats {
  times: Seconds[];
  /** Seconds of the track in which grid beats stood in for the tracker's. */
  filledSeconds: Seconds;
}

/** Tracker beats, with the grid's beats filling every gap longer than GAP_SECONDS (and before the first beat). */
export function fillTrackerGaps(tracker: readonly Seconds[], grid: readonly Seconds[], duration: Seconds): MergedBeats {
  const period = (t: number): number => {
    const i = grid.findIndex((g) => g > t);
    const a = grid[Math.max(0, i - 1)];
    const b = grid[Math.max(1, i)];
    return a !== undefined && b !== undefined && b > a ? b - a : 0.5;
  };
  const out: Seconds[] = [];
  let filledSeconds = 0;
  const edges = [0, ...tracker, duration];
  for (let i = 0; i + 1 < edges.length; i++) {
    const from = edges[i] ?? 0;
    const to = edges[i + 1] ?? duration;
    if (i > 0) out.push(from);
    const p = period(from);
    if (to - from > GAP_SECONDS || (i === 0 && to - from > 2 * p)) {
      // Fill with grid beats that sit clear of both tracker beats around the gap.
      const margin = p / 2;
      for (const g of grid) if (g > from + (i > 0 ? margin : 0) && g < to - (i + 2 < edges.length ? margin : 0)) out.push(g);
      filledSeconds += to - from;
    }
  }
  return { times: out, filledSeconds };
}
