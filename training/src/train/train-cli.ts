#!/usr/bin/env node
/**
 * npm run train -w training -- beat [options]     trains the beat activation TCN on a training set
 * npm run train -w training -- overfit [options]  the sanity check: a handful of windows must be learnt by heart
 * npm run train -w training -- bar-phase [options] trains the bar-phase model on the tracker's states
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { intList, num } from '../cli/cli-args.js';
import { runCli, stdoutLog } from '../cli/run-cli.js';
import { CACHE_DIR } from '../repo-paths.js';
import { selectBackend } from './backend.js';
import type { BackendName } from './backend.js';
import { trainBarPhase } from '../barphase/bar-phase-train.js';
import { trainBeat } from './beat-train.js';

export const USAGE = `usage: train-cli beat|overfit|bar-phase [--data DIR] [--out DIR] [--epochs N] [--batches N] [--batch N] [--frames N]
  [--lr X] [--patience N] [--halve-after N] [--channels N] [--dilations D,D,..] [--seed N] [--backend tensorflow-gpu|tensorflow|wasm|cpu]`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      out: { type: 'string' },
      epochs: { type: 'string' },
      batches: { type: 'string' },
      batch: { type: 'string' },
      frames: { type: 'string' },
      lr: { type: 'string' },
      patience: { type: 'string' },
      'halve-after': { type: 'string' },
      channels: { type: 'string' },
      dilations: { type: 'string' },
      seed: { type: 'string' },
      backend: { type: 'string' },
    },
  });
  const command = positionals[0];
  if (command !== 'beat' && command !== 'overfit' && command !== 'bar-phase') throw new Error(`command "${command ?? ''}" is unknown; expected beat, overfit or bar-phase`);
  const backends = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];
  if (values.backend !== undefined && !backends.includes(values.backend)) throw new Error(`--backend "${values.backend}" is unknown; expected one of ${backends.join(', ')}`);
  const backend = await selectBackend(values.backend as BackendName | undefined);
  process.stdout.write(`TensorFlow.js backend: ${backend.name}${backend.tried.length > 0 ? ` (${backend.tried.join('; ')})` : ''}\n`);
  const overfit = command === 'overfit';
  const data = resolve(values.data ?? join(CACHE_DIR, 'train', overfit ? 'train-small' : 'train-v1'));
  const outDir = resolve(values.out ?? join(CACHE_DIR, 'runs', overfit ? 'beat-overfit' : command === 'bar-phase' ? 'bar_phase' : 'beat_activation'));
  const trainingCommand = `npm run train -w training -- ${process.argv.slice(2).join(' ')}`.trim();
  const manifest = data.endsWith('.json') ? data : join(data, 'manifest.json');
  const log = stdoutLog;
  if (command === 'bar-phase') {
    const result = await trainBarPhase({
      manifest,
      outDir,
      epochs: num('epochs', values.epochs, 30, 1, 10_000),
      batchesPerEpoch: num('batches', values.batches, 200, 1, 100_000),
      batch: num('batch', values.batch, 256, 1, 65_536),
      learningRate: num('lr', values.lr, 0.001, 1e-6, 1),
      patience: num('patience', values.patience, 5, 1, 10_000),
      ...(values['halve-after'] === undefined ? {} : { halveAfter: num('halve-after', values['halve-after'], 0, 1, 10_000) }),
      hidden: num('channels', values.channels, 64, 2, 4096),
      seed: num('seed', values.seed, 1, 0, 2 ** 31),
      runInfo: { backend: backend.name, command: trainingCommand, data: manifest },
      log,
    });
    process.stdout.write(`${outDir}: best validation loss ${result.history.best_val_loss.toFixed(5)} at epoch ${result.history.best_epoch} (extrapolation alone: ${result.initialLoss.toFixed(5)})\n`);
    return;
  }
  const result = await trainBeat({
    manifest,
    outDir,
    featureDir: join(CACHE_DIR, 'features'),
    epochs: num('epochs', values.epochs, overfit ? 1 : 30, 1, 10_000),
    batchesPerEpoch: num('batches', values.batches, overfit ? 60 : 100, 1, 100_000),
    batch: num('batch', values.batch, overfit ? 4 : 16, 1, 4096),
    frames: num('frames', values.frames, 256, 8, 8192),
    learningRate: num('lr', values.lr, overfit ? 0.01 : 0.002, 1e-6, 1),
    patience: num('patience', values.patience, 5, 1, 10_000),
    ...(values['halve-after'] === undefined ? {} : { halveAfter: num('halve-after', values['halve-after'], 0, 1, 10_000) }),
    channels: num('channels', values.channels, 24, 2, 512),
    dilations: intList('dilations', values.dilations, [1, 2, 4, 8, 16, 32], 1, 1024),
    seed: num('seed', values.seed, 1, 0, 2 ** 31),
    runInfo: { backend: backend.name, command: trainingCommand, data: manifest },
    log,
    ...(overfit ? { overfit: 4 } : {}),
  });
  const last = result.history.epochs.at(-1);
  process.stdout.write(`${outDir}: best validation loss ${result.history.best_val_loss.toFixed(4)} at epoch ${result.history.best_epoch} (from ${result.initialLoss.toFixed(4)} before training)\n`);
  if (overfit && last !== undefined && !(last.val_loss < 0.5 * result.initialLoss)) {
    throw new Error(`overfit check failed: the loss went from ${result.initialLoss.toFixed(4)} to ${last.val_loss.toFixed(4)}, not below half`);
  }
}

runCli('train', USAGE, main);
