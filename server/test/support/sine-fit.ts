/** Least-squares fit of a sine of known frequency: amplitude and the residual energy relative to the signal. */
export interface SineFit {
  amplitude: number;
  /** 10·log10(residual energy / signal energy): how far the signal is from a pure sine at that frequency. */
  residualDb: number;
}

export function fitSine(signal: Float32Array, freq: number, sampleRate: number, from = 0, to = signal.length): SineFit {
  let ss = 0;
  let cc = 0;
  let sc = 0;
  let xs = 0;
  let xc = 0;
  let xx = 0;
  for (let n = from; n < to; n++) {
    const w = (2 * Math.PI * freq * n) / sampleRate;
    const s = Math.sin(w);
    const c = Math.cos(w);
    const x = signal[n] ?? 0;
    ss += s * s;
    cc += c * c;
    sc += s * c;
    xs += x * s;
    xc += x * c;
    xx += x * x;
  }
  const det = ss * cc - sc * sc;
  const a = (xs * cc - xc * sc) / det;
  const b = (xc * ss - xs * sc) / det;
  let residual = 0;
  for (let n = from; n < to; n++) {
    const w = (2 * Math.PI * freq * n) / sampleRate;
    const e = (signal[n] ?? 0) - a * Math.sin(w) - b * Math.cos(w);
    residual += e * e;
  }
  return { amplitude: Math.hypot(a, b), residualDb: 10 * Math.log10(residual / xx) };
}

export function rms(signal: Float32Array, from = 0, to = signal.length): number {
  let sum = 0;
  for (let n = from; n < to; n++) sum += (signal[n] ?? 0) ** 2;
  return Math.sqrt(sum / Math.max(1, to - from));
}

/** Frequency estimate from upward zero crossings (for signals with one clear tone). */
export function zeroCrossingFrequency(signal: Float32Array, sampleRate: number): number {
  let first = -1;
  let last = -1;
  let count = 0;
  for (let n = 1; n < signal.length; n++) {
    if ((signal[n - 1] ?? 0) < 0 && (signal[n] ?? 0) >= 0) {
      if (first < 0) first = n;
      else count++;
      last = n;
    }
  }
  return count === 0 ? 0 : (count * sampleRate) / (last - first);
}
