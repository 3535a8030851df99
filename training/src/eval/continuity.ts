import type { Seconds } from '@fractalsync/server/core/units';
import { assertBeatTimes, assertPositive } from './times.js';

export interface ContinuityOptions {
  /** Largest |detection - annotation| as a fraction of the inter-annotation interval (default 0.175). */
  phaseTolerance?: number;
  /** Largest |1 - inter-detection interval / inter-annotation interval| (default 0.175). */
  tempoTolerance?: number;
}

export interface ContinuityScores {
  /** Correct metric level: longest continuously correct run / max(#annotations, #detections). */
  cmlc: number;
  /** Correct metric level: all correct beats / max(#annotations, #detections). */
  cmlt: number;
  /** Any metric level (also off-beat, double, half tempo), continuous. */
  amlc: number;
  /** Any metric level, total. */
  amlt: number;
}

/**
 * Continuity scores (Hainsworth; Klapuri), computed step for step as mir_eval.beat.continuity does.
 * A detection is correct when its nearest unused annotation is within phaseTolerance of the local
 * inter-annotation interval and the interval from the previous detection (the next one for the first
 * detection or annotation) is within tempoTolerance of that inter-annotation interval. Continuity comes from
 * that interval test plus "longest run": mir_eval does not separately check that the previous detection matched
 * the previous annotation, and neither do we, so scores equal mir_eval's.
 */
export function continuity(detections: readonly Seconds[], annotations: readonly Seconds[], options: ContinuityOptions = {}): ContinuityScores {
  const phaseTolerance = options.phaseTolerance ?? 0.175;
  const tempoTolerance = options.tempoTolerance ?? 0.175;
  assertPositive('phaseTolerance', phaseTolerance);
  assertPositive('tempoTolerance', tempoTolerance);
  assertBeatTimes('detections', detections);
  assertBeatTimes('annotations', annotations);
  // With one beat there is no interval to compare (mir_eval returns zeros too).
  if (detections.length <= 1 || annotations.length <= 1) return { cmlc: 0, cmlt: 0, amlc: 0, amlt: 0 };
  const scores = referenceVariations(annotations).map((reference) => variationScore(detections, reference, phaseTolerance, tempoTolerance));
  const [original] = scores;
  if (original === undefined) throw new Error('continuity: no reference variation (unreachable)');
  return {
    cmlc: original.continuous,
    cmlt: original.total,
    amlc: Math.max(...scores.map((s) => s.continuous)),
    amlt: Math.max(...scores.map((s) => s.total)),
  };
}

/** The annotations and the metrical levels AML also accepts: off-beat, double tempo, half tempo (odd and even). */
export function referenceVariations(annotations: readonly Seconds[]): Seconds[][] {
  assertBeatTimes('annotations', annotations);
  const double: Seconds[] = [];
  annotations.forEach((a, i) => {
    const next = annotations[i + 1];
    double.push(a);
    if (next !== undefined) double.push((a + next) / 2);
  });
  return [
    [...annotations],
    double.filter((_, i) => i % 2 === 1),
    double,
    annotations.filter((_, i) => i % 2 === 0),
    annotations.filter((_, i) => i % 2 === 1),
  ];
}

interface VariationScore {
  continuous: number;
  total: number;
}

function variationScore(detections: readonly Seconds[], reference: readonly Seconds[], phaseTolerance: number, tempoTolerance: number): VariationScore {
  const length = Math.max(reference.length, detections.length);
  const used = new Array<boolean>(reference.length).fill(false);
  let total = 0;
  let run = 0;
  let longest = 0;
  detections.forEach((d, m) => {
    const ok = beatIsCorrect(detections, reference, m, d, used, phaseTolerance, tempoTolerance);
    total += ok ? 1 : 0;
    run = ok ? run + 1 : 0;
    longest = Math.max(longest, run);
  });
  return { continuous: longest / length, total: total / length };
}

function beatIsCorrect(
  detections: readonly Seconds[],
  reference: readonly Seconds[],
  m: number,
  d: Seconds,
  used: boolean[],
  phaseTolerance: number,
  tempoTolerance: number,
): boolean {
  // A variation can be empty (half-even of one beat); nothing can match it.
  if (reference.length === 0) return false;
  const nearest = nearestIndex(reference, d);
  if (used[nearest] === true) return false;
  const distance = Math.abs(d - at(reference, nearest));
  let referenceInterval: Seconds;
  let detectionInterval: Seconds;
  if (m === 0 || nearest === 0) {
    // First detection or first annotation: look forward (backward at the very end).
    referenceInterval = nearest + 1 < reference.length ? at(reference, nearest + 1) - at(reference, nearest) : nearest > 0 ? at(reference, nearest) - at(reference, nearest - 1) : 0;
    detectionInterval = m + 1 < detections.length ? at(detections, m + 1) - d : m > 0 ? d - at(detections, m - 1) : 0;
  } else {
    referenceInterval = at(reference, nearest) - at(reference, nearest - 1);
    detectionInterval = d - at(detections, m - 1);
  }
  // A single-beat variation has no interval, so its beat cannot be judged and fails (mir_eval's phase is then 1 or inf).
  if (referenceInterval <= 0) return false;
  const phase = distance / referenceInterval;
  const period = Math.abs(1 - detectionInterval / referenceInterval);
  if (phase < phaseTolerance && period < tempoTolerance) {
    used[nearest] = true;
    return true;
  }
  return false;
}

/** Index of the reference time nearest to t; the lower index on a tie (numpy argmin). */
function nearestIndex(reference: readonly Seconds[], t: Seconds): number {
  let lo = 0;
  let hi = reference.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at(reference, mid) < t) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return 0;
  if (lo === reference.length) return lo - 1;
  return t - at(reference, lo - 1) <= at(reference, lo) - t ? lo - 1 : lo;
}

function at(values: readonly Seconds[], i: number): Seconds {
  const v = values[i];
  if (v === undefined) throw new Error(`index ${i} outside a list of ${values.length} beat times`);
  return v;
}
