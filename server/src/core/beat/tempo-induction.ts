import type { Bpm } from '../units.js';

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
 */
export class TempoInduction {
  readonly #o: Required<Omit<TempoInductionOptions, 'fps' | 'periods'>>;
  readonly #periods: Int32Array;
  readonly #history: Float64Array;
  readonly #linear: Float64Array;
  readonly #acf: Float64Array;
  readonly #prior: Float64Array;
  readonly #likelihood: Float64Array;
  #count = 0;
  #ready = false;
  #bestPeriod: number | undefined;

  static getDefaults(): Required<Omit<TempoInductionOptions, 'fps' | 'periods'>> {
    return { windowHops: 281, everyHops: 32, minHops: 70, comb: [1, 0.5, 0.33, 0.25], priorBpm: 120, priorOctaves: 1 };
  }

  constructor(options: TempoInductionOptions) {
    this.#o = { ...TempoInduction.getDefaults(), ...options };
    this.#periods = options.periods;
    this.#history = new Float64Array(this.#o.windowHops);
    this.#linear = new Float64Array(this.#o.windowHops);
    const maxLag = (this.#periods.at(-1) ?? 1) * this.#o.comb.length;
    if (maxLag >= this.#o.windowHops) throw new Error(`tempo induction window of ${this.#o.windowHops} hops is too short for lags up to ${maxLag}`);
    this.#acf = new Float64Array(maxLag + 1);
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
    const x = this.#linear;
    for (let i = 0; i < n; i++) x[i] = (this.#history[(start + i) % size] ?? 0) - mean;
    // Lags need at least a quarter of the window's worth of pairs to mean anything.
    const maxLag = Math.min(this.#acf.length - 1, Math.floor(0.75 * n));
    const acf = this.#acf;
    acf.fill(Number.NaN, maxLag + 1);
    // Four lags at a time: lag L sums x[j + L] * x[j] for j = 0, 1, ... in that order, exactly as one lag at a
    // time would, but four independent chains of additions keep the FPU busy where one chain waits on each add.
    let lag = 0;
    for (; lag + 3 <= maxLag; lag += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      const shared = n - lag - 3;
      for (let j = 0; j < shared; j++) {
        const xj = x[j] ?? 0;
        s0 += (x[j + lag] ?? 0) * xj;
        s1 += (x[j + lag + 1] ?? 0) * xj;
        s2 += (x[j + lag + 2] ?? 0) * xj;
        s3 += (x[j + lag + 3] ?? 0) * xj;
      }
      // The shorter lags' last terms: three more for lag, two for lag + 1, one for lag + 2.
      for (let j = Math.max(0, shared); j < n - lag; j++) s0 += (x[j + lag] ?? 0) * (x[j] ?? 0);
      for (let j = Math.max(0, shared); j < n - lag - 1; j++) s1 += (x[j + lag + 1] ?? 0) * (x[j] ?? 0);
      for (let j = Math.max(0, shared); j < n - lag - 2; j++) s2 += (x[j + lag + 2] ?? 0) * (x[j] ?? 0);
      acf[lag] = s0 / (n - lag);
      acf[lag + 1] = s1 / (n - lag - 1);
      acf[lag + 2] = s2 / (n - lag - 2);
      acf[lag + 3] = s3 / (n - lag - 3);
    }
    for (; lag <= maxLag; lag++) {
      let sum = 0;
      for (let j = 0; j < n - lag; j++) sum += (x[j + lag] ?? 0) * (x[j] ?? 0);
      acf[lag] = sum / (n - lag);
    }
    let best = 0;
    const scores = this.#likelihood;
    for (let k = 0; k < this.#periods.length; k++) {
      const period = this.#periods[k] ?? 1;
      let score = 0;
      this.#o.comb.forEach((weight, m) => {
        // The best of the three lags around the multiple: integer periods straddle the true one. Lags the
        // history cannot support yet (NaN) are left out.
        const lag = period * (m + 1);
        const value = Math.max(this.#acf[lag - 1] ?? Number.NaN, this.#acf[lag] ?? Number.NaN, this.#acf[lag + 1] ?? Number.NaN);
        if (Number.isFinite(value)) score += weight * value;
      });
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
