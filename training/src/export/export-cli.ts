#!/usr/bin/env node
/**
 * npm run export -w training -- beat|bar-phase [--run DIR] [--out models/NAME.onnx] [--metrics JSON]
 * Exports a training run's best checkpoint to ONNX + model card; refused unless onnxruntime-node matches tfjs.
 */
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import { manifestHash } from '../dataset/build-train-set.js';
import { runCli } from '../cli/run-cli.js';
import { CACHE_DIR, REPO_ROOT } from '../repo-paths.js';
import { selectBackend } from '../train/backend.js';
import type { TrainHistory } from '../train/train-loop.js';
import { exportBarPhaseModel } from './export-bar-phase.js';
import { exportBeatModel } from './export-beat.js';

export const USAGE = 'usage: export-cli beat|bar-phase [--run DIR] [--out FILE.onnx] [--metrics JSON]';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { run: { type: 'string' }, out: { type: 'string' }, metrics: { type: 'string' } },
  });
  const which = positionals[0];
  if (which !== 'beat' && which !== 'bar-phase') throw new Error(`model "${which ?? ''}" is unknown; expected beat or bar-phase`);
  const name = which === 'beat' ? 'beat_activation' : 'bar_phase';
  // The parity reference runs in TensorFlow.js; the backend choice does not change its numbers beyond 1e-6.
  await selectBackend('cpu');
  const run = resolve(values.run ?? join(CACHE_DIR, 'runs', name));
  const out = resolve(values.out ?? join(REPO_ROOT, 'models', `${name}.onnx`));
  const history = JSON.parse(await readFile(join(run, 'training_history.json'), 'utf8')) as TrainHistory;
  const manifest = typeof history.run.data === 'string' ? history.run.data : '';
  if (manifest === '') throw new Error(`${run}/training_history.json names no data manifest`);
  const extra: unknown = values.metrics === undefined ? {} : JSON.parse(values.metrics);
  if (typeof extra !== 'object' || extra === null || Array.isArray(extra)) throw new Error('--metrics must be a JSON object');
  const exporter = which === 'beat' ? exportBeatModel : exportBarPhaseModel;
  const { parity } = await exporter(join(run, 'checkpoint-best.json'), out, CONTRACT, {
    manifest: relative(REPO_ROOT, manifest),
    manifestHash: await manifestHash(manifest),
    trainingCommand: typeof history.run.command === 'string' ? history.run.command : '',
    metrics: { best_epoch: history.best_epoch, best_val_loss: history.best_val_loss, epochs_run: history.epochs.length, backend: history.run.backend, weights: history.run.weights, ...extra },
  });
  process.stdout.write(`${out}: exported; onnxruntime-node vs TensorFlow.js max abs difference ${parity.toExponential(2)}\n`);
}

runCli('export', USAGE, main);
