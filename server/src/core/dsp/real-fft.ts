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
