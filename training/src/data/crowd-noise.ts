/**
 * Crowd-like noise: pink and brown noise under a slow random swell, plus short babble-like bursts (noise through
 * moving vowel-like band-passes, chopped at syllable rate). Seeded, so a room variant is reproducible.
 */
import { StateVariableFilter } from '@fractalsync/server/core/synth/filters';
import { createPrng } from '@fractalsync/server/core/synth/prng';
import type { Prng } from '@fractalsync/server/core/synth/prng';
import type { Hz, Samples } from '@fractalsync/server/core/units';

/** Pink noise by Paul Kellet's refined filter (-3 dB/octave within 0.05 dB above 10 Hz). */
function pinkNoise(rng: Prng, length: Samples): Float64Array {
  const out = new Float64Array(length);
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  let b3 = 0;
  let b4 = 0;
  let b5 = 0;
  let b6 = 0;
  for (let i = 0; i < length; i++) {
    const w = rng() * 2 - 1;
    b0 = 0.99886 * b0 + w * 0.0555179;
    b1 = 0.99332 * b1 + w * 0.0750759;
    b2 = 0.969 * b2 + w * 0.153852;
    b3 = 0.8665 * b3 + w * 0.3104856;
    b4 = 0.55 * b4 + w * 0.5329522;
    b5 = -0.7616 * b5 - w * 0.016898;
    out[i] = (b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362) * 0.11;
    b6 = w * 0.115926;
  }
  return out;
}

/** Brown noise: leaky integrated white noise (the leak keeps it from drifting away). */
function brownNoise(rng: Prng, length: Samples): Float64Array {
  const out = new Float64Array(length);
  let y = 0;
  for (let i = 0; i < length; i++) {
    y = 0.998 * y + 0.06 * (rng() * 2 - 1);
    out[i] = y;
  }
  return out;
}

/** Smooth random gain: values drawn every `period` samples, joined by cosine interpolation. */
function slowSwell(rng: Prng, length: Samples, period: Samples, lo: number, hi: number): Float64Array {
  const knots = Array.from({ length: Math.ceil(length / period) + 2 }, () => lo + (hi - lo) * rng());
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const k = Math.floor(i / period);
    const f = (1 - Math.cos((Math.PI * (i - k * period)) / period)) / 2;
    const a = knots[k] ?? lo;
    out[i] = a + f * ((knots[k + 1] ?? a) - a);
  }
  return out;
}

/** Adds babble bursts of 0.2–1.2 s, 0.2–2.5 s apart, each with two formant-like bands and a syllable rhythm. */
function addBabble(out: Float64Array, rng: Prng, sampleRate: Hz): void {
  let at = Math.round(rng() * sampleRate);
  while (at < out.length) {
    const length = Math.round((0.2 + rng()) * sampleRate);
    const f1 = new StateVariableFilter(sampleRate, 300 + 600 * rng(), 4);
    const f2 = new StateVariableFilter(sampleRate, 900 + 1800 * rng(), 5);
    const syllableHz = 3 + 4 * rng();
    const level = 0.5 + rng();
    for (let i = 0; i < length && at + i < out.length; i++) {
      const t = i / sampleRate;
      const syllable = Math.pow(Math.abs(Math.sin(Math.PI * syllableHz * t)), 1.5);
      const fade = Math.min(1, i / (0.02 * sampleRate), (length - i) / (0.05 * sampleRate));
      const w = rng() * 2 - 1;
      out[at + i] = (out[at + i] ?? 0) + level * syllable * fade * (f1.process(w, 'band') + 0.7 * f2.process(w, 'band'));
    }
    at += length + Math.round((0.2 + 2.3 * rng()) * sampleRate);
  }
}

/** `length` samples of crowd noise from `seed`; its level is arbitrary (the room mix sets the SNR). */
export function crowdNoise(seed: number, length: Samples, sampleRate: Hz): Float32Array {
  const rng = createPrng(seed);
  const pink = pinkNoise(rng, length);
  const brown = brownNoise(rng, length);
  const swell = slowSwell(rng, length, Math.round(0.7 * sampleRate), 0.4, 1.4);
  const bed = new Float64Array(length);
  for (let i = 0; i < length; i++) bed[i] = (swell[i] ?? 1) * ((pink[i] ?? 0) + 0.5 * (brown[i] ?? 0));
  addBabble(bed, rng, sampleRate);
  return Float32Array.from(bed);
}
