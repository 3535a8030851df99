/**
 * What the anticipator and controller CLIs share: the options both take, the run folders and logger they set up
 * from them, the provenance their exports record, and the validation songs their `validate` commands score.
 */
import { join, resolve } from 'node:path';
import { CACHE_DIR, REPO_ROOT } from '../repo-paths.js';
import { stdoutLog } from '../cli/run-cli.js';
import type { CliLog } from '../cli/run-cli.js';
import { fileSha256 } from '../export/export-with-parity.js';
import type { ExportProvenance } from '../export/export-with-parity.js';
import { selectBackend } from '../train/backend.js';
import { splitValidation } from './anticipator-train.js';
import { loadSongs } from './feature-store.js';
import type { CachedSong } from './feature-store.js';
import { featureCacheDir } from './song-features.js';

/** parseArgs options of a model trained on the structure set; `model` names its default run folder. */
export function songModelOptions(model: string) {
  return {
    manifest: { type: 'string', default: join(CACHE_DIR, 'structure', 'structure-v1', 'manifest.json') },
    out: { type: 'string', default: join(CACHE_DIR, 'runs', model) },
    epochs: { type: 'string' },
    batches: { type: 'string' },
    batch: { type: 'string' },
    lr: { type: 'string' },
    frames: { type: 'string' },
    deltas: { type: 'string' },
    hidden: { type: 'string' },
    patience: { type: 'string' },
    seed: { type: 'string' },
    cache: { type: 'string' },
  } as const;
}

export interface SongModelRun {
  manifest: string;
  cacheDir: string;
  outDir: string;
  log: CliLog;
}

/** Resolves the run's paths and picks the TensorFlow.js backend (named in the log, as every training log starts). */
export async function songModelRun(values: { manifest: string; out: string; cache?: string | undefined }): Promise<SongModelRun> {
  const manifest = resolve(values.manifest);
  const run = { manifest, cacheDir: resolve(values.cache ?? featureCacheDir(manifest)), outDir: resolve(values.out), log: stdoutLog };
  const backend = await selectBackend();
  run.log.info(`TensorFlow.js backend: ${backend.name}`);
  return run;
}

export async function songProvenance(manifest: string, trainingCommand: string, metrics: Record<string, unknown>): Promise<ExportProvenance> {
  return { manifest: manifest.replace(REPO_ROOT, ''), manifestHash: await fileSha256(manifest), trainingCommand, metrics };
}

/** The validation songs (every VAL_EVERY-th training song): for comparing runs without touching the held-out split. */
export async function validationSongs(run: SongModelRun): Promise<CachedSong[]> {
  return splitValidation(await loadSongs(run.manifest, 'train', run.cacheDir, run.log)).val;
}
