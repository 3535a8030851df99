import type { BaseFeatureName, Contract } from '../contract/contract.js';
import type { RealFft } from '../dsp/real-fft.js';
import type { KernelBuffer, SparseRows, VectorKernels } from '../dsp/vector-kernels.js';
import { hannWindow, windowPower } from '../dsp/window.js';
import { featureLayout, type FeatureLayout } from './layout.js';
import { beatSpectrumFilterbank } from './beat-spectrum-bands.js';
import { bandBinRanges } from './spectral.js';

/** The injected numeric back ends: two FFTs (n_fft and the beat-spectrum frame) and the vector kernels. */
export interface FrameAnalyzerBackends {
  fft: RealFft;
  beatFft: RealFft;
  kernels: VectorKernels;
}

/**
 * Turns the analysis window that ends at a hop boundary into one feature row. Definitions:
 * - rms, zcr: the newest hop (1024 samples); zcr in crossings per sample.
 * - power spectrum: Hann-windowed n_fft frame, one-sided, normalised so the bins sum to the mean square;
 *   centroid (power-weighted mean frequency), roll-off (85 % of the power) and six band powers come from it.
 * - flux: summed rise of the amplitude spectrum (square root of that power) over the previous hop's.
 * - beat spectrum: the newest 2048 samples, Hann, |X| through an 80-band log filterbank, log10(1 + 1000 x);
 *   onset is its summed rise over the previous hop's.
 * Flux and onset compare with the previous frame, which this stage keeps and updates once per `process`.
 */
export class FrameAnalyzer {
  readonly layout: FeatureLayout;
  readonly #contract: Contract;
  readonly #fft: RealFft;
  readonly #beatFft: RealFft;
  readonly #k: VectorKernels;
  readonly #filters: SparseRows;
  readonly #bandRanges: [number, number][];
  readonly #powerScale: number;
  readonly #at: Record<BaseFeatureName, number>;
  // Buffers in kernel memory.
  readonly #frame: KernelBuffer;
  readonly #newestHop: KernelBuffer;
  readonly #beatFrame: KernelBuffer;
  readonly #hann: KernelBuffer;
  readonly #beatHann: KernelBuffer;
  readonly #windowed: KernelBuffer;
  readonly #beatWindowed: KernelBuffer;
  readonly #packed: KernelBuffer;
  readonly #beatPacked: KernelBuffer;
  readonly #power: KernelBuffer;
  readonly #previousAmplitude: KernelBuffer;
  readonly #magnitude: KernelBuffer;
  readonly #logSpectrum: KernelBuffer;
  readonly #previousLogSpectrum: KernelBuffer;
  /** The power spectrum's total, centroid numerator and amplitude flux (powerMoments). */
  readonly #moments: KernelBuffer;

  constructor(contract: Contract, { fft, beatFft, kernels }: FrameAnalyzerBackends) {
    const { n_fft: nFft, sample_rate: sampleRate } = contract.audio;
    const beat = contract.features.beat_spectrum;
    if (fft.size !== nFft) throw new Error(`feature FFT has size ${fft.size}; the contract needs n_fft ${nFft}`);
    if (beatFft.size !== beat.frame) throw new Error(`beat-spectrum FFT has size ${beatFft.size}; the contract needs ${beat.frame}`);
    this.#contract = contract;
    this.#fft = fft;
    this.#beatFft = beatFft;
    this.#k = kernels;
    const hann = hannWindow(nFft);
    const beatHann = hannWindow(beat.frame);
    this.#powerScale = 1 / (nFft * windowPower(hann));
    const bins = nFft / 2 + 1;
    this.#bandRanges = bandBinRanges(bins, sampleRate / nFft, contract.features.band_edges_hz);
    const filterbank = beatSpectrumFilterbank(contract);
    this.#filters = filterbank.toSparseRows(kernels);
    this.layout = featureLayout(contract, filterbank.bandCount);
    const layout = this.layout;
    const indexOf = (name: BaseFeatureName): number => layout.indexOf(name);
    this.#at = { centroid: indexOf('centroid'), flux: indexOf('flux'), rms: indexOf('rms'), zcr: indexOf('zcr'), onset: indexOf('onset'), rolloff: indexOf('rolloff') };

    this.#frame = kernels.f32(nFft);
    this.#newestHop = this.#frame.sub(nFft - contract.audio.hop, contract.audio.hop);
    this.#beatFrame = this.#frame.sub(nFft - beat.frame, beat.frame);
    this.#hann = kernels.f32(nFft);
    this.#hann.f32().set(hann);
    this.#beatHann = kernels.f32(beat.frame);
    this.#beatHann.f32().set(beatHann);
    this.#windowed = kernels.f32(nFft);
    this.#beatWindowed = kernels.f32(beat.frame);
    this.#packed = kernels.f32(nFft);
    this.#beatPacked = kernels.f32(beat.frame);
    this.#power = kernels.f32(bins);
    this.#previousAmplitude = kernels.f32(bins);
    this.#magnitude = kernels.f32(beat.frame / 2 + 1);
    this.#logSpectrum = kernels.f32(filterbank.bandCount);
    this.#previousLogSpectrum = kernels.f32(filterbank.bandCount);
    this.#moments = kernels.f32(3);
  }

  /** Forgets the previous frame, as at the start of a stream. */
  reset(): void {
    this.#previousAmplitude.f32().fill(0);
    this.#previousLogSpectrum.f32().fill(0);
  }

  /** `window` holds the newest n_fft samples (oldest first); writes one row of `layout.rowLength` into `row`. */
  process(window: Float32Array, row: Float32Array): void {
    const { n_fft: nFft, hop, sample_rate: sampleRate } = this.#contract.audio;
    const features = this.#contract.features;
    const k = this.#k;
    if (window.length !== nFft) throw new Error(`analysis window has ${window.length} samples; n_fft is ${nFft}`);
    this.#frame.f32().set(window);

    k.multiply(this.#frame, this.#hann, this.#windowed);
    this.#fft.input().set(this.#windowed.f32());
    this.#packed.f32().set(this.#fft.transform());
    const power = this.#power;
    k.packedPower(this.#packed, power, this.#powerScale, 2 * this.#powerScale);
    k.powerMoments(power, this.#previousAmplitude, this.#moments);
    const moments = this.#moments.f32();
    const total = moments[0] ?? 0;
    const centroidNumerator = moments[1] ?? 0;
    const flux = moments[2] ?? 0;
    const binHz = sampleRate / nFft;

    k.multiply(this.#beatFrame, this.#beatHann, this.#beatWindowed);
    this.#beatFft.input().set(this.#beatWindowed.f32());
    this.#beatPacked.f32().set(this.#beatFft.transform());
    k.packedMagnitude(this.#beatPacked, this.#magnitude);
    k.sparseLogRows(this.#magnitude, this.#filters, features.beat_spectrum.log_mul, features.beat_spectrum.log_add, this.#logSpectrum);
    const onset = k.riseAndKeep(this.#logSpectrum, this.#previousLogSpectrum);

    const at = this.#at;
    row[at.centroid] = total > 0 ? (centroidNumerator / total) * binHz : 0;
    row[at.rolloff] = total > 0 ? k.cumulativeIndex(power, total * features.rolloff_fraction) * binHz : 0;
    row[at.flux] = flux;
    row[at.onset] = onset;
    row[at.rms] = Math.sqrt(k.meanSquare(this.#newestHop));
    row[at.zcr] = k.signChanges(this.#frame, nFft - hop, hop) / hop;
    const bandsOffset = this.layout.bandsOffset;
    for (let b = 0; b < this.#bandRanges.length; b++) {
      const [lo, hi] = this.#bandRanges[b] ?? [0, 0];
      row[bandsOffset + b] = k.sumRange(power, lo, hi);
    }
    row.set(this.#logSpectrum.f32(), this.layout.spectrumOffset);
  }
}
