import type { HopIndex, Samples } from '../units.js';

export type HopHandler = (hop: HopIndex, window: Float32Array) => void;

/**
 * Cuts a stream of arbitrary-length blocks into hops. After every `hop` new samples it hands out the
 * newest `frame` samples (zero before the stream began), so the frames never depend on block sizes.
 * Hops are counted from 1: hop h ends at sample h * hop.
 */
export class HopFramer {
  readonly #hop: Samples;
  readonly #window: Float32Array;
  readonly #pending: Float32Array;
  #filled = 0;
  #hopIndex: HopIndex = 0;

  constructor(frame: Samples, hop: Samples) {
    if (!Number.isInteger(hop) || hop <= 0 || !Number.isInteger(frame) || frame < hop) {
      throw new Error(`hop framer needs 0 < hop <= frame, both whole samples; got hop ${hop}, frame ${frame}`);
    }
    this.#hop = hop;
    this.#window = new Float32Array(frame);
    this.#pending = new Float32Array(hop);
  }

  /** Hops completed so far. */
  get hopIndex(): HopIndex {
    return this.#hopIndex;
  }

  /** Samples consumed so far: the stream time in samples. */
  get samplesConsumed(): Samples {
    return this.#hopIndex * this.#hop + this.#filled;
  }

  reset(): void {
    this.#window.fill(0);
    this.#filled = 0;
    this.#hopIndex = 0;
  }

  /** Appends samples; calls `onHop` once per completed hop. The window is reused: copy it to keep it. */
  push(samples: Float32Array, onHop: HopHandler): void {
    let offset = 0;
    while (offset < samples.length) {
      const take = Math.min(this.#hop - this.#filled, samples.length - offset);
      this.#pending.set(samples.subarray(offset, offset + take), this.#filled);
      this.#filled += take;
      offset += take;
      if (this.#filled === this.#hop) {
        this.#window.copyWithin(0, this.#hop);
        this.#window.set(this.#pending, this.#window.length - this.#hop);
        this.#filled = 0;
        this.#hopIndex++;
        onHop(this.#hopIndex, this.#window);
      }
    }
  }
}
