/**
 * Overlap-add FFT convolution over the project's real FFT (PFFFT). The FFT only runs forward, so the inverse uses
 * the identity IDFT(Y)[n] = DFT(Y)[-n] / N: for a real result, DFT(Y) = DFT(Re Y) + i·DFT(Im Y), and those two
 * are DFTs of real sequences (one even, one odd), so two forward transforms give the inverse.
 */
import type { RealFft } from '@fractalsync/server/core/dsp/real-fft';

/** Smallest power of two that fits a block of `hop` samples convolved with a response of `irLength`. */
export function convolutionFftSize(irLength: number): number {
  let n = 32;
  while (n < 2 * irLength) n *= 2;
  return n;
}

/** Inverse of a packed real spectrum (see RealFft) into `out` (length N), using two forward transforms. */
export function inversePacked(fft: RealFft, packed: Float32Array, out: Float64Array): void {
  const n = fft.size;
  const half = n / 2;
  // A = Re Y extended evenly, B = Im Y extended oddly; both real.
  const a = fft.input();
  a[0] = packed[0] ?? 0;
  a[half] = packed[1] ?? 0;
  for (let k = 1; k < half; k++) {
    const re = packed[2 * k] ?? 0;
    a[k] = re;
    a[n - k] = re;
  }
  const fa = Float32Array.from(fft.transform());
  const b = fft.input();
  b[0] = 0;
  b[half] = 0;
  for (let k = 1; k < half; k++) {
    const im = packed[2 * k + 1] ?? 0;
    b[k] = im;
    b[n - k] = -im;
  }
  const fb = fft.transform();
  // DFT(A) is real and even, DFT(B) imaginary and odd: DFT(Y)[m] = Re FA[m] - Im FB[m].
  out[0] = (fa[0] ?? 0) / n;
  out[half] = (fa[1] ?? 0) / n;
  for (let j = 1; j < half; j++) {
    const re = fa[2 * j] ?? 0;
    const im = fb[2 * j + 1] ?? 0;
    out[j] = (re + im) / n;
    out[n - j] = (re - im) / n;
  }
}

/** Full linear convolution of `x` with `h` (length x + h - 1). `fft.size` must be at least 2·h.length. */
export function convolve(fft: RealFft, x: Float32Array, h: Float32Array): Float32Array {
  const n = fft.size;
  if (n < 2 * h.length) throw new Error(`FFT size ${n} is too small for a ${h.length}-sample response; expected at least ${2 * h.length}`);
  const hop = n - h.length + 1;
  const hIn = fft.input();
  hIn.fill(0);
  hIn.set(h);
  const spectrumH = Float32Array.from(fft.transform());
  const out = new Float64Array(x.length + h.length - 1);
  const product = new Float32Array(n);
  const block = new Float64Array(n);
  for (let start = 0; start < x.length; start += hop) {
    const input = fft.input();
    input.fill(0);
    input.set(x.subarray(start, Math.min(x.length, start + hop)));
    const spectrumX = fft.transform();
    product[0] = (spectrumX[0] ?? 0) * (spectrumH[0] ?? 0);
    product[1] = (spectrumX[1] ?? 0) * (spectrumH[1] ?? 0);
    for (let k = 1; k < n / 2; k++) {
      const xr = spectrumX[2 * k] ?? 0;
      const xi = spectrumX[2 * k + 1] ?? 0;
      const hr = spectrumH[2 * k] ?? 0;
      const hi = spectrumH[2 * k + 1] ?? 0;
      product[2 * k] = xr * hr - xi * hi;
      product[2 * k + 1] = xr * hi + xi * hr;
    }
    inversePacked(fft, product, block);
    const end = Math.min(out.length, start + n);
    for (let i = start; i < end; i++) out[i] = (out[i] ?? 0) + (block[i - start] ?? 0);
  }
  return Float32Array.from(out);
}
