import type { Seconds } from '../units.js';

export interface BarLevelOptions {
  /** Seconds of downbeat activation the check looks back over. */
  window?: Seconds;
  /** Seconds of it needed before the first check. */
  minWindow?: Seconds;
  /** Hops between checks. */
  every?: number;
  /**
   * How much more the downbeats must recur at the bar a level change implies (2.5 or 3.5 clock beats; 8, 10 or 14)
   * than at any whole number of clock beats below it (autocorrelation, ratio).
   */
  threshold?: number;
  /** Checks in a row that must agree before the level changes. */
  confirmations?: number;
  /**
   * The downbeats must recur at that bar at all: the autocorrelation there, over the window's energy, at least this
   * (a ratio of two near-zero correlations says nothing).
   */
  minCorrelation?: number;
  /**
   * Halving also needs the activation to mark every other clock beat less: the weaker parity's mean peak below this
   * share of the stronger's (`BeatAlternation`).
   */
  maxAlternation?: number;
}

/** Bars of 2.5 and 3.5 clock beats: 5 and 7 beats at twice the tempo. */
const HALF_BEAT_BARS = [5, 7] as const;
/** Bars of 8, 10 and 14 clock beats: 4, 5 and 7 beats at half the tempo. */
const DOUBLE_BARS = [4, 5, 7] as const;
export type DoubledBar = (typeof HALF_BEAT_BARS)[number];
export type HalvedBar = (typeof DOUBLE_BARS)[number];

/** A change of the clock's level the bar calls for, with the bar's length in the new beats. */
export type LevelChange = { change: 'double'; bar: DoubledBar } | { change: 'halve'; bar: HalvedBar };

/**
 * Whether the clock's beat is at the bar's level. A bar holds a whole number of beats, 2 to 7 of them. When the
 * learned downbeats recur every 2.5 or 3.5 clock beats, and not at any whole number of beats up to that, the clock
 * counts every other beat of a 5 or a 7 (a 7/8 at 200 BPM read at 100): the beat is twice as fast. When they recur
 * every 8, 10 or 14 clock beats and at no shorter whole number, and the activation marks every other clock beat
 * less, the clock counts eighths of a 4, 5 or 7 (a hip-hop groove at 80 BPM read at 160): the beat is twice as
 * slow. Tempo alone cannot tell: at either level the onsets are periodic. A whole bar of 8 clock beats alone is not
 * enough to halve: two-bar phrasing gives it at the music's own level just as often.
 */
export class BarLevel {
  readonly #buffer: Float64Array;
  readonly #x: Float64Array;
  readonly #minHops: number;
  readonly #every: number;
  readonly #threshold: number;
  readonly #confirmations: number;
  readonly #minCorrelation: number;
  readonly #maxAlternation: number;
  #hops = 0;
  #doubling = 0;
  #halving = 0;

  static getDefaults(): Required<BarLevelOptions> {
    // Chosen on dev-v2 (threshold: 1.5 doubled an 8Beat song in a room too, 2.5 caught fewer 7/8s; window 8 s caught
    // fewer). minCorrelation: the 7/8 checks that passed there read 0.3 or more; white noise passed now and then at
    // 0.1 (37 doublings in 2.4 hours), never at 0.15; dev-v2 scores the same at 0.1 and 0.15, and lost a track at 0.2.
    // maxAlternation: on dev-v2, hip-hop read at double 0.46-0.56, every track at its own level 0.67 or more.
    return { window: 12, minWindow: 6, every: 32, threshold: 2, confirmations: 3, minCorrelation: 0.15, maxAlternation: 0.6 };
  }

  constructor(fps: number, options: BarLevelOptions = {}) {
    const o = { ...BarLevel.getDefaults(), ...options };
    for (const key of ['window', 'minWindow', 'every', 'threshold', 'confirmations', 'minCorrelation', 'maxAlternation'] as const) {
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
    this.#maxAlternation = o.maxAlternation;
  }

  reset(): void {
    this.#buffer.fill(0);
    this.#hops = 0;
    this.restart();
  }

  /** Adds a hop's downbeat probability. */
  add(downbeat: number): void {
    this.#buffer[this.#hops % this.#buffer.length] = downbeat;
    this.#hops++;
  }

  /** Starts the confirmations again (after a level change, or the tempo set by hand). */
  restart(): void {
    this.#doubling = 0;
    this.#halving = 0;
  }

  /**
   * Whether the clock's beat, `period` hops long, should change level: once `confirmations` checks in a row called
   * for the same change. `alternation` is `BeatAlternation.ratio()`; `canDouble` and `canHalve` say which changes keep
   * the tempo in range. Call it every hop (it checks every `every` hops).
   */
  check(period: number, alternation: number | undefined, canDouble: boolean, canHalve: boolean): LevelChange | undefined {
    if (this.#hops % this.#every !== 0) return undefined;
    const n = Math.min(this.#hops, this.#buffer.length);
    if (n < this.#minHops || !(period > 0)) return undefined;
    let energy: number | undefined;
    const window = (): number => (energy ??= this.#fillWindow(n));
    const doubled = canDouble && window() > 0 ? this.#halfBeatBar(period, n, window()) : undefined;
    // The cheap test first: at the music's own level the activation marks every clock beat alike.
    const halved = canHalve && alternation !== undefined && alternation < this.#maxAlternation && window() > 0 ? this.#doubleBar(period, n, window()) : undefined;
    this.#doubling = doubled === undefined ? 0 : this.#doubling + 1;
    this.#halving = halved === undefined ? 0 : this.#halving + 1;
    if (doubled !== undefined && this.#doubling >= this.#confirmations) return { change: 'double', bar: doubled };
    if (halved !== undefined && this.#halving >= this.#confirmations) return { change: 'halve', bar: halved };
    return undefined;
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
   * The bar, in doubled beats (5 or 7), whose autocorrelation at 2.5 or 3.5 clock beats (of the window in #x) is
   * more than `threshold` times its largest at 1 .. 4 or 1 .. 6 beats, the stronger ratio if both are; undefined if
   * neither is. A bar whose autocorrelation is under `minCorrelation` of the energy does not count.
   */
  #halfBeatBar(period: number, n: number, energy: number): DoubledBar | undefined {
    const bars = HALF_BEAT_BARS.map((beats) => this.#barPeak((beats / 2) * period, n, energy));
    const best = this.#againstWholeBeats(bars, HALF_BEAT_BARS.map((beats) => beats - 1), period, n, energy);
    return best === undefined ? undefined : HALF_BEAT_BARS[best];
  }

  /** As #halfBeatBar, for bars of 8, 10 and 14 clock beats against 1 .. 7, 1 .. 9 and 1 .. 13; the bar in halved beats. */
  #doubleBar(period: number, n: number, energy: number): HalvedBar | undefined {
    const bars = DOUBLE_BARS.map((beats) => this.#barPeak(2 * beats * period, n, energy));
    const best = this.#againstWholeBeats(bars, DOUBLE_BARS.map((beats) => 2 * beats - 1), period, n, energy);
    return best === undefined ? undefined : DOUBLE_BARS[best];
  }

  /** The autocorrelation near a bar's lag, or -Infinity when the window is too short or it is under minCorrelation. */
  #barPeak(lag: number, n: number, energy: number): number {
    if (lag + 2 >= n) return -Infinity;
    const peak = this.#peakNear(lag, n);
    return peak >= this.#minCorrelation * energy ? peak : -Infinity;
  }

  /**
   * The index of the bar whose `bars[b]` is the most times the largest autocorrelation at 1 .. `below[b]` whole
   * clock beats (`below` rising), if more than `threshold` times; it stops once no bar left can pass (in most music
   * the first comparison ends it).
   */
  #againstWholeBeats(bars: readonly number[], below: readonly number[], period: number, n: number, energy: number): number | undefined {
    let best = this.#threshold;
    let index: number | undefined;
    let whole = 1e-3 * energy;
    let m = 1;
    for (let b = 0; b < bars.length; b++) {
      // This and every longer bar compare with at least the whole-beat peak so far.
      if (bars.slice(b).every((peak) => peak <= this.#threshold * whole)) break;
      for (; m <= (below[b] ?? 0) && m * period + 2 < n; m++) whole = Math.max(whole, this.#peakNear(m * period, n));
      const ratio = (bars[b] ?? -Infinity) / whole;
      if (ratio > best) {
        best = ratio;
        index = b;
      }
    }
    return index;
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
