/** Input level over a sliding period (about one second): RMS, peak and clipping, for the VJ's health view. */
export class LevelMeter {
  readonly #period: number;
  #sumSquares = 0;
  #peak = 0;
  #samples = 0;
  #clippedInPeriod = 0;
  #lastRms = 0;
  #lastPeak = 0;
  #lastClipping = false;
  clippedSamples = 0;

  constructor(periodSamples: number) {
    this.#period = periodSamples;
  }

  add(block: Float32Array): void {
    for (const x of block) {
      const a = Math.abs(x);
      this.#sumSquares += x * x;
      if (a > this.#peak) this.#peak = a;
      if (a >= 0.999) this.#clippedInPeriod++;
      this.#samples++;
      if (this.#samples === this.#period) this.#roll();
    }
  }

  get rms(): number {
    return this.#lastRms;
  }

  get peak(): number {
    return this.#lastPeak;
  }

  get clipping(): boolean {
    return this.#lastClipping;
  }

  #roll(): void {
    this.#lastRms = Math.sqrt(this.#sumSquares / this.#samples);
    this.#lastPeak = this.#peak;
    this.#lastClipping = this.#clippedInPeriod > 0;
    this.clippedSamples += this.#clippedInPeriod;
    this.#sumSquares = 0;
    this.#peak = 0;
    this.#samples = 0;
    this.#clippedInPeriod = 0;
  }
}
