/** Periodic Hann window (the DFT-even form used for spectral analysis). */
export function hannWindow(length: number): Float32Array {
  const window = new Float32Array(length);
  for (let n = 0; n < length; n++) window[n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / length);
  return window;
}

/** Sum of squared window values: the power normalisation of a windowed spectrum. */
export function windowPower(window: Float32Array): number {
  let sum = 0;
  for (const w of window) sum += w * w;
  return sum;
}
