/**
 * The 'live room' variant of a clean track: convolved with a synthetic hall (exponentially decaying noise after the
 * direct sound), heard through a narrow microphone (band-pass), with crowd noise at an exact SNR. The SNR is
 * measured after the microphone on both parts, which is where a tracker meets them.
 */
import { filterInPlace } from '@fractalsync/server/core/synth/filters';
import { createPrng, hashSeed } from '@fractalsync/server/core/synth/prng';
import type { Hz, Seconds } from '@fractalsync/server/core/units';
import type { RealFft } from '@fractalsync/server/core/dsp/real-fft';
import { createPffft } from '@fractalsync/server/dsp/pffft';
import { crowdNoise } from './crowd-noise.js';
import { convolutionFftSize, convolve } from './fft-convolve.js';

export interface RoomParams {
  /** Seeds the impulse response and the crowd. */
  seed: number;
  rt60: Seconds;
  /** Silence between the direct sound and the reverberant tail. */
  preDelay: Seconds;
  /** Direct-to-reverberant energy ratio. */
  directToReverbDb: number;
  snrDb: number;
  micLowHz: Hz;
  micHighHz: Hz;
}

/** RT60 1.2 s, 10 dB SNR, 150 Hz–6 kHz microphone; the direct-to-reverb ratio varies with the seed (-4 to +2 dB). */
export function roomParams(seed: number): RoomParams {
  const rng = createPrng(hashSeed(seed, 0x5200));
  return { seed, rt60: 1.2, preDelay: 0.008 + 0.017 * rng(), directToReverbDb: -4 + 6 * rng(), snrDb: 10, micLowHz: 150, micHighHz: 6000 };
}

export interface RoomRender {
  /** The room mix: signal + noise, at the clean track's peak level. */
  audio: Float32Array;
  /** The reverberant, microphone-filtered music as it sits in `audio`; audio - signal is the noise. */
  signal: Float32Array;
}

/** Direct sound at sample 0, then a tail of decaying noise, darker as it decays (air absorption), of length RT60. */
export function roomImpulse(params: RoomParams, sampleRate: Hz): Float32Array {
  const rng = createPrng(hashSeed(params.seed, 0x5201));
  const delay = Math.round(params.preDelay * sampleRate);
  const tail = Math.round(params.rt60 * sampleRate);
  const h = new Float32Array(delay + tail);
  const decay = Math.log(1000) / (params.rt60 * sampleRate);
  for (let i = 0; i < tail; i++) h[delay + i] = (rng() * 2 - 1) * Math.exp(-decay * i);
  filterInPlace(h, sampleRate, 5000, 0.6, 'low');
  let energy = 0;
  for (const v of h) energy += v * v;
  const target = Math.pow(10, -params.directToReverbDb / 10);
  const g = Math.sqrt(target / energy);
  for (let i = 0; i < h.length; i++) h[i] = (h[i] ?? 0) * g;
  h[0] = 1;
  return h;
}

/** A narrow microphone: two 2-pole high-passes and two 2-pole low-passes (24 dB/octave each side). */
export function microphone(input: Float32Array, sampleRate: Hz, lowHz: Hz, highHz: Hz): Float32Array {
  const out = Float32Array.from(input);
  filterInPlace(out, sampleRate, lowHz, 0.54, 'high');
  filterInPlace(out, sampleRate, lowHz, 1.31, 'high');
  filterInPlace(out, sampleRate, highHz, 0.54, 'low');
  filterInPlace(out, sampleRate, highHz, 1.31, 'low');
  return out;
}

export function meanPower(x: Float32Array): number {
  let sum = 0;
  for (const v of x) sum += v * v;
  return x.length > 0 ? sum / x.length : 0;
}

/**
 * One transform per size for the whole process. PFFFT's WASM heap is never given back, and a set of thousands of
 * rooms (about 4 MB of set-up and buffers each at RT60 2 s) exhausted it: train-v4 built from nothing stopped with
 * "memory access out of bounds" after about 1,800 tracks. convolve() runs synchronously, so sharing is safe.
 */
const transforms = new Map<number, Promise<RealFft>>();

function transformOfSize(size: number): Promise<RealFft> {
  let fft = transforms.get(size);
  if (fft === undefined) {
    fft = createPffft(size);
    transforms.set(size, fft);
  }
  return fft;
}

export async function renderRoom(clean: Float32Array, sampleRate: Hz, params: RoomParams): Promise<RoomRender> {
  const h = roomImpulse(params, sampleRate);
  const fft = await transformOfSize(convolutionFftSize(h.length));
  const wet = convolve(fft, clean, h).subarray(0, clean.length);
  const signal = microphone(wet, sampleRate, params.micLowHz, params.micHighHz);
  const noise = microphone(crowdNoise(hashSeed(params.seed, 0x5202), clean.length, sampleRate), sampleRate, params.micLowHz, params.micHighHz);
  const noisePower = meanPower(noise);
  const noiseGain = noisePower > 0 ? Math.sqrt(meanPower(signal) / (noisePower * Math.pow(10, params.snrDb / 10))) : 0;
  let peakIn = 0;
  for (const v of clean) peakIn = Math.max(peakIn, Math.abs(v));
  const mix = new Float64Array(clean.length);
  let peakOut = 0;
  for (let i = 0; i < mix.length; i++) {
    const v = (signal[i] ?? 0) + noiseGain * (noise[i] ?? 0);
    mix[i] = v;
    peakOut = Math.max(peakOut, Math.abs(v));
  }
  const scale = peakOut > 0 && peakIn > 0 ? peakIn / peakOut : 1;
  const audio = new Float32Array(mix.length);
  const scaledSignal = new Float32Array(mix.length);
  for (let i = 0; i < mix.length; i++) {
    audio[i] = (mix[i] ?? 0) * scale;
    scaledSignal[i] = (signal[i] ?? 0) * scale;
  }
  return { audio, signal: scaledSignal };
}
