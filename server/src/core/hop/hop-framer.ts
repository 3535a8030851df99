import type { HopIndex, Samples } from '../units.js';

export type HopHandler = (hop: HopIndex, window: Float32Array) => void;

/**
 * Cuts a stream of arbitrary-length blocks into hops. After every `hop` new samples it hands out the
 * newest `frame` samples (zero before the stream began), so the frames never depend on block sizes.
 * Hops are counted from 1: hop h ends at sample h * hop.
 * Storage is a ring written twice, `frame` apart, so the newest frame is always one contiguous view and
 * nothing is shifted per hop.
 */
export class HopFramer {
  readonly #hop: Samples;
  readonly #frame: Samples;
  readonly #ring: Float32Array;
  /** Where the next sample goes, in [0, frame). */
  #write = 0;
  #filled = 0;
  #hopIndex: HopIndex = 0;

  constructor(frame: Samples, hop: Samples) {
    if (!Number.isInteger(hop) || hop <= 0 || !Number.isInteger(frame) || frame < hop) {
      throw new Error(`hop framer needs 0 < hop <= frame, both whole samples; got hop ${hop}, frame ${frame}`);
    }
    this.#hop = hop;
    this.#frame = frame;
    this.#ring = new Float32Array(2 * frame);
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
    this.#ring.fill(0);
    this.#write = 0;
    this.#filled = 0;
    this.#hopIndex = 0;
  }

  /** Appends samples; calls `onHop` once per completed hop. The window is a view: copy it to keep it. */
  push(samples: Float32Array, onHop: HopHandler): void {
    const frame = this.#frame;
    const ring = this.#ring;
    let offset = 0;
    while (offset < samples.length) {
      // Up to the end of this hop, and not past the end of the ring's first half.
      const take = Math.min(this.#hop - this.#filled, samples.length - offset, frame - this.#write);
      const chunk = samples.subarray(offset, offset + take);
      ring.set(chunk, this.#write);
      ring.set(chunk, this.#write + frame);
      this.#write = (this.#write + take) % frame;
      this.#filled += take;
      offset += take;
      if (this.#filled === this.#hop) {
        this.#filled = 0;
        this.#hopIndex++;
        onHop(this.#hopIndex, ring.subarray(this.#write, this.#write + frame));
      }
    }
  }
}
