/**
 * Sound and mix choices drawn from a track's seed: kick and snare tuning, hat brightness, instrument levels
 * within ±6 dB, tone colour and output level. A tracker trained or tuned on one kit must not win on the set.
 */
import { createPrng, hashSeed } from '@fractalsync/server/core/synth/prng';
import type { Hz, Seconds } from '@fractalsync/server/core/units';
import type { Instrument } from './groove-spec.js';

export interface Timbre {
  /** Playback-rate factor of the kick one-shot: > 1 tunes it up (and shortens it). */
  kickRate: number;
  snareRate: number;
  /** Low-pass cutoff applied to hats and cymbals: lower is darker. */
  hatCutoff: Hz;
  /** Linear gain per instrument, each a base level times a seeded ±6 dB. */
  levels: Record<Instrument, number>;
  bassBrightness: number;
  padBrightness: number;
  padAttack: Seconds;
  /** Decay time constant of plucked bass notes. */
  bassDecay: Seconds;
  /** Peak of the finished mix (linear), between -9 and -1 dBFS. */
  peak: number;
}

const BASE_LEVEL: Record<Instrument, number> = { kick: 0.9, snare: 0.55, hats: 0.3, bass: 0.4, pad: 0.16 };
const TIMBRE_SALT = 0x7131;

export function dbToGain(db: number): number {
  return Math.pow(10, db / 20);
}

export function drawTimbre(seed: number): Timbre {
  const rng = createPrng(hashSeed(seed, TIMBRE_SALT));
  const between = (lo: number, hi: number): number => lo + (hi - lo) * rng();
  const levels = { ...BASE_LEVEL };
  for (const key of Object.keys(levels) as Instrument[]) levels[key] = BASE_LEVEL[key] * dbToGain(between(-6, 6));
  return {
    kickRate: between(0.8, 1.25),
    snareRate: between(0.85, 1.2),
    hatCutoff: between(5000, 16000),
    levels,
    bassBrightness: between(0.05, 0.6),
    padBrightness: between(0.1, 0.7),
    padAttack: between(0.01, 0.25),
    bassDecay: between(0.12, 0.5),
    peak: dbToGain(between(-9, -1)),
  };
}
