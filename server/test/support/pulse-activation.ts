import type { BeatActivationStage, HopActivation } from '../../src/core/beat/activation.js';

/** An activation with onsets of `peak` every `period` hops and 0.03 between, full presence and flat chroma. */
export class PulseActivation implements BeatActivationStage {
  #hop = 0;
  constructor(
    readonly period: number,
    readonly peak: number,
  ) {}
  process(): HopActivation {
    const beat = this.#hop % this.period === 0 ? this.peak : 0.03;
    this.#hop++;
    return { beat, bass: beat, chroma: new Float32Array(12).fill(1), presence: 1 };
  }
  reset(): void {
    this.#hop = 0;
  }
}
