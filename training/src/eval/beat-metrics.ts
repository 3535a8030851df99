import type { Seconds } from '@fractalsync/server/core/units';
import { fMeasure, type WindowOptions } from './f-measure.js';
import { assertBeatTimes } from './times.js';

export { DEFAULT_WINDOW, fMeasure, fMeasureDetail, matchEvents, type FMeasureResult, type Match, type WindowOptions } from './f-measure.js';
export { continuity, referenceVariations, type ContinuityOptions, type ContinuityScores } from './continuity.js';
export { LOCK_RUN, lockedRunStarts, lockOnTime, relockBars, type LockOptions } from './lock.js';

/** A beat with its place in the bar: position 1 is the downbeat. */
export interface PositionedBeat {
  time: Seconds;
  position: number;
}

/** The usual evaluation ignores the first 5 s, where any tracker is still listening. */
export const DEFAULT_TRIM: Seconds = 5;

/** Drops beats before `seconds` (keeps t >= seconds, as mir_eval.beat.trim_beats). Apply to detections and annotations alike. */
export function trim(times: readonly Seconds[], seconds: Seconds = DEFAULT_TRIM): Seconds[] {
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`trim seconds is ${seconds}; it must be finite and >= 0`);
  assertBeatTimes('times', times);
  return times.filter((t) => t >= seconds);
}

/** Throws unless every beat has a finite, increasing time and an integer position >= 1. */
export function assertPositionedBeats(name: string, beats: readonly PositionedBeat[]): void {
  assertBeatTimes(`${name} times`, beats.map((b) => b.time));
  beats.forEach((b, i) => {
    if (!Number.isInteger(b.position) || b.position < 1) {
      throw new Error(`${name}[${i}].position is ${b.position}; positions are integers >= 1 (1 = downbeat)`);
    }
  });
}

/** Times of the beats with position 1. */
export function downbeatTimes(beats: readonly PositionedBeat[]): Seconds[] {
  return beats.filter((b) => b.position === 1).map((b) => b.time);
}

/** Downbeat F-measure: the beat F-measure of detected downbeats (position 1) against annotated ones, both trimmed. */
export function downbeatFMeasure(
  detections: readonly PositionedBeat[],
  annotations: readonly PositionedBeat[],
  options: WindowOptions & { trimSeconds?: Seconds } = {},
): number {
  assertPositionedBeats('detections', detections);
  assertPositionedBeats('annotations', annotations);
  const cut = options.trimSeconds ?? DEFAULT_TRIM;
  return fMeasure(trim(downbeatTimes(detections), cut), trim(downbeatTimes(annotations), cut), { window: options.window });
}
