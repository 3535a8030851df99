/**
 * The server's drum kit, retuned and recoloured per track: kick and snare resampled (pitch and length), hats and
 * cymbals low-passed. Every one-shot still starts at its sample 0, so hit placement stays exact.
 */
import { DrumKit } from '@fractalsync/server/core/synth/drum-kit';
import { filterInPlace } from '@fractalsync/server/core/synth/filters';
import type { Hz } from '@fractalsync/server/core/units';
import type { DrumVoice } from './drum-patterns.js';
import type { Timbre } from './timbre.js';

/** Plays `input` at `rate` times its speed (linear interpolation): rate > 1 raises pitch and shortens it. */
export function resample(input: Float32Array, rate: number): Float32Array {
  if (!(rate > 0)) throw new Error(`resample rate ${rate} is invalid; expected > 0`);
  const length = Math.max(1, Math.floor((input.length - 1) / rate) + 1);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const x = i * rate;
    const k = Math.floor(x);
    const a = input[k] ?? 0;
    const b = input[k + 1] ?? a;
    out[i] = a + (x - k) * (b - a);
  }
  return out;
}

export class GrooveKit {
  private readonly kit: DrumKit;
  private readonly cache = new Map<Float32Array, Float32Array>();

  constructor(
    private readonly sampleRate: Hz,
    seed: number,
    private readonly timbre: Timbre,
  ) {
    // The sweep is never played here; a short one keeps the kit cheap to build.
    this.kit = new DrumKit(sampleRate, seed, 1024);
  }

  buffer(sound: DrumVoice, variant: number): Float32Array {
    const raw = this.kit.buffer(sound, variant);
    let shaped = this.cache.get(raw);
    if (shaped === undefined) {
      shaped = this.shape(sound, raw);
      this.cache.set(raw, shaped);
    }
    return shaped;
  }

  private shape(sound: DrumVoice, raw: Float32Array): Float32Array {
    if (sound === 'kick') return resample(raw, this.timbre.kickRate);
    if (sound === 'snare' || sound === 'clap') return resample(raw, this.timbre.snareRate);
    const copy = Float32Array.from(raw);
    filterInPlace(copy, this.sampleRate, this.timbre.hatCutoff, 0.7, 'low');
    return copy;
  }
}
