/** Plays one-shot buffers at their start samples: sample k of a hit is gain * buffer[k], whatever the block split. */
import type { Samples } from '../units.js';
import type { TimedEvent } from './event-track.js';

export interface SampleHit extends TimedEvent {
  buffer: Float32Array;
  gain: number;
}

export function sampleHit(start: Samples, buffer: Float32Array, gain: number): SampleHit {
  return { start, end: start + buffer.length, buffer, gain };
}

/** Adds the part of `hit` in [lo, hi) into `out`, whose first element is sample `outStart`. */
export function addHit(out: Float64Array, outStart: Samples, lo: Samples, hi: Samples, hit: SampleHit): void {
  const { buffer, gain, start } = hit;
  for (let i = lo; i < hi; i++) {
    const j = i - outStart;
    out[j] = (out[j] ?? 0) + gain * (buffer[i - start] ?? 0);
  }
}
