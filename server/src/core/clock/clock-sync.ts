import type { Milliseconds } from '../units.js';
import { estimateClockOffset, type ClockOffsetEstimate, type ClockSample } from './clock-offset.js';

/**
 * The client's running estimate of the server clock: the last `window` ping/pong samples, of which the one
 * with the least round-trip delay is trusted (estimateClockOffset). A window rather than all history lets the
 * estimate follow a drifting clock; a new connection (perhaps to another server) starts afresh with reset().
 */
export class ClockSync {
  readonly #window: number;
  #samples: ClockSample[] = [];
  #estimate: ClockOffsetEstimate | null = null;

  constructor(window = 16) {
    if (!Number.isInteger(window) || window < 1) throw new Error(`clock sync window must be a positive integer of samples, got ${String(window)}`);
    this.#window = window;
  }

  reset(): void {
    this.#samples = [];
    this.#estimate = null;
  }

  /** Adds one exchange; an invalid one is refused with the estimator's error and leaves the window as it was. */
  add(sample: ClockSample): ClockOffsetEstimate {
    estimateClockOffset([sample]);
    this.#samples.push(sample);
    if (this.#samples.length > this.#window) this.#samples.shift();
    this.#estimate = estimateClockOffset(this.#samples);
    return this.#estimate;
  }

  /** Server minus client, ms; null before the first sample. */
  get offset(): Milliseconds | null {
    return this.#estimate?.offset ?? null;
  }

  /** Round-trip delay of the trusted sample, ms; null before the first sample. */
  get delay(): Milliseconds | null {
    return this.#estimate?.delay ?? null;
  }

  get samples(): number {
    return this.#samples.length;
  }
}
