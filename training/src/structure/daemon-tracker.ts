/**
 * The beat tracker the daemon runs, for the structure data: HopProcessor with the shipped beat activation model
 * (features -> learned activation -> tracker), exactly as `fractalsync serve` loads it. Hazard labels are counted
 * on its beats and the structure models' beat inputs are its states, so the models learn and are scored on the
 * tracker they meet at run time, metrical-level errors included.
 */
import { join } from 'node:path';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import { HopModels, OFFLINE_MODEL_TIMEOUT_MS, SHIPPED_MODELS_DIR } from '@fractalsync/server/engine/hop-models';
import { HopProcessor } from '@fractalsync/server/engine/hop-processor';
import { silentLogger } from '@fractalsync/server/log';
import { cardPathFor } from '@fractalsync/server/models/onnx-model';
import { assertNoMissedHops } from '../eval/learned-tracker.js';
import { codeVersion, FEATURE_CODE, SERVER_DIST } from '../features/code-version.js';

export const DAEMON_BEAT_MODEL = join(SHIPPED_MODELS_DIR, 'beat_activation.onnx');

/** Runs `use` with a fresh daemon-path processor on the beat model, then closes the model's thread. */
export async function withDaemonTracker<T>(use: (processor: HopProcessor) => T | Promise<T>, modelPath = DAEMON_BEAT_MODEL): Promise<T> {
  const models = new HopModels(OFFLINE_MODEL_TIMEOUT_MS, silentLogger);
  try {
    await models.load('beat_activation', modelPath);
    const result = await use(await HopProcessor.create(CONTRACT, () => 0, {}, models));
    assertNoMissedHops(models, modelPath);
    return result;
  } finally {
    await models.close();
  }
}

/** Compiled code the tracker's output depends on, beyond the feature code: the tracker, its kernels and the per-hop wiring. */
const TRACKER_CODE = ['core/beat', 'dsp/wasm-beat-kernels.js', 'engine/beat-model-stage.js', 'engine/hop-processor.js'];

/**
 * SHA-256 over the beat model, its card and the compiled tracker and feature code: part of the cache key of
 * everything made with the tracker, so a new model or a changed tracker rebuilds the structure set by itself.
 */
export function trackerVersion(modelPath = DAEMON_BEAT_MODEL, serverDist = SERVER_DIST): string {
  const beatKernels = join(serverDist, '..', 'wasm', 'beat-kernels.wasm');
  return codeVersion([modelPath, cardPathFor(modelPath), beatKernels], [...FEATURE_CODE, ...TRACKER_CODE], serverDist);
}
