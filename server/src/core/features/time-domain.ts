/** Root mean square of a block. */
export function rms(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const x of samples) sum += x * x;
  return Math.sqrt(sum / samples.length);
}

/**
 * Zero crossings per sample over a block, counting the crossing from `previous` (the sample before the
 * block) into it, so consecutive blocks together count every crossing exactly once.
 */
export function zeroCrossingRate(samples: Float32Array, previous: number): number {
  if (samples.length === 0) return 0;
  let crossings = 0;
  let last = previous;
  for (const x of samples) {
    if ((last < 0 && x >= 0) || (last >= 0 && x < 0)) crossings++;
    last = x;
  }
  return crossings / samples.length;
}
