import type { BeatState, FeatureState } from '../state/slow-state.js';
import type { Seconds } from '../units.js';
import { BASE_FEATURE_SCALES } from './model-inputs.js';
import { CHANGE_SIZE, SectionChange } from './section-change.js';

/**
 * Long-context features for the section anticipator. A 10-hop window cannot tell a chorus from a verse or
 * know that a phrase is ending, so this keeps, causally and per hop: the song's running level profile,
 * where the current and recent bars sit against it, how much the last bars differ from the ones before
 * (novelty), and the position in 4-, 8- and 16-bar phrases from the tracker's bar count.
 */

/** The per-hop profile every summary is built from (each roughly on a -1..1 scale). */
export const PROFILE_NAMES = ['level', 'brightness', 'onset', 'flux', 'band_0', 'band_1', 'band_2', 'band_3', 'band_4', 'band_5'] as const;
const P = PROFILE_NAMES.length;

/** Column groups of the context vector, in order; each profile group has PROFILE_NAMES.length columns. */
export const CONTEXT_GROUPS = [
  'fast (2 s) minus song',
  'slow (8 s) minus song',
  'last bar minus song',
  'last 2 bars minus the 4 before',
  'song (60 s)',
] as const;
export const PHRASE_BARS = [4, 8, 16] as const;
/**
 * Columns: 5 profile groups, sin/cos of the 4/8/16-bar phrase position, log(1 + seconds) / 5, then the
 * SectionChange columns (phrase position since the last detected change, recent beat novelties).
 */
export const CONTEXT_SIZE = CONTEXT_GROUPS.length * P + 2 * PHRASE_BARS.length + 1 + CHANGE_SIZE;

export const CONTEXT_TIMES = { fast: 2 as Seconds, slow: 8 as Seconds, song: 60 as Seconds };
const BARS_KEPT = 6;

/** One hop's profile: scaled level, centroid, onset and flux, and band levels in dB mapped to about -1..1. */
export function hopProfile(features: FeatureState, out: Float32Array = new Float32Array(P)): Float32Array {
  if (features.bands.length !== 6) throw new Error(`structure context needs 6 band energies, got ${features.bands.length}`);
  out[0] = BASE_FEATURE_SCALES.rms(features.rms);
  out[1] = BASE_FEATURE_SCALES.centroid(features.centroid);
  out[2] = BASE_FEATURE_SCALES.onset(features.onset);
  out[3] = BASE_FEATURE_SCALES.flux(features.flux);
  features.bands.forEach((power, k) => {
    out[4 + k] = (10 * Math.log10(Math.max(power, 0) + 1e-10) + 40) / 30;
  });
  return out;
}

/** Exponential mean with bias correction, so the first hops are a plain running mean rather than pulled to 0. */
class Ema {
  readonly sum = new Float32Array(P);
  weight = 0;
  readonly #decay: number;

  constructor(tau: Seconds, dt: Seconds) {
    this.#decay = Math.exp(-dt / tau);
  }

  push(x: Float32Array): void {
    for (let i = 0; i < P; i++) this.sum[i] = this.#decay * (this.sum[i] ?? 0) + (x[i] ?? 0);
    this.weight = this.#decay * this.weight + 1;
  }

  mean(i: number): number {
    return this.weight > 0 ? (this.sum[i] ?? 0) / this.weight : 0;
  }
}

export class StructureContext {
  readonly #dt: Seconds;
  readonly #profile = new Float32Array(P);
  #fast: Ema;
  #slow: Ema;
  #song: Ema;
  #bar = new Float32Array(P);
  #barHops = 0;
  #barCount: number | null = null;
  /** Means of the last completed bars, newest last. */
  #bars: Float32Array[] = [];
  #hops = 0;
  #phrase: BeatState | undefined = undefined;
  readonly #change = new SectionChange(P);

  constructor(hopSeconds: Seconds) {
    if (!(hopSeconds > 0)) throw new Error(`structure context needs a hop length > 0 seconds, got ${hopSeconds}`);
    this.#dt = hopSeconds;
    this.#fast = new Ema(CONTEXT_TIMES.fast, hopSeconds);
    this.#slow = new Ema(CONTEXT_TIMES.slow, hopSeconds);
    this.#song = new Ema(CONTEXT_TIMES.song, hopSeconds);
  }

  reset(): void {
    this.#fast = new Ema(CONTEXT_TIMES.fast, this.#dt);
    this.#slow = new Ema(CONTEXT_TIMES.slow, this.#dt);
    this.#song = new Ema(CONTEXT_TIMES.song, this.#dt);
    this.#bar = new Float32Array(P);
    this.#barHops = 0;
    this.#barCount = null;
    this.#bars = [];
    this.#hops = 0;
    this.#phrase = undefined;
    this.#change.reset();
  }

  /** One hop: its features and the tracker's state after it (undefined before the tracker runs). */
  push(features: FeatureState, beat: BeatState | undefined): void {
    const x = hopProfile(features, this.#profile);
    this.#fast.push(x);
    this.#slow.push(x);
    this.#song.push(x);
    this.#hops++;
    const barCount = beat?.bar_count ?? null;
    // A new bar closes the previous one's summary; bars the tracker has not started count as one long bar.
    if (barCount !== this.#barCount && this.#barHops > 0) {
      const mean = this.#bar.map((v) => v / this.#barHops);
      this.#bars.push(mean);
      if (this.#bars.length > BARS_KEPT) this.#bars.shift();
      this.#bar = new Float32Array(P);
      this.#barHops = 0;
    }
    this.#barCount = barCount;
    for (let i = 0; i < P; i++) this.#bar[i] = (this.#bar[i] ?? 0) + (x[i] ?? 0);
    this.#barHops++;
    this.#phrase = beat;
    this.#change.push(x, beat);
  }

  /** The context vector now (CONTEXT_SIZE values, layout in CONTEXT_GROUPS). */
  vector(out: Float32Array = new Float32Array(CONTEXT_SIZE)): Float32Array {
    if (out.length !== CONTEXT_SIZE) throw new Error(`structure context vector needs ${CONTEXT_SIZE} values, got ${out.length}`);
    const song = (i: number): number => this.#song.mean(i);
    const barMean = (from: number, to: number, i: number): number => {
      // Mean of bars [from, to) counted back from the newest; the song mean stands in for bars not yet heard.
      let sum = 0;
      for (let b = from; b < to; b++) sum += this.#bars[this.#bars.length - 1 - b]?.[i] ?? song(i);
      return sum / (to - from);
    };
    for (let i = 0; i < P; i++) {
      out[i] = this.#fast.mean(i) - song(i);
      out[P + i] = this.#slow.mean(i) - song(i);
      out[2 * P + i] = barMean(0, 1, i) - song(i);
      out[3 * P + i] = barMean(0, 2, i) - barMean(2, 6, i);
      out[4 * P + i] = song(i);
    }
    const beat = this.#phrase;
    PHRASE_BARS.forEach((bars, k) => {
      const position = beat === undefined ? 0 : ((((beat.bar_count - 1) % bars) + bars) % bars + beat.bar_phase) / bars;
      out[5 * P + 2 * k] = beat === undefined ? 0 : Math.sin(2 * Math.PI * position);
      out[5 * P + 2 * k + 1] = beat === undefined ? 0 : Math.cos(2 * Math.PI * position);
    });
    out[5 * P + 2 * PHRASE_BARS.length] = Math.log1p(this.#hops * this.#dt) / 5;
    this.#change.write(beat, out, 5 * P + 2 * PHRASE_BARS.length + 1);
    return out;
  }
}
