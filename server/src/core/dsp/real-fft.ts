/**
 * A real-input FFT that yields the one-sided power spectrum. The core depends on this interface only;
 * the concrete (WASM) implementation is created by the I/O layer and injected.
 */
export interface RealFft {
  readonly size: number;
  /** Writes |X_k|^2 of the (already windowed) input for k = 0..size/2 into `out` (length size/2 + 1). */
  powerSpectrum(input: Float32Array, out: Float32Array): void;
}
