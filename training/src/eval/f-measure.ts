import type { Seconds } from '@fractalsync/server/core/units';
import { assertBeatTimes, assertPositive } from './times.js';

/** mir_eval's default: a detection within ±70 ms of an annotation is a hit. */
export const DEFAULT_WINDOW: Seconds = 0.07;

/** Floating point puts a detection exactly one window away a hair outside it (1.07 - 1 > 0.07); this lets it in. */
const BOUNDARY_SLACK: Seconds = 1e-9;

export interface WindowOptions {
  /** Half-width of the hit window in seconds (default 0.07). */
  window?: Seconds;
}

/** One matched pair: annotation index and detection index. */
export interface Match {
  annotation: number;
  detection: number;
}

/**
 * A maximum one-to-one matching of detections to annotations with |d - a| <= window.
 *
 * Both lists are sorted and the window has one width, so the earliest-first two-pointer sweep is optimal:
 * if the earliest remaining pair is within the window, matching it never costs a match (exchange argument:
 * swapping it into any optimal matching keeps every pair within the window); if not, the earlier of the two
 * can match nothing that remains. It therefore finds as many pairs as mir_eval's Hopcroft-Karp matching.
 */
export function matchEvents(detections: readonly Seconds[], annotations: readonly Seconds[], options: WindowOptions = {}): Match[] {
  const window = options.window ?? DEFAULT_WINDOW;
  assertPositive('window', window);
  assertBeatTimes('detections', detections);
  assertBeatTimes('annotations', annotations);
  const matches: Match[] = [];
  let i = 0;
  let j = 0;
  while (i < annotations.length && j < detections.length) {
    const a = annotations[i] ?? Number.NaN;
    const d = detections[j] ?? Number.NaN;
    if (Math.abs(d - a) <= window + BOUNDARY_SLACK) {
      matches.push({ annotation: i, detection: j });
      i++;
      j++;
    } else if (d < a) {
      j++;
    } else {
      i++;
    }
  }
  return matches;
}

export interface FMeasureResult {
  fMeasure: number;
  precision: number;
  recall: number;
  matches: number;
}

/** Precision, recall and F-measure of detections against annotations (0 when either list is empty, as mir_eval). */
export function fMeasureDetail(detections: readonly Seconds[], annotations: readonly Seconds[], options: WindowOptions = {}): FMeasureResult {
  const matches = matchEvents(detections, annotations, options).length;
  if (detections.length === 0 || annotations.length === 0) return { fMeasure: 0, precision: 0, recall: 0, matches };
  const precision = matches / detections.length;
  const recall = matches / annotations.length;
  const fMeasure = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { fMeasure, precision, recall, matches };
}

/** Beat F-measure with a ±window hit window (mir_eval.beat.f_measure). Trim both lists first with `trim`. */
export function fMeasure(detections: readonly Seconds[], annotations: readonly Seconds[], options: WindowOptions = {}): number {
  return fMeasureDetail(detections, annotations, options).fMeasure;
}
