import { beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT } from '../../src/core/contract/contract.js';
import type { SparseRows, VectorKernels } from '../../src/core/dsp/vector-kernels.js';
import { LogFilterbank } from '../../src/core/features/log-filterbank.js';
import { loadVectorKernels } from '../../src/dsp/wasm-kernels.js';

const beat = CONTRACT.features.beat_spectrum;
const bins = beat.frame / 2 + 1;
const bank = new LogFilterbank({ fftSize: beat.frame, sampleRate: 48000, bandsPerOctave: beat.bands_per_octave, fminHz: beat.fmin_hz, fmaxHz: beat.fmax_hz });

describe('LogFilterbank', () => {
  let kernels: VectorKernels;
  let rows: SparseRows;
  beforeAll(async () => {
    kernels = await loadVectorKernels();
    rows = bank.toSparseRows(kernels);
  });

  const apply = (magnitude: Float32Array): Float32Array => {
    const x = kernels.f32(bins);
    x.f32().set(magnitude);
    const out = kernels.f32(bank.bandCount);
    kernels.sparseLogRows(x, rows, beat.log_mul, beat.log_add, out);
    return out.f32().slice();
  };

  it('has 80 distinct bands for the contract settings, each of unit area', () => {
    expect(bank.bandCount).toBe(80);
    for (const row of bank.weights) expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-5);
  });

  it('matches a direct float64 evaluation of every band', () => {
    const magnitude = Float32Array.from({ length: bins }, (_, k) => Math.abs(Math.sin(k * 0.37)) * 3);
    const out = apply(magnitude);
    bank.weights.forEach((row, b) => {
      const start = bank.starts[b] ?? 0;
      const sum = row.reduce((acc, w, i) => acc + w * (magnitude[start + i] ?? 0), 0);
      expect(Math.abs((out[b] ?? NaN) - Math.log10(beat.log_add + beat.log_mul * sum))).toBeLessThan(1e-5);
    });
  });

  it('puts a single bin into the bands around it, rising with frequency', () => {
    const peakBand = (hz: number): number => {
      const magnitude = new Float32Array(bins);
      magnitude[Math.round(hz / (48000 / beat.frame))] = 1;
      const out = apply(magnitude);
      return out.indexOf(Math.max(...out));
    };
    expect(peakBand(100)).toBeLessThan(peakBand(1000));
    expect(peakBand(1000)).toBeLessThan(peakBand(8000));
  });

  it('gives log10(add) = 0 for silence', () => {
    expect(Math.max(...apply(new Float32Array(bins)).map(Math.abs))).toBe(0);
  });

  it('refuses a range with too few bins', () => {
    expect(() => new LogFilterbank({ fftSize: 64, sampleRate: 48000, bandsPerOctave: 1, fminHz: 1000, fmaxHz: 1100 })).toThrow(/fewer than 3 distinct bins/);
  });
});
