/** Test signals with known answers. */
export const SR = 48000;

export function sine(freq: number, amplitude: number, seconds: number, sampleRate = SR): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  for (let n = 0; n < out.length; n++) out[n] = amplitude * Math.sin((2 * Math.PI * freq * n) / sampleRate);
  return out;
}

/** Single-sample clicks of `amplitude` at the given sample positions. */
export function clicks(positions: number[], length: number, amplitude = 0.9): Float32Array {
  const out = new Float32Array(length);
  for (const p of positions) out[p] = amplitude;
  return out;
}

/** Deterministic white noise in [-amplitude, amplitude] (xorshift32). */
export function noise(length: number, amplitude: number, seed = 12345): Float32Array {
  const out = new Float32Array(length);
  let s = seed >>> 0 || 1;
  for (let n = 0; n < length; n++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[n] = amplitude * ((s / 0xffffffff) * 2 - 1);
  }
  return out;
}

export function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
