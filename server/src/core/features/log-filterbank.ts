import type { SparseRows, VectorKernels } from '../dsp/vector-kernels.js';
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
  /** First FFT bin of each band. */
  readonly starts: readonly number[];
  /** Each band's weights, from its first bin on; each band sums to 1. */
  readonly weights: readonly Float32Array[];
  /** Each band's centre frequency (its peak bin's frequency). */
  readonly centresHz: readonly number[];

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
    const starts: number[] = [];
    const weights: Float32Array[] = [];
    const centresHz: number[] = [];
    for (let b = 0; b < this.bandCount; b++) {
      const start = bins[b] ?? 0;
      const centre = bins[b + 1] ?? 0;
      const stop = bins[b + 2] ?? 0;
      const row = new Float32Array(stop - start);
      let area = 0;
      for (let k = start; k < stop; k++) {
        const w = k < centre ? (k - start) / (centre - start) : 1 - (k - centre) / (stop - centre);
        row[k - start] = w;
        area += w;
      }
      for (let i = 0; i < row.length; i++) row[i] = (row[i] ?? 0) / area;
      starts.push(start);
      weights.push(row);
      centresHz.push(centre * binHz);
    }
    this.starts = starts;
    this.weights = weights;
    this.centresHz = centresHz;
  }

  /** The filters as sparse rows in kernel memory, for `VectorKernels.sparseLogRows`. */
  toSparseRows(kernels: VectorKernels): SparseRows {
    const offsets: number[] = [];
    let total = 0;
    for (const row of this.weights) {
      offsets.push(total);
      total += row.length;
    }
    const flat = kernels.f32(total);
    const view = flat.f32();
    this.weights.forEach((row, b) => {
      view.set(row, offsets[b] ?? 0);
    });
    return {
      rows: this.bandCount,
      starts: kernels.i32(this.starts),
      offsets: kernels.i32(offsets),
      lengths: kernels.i32(this.weights.map((row) => row.length)),
      weights: flat,
    };
  }
}
