import type { Seconds } from '../units.js';

export interface BarLevelOptions {
  /** Seconds of downbeat activation the check looks back over. */
  window?: Seconds;
  /** Seconds of it needed before the first check. */
  minWindow?: Seconds;
  /** Hops between checks. */
  every?: number;
  /**
   * How much more the downbeats must recur at 2.5 or 3.5 beats than at any whole number of beats below that
   * (autocorrelation, ratio).
   */
  threshold?: number;
  /** Checks in a row that must agree before the beat is doubled. */
  confirmations?: number;
  /**
   * The downbeats must recur at 2.5 or 3.5 beats at all: the autocorrelation there, over the window's energy, at
   * least this (a ratio of two near-zero correlations says nothing).
   */
  minCorrelation?: number;
}

/** Bars of 2.5 and 3.5 beats: 5 and 7 beats at twice the tempo. */
const HALF_BEAT_BARS = [5, 7] as const;
export type DoubledBar = (typeof HALF_BEAT_BARS)[number];

/**
 * Whether the beat is too slow for the bar. A bar holds a whole number of beats: when the learned downbeats
 * recur every 2.5 or 3.5 beats of the clock, and not at any whole number of beats up to that, the clock is
 * counting every other beat of a 5 or 7 (a 7/8 at 200 BPM read at 100), and the music's beat is twice as fast.
 * Tempo alone cannot tell: at either level the onsets are periodic, and the tempo prior favours the slower.
 * The check reads the autocorrelation of the network's downbeat probability at the lags that tell the two apart.
 */
export class BarLevel {
  readonly #buffer: Float64Array;
  readonly #x: Float64Array;
  readonly #minHops: number;
  readonly #every: number;
  readonly #threshold: number;
  readonly #confirmations: number;
  readonly #minCorrelation: number;
  #hops = 0;
  #agreeing = 0;
  #bar: DoubledBar = 7;

  static getDefaults(): Required<BarLevelOptions> {
    // Chosen on dev-v2 (threshold: 1.5 doubled an 8Beat song in a room too, 2.5 caught fewer 7/8s; window 8 s caught
    // fewer). minCorrelation: the 7/8 checks that passed there read 0.3 or more; white noise passed now and then at
    // 0.1 (37 doublings in 2.4 hours), never at 0.15; dev-v2 scores the same at 0.1 and 0.15, and lost a track at 0.2.
    return { window: 12, minWindow: 6, every: 32, threshold: 2, confirmations: 3, minCorrelation: 0.15 };
  }

  constructor(fps: number, options: BarLevelOptions = {}) {
    const o = { ...BarLevel.getDefaults(), ...options };
    for (const key of ['window', 'minWindow', 'every', 'threshold', 'confirmations', 'minCorrelation'] as const) {
      if (!(o[key] > 0 && Number.isFinite(o[key]))) throw new Error(`bar level: ${key} ${o[key]} is invalid; expected a positive number`);
    }
    if (o.minWindow > o.window) throw new Error(`bar level: minWindow ${o.minWindow} is longer than window ${o.window}`);
    this.#buffer = new Float64Array(Math.round(o.window * fps));
    this.#x = new Float64Array(this.#buffer.length);
    this.#minHops = Math.round(o.minWindow * fps);
    this.#every = Math.max(1, Math.round(o.every));
    this.#threshold = o.threshold;
    this.#confirmations = Math.max(1, Math.round(o.confirmations));
    this.#minCorrelation = o.minCorrelation;
  }

  reset(): void {
    this.#buffer.fill(0);
    this.#hops = 0;
    this.#agreeing = 0;
  }

  /** Adds a hop's downbeat probability. */
  add(downbeat: number): void {
    this.#buffer[this.#hops % this.#buffer.length] = downbeat;
    this.#hops++;
  }

  /** Starts the confirmations again (after the beat was doubled, or the tempo was set by hand). */
  restart(): void {
    this.#agreeing = 0;
  }

  /**
   * Whether the clock's beat, `period` hops long, should be doubled: once `confirmations` checks in a row found
   * the downbeats at 2.5 or 3.5 of its beats, the bar's length in doubled beats (5 or 7); otherwise undefined.
   * Call it every hop (it checks every `every` hops).
   */
  tooSlow(period: number): DoubledBar | undefined {
    if (this.#hops % this.#every !== 0) return undefined;
    const n = Math.min(this.#hops, this.#buffer.length);
    if (n < this.#minHops || !(period > 0)) return undefined;
    const energy = this.#fillWindow(n);
    this.#agreeing = energy > 0 && this.#halfBeatRatio(period, n, energy) > this.#threshold ? this.#agreeing + 1 : 0;
    return this.#agreeing >= this.#confirmations ? this.#bar : undefined;
  }

  /**
   * Hops since the latest downbeat of a bar `barHops` long: the downbeat probability of the whole window folded
   * at the bar's length, the offset (counted back from the newest hop) where it sums highest.
   */
  sinceDownbeat(barHops: number): number {
    const n = Math.min(this.#hops, this.#buffer.length);
    const length = Math.max(1, Math.round(barHops));
    let best = 0;
    let bestSum = -Infinity;
    for (let offset = 0; offset < length; offset++) {
      let sum = 0;
      for (let back = offset; back < n; back += barHops) sum += this.#buffer[(this.#hops - 1 - Math.round(back)) % this.#buffer.length] ?? 0;
      if (sum > bestSum) {
        bestSum = sum;
        best = offset;
      }
    }
    return best;
  }

  /** The window, oldest first, less its mean, into #x; returns its energy. */
  #fillWindow(n: number): number {
    const start = this.#hops - n;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += this.#buffer[(start + i) % this.#buffer.length] ?? 0;
    mean /= n;
    let energy = 0;
    for (let i = 0; i < n; i++) {
      const v = (this.#buffer[(start + i) % this.#buffer.length] ?? 0) - mean;
      this.#x[i] = v;
      energy += v * v;
    }
    return energy;
  }

  /**
   * The strongest ratio of the autocorrelation at 2.5 or 3.5 beats to its largest at 1 .. 4 or 1 .. 6 beats (of
   * the window in #x); the bar it found, in doubled beats, in #bar. A bar whose autocorrelation is under
   * `minCorrelation` of the energy does not count; when neither can pass the threshold any more, it stops early and
   * returns a ratio no higher than the threshold (in most music the first check ends it).
   */
  #halfBeatRatio(period: number, n: number, energy: number): number {
    const floor = 1e-3 * energy;
    const halves = HALF_BEAT_BARS.map((beats) => {
      const half = (beats / 2) * period + 2 < n ? this.#peakNear((beats / 2) * period, n) : -Infinity;
      return half >= this.#minCorrelation * energy ? half : -Infinity;
    });
    let best = 0;
    let whole = floor;
    let m = 1;
    for (let b = 0; b < HALF_BEAT_BARS.length; b++) {
      const beats = HALF_BEAT_BARS[b] ?? 7;
      const half = halves[b] ?? -Infinity;
      // This and every longer bar compare with at least the whole-beat peak so far.
      if (halves.slice(b).every((h) => h <= this.#threshold * whole)) break;
      for (; m < beats && m * period + 2 < n; m++) whole = Math.max(whole, this.#peakNear(m * period, n));
      const ratio = half / whole;
      if (ratio > best) {
        best = ratio;
        this.#bar = beats;
      }
    }
    return best;
  }

  /** The largest autocorrelation within a hop of `lag`. */
  #peakNear(lag: number, n: number): number {
    const centre = Math.round(lag);
    const x = this.#x;
    let peak = -Infinity;
    for (let l = centre - 1; l <= centre + 1; l++) {
      let sum = 0;
      for (let i = 0, j = l; j < n; i++, j++) sum += (x[i] ?? 0) * (x[j] ?? 0);
      peak = Math.max(peak, sum);
    }
    return peak;
  }
}
