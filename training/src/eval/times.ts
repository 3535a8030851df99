import type { Seconds } from '@fractalsync/server/core/units';

/**
 * Throws unless `times` is a list of finite, non-negative, strictly increasing seconds.
 * Every metric calls this first, so a tracker bug (NaN, a repeated or out-of-order beat) is named, not averaged away.
 */
export function assertBeatTimes(name: string, times: readonly Seconds[]): void {
  times.forEach((t, i) => {
    if (!Number.isFinite(t)) throw new Error(`${name}[${i}] is ${t}; beat times must be finite seconds`);
    if (t < 0) throw new Error(`${name}[${i}] is ${t}; beat times must be >= 0 s from the start of the track`);
    const previous = i > 0 ? times[i - 1] : undefined;
    if (previous !== undefined && t <= previous) {
      throw new Error(`${name}[${i}] is ${t} after ${name}[${i - 1}] = ${previous}; beat times must be strictly increasing`);
    }
  });
}

/** Throws unless `value` is a finite number > 0 (a window or tolerance). */
export function assertPositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} is ${value}; it must be a finite number > 0`);
}

/** The middle value (mean of the two middle ones for an even count); Infinity sorts last. NaN for an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? Number.NaN;
  if (sorted.length % 2 === 1) return upper;
  const lower = sorted[mid - 1] ?? Number.NaN;
  // Avoid Infinity - Infinity style NaN: the mean of two equal values is that value.
  return lower === upper ? upper : (lower + upper) / 2;
}
