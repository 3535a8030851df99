import type { Contract } from '../contract/contract.js';
import type { RealFft } from '../dsp/real-fft.js';
import { hannWindow, windowPower } from '../dsp/window.js';
import { featureLayout, type FeatureLayout } from './layout.js';
import { LogFilterbank } from './log-filterbank.js';
import { bandEnergies, bandOfBins, positiveDifferenceSum, spectralCentroid, spectralRolloff } from './spectral.js';
import { rms, zeroCrossingRate } from './time-domain.js';

/**
 * Turns the analysis window that ends at a hop boundary into one feature row.
 * Time-domain features (rms, zcr) describe the newest hop; spectral features the n_fft window; the beat
 * spectrum uses the newest `beat_spectrum.frame` samples for sharper onsets. Flux and onset compare with
 * the previous frame, which this stage keeps: it is updated exactly once per `process` call.
 */
export class FrameAnalyzer {
  readonly layout: FeatureLayout;
  readonly #contract: Contract;
  readonly #fft: RealFft;
  readonly #beatFft: RealFft;
  readonly #window: Float32Array;
  readonly #beatWindow: Float32Array;
  readonly #powerScale: number;
  readonly #bandOf: Int8Array;
  readonly #filterbank: LogFilterbank;
  readonly #scratch: Float32Array;
  readonly #beatScratch: Float32Array;
  readonly #power: Float32Array;
  readonly #amplitude: Float32Array;
  readonly #previousAmplitude: Float32Array;
  readonly #beatMagnitude: Float32Array;
  readonly #logSpectrum: Float32Array;
  readonly #previousLogSpectrum: Float32Array;
  readonly #bands: Float32Array;

  constructor(contract: Contract, fft: RealFft, beatFft: RealFft) {
    const { n_fft: nFft, sample_rate: sampleRate } = contract.audio;
    const beat = contract.features.beat_spectrum;
    if (fft.size !== nFft) throw new Error(`feature FFT has size ${fft.size}; the contract needs n_fft ${nFft}`);
    if (beatFft.size !== beat.frame) {
      throw new Error(`beat-spectrum FFT has size ${beatFft.size}; the contract needs ${beat.frame}`);
    }
    this.#contract = contract;
    this.#fft = fft;
    this.#beatFft = beatFft;
    this.#window = hannWindow(nFft);
    this.#beatWindow = hannWindow(beat.frame);
    this.#powerScale = 1 / (nFft * windowPower(this.#window));
    const bins = nFft / 2 + 1;
    this.#bandOf = bandOfBins(bins, sampleRate / nFft, contract.features.band_edges_hz);
    this.#filterbank = new LogFilterbank({
      fftSize: beat.frame,
      sampleRate,
      bandsPerOctave: beat.bands_per_octave,
      fminHz: beat.fmin_hz,
      fmaxHz: beat.fmax_hz,
    });
    this.layout = featureLayout(contract, this.#filterbank.bandCount);
    this.#scratch = new Float32Array(nFft);
    this.#beatScratch = new Float32Array(beat.frame);
    this.#power = new Float32Array(bins);
    this.#amplitude = new Float32Array(bins);
    this.#previousAmplitude = new Float32Array(bins);
    this.#beatMagnitude = new Float32Array(beat.frame / 2 + 1);
    this.#logSpectrum = new Float32Array(this.#filterbank.bandCount);
    this.#previousLogSpectrum = new Float32Array(this.#filterbank.bandCount);
    this.#bands = new Float32Array(this.layout.bandCount);
  }

  /** Forgets the previous frame, as at the start of a stream. */
  reset(): void {
    this.#previousAmplitude.fill(0);
    this.#previousLogSpectrum.fill(0);
  }

  /** `window` holds the newest n_fft samples (oldest first); writes one row of `layout.rowLength` into `row`. */
  process(window: Float32Array, row: Float32Array): void {
    const { n_fft: nFft, hop, sample_rate: sampleRate } = this.#contract.audio;
    const features = this.#contract.features;
    const layout = this.layout;

    for (let n = 0; n < nFft; n++) this.#scratch[n] = (window[n] ?? 0) * (this.#window[n] ?? 0);
    this.#fft.powerSpectrum(this.#scratch, this.#power);
    const last = this.#power.length - 1;
    for (let k = 0; k <= last; k++) {
      // One-sided, normalised so the bins sum to the signal's mean square.
      const p = (this.#power[k] ?? 0) * this.#powerScale * (k === 0 || k === last ? 1 : 2);
      this.#power[k] = p;
      this.#amplitude[k] = Math.sqrt(p);
    }
    const binHz = sampleRate / nFft;
    const flux = positiveDifferenceSum(this.#amplitude, this.#previousAmplitude);
    this.#previousAmplitude.set(this.#amplitude);
    bandEnergies(this.#power, this.#bandOf, this.#bands);

    const beatFrame = this.#beatScratch.length;
    const beatStart = nFft - beatFrame;
    for (let n = 0; n < beatFrame; n++) {
      this.#beatScratch[n] = (window[beatStart + n] ?? 0) * (this.#beatWindow[n] ?? 0);
    }
    this.#beatFft.powerSpectrum(this.#beatScratch, this.#beatMagnitude);
    for (let k = 0; k < this.#beatMagnitude.length; k++) {
      this.#beatMagnitude[k] = Math.sqrt(this.#beatMagnitude[k] ?? 0);
    }
    this.#filterbank.applyLog(this.#beatMagnitude, features.beat_spectrum.log_mul, features.beat_spectrum.log_add, this.#logSpectrum);
    const onset = positiveDifferenceSum(this.#logSpectrum, this.#previousLogSpectrum);
    this.#previousLogSpectrum.set(this.#logSpectrum);

    const newestHop = window.subarray(nFft - hop);
    const values: Record<(typeof layout.base)[number], number> = {
      centroid: spectralCentroid(this.#power, binHz),
      flux,
      rms: rms(newestHop),
      zcr: zeroCrossingRate(newestHop, window[nFft - hop - 1] ?? 0),
      onset,
      rolloff: spectralRolloff(this.#power, binHz, features.rolloff_fraction),
    };
    layout.base.forEach((name, i) => {
      row[i] = values[name];
    });
    row.set(this.#bands, layout.bandsOffset);
    row.set(this.#logSpectrum, layout.spectrumOffset);
  }
}
