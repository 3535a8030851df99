#!/usr/bin/env node
/**
 * npm run train:controller -w training -- train|export|eval [options]
 *   train   two-stage training (true labels, then the anticipator's predictions) on the training split
 *   export  writes models/controller.onnx + card behind the parity gate
 *   eval    drives the daemon's orbit with the exported controller (and anticipator) over held-out songs and
 *           scores the Julia frames, beside the hand-written mapping; with --from-card both models' input layouts
 *           come from their cards, not the run folders (to score the shipped pair on a rebuilt structure set)
 *   validate the same on the validation songs, from the checkpoint (for comparing runs)
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import { CACHE_DIR, REPO_ROOT } from '../repo-paths.js';
import { num, order } from '../cli/cli-args.js';
import { runCli } from '../cli/run-cli.js';
import { loadSongs } from '../anticipator/feature-store.js';
import { songModelOptions, songModelRun, songProvenance, validationSongs } from '../anticipator/song-model-cli.js';
import { evaluateController, evaluationTable } from './eval-controller.js';
import { exportController, loadControllerCheckpoint } from './export-controller.js';
import { loadAnticipatorCheckpoint } from '../anticipator/export-anticipator.js';
import { trainController } from './controller-train.js';
import { DEFAULT_CONTROLLER_WEIGHTS } from './controller-loss.js';
import { ORBIT_STATE_SIZE } from '@fractalsync/server/core/models/controller-inputs';
import { cardInputs } from '../anticipator/shipped-inputs.js';
import type { InputOptions } from '../anticipator/anticipator-data.js';

export const USAGE = `usage: controller-cli train|export|eval|validate [--manifest PATH] [--out DIR] [--anticipator-run DIR] [--epochs N] [--epochs2 N]
  [--batches N] [--batch N] [--steps N] [--lr X] [--frames N] [--deltas none|delta|delta-delta] [--hidden N] [--patience N] [--seed N] [--cache DIR] [--table N] [--motion X]
  [--from-card]   eval only: read both models' input layouts from their cards`;

/** The controller's and the anticipator's input layouts from their training run folders. */
async function runInputs(outDir: string, anticipatorRun: string): Promise<[InputOptions, InputOptions]> {
  const { config } = await loadControllerCheckpoint(join(outDir, 'checkpoint-best.json'));
  const { config: aConfig } = await loadAnticipatorCheckpoint(join(anticipatorRun, 'checkpoint-best.json'));
  return [
    { windowFrames: config.windowFrames, order: config.order },
    { windowFrames: aConfig.windowFrames, order: aConfig.order },
  ];
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      ...songModelOptions('controller'),
      'anticipator-run': { type: 'string', default: join(CACHE_DIR, 'runs', 'anticipator') },
      epochs2: { type: 'string' },
      steps: { type: 'string' },
      table: { type: 'string' },
      motion: { type: 'string' },
      'from-card': { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  const run = await songModelRun(values);
  const { manifest, cacheDir, outDir, log } = run;
  const modelPath = join(REPO_ROOT, 'models', 'controller.onnx');
  if (command === 'train') {
    const result = await trainController({
      manifest,
      cacheDir,
      outDir,
      anticipator: join(resolve(values['anticipator-run']), 'checkpoint-best.json'),
      epochs: [num('epochs', values.epochs, 4, 0, 1000), num('epochs2', values.epochs2, 4, 0, 1000)],
      batchesPerEpoch: num('batches', values.batches, 60, 1, 100_000),
      batchSize: num('batch', values.batch, 32, 1, 4096),
      steps: num('steps', values.steps, 64, 4, 1024),
      learningRate: num('lr', values.lr, 2e-3, 1e-6, 1),
      windowFrames: num('frames', values.frames, CONTRACT.features.window_frames, 1, 64),
      order: order(values.deltas ?? 'none'),
      hidden: num('hidden', values.hidden, 64, 4, 1024),
      patience: num('patience', values.patience, 3, 1, 1000),
      seed: num('seed', values.seed, 1, 0, 2 ** 31),
      tableSize: num('table', values.table, 48, 4, 512),
      weights: { ...DEFAULT_CONTROLLER_WEIGHTS, motion: num('motion', values.motion, DEFAULT_CONTROLLER_WEIGHTS.motion, 0, 100) },
      trainingCommand: `npm run train:controller -w training -- ${process.argv.slice(2).join(' ')}`,
      log,
    });
    log.info(`controller checkpoint ${result.checkpoint}`);
  } else if (command === 'export') {
    const history = JSON.parse(await readFile(join(outDir, 'stage2-predictions', 'training_history.json'), 'utf8')) as { run?: { command?: string } };
    let metrics: Record<string, unknown> = {};
    try {
      metrics = JSON.parse(await readFile(join(outDir, 'heldout-metrics.json'), 'utf8')) as Record<string, unknown>;
    } catch {
      log.info('no held-out metrics yet: run eval, then export again');
    }
    const { parity } = await exportController(join(outDir, 'checkpoint-best.json'), modelPath, CONTRACT, await songProvenance(manifest, history.run?.command ?? 'unknown', metrics));
    log.info(`${modelPath}: ONNX parity ${parity.toExponential(2)}`);
  } else if (command === 'eval') {
    const songs = await loadSongs(manifest, 'heldout', cacheDir, log);
    const anticipatorPath = join(REPO_ROOT, 'models', 'anticipator.onnx');
    const [inputs, anticipatorInputs] = values['from-card']
      ? [(await cardInputs(modelPath, ORBIT_STATE_SIZE)).inputs, (await cardInputs(anticipatorPath)).inputs]
      : await runInputs(outDir, resolve(values['anticipator-run']));
    await mkdir(outDir, { recursive: true });
    const result = await evaluateController(modelPath, inputs, anticipatorPath, anticipatorInputs, songs);
    await writeFile(join(outDir, 'heldout-metrics.json'), `${JSON.stringify(result.metrics, null, 1)}\n`);
    const table = evaluationTable(result, songs.length);
    await writeFile(join(outDir, 'heldout-report.md'), table);
    process.stdout.write(table);
  } else if (command === 'validate') {
    // The checkpoint on the validation songs, through a temporary parity-checked export.
    const tmp = await mkdtemp(join(tmpdir(), 'fs-controller-'));
    try {
      const tmpModel = join(tmp, 'controller.onnx');
      await exportController(join(outDir, 'checkpoint-best.json'), tmpModel, CONTRACT, { manifest: '', manifestHash: '', trainingCommand: '', metrics: {} });
      const [inputs, anticipatorInputs] = await runInputs(outDir, resolve(values['anticipator-run']));
      const songs = await validationSongs(run);
      const result = await evaluateController(tmpModel, inputs, join(REPO_ROOT, 'models', 'anticipator.onnx'), anticipatorInputs, songs);
      process.stdout.write(evaluationTable(result, songs.length, 'validation'));
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  } else {
    throw new Error(`command "${command ?? ''}" is unknown; expected train, export, eval or validate`);
  }
}

runCli('controller', USAGE, main);
