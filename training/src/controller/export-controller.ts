/** Exports a trained controller checkpoint to ONNX + model card behind the parity gate. */
import { basename } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Contract } from '@fractalsync/server/core/contract/contract';
import { ORBIT_STATE_COLUMNS } from '@fractalsync/server/core/models/controller-inputs';
import { createPrng } from '@fractalsync/server/core/synth/prng';
import type { ModelCard } from '@fractalsync/server/models/model-card';
import { anticipatorInputNotes } from '../anticipator/export-anticipator.js';
import { exportWithParity, loadCheckpoint, provenanceFields } from '../export/export-with-parity.js';
import type { ExportProvenance } from '../export/export-with-parity.js';
import type { ParityCase } from '../export/parity.js';
import type { Params } from '../train/params.js';
import { controllerForward, createControllerNet } from './controller-net.js';
import type { ControllerConfig } from './controller-net.js';
import { controllerToOnnx } from './controller-onnx.js';

export function loadControllerCheckpoint(path: string): Promise<{ config: ControllerConfig; params: Params }> {
  return loadCheckpoint(path, 'a controller', createControllerNet);
}

function parityCases(config: ControllerConfig, params: Params): ParityCase[] {
  const rng = createPrng(23);
  return [1, 6, 64].map((batch) => {
    const audio = Float32Array.from({ length: batch * config.audioDim }, (_, i) => (config.mean[i % config.audioDim] ?? 0) + ((rng() - 0.5) * 2) / (config.invStd[i % config.audioDim] ?? 1));
    const beat = Float32Array.from({ length: batch * 5 }, () => rng() * 2 - 1);
    const structure = Float32Array.from({ length: batch * 13 }, () => rng());
    const expected = tf.tidy(() => Float32Array.from(controllerForward(params, config, tf.tensor2d(audio, [batch, config.audioDim]), tf.tensor2d(beat, [batch, 5]), tf.tensor2d(structure, [batch, 13])).dataSync()));
    return {
      feeds: { audio: { data: audio, dims: [batch, config.audioDim] }, beat: { data: beat, dims: [batch, 5] }, structure: { data: structure, dims: [batch, 13] } },
      expected: { control: expected },
    };
  });
}

export async function exportController(checkpoint: string, onnxPath: string, contract: Contract, p: ExportProvenance): Promise<{ card: ModelCard; parity: number }> {
  const { config, params } = await loadControllerCheckpoint(checkpoint);
  const bytes = controllerToOnnx(params, config, 'FractalSync controller: MLP from windowed features, song context, orbit state, beat and structure to the control vector');
  const staticDim = config.audioDim - ORBIT_STATE_COLUMNS.length;
  const shared = anticipatorInputNotes({ ...config, audioDim: staticDim });
  const card: ModelCard = {
    model: 'controller',
    contract_version: contract.contract_version,
    file: basename(onnxPath),
    dims: { audio_feature_dim: config.audioDim, window_frames: config.windowFrames },
    inputs: { audio: ['batch', 'audio_feature_dim'], beat: ['batch', 5], structure: ['batch', 13] },
    outputs: { control: ['batch', 9] },
    input_notes: {
      audio: {
        ...(shared.audio as Record<string, unknown>),
        total: config.audioDim,
        [`${staticDim}..${config.audioDim - 1}`]: `orbitStateFeatures() (server/src/core/models/controller-inputs.ts): ${ORBIT_STATE_COLUMNS.join(', ')} of the daemon's OrbitSynth after the previous hop's step (θ = 0, s = 0 before the first)`,
      },
      beat: "beatFeatures() of the tracker state after this hop, with the phase of the orbit's beat position (useOrbitPhase, server/src/core/models/controller-inputs.ts): the tracker's phase at the hop's end while it runs smoothly, gliding across its jumps",
      structure: 'structureFeatures(): the anticipator\'s held section probabilities (8) and hazards (5)',
      rate: 'every hop',
      control: '[s_target, alpha, omega_scale, band_gate_0..5], already within the ranges of control-vector.ts (sigmoid; omega_scale 4 · sigmoid)',
    },
    ...provenanceFields(p),
  };
  return exportWithParity(bytes, card, onnxPath, contract, parityCases(config, params));
}
