import type { Seconds } from '../units.js';

/**
 * The beat period from the last `capacity` confidently tracked beats, by least squares on (count, time):
 * the slope. Beat-time jitter of a few milliseconds averages out, so this is the tempo to hold when the
 * rhythm stops.
 */
export class BeatPeriodFit {
  readonly #counts: number[] = [];
  readonly #times: Seconds[] = [];
  readonly #capacity: number;

  constructor(capacity = 16) {
    this.#capacity = capacity;
  }

  reset(): void {
    this.#counts.length = 0;
    this.#times.length = 0;
  }

  add(count: number, time: Seconds): void {
    // A gap in the counts means the rhythm was lost in between: start a new fit.
    const last = this.#counts.at(-1);
    if (last !== undefined && count - last > 4) this.reset();
    this.#counts.push(count);
    this.#times.push(time);
    if (this.#counts.length > this.#capacity) {
      this.#counts.shift();
      this.#times.shift();
    }
  }

  /** Seconds per beat, or undefined with fewer than `minimum` beats. */
  period(minimum = 8): Seconds | undefined {
    const n = this.#counts.length;
    if (n < minimum) return undefined;
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < n; i++) {
      sx += this.#counts[i] ?? 0;
      sy += this.#times[i] ?? 0;
    }
    const mx = sx / n;
    const my = sy / n;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      const dx = (this.#counts[i] ?? 0) - mx;
      sxy += dx * ((this.#times[i] ?? 0) - my);
      sxx += dx * dx;
    }
    return sxx > 0 ? sxy / sxx : undefined;
  }
}
