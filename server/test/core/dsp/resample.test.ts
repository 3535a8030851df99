import { describe, expect, it } from 'vitest';
import { resample, Resampler } from '../../../src/core/dsp/resample.js';
import { fitSine, rms } from '../../support/sine-fit.js';

function sineAt(freq: number, amplitude: number, length: number, rate: number): Float32Array {
  const out = new Float32Array(length);
  for (let n = 0; n < length; n++) out[n] = amplitude * Math.sin((2 * Math.PI * freq * n) / rate);
  return out;
}

/** The middle of a converted signal, away from the start and end transients. */
function middle(signal: Float32Array): [number, number] {
  return [Math.floor(signal.length * 0.1), Math.floor(signal.length * 0.9)];
}

describe('resample', () => {
  it.each([
    [44100, 48000, 1000],
    [44100, 48000, 10000],
    [44100, 48000, 16000],
    [22050, 48000, 5000],
    [96000, 48000, 15000],
    [48000, 44100, 3000],
    [47999, 48000, 2000], // odd pair: rounded phases
  ])('%i Hz -> %i Hz keeps a %i Hz sine (amplitude within 0.3 %%, residual below -70 dB)', (from, to, freq) => {
    const out = resample(sineAt(freq, 0.5, from / 2, from), from, to);
    expect(out.length).toBe(Math.ceil(((from / 2) * to) / from));
    const [a, b] = middle(out);
    const fit = fitSine(out, freq, to, a, b);
    expect(Math.abs(fit.amplitude - 0.5)).toBeLessThan(0.0015);
    expect(fit.residualDb).toBeLessThan(-70);
  });

  it('is delay-free: the output sine has the input phase', () => {
    const from = 44100;
    const input = sineAt(1000, 0.5, from, from);
    const out = resample(input, from, 48000);
    const expected = sineAt(1000, 0.5, out.length, 48000);
    const [a, b] = middle(out);
    let maxError = 0;
    for (let n = a; n < b; n++) maxError = Math.max(maxError, Math.abs((out[n] ?? 0) - (expected[n] ?? 0)));
    expect(maxError).toBeLessThan(1e-3);
  });

  it('removes content above the output Nyquist when downsampling (30 kHz at 96 kHz -> 48 kHz, below -60 dB)', () => {
    const out = resample(sineAt(30000, 0.5, 48000, 96000), 96000, 48000);
    const [a, b] = middle(out);
    expect(20 * Math.log10(rms(out, a, b) / (0.5 / Math.SQRT2))).toBeLessThan(-60);
  });

  it('keeps DC exactly (unit gain on every phase)', () => {
    const out = resample(new Float32Array(4410).fill(0.25), 44100, 48000);
    const [a, b] = middle(out);
    for (let n = a; n < b; n++) expect(out[n]).toBeCloseTo(0.25, 5);
  });

  it('returns a copy when the rates are equal', () => {
    const input = sineAt(440, 0.5, 1000, 48000);
    const out = resample(input, 48000, 48000);
    expect(out).not.toBe(input);
    expect(Buffer.from(out.buffer).equals(Buffer.from(input.buffer))).toBe(true);
  });

  it('streaming in uneven chunks gives the very same samples as one call', () => {
    const input = sineAt(3000, 0.4, 20000, 44100);
    for (let n = 0; n < input.length; n += 97) input[n] = 0.9; // clicks, so every tap matters
    const whole = resample(input, 44100, 48000);
    const stream = new Resampler(44100, 48000);
    const parts: Float32Array[] = [];
    const sizes = [1, 7, 1024, 3, 500, 4096, 13];
    for (let offset = 0, i = 0; offset < input.length; i++) {
      const size = sizes[i % sizes.length] ?? 1;
      parts.push(stream.process(input.subarray(offset, offset + size)));
      offset += size;
    }
    parts.push(stream.flush());
    const streamed = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
    let offset = 0;
    for (const p of parts) {
      streamed.set(p, offset);
      offset += p.length;
    }
    expect(streamed.length).toBe(whole.length);
    expect(Buffer.from(streamed.buffer).equals(Buffer.from(whole.buffer))).toBe(true);
  });

  it('emits about from/to of the input while streaming, holding back only the filter half-length', () => {
    const stream = new Resampler(44100, 48000);
    let produced = 0;
    for (let i = 0; i < 100; i++) produced += stream.process(new Float32Array(441)).length;
    const ideal = (44100 * 48000) / 44100;
    expect(ideal - produced).toBeGreaterThanOrEqual(0);
    expect(ideal - produced).toBeLessThanOrEqual(30); // 24 input samples of look-ahead, converted
  });

  it('reset starts a fresh stream', () => {
    const input = sineAt(1000, 0.5, 5000, 44100);
    const stream = new Resampler(44100, 48000);
    const first = stream.process(input);
    stream.reset();
    const second = stream.process(input);
    expect(Buffer.from(second.buffer).equals(Buffer.from(first.buffer))).toBe(true);
  });

  it.each([
    [0, 48000, 'fromRate must be a positive whole number of Hz, got 0'],
    [44100.5, 48000, 'fromRate must be a positive whole number of Hz, got 44100.5'],
    [44100, -1, 'toRate must be a positive whole number of Hz, got -1'],
  ])('rejects bad rates (%s -> %s)', (from, to, message) => {
    expect(() => new Resampler(from, to)).toThrow(message);
  });
});
