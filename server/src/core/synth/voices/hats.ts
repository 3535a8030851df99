/** Hi-hats and crash: high-passed noise with short (closed), medium (open) or long (crash) decays. */
import type { Hz } from '../../units.js';
import { StateVariableFilter } from '../filters.js';
import type { Prng } from '../prng.js';
import { fadeTail, normalizePeak } from './shape.js';

/** Noise through two high-pass stages, under an exponential decay, faded to zero at the end. */
function metalNoise(sampleRate: Hz, rng: Prng, cutoff: Hz, decayS: number, lengthS: number): Float32Array {
  const length = Math.round(lengthS * sampleRate);
  const hp1 = new StateVariableFilter(sampleRate, cutoff, 0.7);
  const hp2 = new StateVariableFilter(sampleRate, cutoff, 0.9);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const env = Math.exp(-i / (decayS * sampleRate));
    out[i] = hp2.process(hp1.process(rng() * 2 - 1, 'high'), 'high') * env;
  }
  fadeTail(out, sampleRate, Math.min(0.01, lengthS / 4));
  return normalizePeak(out, 1);
}

export function renderClosedHat(sampleRate: Hz, rng: Prng): Float32Array {
  return metalNoise(sampleRate, rng, 7500, 0.018, 0.08);
}

export function renderOpenHat(sampleRate: Hz, rng: Prng): Float32Array {
  return metalNoise(sampleRate, rng, 6500, 0.09, 0.22);
}

export function renderCrash(sampleRate: Hz, rng: Prng): Float32Array {
  return metalNoise(sampleRate, rng, 4000, 0.7, 2.2);
}
