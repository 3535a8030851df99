/**
 * The beat tracker the daemon runs, for the structure data: HopProcessor with the shipped beat activation model
 * (features -> learned activation -> tracker), exactly as `fractalsync serve` loads it. Hazard labels are counted
 * on its beats and the structure models' beat inputs are its states, so the models learn and are scored on the
 * tracker they meet at run time, metrical-level errors included.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import { HopModels, OFFLINE_MODEL_TIMEOUT_MS, SHIPPED_MODELS_DIR } from '@fractalsync/server/engine/hop-models';
import { HopProcessor } from '@fractalsync/server/engine/hop-processor';
import { silentLogger } from '@fractalsync/server/log';
import { cardPathFor } from '@fractalsync/server/models/onnx-model';
import { assertNoMissedHops } from '../eval/learned-tracker.js';

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

/** SHA-256 over the beat model and its card: part of the cache key of everything made with the tracker. */
export function beatModelHash(modelPath = DAEMON_BEAT_MODEL): string {
  const hash = createHash('sha256');
  for (const path of [modelPath, cardPathFor(modelPath)]) {
    try {
      hash.update(readFileSync(path));
    } catch (err) {
      throw new Error(`the daemon's beat model ${path} cannot be read (${err instanceof Error ? err.message : String(err)}); the structure data is tracked with it`, { cause: err });
    }
  }
  return hash.digest('hex');
}
