/**
 * Exports a trained beat activation checkpoint: ONNX graph + model card, written under temporary names, checked
 * for parity with TensorFlow.js and loaded as the daemon steps it (refused on either mismatch), then moved into place.
 */
import { basename } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Contract } from '@fractalsync/server/core/contract/contract';
import { createPrng } from '@fractalsync/server/core/synth/prng';
import { loadBeatNetwork } from '@fractalsync/server/models/beat-network';
import type { ModelCard } from '@fractalsync/server/models/model-card';
import type { Params } from '../train/params.js';
import { createTcn, receptiveField, tcnProbabilities } from '../train/tcn.js';
import type { TcnConfig } from '../train/tcn.js';
import { exportWithParity, loadCheckpoint, provenanceFields } from './export-with-parity.js';
import type { ExportProvenance } from './export-with-parity.js';
import type { ParityCase } from './parity.js';
import { tcnToOnnx } from './tcn-onnx.js';

export function loadTcnCheckpoint(path: string): Promise<{ config: TcnConfig; params: Params }> {
  return loadCheckpoint(path, 'a beat activation', createTcn);
}

/** Random spectra around the training statistics, at a few lengths (including one frame). */
function parityCases(config: TcnConfig, params: Params, seed: number): ParityCase[] {
  const rng = createPrng(seed);
  return [
    [1, 1],
    [2, 64],
    [1, 300],
  ].map(([batch = 1, frames = 1]) => {
    const data = new Float32Array(batch * frames * config.inputs);
    for (let i = 0; i < data.length; i++) {
      const b = i % config.inputs;
      data[i] = (config.mean[b] ?? 0) + (config.std[b] ?? 1) * 2 * (rng() - 0.5) * 1.7;
    }
    const expected = tf.tidy(() => tcnProbabilities(params, config, tf.tensor3d(data, [batch, frames, config.inputs])).dataSync() as Float32Array);
    return { feeds: { spectrum: { data, dims: [batch, frames, config.inputs] } }, expected: { activation: Float32Array.from(expected) } };
  });
}

export async function exportBeatModel(checkpoint: string, onnxPath: string, contract: Contract, provenance: ExportProvenance): Promise<{ card: ModelCard; parity: number }> {
  const { config, params } = await loadTcnCheckpoint(checkpoint);
  const bytes = tcnToOnnx(params, config, 'FractalSync beat/downbeat activation: causal TCN over the beat spectrum at the hop rate');
  const card: ModelCard = {
    model: 'beat_activation',
    contract_version: contract.contract_version,
    file: basename(onnxPath),
    dims: { beat_spectrum_bins: config.inputs },
    inputs: { spectrum: ['batch', 'frames', config.inputs] },
    outputs: { activation: ['batch', 'frames', config.outputs] },
    input_notes: {
      spectrum: 'the feature row\'s beat spectrum columns (layout.spectrumOffset ..), as AnalysisPipeline computes them; causal: output t sees inputs up to t',
      // Frames the newest output depends on: what a stream replays when a model is loaded mid-stream.
      receptive_field_hops: receptiveField(config),
    },
    ...provenanceFields(provenance),
  };
  // The daemon steps the network one hop at a time and refuses a file that stepping does not reproduce.
  const daemonCheck = async (tmpModel: string): Promise<void> => {
    await loadBeatNetwork(tmpModel, contract);
  };
  return exportWithParity(bytes, card, onnxPath, contract, parityCases(config, params, 7), daemonCheck);
}
