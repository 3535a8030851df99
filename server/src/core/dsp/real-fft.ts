/**
 * A real-input FFT working in place on its own buffers, so callers window straight into its input and
 * read the spectrum without extra copies. The core depends on this interface only; the concrete (WASM)
 * implementation is created by the I/O layer and injected.
 */
export interface RealFft {
  readonly size: number;
  /** The input buffer (length `size`): write the windowed frame here before `transform`. */
  input(): Float32Array;
  /**
   * Transforms the input; returns the packed spectrum (length `size`, valid until the next call):
   * [X0.re, X(N/2).re, X1.re, X1.im, X2.re, X2.im, ...]. Bin k's power is out[2k]² + out[2k+1]² for 0 < k < N/2.
   */
  transform(): Float32Array;
}

/** Writes |X_k|² for k = 0..N/2 from a packed spectrum into `out` (length N/2 + 1). */
export function packedPower(packed: Float32Array, out: Float32Array): void {
  const half = packed.length / 2;
  const dc = packed[0] ?? 0;
  const nyquist = packed[1] ?? 0;
  out[0] = dc * dc;
  out[half] = nyquist * nyquist;
  for (let k = 1; k < half; k++) {
    const re = packed[2 * k] ?? 0;
    const im = packed[2 * k + 1] ?? 0;
    out[k] = re * re + im * im;
  }
}
