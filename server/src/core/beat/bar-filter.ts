/** Meters the tracker considers, in beats per bar. */
export const METERS = [2, 3, 4, 5, 7] as const;
export type Meter = (typeof METERS)[number];

export interface BarFilterOptions {
  /** Prior weight of each meter at the start (normalised). */
  meterPrior?: Record<Meter, number>;
  /** Probability per bar line that the meter changes. */
  meterChange?: number;
  /** Exponent on the normalised downbeat evidence: how strongly a big change votes for "this was a downbeat". */
  evidencePower?: number;
}

/** Share of the prior left to the other meters and positions when the bar is set from outside (`setBar`). */
const BAR_SET_PRIOR_SHARE = 0.1;

/** The bar filter's belief about the beat that has just started. */
export interface BarBelief {
  meter: Meter;
  /** 1-based position of the current beat in its bar (1 = downbeat). */
  beatInBar: number;
  /** Probability that the current beat is a downbeat. */
  downbeatProb: number;
  /** Probability of the most likely meter. */
  meterProb: number;
}

/**
 * An HMM over (meter, position in bar), stepped once per beat. Its evidence for a beat arrives one beat
 * late: whether beat b started a bar shows in how much the harmony and bass of [b, b+1) differ from
 * [b-1, b), which is known only when beat b+1 starts. The belief is kept for the last evaluated beat
 * and projected one beat ahead for the current one.
 */
export class BarFilter {
  readonly #offsets: number[] = [];
  readonly #alpha: Float64Array;
  readonly #next: Float64Array;
  readonly #prior: Float64Array;
  readonly #meterChange: number;
  readonly #power: number;
  #override: Meter | undefined;

  static getDefaults(): Required<BarFilterOptions> {
    return { meterPrior: { 2: 0.1, 3: 0.2, 4: 0.5, 5: 0.1, 7: 0.1 }, meterChange: 1e-2, evidencePower: 2 };
  }

  constructor(options: BarFilterOptions = {}) {
    const o = { ...BarFilter.getDefaults(), ...options };
    let total = 0;
    for (const m of METERS) {
      this.#offsets.push(total);
      total += m;
    }
    this.#alpha = new Float64Array(total);
    this.#next = new Float64Array(total);
    this.#prior = new Float64Array(total);
    METERS.forEach((m, i) => this.#prior.fill(o.meterPrior[m] / m, this.#offsets[i], (this.#offsets[i] ?? 0) + m));
    this.#meterChange = o.meterChange;
    this.#power = o.evidencePower;
    this.reset();
  }

  reset(): void {
    this.#override = undefined;
    this.#alpha.set(this.#prior);
    this.#normalise();
  }

  /**
   * A new beat began. `evidence` says how strongly the previous beat looked like a downbeat, normalised
   * so that 1 is an ordinary beat (undefined when there is none yet, as at the start).
   */
  step(evidence: number | undefined): BarBelief {
    // Advance the last evaluated beat's position by one; at a bar line the meter may change.
    this.#next.fill(0);
    let barLines = 0;
    METERS.forEach((m, i) => {
      const base = this.#offsets[i] ?? 0;
      for (let k = 0; k < m; k++) {
        const to = (k + 1) % m;
        this.#next[base + to] = (this.#next[base + to] ?? 0) + (this.#alpha[base + k] ?? 0);
      }
      barLines += this.#next[base] ?? 0;
    });
    if (this.#override === undefined) {
      METERS.forEach((_, i) => {
        const base = this.#offsets[i] ?? 0;
        this.#next[base] = (1 - this.#meterChange) * (this.#next[base] ?? 0) + (this.#meterChange * barLines) / METERS.length;
      });
    }
    this.#alpha.set(this.#next);
    if (evidence !== undefined && Number.isFinite(evidence)) {
      const downbeatLikelihood = Math.min(50, Math.max(0.05, evidence) ** this.#power);
      METERS.forEach((_, i) => {
        const base = this.#offsets[i] ?? 0;
        this.#alpha[base] = (this.#alpha[base] ?? 0) * downbeatLikelihood;
      });
    }
    this.#applyOverride();
    this.#normalise();
    return this.current();
  }

  /** The current beat (one after the last evaluated one). */
  current(): BarBelief {
    const meterMass = METERS.map((m, i) => {
      let mass = 0;
      for (let k = 0; k < m; k++) mass += this.#alpha[(this.#offsets[i] ?? 0) + k] ?? 0;
      return mass;
    });
    let best = 0;
    meterMass.forEach((mass, i) => {
      if (mass > (meterMass[best] ?? 0)) best = i;
    });
    const meter = METERS[best] ?? 4;
    const base = this.#offsets[best] ?? 0;
    // The current beat's position is the evaluated beat's plus one.
    let bestK = 0;
    for (let k = 1; k < meter; k++) if ((this.#alpha[base + k] ?? 0) > (this.#alpha[base + bestK] ?? 0)) bestK = k;
    let downbeat = 0;
    METERS.forEach((m, i) => {
      downbeat += this.#alpha[(this.#offsets[i] ?? 0) + m - 1] ?? 0;
    });
    return { meter, beatInBar: ((bestK + 1) % meter) + 1, downbeatProb: downbeat, meterProb: meterMass[best] ?? 0 };
  }

  /**
   * "This is the one": the current beat sits at 0-based position `position` of its bar, in every meter
   * (0: it is a downbeat; -1: it is the last beat, the next is the downbeat).
   */
  setCurrentPosition(position: number): void {
    METERS.forEach((m, i) => {
      const base = this.#offsets[i] ?? 0;
      let mass = 0;
      for (let k = 0; k < m; k++) mass += this.#alpha[base + k] ?? 0;
      this.#alpha.fill(0, base, base + m);
      // The evaluated beat is the one before the current one.
      this.#alpha[base + ((((position - 1) % m) + m) % m)] = mass;
    });
    this.#normalise();
  }

  /**
   * The current beat sits at 0-based `position` of a `meter`-beat bar, as far as another reading knows (the beat
   * was just doubled and the learned downbeats show where the bar starts): most of the mass goes there, the rest
   * back to the prior, so the filter's own evidence can still move it.
   */
  setBar(meter: Meter, position: number): void {
    const i = METERS.indexOf(meter);
    const base = this.#offsets[i] ?? 0;
    for (let s = 0; s < this.#alpha.length; s++) this.#alpha[s] = BAR_SET_PRIOR_SHARE * (this.#prior[s] ?? 0);
    const evaluated = base + ((((position - 1) % meter) + meter) % meter);
    this.#alpha[evaluated] = (this.#alpha[evaluated] ?? 0) + 1 - BAR_SET_PRIOR_SHARE;
    this.#applyOverride();
    if (this.#normalise() === 0) this.#alpha.set(this.#prior);
    this.#normalise();
  }

  /** Restricts the meter (undefined lets the filter choose again). */
  overrideMeter(meter: Meter | undefined): void {
    this.#override = meter;
    if (meter === undefined) {
      // Give the other meters back a little weight so evidence can move the belief again.
      for (let s = 0; s < this.#alpha.length; s++) this.#alpha[s] = 0.9 * (this.#alpha[s] ?? 0) + 0.1 * (this.#prior[s] ?? 0);
    } else {
      this.#applyOverride();
      if (this.#normalise() === 0) {
        const i = METERS.indexOf(meter);
        this.#alpha.fill(1 / meter, this.#offsets[i], (this.#offsets[i] ?? 0) + meter);
      }
    }
    this.#normalise();
  }

  #applyOverride(): void {
    if (this.#override === undefined) return;
    METERS.forEach((m, i) => {
      if (m !== this.#override) this.#alpha.fill(0, this.#offsets[i], (this.#offsets[i] ?? 0) + m);
    });
  }

  #normalise(): number {
    let total = 0;
    for (const v of this.#alpha) total += v;
    if (total > 0) for (let s = 0; s < this.#alpha.length; s++) this.#alpha[s] = (this.#alpha[s] ?? 0) / total;
    return total;
  }
}
