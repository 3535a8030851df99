/** Shared measurements for the demo groove tests: render a span, and energies over sample ranges. */
import { DemoGroove } from '../../src/core/synth/demo-groove.js';
import type { DemoGrooveOptions, GrooveSection } from '../../src/core/synth/demo-groove.js';

/** Renders `length` samples from a fresh groove in blocks of `blockSize` (one call when omitted). */
export function renderFresh(options: DemoGrooveOptions, length: number, blockSize = length): Float32Array {
  const groove = new DemoGroove(options);
  const out = new Float32Array(length);
  for (let pos = 0; pos < length; pos += blockSize) groove.render(out.subarray(pos, Math.min(length, pos + blockSize)));
  return out;
}

/** Index of the first sample where a and b differ, or -1 when they are identical (bit for bit, by design). */
export function firstDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

export function energy(x: ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  for (let i = Math.max(0, from); i < Math.min(x.length, to); i++) sum += (x[i] ?? 0) ** 2;
  return sum;
}

export function rmsDb(x: ArrayLike<number>, from: number, to: number): number {
  return 10 * Math.log10(energy(x, from, to) / (to - from));
}

export function section(sections: readonly GrooveSection[], name: string): GrooveSection {
  const found = sections.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no section named ${name}`);
  return found;
}

/** Two cascaded one-pole low-passes: enough to keep the kick and bass and drop hats, pad overtones and snares. */
export function lowPass(x: Float32Array, cutoff: number, sampleRate: number): Float64Array {
  const a = Math.exp((-2 * Math.PI * cutoff) / sampleRate);
  const out = new Float64Array(x.length);
  let y1 = 0;
  let y2 = 0;
  for (let i = 0; i < x.length; i++) {
    y1 = (1 - a) * (x[i] ?? 0) + a * y1;
    y2 = (1 - a) * y1 + a * y2;
    out[i] = y2;
  }
  return out;
}

/** Two cascaded one-pole high-passes (12 dB per octave): keeps hats and snare noise, drops pad and bass. */
export function highPass(x: Float32Array, cutoff: number, sampleRate: number): Float64Array {
  const a = 1 / (1 + (2 * Math.PI * cutoff) / sampleRate);
  const out = new Float64Array(x.length);
  let x1 = 0;
  let y1 = 0;
  let m1 = 0;
  let y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] ?? 0;
    y1 = a * (y1 + v - x1);
    x1 = v;
    y2 = a * (y2 + y1 - m1);
    m1 = y1;
    out[i] = y2;
  }
  return out;
}
