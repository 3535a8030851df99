import type { Bpm } from '../units.js';
import type { BeatKernels, F64Array } from './beat-kernels.js';

export interface TempoInductionOptions {
  /** Hops per second. */
  fps: number;
  /** Beat periods to score, in hops (the beat filter's periods). */
  periods: Int32Array;
  /** Activation history analysed, in hops (about 6 s). */
  windowHops?: number;
  /** Re-analyse every this many hops. */
  everyHops?: number;
  /** Start once this many hops are in (before the window is full, with the history there is). */
  minHops?: number;
  /** Weights of the autocorrelation at 1, 2, 3 and 4 times the period (the comb). */
  comb?: readonly number[];
  /** Centre and width (octaves) of the log-normal tempo prior that settles octave ambiguity. */
  priorBpm?: Bpm;
  priorOctaves?: number;
}

/**
 * Tempo induction: how well each beat period explains the periodicity of the last few seconds of onsets. The
 * autocorrelation of the activation is read at 1-4 times each period (a comb, so a period whose multiples
 * also line up, as a bar does, scores higher than one that only matches a subdivision), weighted by a
 * log-normal prior. The result, a likelihood per period, guides the beat filter's tempo at beat boundaries.
 * The autocorrelation runs in the injected beat kernels.
 */
export class TempoInduction {
  readonly #o: Required<Omit<TempoInductionOptions, 'fps' | 'periods'>>;
  readonly #periods: Int32Array;
  readonly #kernels: BeatKernels;
  readonly #history: Float64Array;
  /** The window oldest to newest, mean removed, and its autocorrelation, in kernel memory. */
  readonly #linear: F64Array;
  readonly #acf: F64Array;
  readonly #prior: Float64Array;
  readonly #likelihood: Float64Array;
  #count = 0;
  #ready = false;
  #bestPeriod: number | undefined;

  static getDefaults(): Required<Omit<TempoInductionOptions, 'fps' | 'periods'>> {
    return { windowHops: 281, everyHops: 32, minHops: 70, comb: [1, 0.5, 0.33, 0.25], priorBpm: 120, priorOctaves: 1 };
  }

  constructor(kernels: BeatKernels, options: TempoInductionOptions) {
    this.#o = { ...TempoInduction.getDefaults(), ...options };
    this.#kernels = kernels;
    this.#periods = options.periods;
    this.#history = new Float64Array(this.#o.windowHops);
    this.#linear = kernels.f64(this.#o.windowHops);
    const maxLag = (this.#periods.at(-1) ?? 1) * this.#o.comb.length;
    if (maxLag >= this.#o.windowHops) throw new Error(`tempo induction window of ${this.#o.windowHops} hops is too short for lags up to ${maxLag}`);
    this.#acf = kernels.f64(maxLag + 1);
    this.#prior = Float64Array.from(this.#periods, (n) => Math.exp(-0.5 * (Math.log2((60 * options.fps) / n / this.#o.priorBpm) / this.#o.priorOctaves) ** 2));
    this.#likelihood = new Float64Array(this.#periods.length).fill(1);
  }

  reset(): void {
    this.#history.fill(0);
    this.#likelihood.fill(1);
    this.#count = 0;
    this.#ready = false;
    this.#bestPeriod = undefined;
  }

  /** The best-scoring beat period (hops) of the last analysis, or undefined before the first one. */
  get bestPeriod(): number | undefined {
    return this.#bestPeriod;
  }

  /** True once `minHops` of activation have been seen. */
  get ready(): boolean {
    return this.#ready;
  }

  /** Adds a hop's activation; returns the current likelihood per period (max 1), or undefined before it is ready. */
  process(activation: number): Float64Array | undefined {
    const n = this.#history.length;
    this.#history[this.#count % n] = activation;
    this.#count++;
    if (this.#count < this.#o.minHops) return undefined;
    if (!this.#ready || this.#count % this.#o.everyHops === 0) this.#update();
    this.#ready = true;
    return this.#likelihood;
  }

  #update(): void {
    const size = this.#history.length;
    // Until the window is full, analyse what there is.
    const n = Math.min(this.#count, size);
    const start = this.#count >= size ? this.#count % size : 0;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += this.#history[(start + i) % size] ?? 0;
    mean /= n;
    // The window oldest to newest, mean removed, then its autocorrelation.
    const x = this.#linear.view();
    for (let i = 0; i < n; i++) x[i] = (this.#history[(start + i) % size] ?? 0) - mean;
    // Lags need at least a quarter of the window's worth of pairs to mean anything.
    const maxLag = Math.min(this.#acf.length - 1, Math.floor(0.75 * n));
    const acf = this.#acf.view();
    acf.fill(Number.NaN, maxLag + 1);
    this.#kernels.autocorrelation(this.#linear, n, maxLag, this.#acf);
    let best = 0;
    const scores = this.#likelihood;
    for (let k = 0; k < this.#periods.length; k++) {
      const period = this.#periods[k] ?? 1;
      let score = 0;
      const comb = this.#o.comb;
      for (let m = 0; m < comb.length; m++) {
        // The best of the three lags around the multiple: integer periods straddle the true one. Lags the
        // history cannot support yet (NaN) are left out.
        const lag = period * (m + 1);
        const value = Math.max(acf[lag - 1] ?? Number.NaN, acf[lag] ?? Number.NaN, acf[lag + 1] ?? Number.NaN);
        if (Number.isFinite(value)) score += (comb[m] ?? 0) * value;
      }
      scores[k] = Math.max(0, score) * (this.#prior[k] ?? 0);
      best = Math.max(best, scores[k] ?? 0);
    }
    if (best <= 0) {
      scores.fill(1);
      this.#bestPeriod = undefined;
      return;
    }
    for (let k = 0; k < scores.length; k++) scores[k] = (scores[k] ?? 0) / best;
    this.#bestPeriod = this.#periods[scores.indexOf(1)];
  }
}
