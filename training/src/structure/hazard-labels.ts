/**
 * Per-hop structure labels. Hop i (from 0) ends at t_i = (i + 1) · hop / rate, as in dataset/hop-labels.ts; its
 * section is the one playing at t_i. A boundary is the start of every section after the first. For a boundary b
 * after t_i, the beats to it are k = 1 + (beats in (t_i, b - tolerance)): the boundary's own beat is the k-th beat
 * to come (a beat within `tolerance` before b is that beat). hazard_h at hop i is true when k <= h.
 */
import type { Seconds } from '@fractalsync/server/core/units';
import { HAZARD_HORIZONS, sectionIndex } from './section-labels.js';
import type { SectionLabel } from './section-labels.js';

export interface LabelledSpan {
  start: Seconds;
  label: SectionLabel;
}

/** Beat-tracking tolerance: a beat this close before a boundary is the boundary's own beat. */
export const BOUNDARY_BEAT_TOLERANCE: Seconds = 0.07;

/** End time of every hop of a track `duration` long. */
export function hopEndTimes(duration: Seconds, hopSize: number, sampleRate: number): Seconds[] {
  if (!(duration > 0)) throw new Error(`duration ${duration} is invalid; expected seconds > 0`);
  const hops = Math.floor((duration * sampleRate) / hopSize);
  return Array.from({ length: hops }, (_, i) => ((i + 1) * hopSize) / sampleRate);
}

function checkSpans(spans: readonly LabelledSpan[]): void {
  spans.forEach((s, i) => {
    sectionIndex(s.label);
    const prev = spans[i - 1];
    if (prev !== undefined && !(s.start > prev.start)) throw new Error(`section ${i} starts at ${s.start} s, not after section ${i - 1} (${prev.start} s); starts must increase`);
  });
}

/** Contract index of the section playing at each hop end; before the first section, silence. */
export function sectionPerHop(spans: readonly LabelledSpan[], hopEnds: readonly Seconds[]): number[] {
  checkSpans(spans);
  let k = -1;
  return hopEnds.map((t) => {
    while (k + 1 < spans.length && (spans[k + 1]?.start ?? Infinity) <= t) k++;
    const span = spans[k];
    return span === undefined ? sectionIndex('silence') : sectionIndex(span.label);
  });
}

/** Starts of every section after the first: the section changes a hazard announces. */
export function boundaryTimes(spans: readonly LabelledSpan[]): Seconds[] {
  checkSpans(spans);
  return spans.slice(1).map((s) => s.start);
}

/** Per hop: beats until the next boundary counted on `beats` (sorted times), or -1 when no boundary lies ahead. */
export function beatsToBoundary(hopEnds: readonly Seconds[], boundaries: readonly Seconds[], beats: readonly Seconds[], tolerance: Seconds = BOUNDARY_BEAT_TOLERANCE): number[] {
  beats.forEach((b, i) => {
    if (i > 0 && !(b >= (beats[i - 1] ?? -Infinity))) throw new Error(`beat ${i} at ${b} s comes before beat ${i - 1}; beat times must be sorted`);
  });
  // Beats at or before time x: a binary search, since tracks have thousands of hops.
  const countUpTo = (x: number): number => {
    let lo = 0;
    let hi = beats.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((beats[mid] ?? Infinity) <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const countBelow = (x: number): number => {
    let lo = 0;
    let hi = beats.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((beats[mid] ?? Infinity) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let next = 0;
  return hopEnds.map((t) => {
    while (next < boundaries.length && (boundaries[next] ?? Infinity) <= t) next++;
    const b = boundaries[next];
    if (b === undefined) return -1;
    return 1 + Math.max(0, countBelow(b - tolerance) - countUpTo(t));
  });
}

/** hazard[h][i] = 1 when a boundary is at most HAZARD_HORIZONS[h] beats ahead of hop i (k from beatsToBoundary). */
export function hazardTargets(beatsAhead: readonly number[], horizons: readonly number[] = HAZARD_HORIZONS): number[][] {
  return horizons.map((h) => beatsAhead.map((k) => (k >= 1 && k <= h ? 1 : 0)));
}
