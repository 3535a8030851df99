import type { Seconds } from '../units.js';

/**
 * Tap tempo: the median of the last intervals between taps. A pause longer than `resetAfter` starts a
 * new run; intervals outside the tracker's tempo range are ignored.
 */
export class TapTempo {
  readonly #taps: Seconds[] = [];
  readonly #resetAfter: Seconds;
  readonly #minSpb: Seconds;
  readonly #maxSpb: Seconds;

  constructor(resetAfter: Seconds = 2, minBpm = 55, maxBpm = 215) {
    this.#resetAfter = resetAfter;
    this.#minSpb = 60 / maxBpm;
    this.#maxSpb = 60 / minBpm;
  }

  reset(): void {
    this.#taps.length = 0;
  }

  /** Records a tap at `t`; returns seconds per beat once two or more taps make a tempo. */
  tap(t: Seconds): Seconds | undefined {
    const last = this.#taps.at(-1);
    if (last !== undefined && (t - last > this.#resetAfter || t <= last)) this.#taps.length = 0;
    this.#taps.push(t);
    if (this.#taps.length > 8) this.#taps.shift();
    const intervals: Seconds[] = [];
    for (let i = 1; i < this.#taps.length; i++) {
      const d = (this.#taps[i] ?? 0) - (this.#taps[i - 1] ?? 0);
      if (d >= this.#minSpb && d <= this.#maxSpb) intervals.push(d);
    }
    if (intervals.length === 0) return undefined;
    intervals.sort((x, y) => x - y);
    return intervals[Math.floor(intervals.length / 2)];
  }
}
