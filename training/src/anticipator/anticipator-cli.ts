#!/usr/bin/env node
/**
 * npm run train:anticipator -w training -- train|export|eval [options]
 *   train   trains on the structure set's training split (validation: whole training songs)
 *   validate scores the checkpoint on the validation songs (for comparing runs) and chooses the alarm thresholds there
 *   export  writes models/anticipator.onnx + card (with the chosen alarm thresholds) from the best checkpoint,
 *           behind the parity gate
 *   eval    runs the exported model over the held-out split and scores it with structure/score-cli.js; with
 *           --from-card its input layout and alarm thresholds come from the model's card, not the run folder
 *           (to score a shipped model on a rebuilt structure set)
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import { REPO_ROOT } from '../repo-paths.js';
import { num, order } from '../cli/cli-args.js';
import { runCli } from '../cli/run-cli.js';
import { loadSongs } from './feature-store.js';
import { exportAnticipator, loadAnticipatorCheckpoint } from './export-anticipator.js';
import { DEFAULT_WEIGHTS } from './anticipator-loss.js';
import { trainAnticipator } from './anticipator-train.js';
import { predictSongs, writePredictions } from './predict-anticipator.js';
import { songModelOptions, songModelRun, songProvenance, validationSongs } from './song-model-cli.js';
import { FLOORS, scoreStructure, scoreTable } from '../structure/score-structure.js';
import { heldPredictions } from '../controller/held-predictions.js';
import { uniformThresholds } from '@fractalsync/server/core/models/boundary-alarm';
import { chooseAlarmThresholds, FALSE_ALARM_BUDGET } from '../structure/choose-alarm.js';
import { formatThresholds, readAlarmThresholds, writeAlarmChoice } from '../structure/alarm-thresholds-file.js';
import { HAZARD_HORIZONS } from '../structure/section-labels.js';
import { shippedAnticipator, type AnticipatorScoring } from './shipped-inputs.js';

/** Input layout and alarm thresholds from a training run folder (checkpoint and chosen alarm). */
async function runAnticipator(outDir: string): Promise<AnticipatorScoring> {
  const thresholds = await readAlarmThresholds(outDir);
  const { config } = await loadAnticipatorCheckpoint(join(outDir, 'checkpoint-best.json'));
  return { thresholds, inputs: { windowFrames: config.windowFrames, order: config.order } };
}

/** Holds `validate` chooses thresholds for, beside the daemon's own, so ALARM_HOLD can be re-chosen there. */
const ALARM_HOLDS_SHOWN = [0, 0.5, 1, 2, 4];
/** The rule the anticipator was scored by until 2026-11-21, shown beside the chosen one. */
const FOUR_BEATS_AT_HALF = [null, null, 0.5, null, null];

export const USAGE = `usage: anticipator-cli train|export|eval|validate [--manifest PATH] [--out DIR] [--epochs N] [--batches N] [--batch N]
  [--lr X] [--frames N] [--deltas none|delta|delta-delta] [--hidden N] [--patience N] [--seed N] [--cache DIR] [--model PATH]
  [--smooth-hazard W]   weight of the hazards' smoothness term in the loss (default 0.1; the section's is 4)
  [--from-card]         eval only: read the input layout and alarm thresholds from --model's card`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      ...songModelOptions('anticipator'),
      model: { type: 'string', default: join(REPO_ROOT, 'models', 'anticipator.onnx') },
      'smooth-hazard': { type: 'string' },
      'from-card': { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  const run = await songModelRun(values);
  const { manifest, cacheDir, outDir, log } = run;
  if (command === 'train') {
    const result = await trainAnticipator({
      manifest,
      cacheDir,
      outDir,
      epochs: num('epochs', values.epochs, 12, 1, 1000),
      batchesPerEpoch: num('batches', values.batches, 300, 1, 100_000),
      batchSize: num('batch', values.batch, 256, 1, 8192),
      learningRate: num('lr', values.lr, 1e-3, 1e-6, 1),
      windowFrames: num('frames', values.frames, CONTRACT.features.window_frames, 1, 64),
      order: order(values.deltas ?? 'none'),
      hidden: num('hidden', values.hidden, 128, 4, 2048),
      patience: num('patience', values.patience, 4, 1, 1000),
      seed: num('seed', values.seed, 1, 0, 2 ** 31),
      weights: { ...DEFAULT_WEIGHTS, smoothHazard: num('smooth-hazard', values['smooth-hazard'], DEFAULT_WEIGHTS.smoothHazard, 0, 1000) },
      trainingCommand: `npm run train:anticipator -w training -- ${process.argv.slice(2).join(' ')}`,
      log,
    });
    log.info(`best epoch ${result.history.best_epoch}, validation loss ${result.history.best_val_loss.toFixed(4)}; checkpoint ${result.checkpoint}`);
  } else if (command === 'export') {
    const history = join(outDir, 'training_history.json');
    const h = JSON.parse(await readFile(history, 'utf8')) as { run?: { command?: string }; best_epoch?: number; best_val_loss?: number };
    const metricsPath = join(outDir, 'heldout-metrics.json');
    let metrics: Record<string, unknown> = { best_epoch: h.best_epoch, best_val_loss: h.best_val_loss };
    try {
      metrics = { ...metrics, ...(JSON.parse(await readFile(metricsPath, 'utf8')) as Record<string, unknown>) };
    } catch {
      log.info(`no ${metricsPath} yet: the card carries training metrics only (run eval, then export again)`);
    }
    const thresholds = await readAlarmThresholds(outDir);
    const { card, parity } = await exportAnticipator(join(outDir, 'checkpoint-best.json'), resolve(values.model), CONTRACT, await songProvenance(manifest, h.run?.command ?? 'unknown', metrics), thresholds);
    log.info(`${values.model}: audio_feature_dim ${card.dims.audio_feature_dim}, ONNX parity ${parity.toExponential(2)}, alarm thresholds ${formatThresholds(thresholds)}`);
  } else if (command === 'eval') {
    const { thresholds, inputs } = values['from-card'] ? await shippedAnticipator(resolve(values.model)) : await runAnticipator(outDir);
    await mkdir(outDir, { recursive: true });
    const songs = await loadSongs(manifest, 'heldout', cacheDir, log);
    const predictions = await predictSongs(resolve(values.model), songs, inputs);
    const file = join(outDir, 'heldout-predictions.json');
    await writePredictions(file, `anticipator (${relative(REPO_ROOT, resolve(values.model))})`, predictions);
    const scoreCli = fileURLToPath(new URL('../structure/score-cli.js', import.meta.url));
    const report = join(outDir, 'heldout-report.md');
    process.stdout.write(execFileSync(process.execPath, [scoreCli, '--manifest', manifest, '--predictions', file, '--thresholds', formatThresholds(thresholds), '--out', report], { encoding: 'utf8' }));
    // The same scores as numbers, for the model card (export reads heldout-metrics.json).
    const truths = songs.map((s) => ({ id: s.entry.id, fps: s.labels.fps, section: s.labels.section, hazard: s.labels.hazard.tracker, beatsAhead: s.labels.beats_to_boundary.tracker, boundaries: s.labels.boundaries }));
    const score = scoreStructure('anticipator', truths, predictions, thresholds);
    const metrics = {
      heldout_songs: songs.length,
      heldout_section_accuracy: score.sectionAccuracy,
      heldout_hazard_auc: score.auc,
      heldout_hazard_brier: score.brier,
      heldout_boundaries: score.events,
      heldout_false_alarms_per_minute: score.falseAlarmsPerMinute,
      heldout_alarm_thresholds: thresholds,
      floors_met: score.sectionAccuracy >= FLOORS.sectionAccuracy && (score.auc[2] ?? 0) >= FLOORS.auc4 && score.falseAlarmsPerMinute <= FLOORS.falseAlarmsPerMinute,
    };
    await writeFile(join(outDir, 'heldout-metrics.json'), `${JSON.stringify(metrics, null, 1)}\n`);
  } else if (command === 'validate') {
    const { config, params } = await loadAnticipatorCheckpoint(join(outDir, 'checkpoint-best.json'));
    const songs = await validationSongs(run);
    const predictions = songs.map((s) => {
      const held = heldPredictions(params, config, s);
      const rows = (from: number, width: number): number[][] => Array.from({ length: s.labels.hops }, (_, h) => Array.from(held.subarray(h * 13 + from, h * 13 + from + width)));
      return { id: s.entry.id, section_probs: rows(0, 8), hazard: rows(8, 5) };
    });
    const truths = songs.map((s) => ({ id: s.entry.id, fps: s.labels.fps, section: s.labels.section, hazard: s.labels.hazard.tracker, beatsAhead: s.labels.beats_to_boundary.tracker, boundaries: s.labels.boundaries }));
    // The hold is a constant of the daemon (ALARM_HOLD); the alternatives are shown so it can be re-chosen here.
    for (const hold of ALARM_HOLDS_SHOWN) {
      const c = chooseAlarmThresholds(truths, predictions, FALSE_ALARM_BUDGET, hold);
      log.info(`hold ${hold} s: thresholds ${formatThresholds(c.thresholds)}, ${c.events.announced} of ${c.events.boundaries} announced, ${c.events.alarms} alarms, ${c.falseAlarmsPerMinute.toFixed(2)} false/min`);
    }
    const choice = chooseAlarmThresholds(truths, predictions);
    const file = await writeAlarmChoice(outDir, choice);
    const on = `${songs.length} validation songs`;
    process.stdout.write(`${scoreTable([
      scoreStructure(`${outDir} on ${on}, alarm chosen there: ${formatThresholds(choice.thresholds)}`, truths, predictions, choice.thresholds),
      scoreStructure(`the same, 0.5 on every horizon`, truths, predictions, uniformThresholds(HAZARD_HORIZONS)),
      scoreStructure(`the same, 4-beat horizon only at 0.5 (the rule scored before 2026-11-21)`, truths, predictions, FOUR_BEATS_AT_HALF),
    ])}\n`);
    log.info(`alarm thresholds ${formatThresholds(choice.thresholds)} with the daemon's hold of ${choice.hold} s (false alarms at most ${choice.budget}/min on the ${on}): ${file}`);
  } else {
    throw new Error(`command "${command ?? ''}" is unknown; expected train, export, eval or validate`);
  }
}

runCli('anticipator', USAGE, main);
