import type { Milliseconds } from '../core/units.js';

/** Rolling per-hop processing cost: median and p99 over the last `capacity` hops. */
export class HopTimer {
  readonly #costs: Float64Array;
  #count = 0;

  constructor(capacity = 470) {
    this.#costs = new Float64Array(capacity);
  }

  record(cost: Milliseconds): void {
    this.#costs[this.#count % this.#costs.length] = cost;
    this.#count++;
  }

  percentile(p: number): Milliseconds {
    const n = Math.min(this.#count, this.#costs.length);
    if (n === 0) return 0;
    const sorted = this.#costs.slice(0, n).sort();
    return sorted[Math.min(n - 1, Math.floor((p / 100) * n))] ?? 0;
  }
}
