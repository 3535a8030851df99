import { describe, expect, it } from 'vitest';
import { CONTRACT } from '../../src/core/contract/contract.js';
import { LogFilterbank } from '../../src/core/features/log-filterbank.js';

const beat = CONTRACT.features.beat_spectrum;
const bank = new LogFilterbank({ fftSize: beat.frame, sampleRate: 48000, bandsPerOctave: beat.bands_per_octave, fminHz: beat.fmin_hz, fmaxHz: beat.fmax_hz });

describe('LogFilterbank', () => {
  it('has 80 distinct bands for the contract settings', () => {
    expect(bank.bandCount).toBe(80);
  });

  it('puts a single bin into the bands around it, rising with frequency', () => {
    const peakBand = (bin: number): number => {
      const magnitude = new Float32Array(beat.frame / 2 + 1);
      magnitude[bin] = 1;
      const out = new Float32Array(bank.bandCount);
      bank.applyLog(magnitude, 1000, 1, out);
      return out.indexOf(Math.max(...out));
    };
    const low = peakBand(Math.round(100 / (48000 / beat.frame)));
    const mid = peakBand(Math.round(1000 / (48000 / beat.frame)));
    const high = peakBand(Math.round(8000 / (48000 / beat.frame)));
    expect(low).toBeLessThan(mid);
    expect(mid).toBeLessThan(high);
    expect(high).toBeLessThan(bank.bandCount);
  });

  it('gives log10(add) for silence', () => {
    const out = new Float32Array(bank.bandCount);
    bank.applyLog(new Float32Array(beat.frame / 2 + 1), 1000, 1, out);
    expect(Math.max(...out.map(Math.abs))).toBe(0);
  });

  it('refuses a range with too few bins', () => {
    expect(() => new LogFilterbank({ fftSize: 64, sampleRate: 48000, bandsPerOctave: 1, fminHz: 1000, fmaxHz: 1100 })).toThrow(/fewer than 3 distinct bins/);
  });
});
