/**
 * The beat tracker the daemon runs, for the structure data: HopProcessor with the shipped beat activation model
 * (features -> learned activation -> tracker), exactly as `fractalsync serve` loads it. Hazard labels are counted
 * on its beats and the structure models' beat inputs are its states, so the models learn and are scored on the
 * tracker they meet at run time, metrical-level errors included.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import { HopModels, OFFLINE_MODEL_TIMEOUT_MS, SHIPPED_MODELS_DIR } from '@fractalsync/server/engine/hop-models';
import { HopProcessor } from '@fractalsync/server/engine/hop-processor';
import { silentLogger } from '@fractalsync/server/log';
import { cardPathFor } from '@fractalsync/server/models/onnx-model';
import { assertNoMissedHops } from '../eval/learned-tracker.js';
import { FEATURE_CODE_DIRS } from '../features/feature-cache.js';
import { REPO_ROOT } from '../repo-paths.js';

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

/** Compiled code the tracker's output depends on, beyond the feature code: the tracker and the per-hop wiring. */
const TRACKER_CODE = ['core/beat', 'engine/beat-model-stage.js', 'engine/hop-processor.js'];

/**
 * SHA-256 over the beat model, its card and the compiled tracker and feature code: part of the cache key of
 * everything made with the tracker, so a new model or a changed tracker rebuilds the structure set by itself.
 */
export function trackerVersion(modelPath = DAEMON_BEAT_MODEL, serverDist = join(REPO_ROOT, 'server', 'dist')): string {
  return codeVersion([modelPath, cardPathFor(modelPath)], [...FEATURE_CODE_DIRS, ...TRACKER_CODE], serverDist);
}

/**
 * SHA-256 over `base` (another version this one builds on), `files` and the compiled code under `entries` of
 * server/dist (folders or .js files), with the SIMD kernels: the version of whatever that code computes.
 */
export function codeVersion(files: readonly string[], entries: readonly string[], serverDist = join(REPO_ROOT, 'server', 'dist'), base = ''): string {
  const hash = createHash('sha256').update(base);
  const paths = [...files, join(serverDist, '..', 'wasm', 'vector-kernels.wasm')];
  for (const entry of entries) {
    const path = join(serverDist, entry);
    if (!entry.endsWith('.js')) {
      paths.push(...readdirSafe(path).filter((n) => n.endsWith('.js')).sort().map((n) => join(path, n)));
    } else paths.push(path);
  }
  for (const path of paths) {
    try {
      hash.update(path.slice(path.lastIndexOf('/') + 1)).update(readFileSync(path));
    } catch (err) {
      throw new Error(`${path} cannot be read (${err instanceof Error ? err.message : String(err)}); the structure data is tracked with the daemon's beat model and tracker (npm run build first)`, { cause: err });
    }
  }
  return hash.digest('hex');
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (err) {
    throw new Error(`${dir} cannot be read (${err instanceof Error ? err.message : String(err)}); npm run build first`, { cause: err });
  }
}
