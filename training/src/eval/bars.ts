import type { Seconds } from '@fractalsync/server/core/units';
import { assertPositionedBeats, type PositionedBeat } from './beat-metrics.js';

/**
 * Beats in the bar that holds beats[index]: the position of the bar's last beat before the next downbeat.
 * A bar cut off by the end of the track takes the previous bar's length when there is one.
 */
export function beatsPerBarAt(beats: readonly PositionedBeat[], index: number): number {
  assertPositionedBeats('beats', beats);
  const beat = beats[index];
  if (beat === undefined) throw new Error(`beatsPerBarAt: index ${index} is outside ${beats.length} beats`);
  let end = index;
  while (end + 1 < beats.length && beats[end + 1]?.position !== 1) end++;
  const last = beats[end]?.position ?? beat.position;
  if (end + 1 < beats.length) return last;
  // The track ends inside this bar: its length is unknown, so use the bar before when it is complete.
  let start = index;
  while (start > 0 && beats[start]?.position !== 1) start--;
  const before = start > 0 ? beats[start - 1]?.position : undefined;
  return before !== undefined && beats[start]?.position === 1 ? Math.max(before, last) : last;
}

/** Lengths (in beats) of the complete bars, from one downbeat to the next, that start at or after `from`. */
export function barLengths(beats: readonly PositionedBeat[], from: Seconds = 0): number[] {
  assertPositionedBeats('beats', beats);
  const lengths: number[] = [];
  let barStart = -1;
  beats.forEach((beat, i) => {
    if (beat.position !== 1) return;
    const startBeat = beats[barStart];
    if (startBeat !== undefined && startBeat.time >= from) lengths.push(i - barStart);
    barStart = i;
  });
  return lengths;
}

/** The most common complete bar length from `from` on (the smaller on a tie), or null when there is no complete bar. */
export function meterOf(beats: readonly PositionedBeat[], from: Seconds = 0): number | null {
  const counts = new Map<number, number>();
  for (const length of barLengths(beats, from)) counts.set(length, (counts.get(length) ?? 0) + 1);
  let best: number | null = null;
  let bestCount = 0;
  for (const [length, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== null && length < best)) {
      best = length;
      bestCount = count;
    }
  }
  return best;
}
