/**
 * Augmentations of a clean training render: tempo+pitch (resampling), a live room with crowd noise, a microphone
 * EQ, a peak level. Their ranges avoid eval-v1's room (RT60 1.2 s, 10 dB SNR, 150 Hz–6 kHz microphone), so the
 * evaluation set's augmentations are never trained on.
 */
import { resample } from '@fractalsync/server/core/dsp/resample';
import { createPrng, hashSeed } from '@fractalsync/server/core/synth/prng';
import type { Prng } from '@fractalsync/server/core/synth/prng';
import type { Hz } from '@fractalsync/server/core/units';
import { microphone, renderRoom } from '../data/room.js';
import type { RoomParams } from '../data/room.js';
import { dbToGain } from '../data/timbre.js';

export interface AugmentSpec {
  /** Playback speed: > 1 plays faster and higher; beat times divide by it. */
  speed: number;
  /** Reverb, crowd noise and the room's microphone, or null for a dry track. */
  room: RoomParams | null;
  /** Microphone band (Hz) for a dry track, or null for none. */
  mic: { low: Hz; high: Hz } | null;
  /** Peak level of the result, dBFS. */
  peakDb: number;
}

/** A value from one of two ranges that leave out the middle, where eval-v1's fixed setting lies. */
function around(rng: Prng, low: [number, number], high: [number, number]): number {
  const [lo, hi] = rng() < 0.5 ? low : high;
  return Math.round((lo + (hi - lo) * rng()) * 1000) / 1000;
}

export function drawAugment(seed: number): AugmentSpec {
  const rng = createPrng(hashSeed(seed, 0xa06));
  const speed = rng() < 0.6 ? Math.round((0.94 + 0.12 * rng()) * 1000) / 1000 : 1;
  const wet = rng() < 0.5;
  const room: RoomParams | null = wet
    ? {
        seed: hashSeed(seed, 0xa07),
        rt60: around(rng, [0.3, 1.0], [1.4, 2.2]),
        preDelay: Math.round((0.005 + 0.025 * rng()) * 1000) / 1000,
        directToReverbDb: Math.round((-6 + 10 * rng()) * 10) / 10,
        snrDb: around(rng, [3, 8], [12, 25]),
        micLowHz: Math.round(around(rng, [50, 120], [200, 300])),
        micHighHz: Math.round(around(rng, [3000, 5000], [7500, 14000])),
      }
    : null;
  const mic = !wet && rng() < 0.5 ? { low: Math.round(around(rng, [40, 120], [200, 300])), high: Math.round(around(rng, [3000, 5000], [7500, 16000])) } : null;
  return { speed, room, mic, peakDb: Math.round((-20 + 19 * rng()) * 10) / 10 };
}

/** Seconds of clean audio needed for `seconds` of augmented audio. */
export function cleanSecondsFor(seconds: number, spec: AugmentSpec): number {
  return Math.ceil(seconds * spec.speed * 10 + 2) / 10;
}

/** The speed resampling really applies (the source rate is rounded to whole Hz). */
export function effectiveSpeed(spec: AugmentSpec, sampleRate: Hz): number {
  return Math.round(sampleRate * spec.speed) / sampleRate;
}

/** Applies the augmentation and cuts to `length` samples; times in the clean track divide by spec.speed. */
export async function applyAugment(clean: Float32Array, sampleRate: Hz, spec: AugmentSpec, length: number): Promise<Float32Array> {
  if (!(spec.speed >= 0.5 && spec.speed <= 2)) throw new Error(`augmentation speed ${spec.speed} is out of range; expected 0.5 to 2`);
  const sped = spec.speed === 1 ? clean : resample(clean, Math.round(sampleRate * spec.speed), sampleRate);
  if (sped.length < length) throw new Error(`augmented audio has ${sped.length} samples, fewer than the ${length} needed; render more clean audio`);
  let audio: Float32Array = sped.slice(0, length);
  if (spec.room !== null) audio = (await renderRoom(audio, sampleRate, spec.room)).audio;
  else if (spec.mic !== null) audio = microphone(audio, sampleRate, spec.mic.low, spec.mic.high);
  let peak = 0;
  for (const v of audio) peak = Math.max(peak, Math.abs(v));
  const gain = peak > 0 ? dbToGain(spec.peakDb) / peak : 0;
  for (let i = 0; i < audio.length; i++) audio[i] = (audio[i] ?? 0) * gain;
  return audio;
}
