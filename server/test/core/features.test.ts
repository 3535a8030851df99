import { describe, expect, it } from 'vitest';
import { CONTRACT } from '../../src/core/contract/contract.js';
import { featureLayout } from '../../src/core/features/layout.js';
import { analyze } from '../support/pipeline.js';
import { clicks, SR, sine } from '../support/signals.js';

const layout = featureLayout(CONTRACT, 80);
const at = (row: Float32Array | undefined, name: (typeof layout.base)[number]): number => row?.[layout.indexOf(name)] ?? NaN;
const HOP = CONTRACT.audio.hop;

describe('features of a sine', () => {
  // 375 Hz fits exactly 8 periods into a hop and 32 into the n_fft window.
  const cases = [
    { freq: 375, amplitude: 0.5, band: 1 },
    { freq: 1875, amplitude: 0.25, band: 3 },
    { freq: 4500, amplitude: 0.8, band: 4 },
  ];
  for (const { freq, amplitude, band } of cases) {
    it(`${freq} Hz at amplitude ${amplitude}`, async () => {
      const rows = await analyze(sine(freq, amplitude, 0.5));
      const row = rows[rows.length - 1];
      expect(Math.abs(at(row, 'centroid') - freq) / freq).toBeLessThan(0.01);
      expect(Math.abs(at(row, 'zcr') - (2 * freq) / SR)).toBeLessThan(0.5 / HOP);
      expect(Math.abs(at(row, 'rms') - amplitude / Math.SQRT2)).toBeLessThan(0.002 * amplitude);
      expect(Math.abs(at(row, 'rolloff') - freq)).toBeLessThanOrEqual(2 * (SR / CONTRACT.audio.n_fft));
      const bands = Array.from(row?.subarray(layout.bandsOffset, layout.bandsOffset + 6) ?? []);
      expect(Math.abs((bands[band] ?? 0) - (amplitude * amplitude) / 2)).toBeLessThan(0.01 * amplitude * amplitude);
      bands.forEach((energy, b) => {
        if (b !== band) expect(energy).toBeLessThan(1e-4 * amplitude * amplitude);
      });
    });
  }

  it('is silent on silence', async () => {
    const rows = await analyze(new Float32Array(SR / 2));
    const row = rows[rows.length - 1];
    for (const name of layout.base) expect(at(row, name)).toBe(0);
  });
});

describe('onset strength of a click train', () => {
  it('peaks in the hop that holds each click, and nowhere else', async () => {
    const clickHops = [10, 30, 50, 70];
    // Clicks in the middle of their hop (hops are 1-based: hop h holds samples ((h-1)*HOP, h*HOP]).
    const positions = clickHops.map((h) => (h - 1) * HOP + HOP / 2);
    const rows = await analyze(clicks(positions, 90 * HOP));
    const onset = rows.map((row) => at(row, 'onset'));
    const sorted = [...onset].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    for (const h of clickHops) {
      const value = onset[h - 1] ?? 0;
      expect(value).toBeGreaterThan(10 * (median + 1e-6));
      // The click is the local maximum within ±3 hops.
      for (let d = -3; d <= 3; d++) if (d !== 0) expect(onset[h - 1 + d] ?? 0).toBeLessThan(value);
    }
  });
});
