import type { HopActivation } from './activation.js';

export interface BarEvidenceOptions {
  /**
   * Share of the learned downbeat probability in the evidence (geometric: harmony and bass to the power 1 − s,
   * the network's downbeat peak over its running mean to the power s). 0 leaves it out; hops without a network
   * answer (the DSP activation) leave it out too.
   */
  downbeatShare?: number;
}

/**
 * Per beat, how much the beat that just ended looked like the start of a bar: the change of harmony
 * (pitch-class profile of the whole beat against the beat before) and the bass onset at its start,
 * each divided by its own running mean, so 1 is an ordinary beat; optionally also the learned activation's
 * downbeat probability at the beat's start.
 */
export class BarEvidence {
  readonly #chroma = new Float64Array(12);
  readonly #previousChroma = new Float64Array(12);
  #beats = 0;
  #bassAtStart = 0;
  #hopsInBeat = 0;
  #meanChange = 0;
  #meanBass = 0;
  readonly #share: number;
  #downbeatAtStart: number | undefined;
  #lastDownbeat: number | undefined;
  #meanDownbeat = 0;

  static getDefaults(): Required<BarEvidenceOptions> {
    // Chosen on dev-v1 with the shipped learned activation (downbeat F / meter right): share 0: 0.632 / 67 %,
    // 0.2: 0.649 / 70 %, 0.3: 0.658 / 72 %, 0.4: 0.648 / 65 %, 0.5: 0.643 / 67 %, 0.7: 0.601 / 55 %.
    return { downbeatShare: 0.3 };
  }

  constructor(options: BarEvidenceOptions = {}) {
    const share = options.downbeatShare ?? BarEvidence.getDefaults().downbeatShare;
    if (!(share >= 0 && share <= 1)) throw new Error(`bar evidence: downbeatShare ${share} is invalid; expected a number in [0, 1]`);
    this.#share = share;
  }

  reset(): void {
    this.#downbeatAtStart = undefined;
    this.#lastDownbeat = undefined;
    this.#meanDownbeat = 0;
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
    // The hop a beat is reported in closes the previous beat, but its onset may already be the new beat's.
    if (this.#hopsInBeat < 2 && hop.downbeat !== undefined) this.#downbeatAtStart = Math.max(this.#downbeatAtStart ?? 0, hop.downbeat);
    this.#lastDownbeat = hop.downbeat;
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
    const downbeat = this.#downbeatAtStart;
    this.#previousChroma.set(this.#chroma);
    this.#chroma.fill(0);
    this.#bassAtStart = 0;
    this.#downbeatAtStart = this.#lastDownbeat;
    this.#hopsInBeat = 0;
    this.#beats++;
    if (this.#beats <= 2) {
      this.#meanChange = change;
      this.#meanBass = bass;
      this.#meanDownbeat = downbeat ?? 0;
      return undefined;
    }
    let evidence = 0.7 * (change / (this.#meanChange + 1e-4)) + 0.3 * (bass / (this.#meanBass + 1e-3));
    if (this.#share > 0 && downbeat !== undefined) {
      evidence = evidence ** (1 - this.#share) * (downbeat / (this.#meanDownbeat + 1e-3)) ** this.#share;
    }
    this.#meanChange += (change - this.#meanChange) / 16;
    this.#meanBass += (bass - this.#meanBass) / 16;
    if (downbeat !== undefined) this.#meanDownbeat += (downbeat - this.#meanDownbeat) / 16;
    return evidence;
  }
}
