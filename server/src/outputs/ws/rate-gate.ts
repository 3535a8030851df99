import type { HopIndex, Hz } from '../../core/units.js';
import { HOP_RATE } from './protocol.js';

/**
 * Decimates the hop stream to a client's rate by hop index, not wall time, so the choice is even and repeatable:
 * hop h falls in bucket floor(h * rate / hop_rate) and the first hop of each new bucket is due.
 */
export class RateGate {
  #rate: Hz | null;
  #lastBucket: number | null = null;

  constructor(rate: Hz | null) {
    this.#rate = rate;
  }

  get rate(): Hz | null {
    return this.#rate;
  }

  /** null means every hop. A new rate restarts the bucketing so the next hop is due at once. */
  setRate(rate: Hz | null): void {
    this.#rate = rate;
    this.#lastBucket = null;
  }

  /** True when this hop should go to the client; records it as taken. */
  take(hop: HopIndex): boolean {
    const bucket = this.#rate === null || this.#rate >= HOP_RATE ? hop : Math.floor((hop * this.#rate) / HOP_RATE);
    if (bucket === this.#lastBucket) return false;
    this.#lastBucket = bucket;
    return true;
  }
}
