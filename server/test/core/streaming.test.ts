import { describe, expect, it } from 'vitest';
import { analyze, createAnalyzer, createPipeline } from '../support/pipeline.js';
import { concat, noise, sine } from '../support/signals.js';
import { CONTRACT } from '../../src/core/contract/contract.js';

function sameBits(a: Float32Array, b: Float32Array): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

describe('streaming equals whole-file', () => {
  const signal = concat(sine(220, 0.3, 0.4), noise(20_000, 0.2), sine(3000, 0.1, 0.3));

  it.each([1, 128, 1000, 4096])('blocks of %i samples give the very same rows', async (block) => {
    const whole = await analyze(signal);
    const streamed = await analyze(signal, block);
    expect(streamed.length).toBe(whole.length);
    expect(whole.length).toBe(Math.floor(signal.length / CONTRACT.audio.hop));
    streamed.forEach((row, i) => {
      expect(sameBits(row, whole[i] ?? new Float32Array())).toBe(true);
    });
  });

  it('gives one row per completed hop and stream time in samples', async () => {
    const pipeline = await createPipeline();
    const times: number[] = [];
    pipeline.push(new Float32Array(CONTRACT.audio.hop * 3 + 5), ({ hop, t }) => times.push(hop, t));
    expect(times).toEqual([1, 1024 / 48000, 2, 2048 / 48000, 3, 3072 / 48000]);
    expect(pipeline.frames.count).toBe(3);
  });
});

/** One-sided amplitude spectrum by a direct float64 DFT, with the stage's normalisation (sum of squares = mean square). */
function referenceAmplitude(frame: Float32Array): Float32Array {
  const n = frame.length;
  const w = Float64Array.from({ length: n }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));
  const windowPower = w.reduce((sum, x) => sum + x * x, 0);
  const out = new Float32Array(n / 2 + 1);
  for (let k = 0; k <= n / 2; k++) {
    let re = 0;
    let im = 0;
    for (let i = 0; i < n; i++) {
      const x = (frame[i] ?? 0) * (w[i] ?? 0);
      re += x * Math.cos((2 * Math.PI * k * i) / n);
      im -= x * Math.sin((2 * Math.PI * k * i) / n);
    }
    const scale = k === 0 || k === n / 2 ? 1 : 2;
    out[k] = Math.sqrt((scale * (re * re + im * im)) / (n * windowPower));
  }
  return out;
}

describe('frame-to-frame state', () => {
  const n = CONTRACT.audio.n_fft;
  const a = sine(500, 0.3, n / 48000);
  const b = concat(sine(500, 0.3, 0.5 * n / 48000), noise(n / 2, 0.3));

  it('computes flux once per frame, against the previous frame', async () => {
    const analyzer = await createAnalyzer();
    const fluxIndex = analyzer.layout.indexOf('flux');
    const row = new Float32Array(analyzer.layout.rowLength);
    analyzer.process(a, row);
    analyzer.process(b, row);
    const fluxAB = row[fluxIndex] ?? NaN;

    // Independent oracle: a float64 DFT of each Hann-windowed frame, normalised like the stage.
    const ampA = referenceAmplitude(a);
    const expected = referenceAmplitude(b).reduce((sum, x, k) => sum + Math.max(0, x - (ampA[k] ?? 0)), 0);
    expect(Math.abs(fluxAB - expected) / expected).toBeLessThan(1e-3);
    expect(fluxAB).toBeGreaterThan(0.05);

    // The same frame again: nothing changed since the previous frame, so flux is zero. If the stage updated
    // its previous spectrum twice per frame (or never), one of these two checks would fail.
    analyzer.process(b, row);
    expect(row[fluxIndex]).toBeLessThan(1e-6);
    analyzer.process(a, row);
    const fluxBA = row[fluxIndex] ?? NaN;
    expect(fluxBA).toBeGreaterThan(0.05);
    expect(Math.abs(fluxBA - fluxAB)).toBeGreaterThan(1e-4);
  });

  it('reset forgets the previous frame, and skipping it changes the result', async () => {
    const analyzer = await createAnalyzer();
    const fluxIndex = analyzer.layout.indexOf('flux');
    const first = new Float32Array(analyzer.layout.rowLength);
    analyzer.process(a, first);
    const again = new Float32Array(analyzer.layout.rowLength);
    analyzer.process(a, again);
    expect(Math.abs((again[fluxIndex] ?? 0) - (first[fluxIndex] ?? 0))).toBeGreaterThan(0.01);
    analyzer.reset();
    analyzer.process(a, again);
    expect(again[fluxIndex]).toBe(first[fluxIndex]);
  });
});
