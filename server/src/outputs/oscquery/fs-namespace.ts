import { OSC_COMMANDS } from '../../control/osc-commands.js';
import { CONTRACT } from '../../core/contract/contract.js';
import type { OscParamDescription } from './namespace.js';

const unit = { min: 0, max: 1 };
const NYQUIST_HZ = CONTRACT.audio.sample_rate / 2;

/** What the generic OSC profile sends (ACCESS 1: clients read these from our stream). */
export const FS_OUTPUTS: readonly OscParamDescription[] = [
  { path: '/fs/beat', type: 'iif', access: 1, description: 'On each beat: beat count, beat in bar (1 = downbeat), tempo in BPM', range: [{ min: 0 }, { min: 1, max: 7 }, { min: 55, max: 215 }] },
  { path: '/fs/downbeat', type: 'i', access: 1, description: 'On each downbeat: bar count', range: [{ min: 0 }] },
  { path: '/fs/phase', type: 'f', access: 1, description: 'Beat phase, 0 at the beat', range: [unit] },
  { path: '/fs/bar_phase', type: 'f', access: 1, description: 'Bar phase, 0 at the downbeat', range: [unit] },
  { path: '/fs/bpm', type: 'f', access: 1, description: 'Tempo in beats per minute', range: [{ min: 55, max: 215 }] },
  { path: '/fs/conf', type: 'f', access: 1, description: 'Beat tracker confidence', range: [unit] },
  {
    path: '/fs/hazard', type: 'fffff', access: 1,
    description: `Probability of a section change within ${CONTRACT.hazard_horizons_beats.join(', ')} beats`,
    range: CONTRACT.hazard_horizons_beats.map(() => unit),
  },
  { path: '/fs/features/rms', type: 'f', access: 1, description: 'Loudness: RMS of the newest hop', range: [unit] },
  { path: '/fs/features/centroid', type: 'f', access: 1, description: 'Spectral centroid in Hz', range: [{ min: 0, max: NYQUIST_HZ }] },
  { path: '/fs/features/flux', type: 'f', access: 1, description: 'Spectral flux: summed rise of the amplitude spectrum', range: [{ min: 0 }] },
  { path: '/fs/features/zcr', type: 'f', access: 1, description: 'Zero crossings per sample', range: [unit] },
  { path: '/fs/features/onset', type: 'f', access: 1, description: 'Onset strength: summed rise of the log spectrum', range: [{ min: 0 }] },
  { path: '/fs/features/rolloff', type: 'f', access: 1, description: 'Spectral rolloff in Hz', range: [{ min: 0, max: NYQUIST_HZ }] },
  ...CONTRACT.features.band_edges_hz.slice(1).map((high, i): OscParamDescription => ({
    path: `/fs/features/band_${i}`, type: 'f', access: 1,
    description: `Power from ${CONTRACT.features.band_edges_hz[i] ?? 0} to ${high} Hz`, range: [{ min: 0 }],
  })),
  { path: '/fs/section', type: 'sf', access: 1, description: 'On a section change: label and its probability', range: [{ vals: CONTRACT.sections }, unit] },
  { path: '/fs/boundary', type: 'i', access: 1, description: 'A section change is predicted this many beats ahead', range: [{ vals: CONTRACT.hazard_horizons_beats }] },
  { path: '/fs/c', type: 'ff', access: 1, description: 'Julia set parameter c: real and imaginary part', range: [{}, {}] },
];

/** What the OSC control input accepts (ACCESS 2), from the same table the input parses with. */
export const FS_INPUTS: readonly OscParamDescription[] = OSC_COMMANDS.map((c) => ({
  path: c.address,
  type: c.typeTag,
  access: 2,
  description: `${c.description} (${c.expects})`,
  ...(c.typeTag === 'N' ? {} : { range: c.range }),
}));

export const FS_NAMESPACE: readonly OscParamDescription[] = [...FS_OUTPUTS, ...FS_INPUTS];
