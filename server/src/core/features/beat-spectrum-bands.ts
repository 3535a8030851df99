import type { Contract } from '../contract/contract.js';
import { LogFilterbank } from './log-filterbank.js';

/** The contract's beat-spectrum filterbank: one definition for the analyzer and the beat tracker. */
export function beatSpectrumFilterbank(contract: Contract): LogFilterbank {
  const beat = contract.features.beat_spectrum;
  return new LogFilterbank({
    fftSize: beat.frame,
    sampleRate: contract.audio.sample_rate,
    bandsPerOctave: beat.bands_per_octave,
    fminHz: beat.fmin_hz,
    fmaxHz: beat.fmax_hz,
  });
}
