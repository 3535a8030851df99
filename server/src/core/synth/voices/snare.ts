/** Snare and clap one-shots: band-passed noise over a short tonal body (snare), or a burst of noise flams (clap). */
import type { Hz } from '../../units.js';
import { StateVariableFilter } from '../filters.js';
import type { Prng } from '../prng.js';
import { fadeTail, normalizePeak } from './shape.js';

export function renderSnare(sampleRate: Hz, rng: Prng): Float32Array {
  const length = Math.round(0.3 * sampleRate);
  const band = new StateVariableFilter(sampleRate, 3200, 0.9);
  const high = new StateVariableFilter(sampleRate, 1200, 0.7);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const t = i / sampleRate;
    const noise = rng() * 2 - 1;
    const rattle = 0.7 * band.process(noise, 'band') + 0.5 * high.process(noise, 'high');
    const body = 0.55 * Math.sin(2 * Math.PI * 185 * t) + 0.3 * Math.sin(2 * Math.PI * 330 * t);
    out[i] = rattle * Math.exp(-t / 0.07) + body * Math.exp(-t / 0.045);
  }
  fadeTail(out, sampleRate, 0.015);
  return normalizePeak(out, 1);
}

/** Three quick noise flams then a longer decay: the shape of hands clapping together. */
export function renderClap(sampleRate: Hz, rng: Prng): Float32Array {
  const length = Math.round(0.25 * sampleRate);
  const band = new StateVariableFilter(sampleRate, 1400, 1.6);
  const flam = Math.round(0.011 * sampleRate);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const t = i / sampleRate;
    const sinceFlam = i < 3 * flam ? (i % flam) / sampleRate : t - (3 * flam) / sampleRate;
    const env = Math.exp(-sinceFlam / (i < 3 * flam ? 0.004 : 0.06));
    out[i] = 1.6 * band.process(rng() * 2 - 1, 'band') * env;
  }
  fadeTail(out, sampleRate, 0.015);
  return normalizePeak(out, 1);
}
