import type { Bpm } from '../units.js';
import type { BeatFilterArrays, BeatFilterHop, BeatKernels, F64Array, ModeMoments } from './beat-kernels.js';

export interface BeatFilterOptions {
  /** Hops per second of the activation (46.875 for the contract). */
  fps: number;
  minBpm?: Bpm;
  maxBpm?: Bpm;
  /** Sharpness of tempo changes at beat boundaries: transition ∝ exp(-lambda * |ratio - 1|) (madmom's λ). */
  tempoLambda?: number;
  /** Half-width of each metrical region (beat, half beat, quarter beats), as a fraction of the beat. */
  regionWidth?: number;
  /** Probability of an onset in the beat region, the half-beat region, the quarter-beat regions, and elsewhere. */
  onsetOnBeat?: number;
  onsetOnHalf?: number;
  onsetOnQuarter?: number;
  onsetElsewhere?: number;
  /**
   * How much more an onset says than its absence (madmom's observation λ): a state with onset probability π scores
   * π·a + (1 − π)·(1 − a)/(λ − 1) for an activation a. At 2 this is the plain soft evidence π·a + (1 − π)(1 − a),
   * neutral at a = 0.5; larger values make a quiet hop weak evidence against a beat and a moderate peak strong
   * evidence for one. The neutral activation is 1/λ. 3 chosen on dev-v2 (session 20; 2.5 and 3.5 scored within
   * 0.002 beat F, 4 and 8 lower).
   */
  observationLambda?: number;
  /** Share of belief spread back over all states each hop, so a wrong lock can be left when evidence says so. */
  reentry?: number;
  /** Centre and width (in octaves) of the log-normal tempo prior. */
  priorBpm?: Bpm;
  priorOctaves?: number;
  /**
   * Exponent of the prior applied at every beat boundary (0: only at the start). A double-tempo reading
   * crosses twice as many boundaries, so this settles octave ambiguity towards the prior's centre. It applies to
   * hops whose activation marks every onset (the DSP flux, which says nothing of the metrical level); `process`
   * leaves it out for hops whose activation marks beats at one level.
   */
  priorPerBeat?: number;
}

/** What the filter believes after a hop. */
export interface BeatBelief {
  /** Posterior mean beat period, in hops (fractional). */
  period: number;
  /** Circular mean of the position in the beat, [0, 1): 0 is the beat. */
  phase: number;
  /** Concentration of that circular mean, [0, 1]: how sure the filter is of the phase. */
  concentration: number;
}

/** Rows whose period is within this of the strongest row's (relative) make up the tempo mode. */
const MODE_WIDTH = 0.12;

/**
 * Exact forward filtering over a bar-pointer-style beat state space (Krebs, Böck and Widmer 2015, as in
 * madmom): for every whole beat period N (in hops) there are N states, one per hop since the beat; each
 * hop moves one state on, and the period may change only at the beat boundary. With integer periods the
 * position advances without interpolation smear; the posterior mean over periods gives a smooth tempo.
 * Each period's states are a ring whose head moves, so a hop's shift costs nothing, and normalisation is
 * folded into the next hop's single pass over the states. The per-hop loops run in the injected beat kernels
 * (`BeatKernels.beatFilterHop` and `modeMoments`, which define them); the state lives in their memory.
 */
export class BeatFilter {
  readonly periods: Int32Array;
  readonly #kernels: BeatKernels;
  /** The state and its tables in kernel memory (see BeatFilterArrays). */
  readonly #arrays: BeatFilterArrays;
  /** Per period: the index of its first state (a copy of the kernels' offsets, for the JavaScript side). */
  readonly #offsets: Int32Array;
  /** The true belief is alpha times #scale (normalisation deferred to the next pass). */
  #scale = 1;
  readonly #prior: Float64Array;
  readonly #reentry: number;
  readonly #lambda: number;
  #locked: number | undefined;
  /** Per period: a data-driven tempo likelihood applied at beat boundaries (tempo induction), or undefined. */
  #guide: Float64Array | undefined;
  #guidePower = 1;
  /** The guide's values as last seen (its powers are in the kernels' guide): recomputed only when they change (every 32 hops). */
  readonly #guideSeen: Float64Array;
  #guidePoweredAt = Number.NaN;
  readonly #hop: BeatFilterHop = { locked: -1, usePrior: false, useGuide: false, keep: 1, spread: 0, base0: 0, slope: 0 };
  readonly #moments: ModeMoments = { mass: 0, periodMass: 0, cos: 0, sin: 0 };
  #belief: BeatBelief = { period: 0, phase: 0, concentration: 0 };

  static getDefaults(): Required<Omit<BeatFilterOptions, 'fps'>> {
    return {
      minBpm: 55,
      maxBpm: 215,
      tempoLambda: 30,
      regionWidth: 1 / 16,
      onsetOnBeat: 0.9,
      onsetOnHalf: 0.3,
      onsetOnQuarter: 0.1,
      onsetElsewhere: 0.05,
      observationLambda: 3,
      reentry: 1e-4,
      priorBpm: 120,
      priorOctaves: 1,
      priorPerBeat: 0.5,
    };
  }

  constructor(kernels: BeatKernels, options: BeatFilterOptions) {
    const o = { ...BeatFilter.getDefaults(), ...options };
    if (!(o.minBpm > 0 && o.maxBpm > o.minBpm)) throw new Error(`beat filter tempo range ${o.minBpm}-${o.maxBpm} BPM is not a range`);
    if (!(o.observationLambda > 1)) throw new Error(`beat filter observationLambda ${o.observationLambda} must be greater than 1`);
    this.#kernels = kernels;
    const minPeriod = Math.max(2, Math.floor((60 * o.fps) / o.maxBpm));
    const maxPeriod = Math.ceil((60 * o.fps) / o.minBpm);
    this.periods = Int32Array.from({ length: maxPeriod - minPeriod + 1 }, (_, k) => minPeriod + k);
    const k = this.periods.length;
    this.#offsets = new Int32Array(k + 1);
    for (let i = 0; i < k; i++) this.#offsets[i + 1] = (this.#offsets[i] ?? 0) + (this.periods[i] ?? 0);
    const states = this.#offsets[k] ?? 0;
    const onset = new Float64Array(states);
    const cosSin = new Float64Array(2 * states);
    for (let i = 0; i < k; i++) {
      const n = this.periods[i] ?? 1;
      for (let p = 0; p < n; p++) {
        const s = (this.#offsets[i] ?? 0) + p;
        const x = p / n;
        const near = (centre: number): boolean => Math.abs(x - centre) <= o.regionWidth || Math.abs(x - centre - 1) <= o.regionWidth;
        onset[s] = near(0) ? o.onsetOnBeat : near(0.5) ? o.onsetOnHalf : near(0.25) || near(0.75) ? o.onsetOnQuarter : o.onsetElsewhere;
        cosSin[2 * s] = Math.cos((2 * Math.PI * p) / n);
        cosSin[2 * s + 1] = Math.sin((2 * Math.PI * p) / n);
      }
    }
    this.#reentry = o.reentry;
    this.#lambda = o.observationLambda;
    // Tempo transitions at the beat boundary, row i (from) to column j (to), each row summing to 1. Changes
    // whose weight is below e^-6 of staying (a jump of about 40 % at λ = 15) are left out.
    const transition = new Float64Array(k * k);
    const bandLo = new Int32Array(k);
    const bandHi = new Int32Array(k);
    for (let i = 0; i < k; i++) {
      let sum = 0;
      let lo = k;
      let hi = 0;
      for (let j = 0; j < k; j++) {
        const exponent = o.tempoLambda * Math.abs((this.periods[i] ?? 1) / (this.periods[j] ?? 1) - 1);
        const w = exponent > 6 ? 0 : Math.exp(-exponent);
        transition[i * k + j] = w;
        sum += w;
        if (w > 0) {
          lo = Math.min(lo, j);
          hi = j + 1;
        }
      }
      bandLo[i] = lo;
      bandHi[i] = hi;
      for (let j = 0; j < k; j++) transition[i * k + j] = (transition[i * k + j] ?? 0) / sum;
    }
    this.#prior = Float64Array.from(this.periods, (n) => Math.exp(-0.5 * (Math.log2((60 * o.fps) / n / o.priorBpm) / o.priorOctaves) ** 2));
    const table = (values: Float64Array): F64Array => {
      const array = kernels.f64(values.length);
      array.view().set(values);
      return array;
    };
    this.#arrays = {
      periods: kernels.i32(this.periods),
      offsets: kernels.i32(this.#offsets),
      heads: kernels.i32(new Int32Array(k)),
      alpha: kernels.f64(states),
      onset: table(onset),
      cosSin: table(cosSin),
      transition: table(transition),
      bandLo: kernels.i32(bandLo),
      bandHi: kernels.i32(bandHi),
      priorPerBeat: table(this.#prior.map((p) => p ** o.priorPerBeat)),
      guide: kernels.f64(k),
      ends: kernels.f64(k),
      starts: kernels.f64(k),
      rowMass: kernels.f64(k),
    };
    this.#guideSeen = new Float64Array(k).fill(Number.NaN);
    this.reset();
  }

  /** The activation that says nothing (every state scores alike): 1/λ. */
  get neutralActivation(): number {
    return 1 / this.#lambda;
  }

  get stateCount(): number {
    return this.#arrays.alpha.length;
  }

  /**
   * Weights each period by `likelihood[k] ** power` whenever a beat boundary lets the tempo change (undefined:
   * no guidance). The array is read, not copied: its owner updates it in place.
   */
  guideTempo(likelihood: Float64Array | undefined, power = 1): void {
    if (likelihood !== undefined && likelihood.length !== this.periods.length) {
      throw new Error(`tempo guidance has ${likelihood.length} values; the filter has ${this.periods.length} periods`);
    }
    this.#guide = likelihood;
    this.#guidePower = power;
  }

  /** Back to the prior: every position equally likely, tempi weighted by the prior. */
  reset(): void {
    this.#locked = undefined;
    this.#guide = undefined;
    this.#fill(this.#prior);
  }

  /**
   * Keeps only the period closest to `period` hops (tempo lock, tap tempo, x2 / ÷2); `undefined` frees it.
   * Positions keep their relative weights within the kept period.
   */
  lockPeriod(period: number | undefined): void {
    if (period === undefined) {
      this.#locked = undefined;
      return;
    }
    const index = this.#nearestPeriodIndex(period);
    this.#locked = index;
    const alpha = this.#arrays.alpha.view();
    for (let i = 0; i < this.periods.length; i++) if (i !== index) alpha.fill(0, this.#offsets[i], this.#offsets[i + 1]);
    if (this.#normalise() === 0) this.#fill(Float64Array.from(this.periods, (_, i) => (i === index ? 1 : 0)));
  }

  /** Puts all belief at phase `phase` of a beat of `period` hops (tap tempo, "this is the beat"). */
  setBeat(period: number, phase: number): void {
    const alpha = this.#arrays.alpha.view();
    alpha.fill(0);
    this.#scale = 1;
    const index = this.#nearestPeriodIndex(period);
    const n = this.periods[index] ?? 1;
    const p = ((Math.round(phase * n) % n) + n) % n;
    alpha[this.#index(index, p)] = 1;
    this.#updateBelief();
  }

  /** Shifts every position by `hops` (positive: later in the beat), for nudging. */
  shift(hops: number): void {
    const whole = Math.round(hops);
    if (whole === 0) return;
    const heads = this.#arrays.heads.view();
    for (let i = 0; i < this.periods.length; i++) {
      const n = this.periods[i] ?? 1;
      heads[i] = ((((heads[i] ?? 0) - whole) % n) + n) % n;
    }
    this.#updateBelief();
  }

  /**
   * One hop: move every state on, change tempo only at beat boundaries, then weigh by the activation.
   * `beatLevel`: the activation marks beats at one metrical level (the beat network's, trained on annotated beats)
   * rather than every onset, so the per-beat prior's pull towards its centre is left out (the prior still weighs
   * the start): the activation's own level decides the octave.
   */
  process(activation: number, beatLevel = false): BeatBelief {
    // Soft evidence: a state with onset probability pi scores pi * a + (1 - pi) * (1 - a) / (lambda - 1)
    // = base0 + pi * (a - base0), with base0 = (1 - a) / (lambda - 1).
    const a = Math.min(0.999, Math.max(0.001, activation));
    const hop = this.#hop;
    const locked = this.#locked !== undefined;
    hop.locked = this.#locked ?? -1;
    hop.usePrior = !beatLevel;
    hop.useGuide = this.#updateGuide();
    hop.base0 = (1 - a) / (this.#lambda - 1);
    hop.slope = a - hop.base0;
    hop.keep = (locked ? 1 : 1 - this.#reentry) * this.#scale;
    hop.spread = locked ? 0 : this.#reentry / this.#arrays.alpha.length;
    const total = this.#kernels.beatFilterHop(this.#arrays, hop);
    if (total === 0 || !Number.isFinite(total)) {
      this.#fill(this.#prior);
      return this.#belief;
    }
    this.#scale = 1 / total;
    this.#belief = this.#modeBelief(total);
    return this.#belief;
  }

  /**
   * The belief of the dominant tempo mode: the strongest period and its neighbours within ±12 %. A mean over
   * all periods would sit between two octave readings (100 and 200 BPM) and match neither. The phase is taken
   * only over the mode's rows: summing it over every row each hop would double the filter's cost.
   */
  #modeBelief(total: number): BeatBelief {
    const m = this.#moments;
    this.#kernels.modeMoments(this.#arrays, MODE_WIDTH, m);
    if (m.mass <= 0) return this.#belief;
    const angle = Math.atan2(m.sin, m.cos) / (2 * Math.PI);
    // Sure of the phase only as far as the mode holds the belief and its phase is concentrated.
    return { period: m.periodMass / m.mass, phase: angle < 0 ? angle + 1 : angle, concentration: Math.hypot(m.cos, m.sin) / total };
  }

  /**
   * Brings the kernels' guide up to date (the guide raised to its power; a non-integer power costs a pow per
   * period, so only when the guide changed); false when there is no guide.
   */
  #updateGuide(): boolean {
    const guide = this.#guide;
    if (guide === undefined) return false;
    let changed = this.#guidePoweredAt !== this.#guidePower;
    for (let j = 0; j < guide.length && !changed; j++) changed = guide[j] !== this.#guideSeen[j];
    if (changed) {
      const powered = this.#arrays.guide.view();
      for (let j = 0; j < guide.length; j++) {
        const value = guide[j] ?? 0;
        this.#guideSeen[j] = value;
        powered[j] = value ** this.#guidePower;
      }
      this.#guidePoweredAt = this.#guidePower;
    }
    return true;
  }

  #index(row: number, position: number): number {
    const n = this.periods[row] ?? 1;
    return (this.#offsets[row] ?? 0) + (((this.#arrays.heads.view()[row] ?? 0) + position) % n);
  }

  #nearestPeriodIndex(period: number): number {
    let best = 0;
    for (let i = 1; i < this.periods.length; i++) {
      if (Math.abs((this.periods[i] ?? 0) - period) < Math.abs((this.periods[best] ?? 0) - period)) best = i;
    }
    return best;
  }

  #fill(tempoWeights: Float64Array): void {
    const alpha = this.#arrays.alpha.view();
    for (let i = 0; i < this.periods.length; i++) {
      const n = this.periods[i] ?? 1;
      alpha.fill((tempoWeights[i] ?? 0) / n, this.#offsets[i], this.#offsets[i + 1]);
    }
    this.#scale = 1;
    this.#normalise();
  }

  /** Applies the deferred scale and normalises; returns the total before normalising. */
  #normalise(): number {
    const alpha = this.#arrays.alpha.view();
    let total = 0;
    for (const v of alpha) total += v;
    if (total > 0) for (let s = 0; s < alpha.length; s++) alpha[s] = (alpha[s] ?? 0) / total;
    this.#scale = 1;
    this.#updateBelief();
    return total;
  }

  #updateBelief(): void {
    const alpha = this.#arrays.alpha.view();
    const rowMass = this.#arrays.rowMass.view();
    let total = 0;
    for (let i = 0; i < this.periods.length; i++) {
      const n = this.periods[i] ?? 1;
      let mass = 0;
      for (let p = 0; p < n; p++) mass += alpha[this.#index(i, p)] ?? 0;
      rowMass[i] = mass;
      total += mass;
    }
    if (total > 0) this.#belief = this.#modeBelief(total);
  }
}
