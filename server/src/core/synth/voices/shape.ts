/** Finishing touches shared by the one-shots: a fade so a truncated decay does not click, and a fixed peak. */
import type { Hz, Seconds } from '../../units.js';

export function fadeTail(buffer: Float32Array, sampleRate: Hz, fade: Seconds): void {
  const n = Math.min(buffer.length, Math.round(fade * sampleRate));
  for (let i = buffer.length - n; i < buffer.length; i++) buffer[i] = (buffer[i] ?? 0) * ((buffer.length - i) / n);
}

/**
 * Scales a buffer to the given peak. Noise one-shots differ in peak from seed to seed; normalising keeps every
 * variant at the level the pattern asks for, so levels (and the no-clipping guarantee) do not depend on the seed.
 */
export function normalizePeak(buffer: Float32Array, peak: number): Float32Array {
  let max = 0;
  for (const v of buffer) max = Math.max(max, Math.abs(v));
  if (max > 0) for (let i = 0; i < buffer.length; i++) buffer[i] = ((buffer[i] ?? 0) * peak) / max;
  return buffer;
}
