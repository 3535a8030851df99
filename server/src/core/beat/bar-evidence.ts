import type { HopActivation } from './activation.js';

/**
 * Per beat, how much the beat that just ended looked like the start of a bar: the change of harmony
 * (pitch-class profile of the whole beat against the beat before) and the bass onset at its start,
 * each divided by its own running mean, so 1 is an ordinary beat.
 */
export class BarEvidence {
  readonly #chroma = new Float64Array(12);
  readonly #previousChroma = new Float64Array(12);
  #beats = 0;
  #bassAtStart = 0;
  #hopsInBeat = 0;
  #meanChange = 0;
  #meanBass = 0;

  reset(): void {
    this.#chroma.fill(0);
    this.#previousChroma.fill(0);
    this.#beats = 0;
    this.#bassAtStart = 0;
    this.#hopsInBeat = 0;
    this.#meanChange = 0;
    this.#meanBass = 0;
  }

  /** Adds a hop to the beat in progress. */
  addHop(hop: HopActivation): void {
    for (let i = 0; i < 12; i++) this.#chroma[i] = (this.#chroma[i] ?? 0) + (hop.chroma[i] ?? 0);
    // The bass onset that starts a beat lands in its first two hops.
    if (this.#hopsInBeat < 2) this.#bassAtStart = Math.max(this.#bassAtStart, hop.bass);
    this.#hopsInBeat++;
  }

  /** Closes the beat in progress; returns the evidence that it began a bar (undefined for the first two beats). */
  endBeat(): number | undefined {
    let dot = 0;
    let a = 0;
    let b = 0;
    for (let i = 0; i < 12; i++) {
      const x = this.#chroma[i] ?? 0;
      const y = this.#previousChroma[i] ?? 0;
      dot += x * y;
      a += x * x;
      b += y * y;
    }
    const change = a > 0 && b > 0 ? 1 - dot / Math.sqrt(a * b) : 0;
    const bass = this.#bassAtStart;
    this.#previousChroma.set(this.#chroma);
    this.#chroma.fill(0);
    this.#bassAtStart = 0;
    this.#hopsInBeat = 0;
    this.#beats++;
    if (this.#beats <= 2) {
      this.#meanChange = change;
      this.#meanBass = bass;
      return undefined;
    }
    const evidence = 0.7 * (change / (this.#meanChange + 1e-4)) + 0.3 * (bass / (this.#meanBass + 1e-3));
    this.#meanChange += (change - this.#meanChange) / 16;
    this.#meanBass += (bass - this.#meanBass) / 16;
    return evidence;
  }
}
