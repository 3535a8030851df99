/** Exports a trained bar-phase checkpoint to ONNX + model card, behind the same parity gate as every export. */
import { basename } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Contract } from '@fractalsync/server/core/contract/contract';
import { createPrng } from '@fractalsync/server/core/synth/prng';
import type { ModelCard } from '@fractalsync/server/models/model-card';
import { barPhaseForward, createBarPhaseNet } from '../barphase/bar-phase-net.js';
import type { BarPhaseConfig } from '../barphase/bar-phase-net.js';
import { BAR_FEATURES } from '../barphase/tracker-states.js';
import type { Params } from '../train/params.js';
import { barPhaseToOnnx } from './bar-phase-onnx.js';
import { exportWithParity, loadCheckpoint, provenanceFields } from './export-with-parity.js';
import type { ExportProvenance } from './export-with-parity.js';
import type { ParityCase } from './parity.js';

export function loadBarPhaseCheckpoint(path: string): Promise<{ config: BarPhaseConfig; params: Params }> {
  return loadCheckpoint(path, 'a bar-phase', createBarPhaseNet);
}

/** Plausible tracker states (unit sin/cos pairs, tempi 60-200 BPM, meters 2-7) and anticipations 0-0.5 s. */
function parityCases(config: BarPhaseConfig, params: Params, seed: number): ParityCase[] {
  const rng = createPrng(seed);
  return [1, 7, 64].map((batch) => {
    const { windowFrames: w, featureDim: d } = config;
    const features = new Float32Array(batch * w * d);
    for (let i = 0; i < batch * w; i++) {
      const phase = rng();
      const bar = rng();
      const row = [Math.sin(2 * Math.PI * phase), Math.cos(2 * Math.PI * phase), Math.log(0.3 + rng()), rng(), rng(), Math.sin(2 * Math.PI * bar), Math.cos(2 * Math.PI * bar), (2 + Math.floor(6 * rng())) / 8];
      features.set(row.slice(0, d), i * d);
    }
    const anticipation = Float32Array.from({ length: batch }, () => 0.5 * rng());
    const expected = tf.tidy(() => Float32Array.from(barPhaseForward(params, config, tf.tensor3d(features, [batch, w, d]), tf.tensor2d(anticipation, [batch, 1])).dataSync()));
    return { feeds: { features: { data: features, dims: [batch, w, d] }, anticipation: { data: anticipation, dims: [batch, 1] } }, expected: { bar_phase: expected } };
  });
}

export async function exportBarPhaseModel(checkpoint: string, onnxPath: string, contract: Contract, provenance: ExportProvenance): Promise<{ card: ModelCard; parity: number }> {
  const { config, params } = await loadBarPhaseCheckpoint(checkpoint);
  const bytes = barPhaseToOnnx(params, config, 'FractalSync bar phase at t + a: tracker extrapolation turned by a learned correction');
  const card: ModelCard = {
    model: 'bar_phase',
    contract_version: contract.contract_version,
    file: basename(onnxPath),
    dims: { window_frames: config.windowFrames, feature_dim: config.featureDim },
    inputs: { features: ['batch', config.windowFrames, config.featureDim], anticipation: ['batch', 1] },
    outputs: { bar_phase: ['batch', 2] },
    input_notes: {
      features: `per frame (oldest first, the current hop last), from the beat tracker's state: ${BAR_FEATURES.join(', ')} (phases as sin/cos of 2π·phase, log_spb = ln(spb in seconds))`,
      anticipation: 'seconds ahead, 0 to 0.5',
      bar_phase: '[sin, cos] of 2π·bar phase at t + anticipation, unit length',
    },
    ...provenanceFields(provenance),
  };
  return exportWithParity(bytes, card, onnxPath, contract, parityCases(config, params, 11));
}
