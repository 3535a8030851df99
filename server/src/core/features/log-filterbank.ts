import type { Hz } from '../units.js';

export interface LogFilterbankOptions {
  fftSize: number;
  sampleRate: Hz;
  bandsPerOctave: number;
  fminHz: Hz;
  fmaxHz: Hz;
}

/**
 * Triangular filters on log-spaced centre frequencies (semitone grid around A4 at 12 bands per
 * octave), each normalised to unit area. Centres that fall on the same FFT bin are merged, so low
 * bands are never empty (the madmom/BeatNet "filtered spectrogram").
 */
export class LogFilterbank {
  readonly bandCount: number;
  readonly #starts: Int32Array;
  readonly #weights: Float32Array[];

  constructor(options: LogFilterbankOptions) {
    const binHz = options.sampleRate / options.fftSize;
    const maxBin = options.fftSize / 2;
    const centres = new Set<number>();
    const lowest = Math.ceil(options.bandsPerOctave * Math.log2(options.fminHz / 440));
    const highest = Math.floor(options.bandsPerOctave * Math.log2(options.fmaxHz / 440));
    for (let i = lowest; i <= highest; i++) {
      const bin = Math.round((440 * 2 ** (i / options.bandsPerOctave)) / binHz);
      if (bin >= 1 && bin < maxBin) centres.add(bin);
    }
    const bins = [...centres].sort((a, b) => a - b);
    if (bins.length < 3) {
      throw new Error(
        `log filterbank from ${options.fminHz} to ${options.fmaxHz} Hz has fewer than 3 distinct bins at FFT size ${options.fftSize}`,
      );
    }
    this.bandCount = bins.length - 2;
    this.#starts = new Int32Array(this.bandCount);
    this.#weights = [];
    for (let b = 0; b < this.bandCount; b++) {
      const start = bins[b] ?? 0;
      const centre = bins[b + 1] ?? 0;
      const stop = bins[b + 2] ?? 0;
      const weights = new Float32Array(stop - start);
      let area = 0;
      for (let k = start; k < stop; k++) {
        const w = k < centre ? (k - start) / (centre - start) : 1 - (k - centre) / (stop - centre);
        weights[k - start] = w;
        area += w;
      }
      for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] ?? 0) / area;
      this.#starts[b] = start;
      this.#weights.push(weights);
    }
  }

  /** Filters a magnitude spectrum and compresses it: out[b] = log10(add + mul * sum_k w_bk |X_k|). */
  applyLog(magnitude: Float32Array, mul: number, add: number, out: Float32Array): void {
    for (let b = 0; b < this.bandCount; b++) {
      const start = this.#starts[b] ?? 0;
      const weights = this.#weights[b] ?? new Float32Array(0);
      let sum = 0;
      for (let i = 0; i < weights.length; i++) sum += (weights[i] ?? 0) * (magnitude[start + i] ?? 0);
      out[b] = Math.log10(add + mul * sum);
    }
  }
}
