/** The build's riser: noise through a band-pass whose centre climbs exponentially while the level swells. */
import type { Hz, Samples } from '../../units.js';
import { StateVariableFilter } from '../filters.js';
import type { Prng } from '../prng.js';
import { fadeTail, normalizePeak } from './shape.js';

const FROM_HZ = 250;
const TO_HZ = 9000;
/** Updating the filter every few samples is inaudible and saves a tan() per sample. */
const CONTROL_PERIOD = 16;

export function renderSweep(sampleRate: Hz, rng: Prng, length: Samples): Float32Array {
  const filter = new StateVariableFilter(sampleRate, FROM_HZ, 2);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const x = i / length;
    if (i % CONTROL_PERIOD === 0) filter.setCutoff(FROM_HZ * Math.pow(TO_HZ / FROM_HZ, x), 2);
    out[i] = filter.process(rng() * 2 - 1, 'band') * x * x;
  }
  fadeTail(out, sampleRate, 0.01);
  return normalizePeak(out, 1);
}
