import { beforeAll, describe, expect, it } from 'vitest';
import type { RealFft } from '@fractalsync/server/core/dsp/real-fft';
import { createPrng } from '@fractalsync/server/core/synth/prng';
import { createPffft } from '@fractalsync/server/dsp/pffft';
import { convolve, inversePacked } from '../../src/data/fft-convolve.js';
import { meter } from '../../src/data/groove-spec.js';
import { renderGroove } from '../../src/data/render-groove.js';
import { meanPower, microphone, renderRoom, roomImpulse, roomParams } from '../../src/data/room.js';

const SR = 48000;

function sine(freq: number, seconds: number): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * SR) }, (_, i) => Math.sin((2 * Math.PI * freq * i) / SR));
}

function noise(seed: number, length: number): Float32Array {
  const rng = createPrng(seed);
  return Float32Array.from({ length }, () => rng() * 2 - 1);
}

describe('FFT convolution', () => {
  let fft: RealFft;
  beforeAll(async () => {
    fft = await createPffft(2048);
  });

  it('inverts a packed spectrum with forward transforms only', () => {
    const x = noise(3, 2048);
    fft.input().set(x);
    const spectrum = Float32Array.from(fft.transform());
    const back = new Float64Array(2048);
    inversePacked(fft, spectrum, back);
    let err = 0;
    for (let i = 0; i < x.length; i++) err = Math.max(err, Math.abs((back[i] ?? 0) - (x[i] ?? 0)));
    expect(err).toBeLessThan(1e-5);
  });

  it('equals direct convolution across many overlap-add blocks', () => {
    const x = noise(4, 5000);
    const h = noise(5, 700);
    const y = convolve(fft, x, h);
    expect(y.length).toBe(5000 + 700 - 1);
    let err = 0;
    for (let n = 0; n < y.length; n += 7) {
      let sum = 0;
      for (let k = Math.max(0, n - x.length + 1); k <= Math.min(n, h.length - 1); k++) sum += (x[n - k] ?? 0) * (h[k] ?? 0);
      err = Math.max(err, Math.abs(sum - (y[n] ?? 0)));
    }
    expect(err).toBeLessThan(1e-3);
  });

  it('refuses a transform too small for the response', () => {
    expect(() => convolve(fft, new Float32Array(10), new Float32Array(1500))).toThrow(/FFT size 2048 is too small for a 1500-sample response/);
  });
});

describe('room variant', () => {
  it('has an impulse response decaying about 60 dB over RT60 = 1.2 s after the direct sound', () => {
    const params = roomParams(7);
    const h = roomImpulse(params, SR);
    expect(h[0]).toBeCloseTo(1, 9);
    const energy = (from: number): number => {
      let sum = 0;
      for (let i = Math.round(from * SR); i < Math.round((from + 0.05) * SR); i++) sum += (h[i] ?? 0) ** 2;
      return sum;
    };
    // 0.6 s apart on a 60 dB / 1.2 s decay: 30 dB.
    const drop = 10 * Math.log10(energy(0.1) / energy(0.7));
    expect(drop).toBeGreaterThan(27);
    expect(drop).toBeLessThan(33);
  });

  it('hears through a narrow microphone: 150 Hz - 6 kHz', () => {
    const gainDb = (freq: number): number => {
      const x = sine(freq, 1);
      const y = microphone(x, SR, 150, 6000);
      return 10 * Math.log10(meanPower(y.subarray(SR / 2)) / meanPower(x.subarray(SR / 2)));
    };
    expect(Math.abs(gainDb(1000))).toBeLessThan(1);
    expect(gainDb(50)).toBeLessThan(-30);
    expect(gainDb(14000)).toBeLessThan(-20);
  });

  it('mixes crowd noise at 10 ± 0.3 dB SNR, at the clean track peak, reproducibly', async () => {
    const clean = renderGroove({
      style: 'test',
      seed: 31,
      sampleRate: SR,
      duration: 8,
      startOffset: 0.2,
      tempo: [{ time: 0, bpm: 128 }],
      swing: 0.5,
      family: 'four-on-the-floor',
      sections: [{ bars: 999, meter: meter(4), instruments: ['kick', 'snare', 'hats', 'bass', 'pad'] }],
    }).audio;
    const params = roomParams(31);
    const room = await renderRoom(clean, SR, params);
    expect(room.audio.length).toBe(clean.length);
    const noisePart = room.audio.map((v, i) => v - (room.signal[i] ?? 0));
    const snr = 10 * Math.log10(meanPower(room.signal) / meanPower(noisePart));
    expect(Math.abs(snr - 10)).toBeLessThan(0.3);
    const peak = (x: Float32Array): number => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(peak(room.audio)).toBeCloseTo(peak(clean), 5);
    const again = await renderRoom(clean, SR, params);
    expect(Buffer.from(again.audio.buffer).equals(Buffer.from(room.audio.buffer))).toBe(true);
    const other = await renderRoom(clean, SR, roomParams(32));
    expect(Buffer.from(other.audio.buffer).equals(Buffer.from(room.audio.buffer))).toBe(false);
  });

  it('renders room after room without growing the FFT heap: one transform per size for the whole process', async () => {
    // PFFFT never frees its heap; a transform per room (about 4 MB at RT60 2.2 s) stopped a 5000-track build.
    const probe = await createPffft(64); // its input() is a view of the shared heap, re-taken when the heap grows
    const clean = noise(5, SR / 10);
    const long = { ...roomParams(40), rt60: 2.2 };
    await renderRoom(clean, SR, long);
    const before = probe.input().buffer.byteLength;
    for (let i = 0; i < 12; i++) await renderRoom(clean, SR, { ...long, seed: 100 + i });
    expect(probe.input().buffer.byteLength).toBe(before);
  });
});
