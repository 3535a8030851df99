/** Exports a trained anticipator checkpoint to ONNX + model card behind the parity gate. */
import { basename } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Contract } from '@fractalsync/server/core/contract/contract';
import { CONTEXT_GROUPS, CONTEXT_SIZE, PHRASE_BARS, PROFILE_NAMES } from '@fractalsync/server/core/models/structure-context';
import { createPrng } from '@fractalsync/server/core/synth/prng';
import type { ModelCard } from '@fractalsync/server/models/model-card';
import { exportWithParity, loadCheckpoint, provenanceFields } from '../export/export-with-parity.js';
import type { ExportProvenance } from '../export/export-with-parity.js';
import type { ParityCase } from '../export/parity.js';
import type { Params } from '../train/params.js';
import { SLOW_HOPS } from './anticipator-data.js';
import { anticipatorForward, createAnticipatorNet } from './anticipator-net.js';
import type { AnticipatorConfig } from './anticipator-net.js';
import { anticipatorToOnnx } from './anticipator-onnx.js';

export function loadAnticipatorCheckpoint(path: string): Promise<{ config: AnticipatorConfig; params: Params }> {
  return loadCheckpoint(path, 'an anticipator', createAnticipatorNet);
}

/** Column notes for the card: what each part of the audio input is. */
export function anticipatorInputNotes(config: AnticipatorConfig): Record<string, unknown> {
  const windowDim = config.audioDim - CONTEXT_SIZE;
  return {
    audio: {
      total: config.audioDim,
      [`0..${windowDim - 1}`]: `AudioFeatureWindow (server/src/core/models/model-inputs.ts): ${config.windowFrames} frames oldest first, each [centroid, flux, rms, zcr, onset, rolloff] scaled by BASE_FEATURE_SCALES, deltas: ${config.order}`,
      [`${windowDim}..${config.audioDim - 1}`]: {
        source: 'StructureContext.vector() (server/src/core/models/structure-context.ts), pushed every hop with the hop\'s features and beat state',
        groups: CONTEXT_GROUPS.map((g) => `${g}: ${PROFILE_NAMES.join(', ')}`),
        phrase: PHRASE_BARS.map((b) => `sin, cos of the position in ${b}-bar phrases from bar_count and bar_phase`),
        time: 'log(1 + seconds since reset) / 5',
      },
    },
    beat: 'beatFeatures(): sin 2πφ, cos 2πφ, ln spb, conf, downbeat_prob of the tracker state after the hop',
    rate: `run every ${SLOW_HOPS} hops (hops with index ≡ ${SLOW_HOPS - 1} mod ${SLOW_HOPS}); hold the last output in between`,
    section_logits: 'softmax → section probabilities in contract order',
    hazard_logits: 'sigmoid → probability of a section change within 1, 2, 4, 8, 16 tracker beats',
  };
}

function parityCases(config: AnticipatorConfig, params: Params): ParityCase[] {
  const rng = createPrng(17);
  return [1, 5, 64].map((batch) => {
    const audio = Float32Array.from({ length: batch * config.audioDim }, (_, i) => (config.mean[i % config.audioDim] ?? 0) + (rng() - 0.5) * 2 / (config.invStd[i % config.audioDim] ?? 1));
    const beat = Float32Array.from({ length: batch * 5 }, () => rng() * 2 - 1);
    const out = tf.tidy(() => anticipatorForward(params, config, tf.tensor2d(audio, [batch, config.audioDim]), tf.tensor2d(beat, [batch, 5])).arraySync());
    return {
      feeds: { audio: { data: audio, dims: [batch, config.audioDim] }, beat: { data: beat, dims: [batch, 5] } },
      expected: { section_logits: Float32Array.from(out.flatMap((r) => r.slice(0, 8))), hazard_logits: Float32Array.from(out.flatMap((r) => r.slice(8, 13))) },
    };
  });
}

/** `alarmThresholds`: chosen on validation songs (structure/choose-alarm.ts); absent, the card carries none. */
export async function exportAnticipator(checkpoint: string, onnxPath: string, contract: Contract, p: ExportProvenance, alarmThresholds?: readonly (number | null)[]): Promise<{ card: ModelCard; parity: number }> {
  const { config, params } = await loadAnticipatorCheckpoint(checkpoint);
  const bytes = anticipatorToOnnx(params, config, 'FractalSync section/boundary anticipator: MLP over windowed features, long song context and beat features');
  const card: ModelCard = {
    model: 'anticipator',
    contract_version: contract.contract_version,
    file: basename(onnxPath),
    dims: { audio_feature_dim: config.audioDim, window_frames: config.windowFrames },
    inputs: { audio: ['batch', 'audio_feature_dim'], beat: ['batch', 5] },
    outputs: { section_logits: ['batch', 8], hazard_logits: ['batch', 5] },
    input_notes: anticipatorInputNotes(config),
    ...provenanceFields(p),
    ...(alarmThresholds === undefined ? {} : { alarm_thresholds: [...alarmThresholds] }),
  };
  return exportWithParity(bytes, card, onnxPath, contract, parityCases(config, params));
}
