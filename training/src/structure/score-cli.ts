#!/usr/bin/env node
/**
 * node dist/structure/score-cli.js [--manifest PATH] [--predictions FILE] [--split heldout|train] [--truth tracker|grid] [--thresholds LIST] [--hold S] [--out FILE]
 * Scores a predictions file ({ "system"?: name, "songs": [{ id, section | section_probs, hazard }] }, one row per
 * hop) against a structure set's labels, beside the trivial baselines; without --predictions, the baselines alone.
 * --thresholds: the alarm's per-horizon thresholds (1, 2, 4, 8, 16 beats), comma-separated, "off" for a horizon that
 * never raises it; default 0.5 on every horizon, as the daemon does for a model card without chosen ones. --hold: how
 * long the alarm stands after the hazards fall back (default the daemon's ALARM_HOLD).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ALARM_HOLD } from '@fractalsync/server/core/models/boundary-alarm';
import { runCli } from '../cli/run-cli.js';
import { formatThresholds, parseThresholds } from './alarm-thresholds-file.js';
import { CACHE_DIR } from '../repo-paths.js';
import type { StructureLabels, StructureManifest } from './build-structure-set.js';
import { baselinePredictions, FLOORS, hazardPrior, scoreStructure, scoreTable } from './score-structure.js';
import type { SongPrediction, SongTruth, StructureScore } from './score-structure.js';

export const USAGE = 'usage: score-cli [--manifest PATH] [--predictions FILE] [--split heldout|train] [--truth tracker|grid] [--thresholds LIST] [--hold S] [--out FILE]';

async function loadTruths(manifestPath: string, split: string, truth: 'tracker' | 'grid'): Promise<SongTruth[]> {
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as StructureManifest;
  const songs = manifest.songs.filter((s) => s.split === split);
  return Promise.all(
    songs.map(async (s) => {
      const labels = JSON.parse(await readFile(join(dirname(manifestPath), s.labels), 'utf8')) as StructureLabels;
      return { id: s.id, fps: labels.fps, section: labels.section, hazard: labels.hazard[truth], beatsAhead: labels.beats_to_boundary[truth], boundaries: labels.boundaries };
    }),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      manifest: { type: 'string', default: join(CACHE_DIR, 'structure', 'structure-v1', 'manifest.json') },
      predictions: { type: 'string' },
      split: { type: 'string', default: 'heldout' },
      truth: { type: 'string', default: 'tracker' },
      thresholds: { type: 'string', default: '0.5,0.5,0.5,0.5,0.5' },
      hold: { type: 'string', default: String(ALARM_HOLD) },
      out: { type: 'string' },
    },
    strict: true,
  });
  if (values.split !== 'heldout' && values.split !== 'train') throw new Error(`--split "${values.split}" is invalid; expected heldout or train`);
  if (values.truth !== 'tracker' && values.truth !== 'grid') throw new Error(`--truth "${values.truth}" is invalid; expected tracker or grid`);
  const thresholds = parseThresholds(values.thresholds);
  const hold = Number(values.hold);
  if (!(hold >= 0 && Number.isFinite(hold))) throw new Error(`--hold "${values.hold}" is invalid; expected seconds >= 0`);
  const manifestPath = resolve(values.manifest);
  const truths = await loadTruths(manifestPath, values.split, values.truth);
  if (truths.length === 0) throw new Error(`${manifestPath} has no ${values.split} songs`);
  const prior = hazardPrior(await loadTruths(manifestPath, 'train', values.truth));
  const scores: StructureScore[] = [];
  if (values.predictions !== undefined) {
    const file = JSON.parse(await readFile(resolve(values.predictions), 'utf8')) as { system?: string; songs?: SongPrediction[] };
    if (!Array.isArray(file.songs)) throw new Error(`${values.predictions}: expected an object with a "songs" array`);
    scores.push(scoreStructure(file.system ?? 'model', truths, file.songs, thresholds, hold));
  }
  scores.push(scoreStructure('baseline: always verse, constant hazard (training prior)', truths, baselinePredictions(truths, prior), thresholds, hold));
  const hops = scores[0]?.hops ?? 0;
  const report = [
    `Structure scores on ${truths.length} ${values.split} songs (${hops} hops, ${(hops / (truths[0]?.fps ?? 1) / 60).toFixed(1)} min), hazard labels counted on ${values.truth} beats, alarm thresholds ${formatThresholds(thresholds)} (1, 2, 4, 8, 16 beats), held ${hold} s.`,
    `Training prior per horizon: ${prior.map((p) => p.toFixed(4)).join(', ')}. Floors: section accuracy >= ${FLOORS.sectionAccuracy}, 4-beat AUC >= ${FLOORS.auc4}, false alarms <= ${FLOORS.falseAlarmsPerMinute}/min.`,
    '',
    scoreTable(scores),
    '',
  ].join('\n');
  process.stdout.write(report);
  if (values.out !== undefined) await writeFile(resolve(values.out), report);
}

runCli('score-structure', USAGE, main);
