/** Kick drum one-shot: a sine swept down from 150 Hz to 48 Hz, plus a short noise click for a sharp onset. */
import type { Hz } from '../../units.js';
import { filterInPlace } from '../filters.js';
import type { Prng } from '../prng.js';
import { fadeTail, normalizePeak } from './shape.js';

const LENGTH_S = 0.4;
const START_HZ = 150;
const END_HZ = 48;
const SWEEP_TAU_S = 0.035;
const BODY_TAU_S = 0.16;
const CLICK_TAU_S = 0.0025;

export function renderKick(sampleRate: Hz, rng: Prng): Float32Array {
  const length = Math.round(LENGTH_S * sampleRate);
  const click = new Float32Array(Math.round(0.012 * sampleRate));
  for (let i = 0; i < click.length; i++) click[i] = (rng() * 2 - 1) * Math.exp(-i / (CLICK_TAU_S * sampleRate));
  filterInPlace(click, sampleRate, 3500, 0.8, 'band');

  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const t = i / sampleRate;
    // Phase is the closed-form integral of the exponential pitch sweep: exact at every sample, no drift.
    const phase = END_HZ * t + (START_HZ - END_HZ) * SWEEP_TAU_S * (1 - Math.exp(-t / SWEEP_TAU_S));
    const body = Math.sin(2 * Math.PI * phase) * Math.exp(-t / BODY_TAU_S);
    out[i] = 0.9 * body + 0.6 * (click[i] ?? 0);
  }
  fadeTail(out, sampleRate, 0.02);
  return normalizePeak(out, 1);
}
