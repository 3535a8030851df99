import type { Seconds } from '@fractalsync/server/core/units';
import { matchEvents, type WindowOptions } from './f-measure.js';
import { assertBeatTimes } from './times.js';

/** A tracker counts as locked once this many consecutive beats are right. */
export const LOCK_RUN = 4;

export interface LockOptions extends WindowOptions {
  /** Consecutive correct beats that make a lock (default 4). */
  run?: number;
}

/**
 * For each annotation index, whether it begins a run of `run` correctly tracked beats: annotations i..i+run-1 are each
 * matched (one-to-one, within the F-measure window) to detections that are themselves consecutive, so a missed
 * or an extra beat inside the run breaks it.
 */
export function lockedRunStarts(detections: readonly Seconds[], annotations: readonly Seconds[], options: LockOptions = {}): boolean[] {
  return runStarts(detections, annotations, options).starts;
}

interface RunStarts {
  starts: boolean[];
  /** Index of the detection matched to each annotation, -1 when unmatched. */
  detectionOf: number[];
}

function runStarts(detections: readonly Seconds[], annotations: readonly Seconds[], options: LockOptions): RunStarts {
  const run = options.run ?? LOCK_RUN;
  if (!Number.isInteger(run) || run < 1) throw new Error(`run is ${run}; it must be an integer >= 1`);
  const detectionOf = new Array<number>(annotations.length).fill(-1);
  for (const m of matchEvents(detections, annotations, options)) detectionOf[m.annotation] = m.detection;
  const starts = annotations.map((_, i) => {
    const first = detectionOf[i] ?? -1;
    if (first < 0) return false;
    for (let k = 1; k < run; k++) {
      if (detectionOf[i + k] !== first + k) return false;
    }
    return true;
  });
  return { starts, detectionOf };
}

/**
 * Time to lock on: the time (from the start of the track, untrimmed) of the first detection that begins a run of
 * 4 consecutive correct beats. Infinity if the tracker never locks.
 */
export function lockOnTime(detections: readonly Seconds[], annotations: readonly Seconds[], options: LockOptions = {}): Seconds {
  const { starts, detectionOf } = runStarts(detections, annotations, options);
  const i = starts.indexOf(true);
  if (i < 0) return Number.POSITIVE_INFINITY;
  const detection = detections[detectionOf[i] ?? -1];
  if (detection === undefined) throw new Error(`lockOnTime: annotation ${i} starts a run but has no detection (unreachable)`);
  return detection;
}

/**
 * Bars needed to re-lock after an event (breakdown end, tempo or meter change): from the event to the first
 * annotation at or after it that begins a run of 4 correct beats, in bars of `beatsPerBar` beats at that
 * annotation's local beat interval. 0 when the tracker holds through the event; Infinity if it never re-locks.
 */
export function relockBars(
  detections: readonly Seconds[],
  annotations: readonly Seconds[],
  eventTime: Seconds,
  beatsPerBar: number,
  options: LockOptions = {},
): number {
  if (!Number.isFinite(eventTime) || eventTime < 0) throw new Error(`eventTime is ${eventTime}; it must be finite seconds >= 0`);
  if (!Number.isInteger(beatsPerBar) || beatsPerBar < 1) throw new Error(`beatsPerBar is ${beatsPerBar}; it must be an integer >= 1`);
  assertBeatTimes('annotations', annotations);
  const { starts } = runStarts(detections, annotations, options);
  for (let i = 0; i < annotations.length; i++) {
    const a = annotations[i] ?? Number.NaN;
    // 1 µs slack: an annotation placed exactly on the event time counts as after it.
    if (a < eventTime - 1e-6 || starts[i] !== true) continue;
    return Math.max(0, a - eventTime) / (beatsPerBar * localBeatInterval(annotations, i));
  }
  return Number.POSITIVE_INFINITY;
}

/** The beat interval at annotation i: to the next annotation, or from the previous one at the end. */
function localBeatInterval(annotations: readonly Seconds[], i: number): Seconds {
  const a = annotations[i];
  const next = annotations[i + 1];
  const previous = annotations[i - 1];
  if (a !== undefined && next !== undefined) return next - a;
  if (a !== undefined && previous !== undefined) return a - previous;
  throw new Error('relockBars needs at least two annotations to know the bar duration');
}
