/**
 * Exports a trained beat activation checkpoint: ONNX graph + model card, written under temporary names, checked
 * for parity with TensorFlow.js (refused on mismatch), then moved into place.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Contract } from '@fractalsync/server/core/contract/contract';
import { createPrng } from '@fractalsync/server/core/synth/prng';
import { cardPathFor } from '@fractalsync/server/models/onnx-model';
import type { ModelCard } from '@fractalsync/server/models/model-card';
import { loadParams } from '../train/params.js';
import type { SavedTensor } from '../train/params.js';
import { createTcn, receptiveField, tcnProbabilities } from '../train/tcn.js';
import type { TcnConfig } from '../train/tcn.js';
import { checkParity } from './parity.js';
import type { ParityCase } from './parity.js';
import { tcnToOnnx } from './tcn-onnx.js';

export interface ExportProvenance {
  manifest: string;
  manifestHash: string;
  trainingCommand: string;
  metrics: Record<string, unknown>;
}

export async function loadTcnCheckpoint(path: string): Promise<{ config: TcnConfig; params: ReturnType<typeof createTcn> }> {
  const saved = JSON.parse(await readFile(path, 'utf8')) as { config?: TcnConfig; weights?: Record<string, SavedTensor> };
  if (saved.config === undefined || saved.weights === undefined) throw new Error(`${path} is not a beat activation checkpoint (no config or weights)`);
  const params = createTcn(saved.config, 0);
  loadParams(params, saved.weights);
  return { config: saved.config, params };
}

/** Random spectra around the training statistics, at a few lengths (including one frame). */
function parityCases(config: TcnConfig, params: ReturnType<typeof createTcn>, seed: number): ParityCase[] {
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
      // A stream feeds this many frames per hop and reads the last output: the same answer as the whole track.
      receptive_field_hops: receptiveField(config),
    },
    data: { manifest: provenance.manifest, manifest_hash: provenance.manifestHash },
    training_command: provenance.trainingCommand,
    metrics: provenance.metrics,
  };
  const tmpModel = `${onnxPath}.tmp.onnx`;
  const tmpCard = cardPathFor(tmpModel);
  await writeFile(tmpModel, bytes);
  let parity: number;
  try {
    await writeFile(tmpCard, `${JSON.stringify({ ...card, file: basename(tmpModel) }, null, 1)}\n`);
    parity = await checkParity(tmpModel, tmpCard, contract, parityCases(config, params, 7));
  } catch (err) {
    await rm(tmpModel, { force: true });
    await rm(tmpCard, { force: true });
    throw err;
  }
  const final: ModelCard = { ...card, metrics: { ...card.metrics, onnx_parity_max_abs_diff: parity } };
  await rename(tmpModel, onnxPath);
  await rm(tmpCard, { force: true });
  await writeFile(cardPathFor(onnxPath), `${JSON.stringify(final, null, 1)}\n`);
  return { card: final, parity };
}
