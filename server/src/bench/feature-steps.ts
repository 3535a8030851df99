import { CONTRACT } from '../core/contract/contract.js';
import type { KernelBuffer } from '../core/dsp/vector-kernels.js';
import { LogFilterbank } from '../core/features/log-filterbank.js';
import { createAnalysisBackends } from '../dsp/backends.js';

/**
 * `node server/dist/bench/feature-steps.js`: each step of FrameAnalyzer.process timed alone (40,000 calls after a
 * warm-up), to see where a hop's cost goes. Random data; the arithmetic does not depend on the values.
 */
const CALLS = 40_000;
const { fft, beatFft, kernels: k } = await createAnalysisBackends(CONTRACT);
const filled = (n: number): KernelBuffer => {
  const b = k.f32(n);
  b.f32().set(Float32Array.from({ length: n }, () => Math.random()));
  return b;
};
const nFft = CONTRACT.audio.n_fft;
const beat = CONTRACT.features.beat_spectrum;
const frame = filled(nFft);
const hann = filled(nFft);
const windowed = filled(nFft);
const packed = filled(nFft);
const power = filled(nFft / 2 + 1);
const previous = filled(nFft / 2 + 1);
const beatWindowed = filled(beat.frame);
const beatPacked = filled(beat.frame);
const magnitude = filled(beat.frame / 2 + 1);
const filterbank = new LogFilterbank({ fftSize: beat.frame, sampleRate: CONTRACT.audio.sample_rate, bandsPerOctave: beat.bands_per_octave, fminHz: beat.fmin_hz, fmaxHz: beat.fmax_hz });
const rows = filterbank.toSparseRows(k);
const logSpectrum = k.f32(filterbank.bandCount);
const moments = k.f32(3);
const input = Float32Array.from({ length: nFft }, () => Math.random() - 0.5);

let total = 0;
const time = (name: string, step: () => unknown): void => {
  for (let i = 0; i < 3000; i++) step();
  const start = performance.now();
  for (let i = 0; i < CALLS; i++) step();
  const us = ((performance.now() - start) / CALLS) * 1000;
  total += us;
  process.stdout.write(`${name.padEnd(36)} ${us.toFixed(2).padStart(6)} µs\n`);
};
time('window into kernel memory', () => { frame.f32().set(input); });
time('Hann multiply (4096)', () => { k.multiply(frame, hann, windowed); });
time('copy to FFT input (4096)', () => { fft.input().set(windowed.f32()); });
time('PFFFT 4096', () => fft.transform());
time('copy spectrum to kernels (4096)', () => { packed.f32().set(fft.input()); });
time('packed power', () => { k.packedPower(packed, power, 1, 2); });
time('power total, centroid, flux', () => { k.powerMoments(power, previous, moments); });
time('roll-off', () => k.cumulativeIndex(power, 0.85 * k.sumRange(power, 0, power.length)));
time('six band sums', () => {
  for (let b = 0; b < 6; b++) k.sumRange(power, b * 300, b * 300 + 300);
});
time('PFFFT 2048 with its copies', () => {
  beatFft.input().set(beatWindowed.f32());
  beatPacked.f32().set(beatFft.transform());
});
time('magnitude (2048)', () => { k.packedMagnitude(beatPacked, magnitude); });
time('log filterbank (80 bands, log10)', () => { k.sparseLogRows(magnitude, rows, beat.log_mul, beat.log_add, logSpectrum); });
time('RMS and zero crossings (1024)', () => [k.meanSquare(frame.sub(nFft - 1024, 1024)), k.signChanges(frame, nFft - 1024, 1024)]);
process.stdout.write(`${'sum of steps'.padEnd(36)} ${total.toFixed(2).padStart(6)} µs\n`);
