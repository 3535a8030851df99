#!/usr/bin/env node
/**
 * node training/dist/structure/position-ceiling-cli.js [--manifest PATH] [--horizon BEATS] [--detected]
 * Prints the held-out hazard AUC that the section label and the position in it explain (position-ceiling.ts).
 * With --detected it scores the daemon's change detector instead, on the validation songs (every sixth training
 * song, as the anticipator's): the same table with the bars since its last detected change, read from the
 * feature cache (the anticipator's own input column), beside the true-start ceiling on the same songs.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { num } from '../cli/cli-args.js';
import { runCli } from '../cli/run-cli.js';
import { CACHE_DIR } from '../repo-paths.js';
import type { StructureLabels, StructureManifest } from './build-structure-set.js';
import { CHANGE_PHRASES, CHANGE_SIZE } from '@fractalsync/server/core/models/section-change';
import { CONTEXT_SIZE } from '@fractalsync/server/core/models/structure-context';
import { splitValidation } from '../anticipator/anticipator-train.js';
import { loadSongs } from '../anticipator/feature-store.js';
import type { CachedSong } from '../anticipator/feature-store.js';
import { SONG_WIDTH, columnOffset, featureCacheDir } from '../anticipator/song-features.js';
import { detectedRows, positionCeiling, positionRows, tableAuc } from './position-ceiling.js';
import type { PositionSong } from './position-ceiling.js';

export const USAGE = 'usage: position-ceiling-cli [--manifest PATH] [--horizon 1|2|4|8|16] [--detected]';

async function loadSplit(manifestPath: string, manifest: StructureManifest, split: 'train' | 'heldout'): Promise<PositionSong[]> {
  const dir = dirname(manifestPath);
  return Promise.all(
    manifest.songs
      .filter((s) => s.split === split)
      .map(async (s) => ({ beatsPerBar: s.spec.beatsPerBar, labels: JSON.parse(await readFile(join(dir, s.labels), 'utf8')) as StructureLabels })),
  );
}

/** The change detector's bars since its last change per hop, as the anticipator reads it (÷16, capped at 2). */
function detectorBars(song: CachedSong): Float32Array {
  const column = columnOffset('context') + CONTEXT_SIZE - CHANGE_SIZE + 2 * CHANGE_PHRASES.length;
  return Float32Array.from({ length: song.hops }, (_, i) => 16 * (song.data[i * SONG_WIDTH + column] ?? 0));
}

async function scoreDetector(manifestPath: string, horizon: number): Promise<void> {
  const songs = await loadSongs(manifestPath, 'train', featureCacheDir(manifestPath), { info: (msg) => process.stderr.write(`${msg}\n`) });
  const { train, val } = splitValidation(songs);
  if (train.length === 0 || val.length === 0) throw new Error(`${manifestPath} has ${songs.length} training songs; --detected needs at least 6`);
  const asPosition = (s: CachedSong): PositionSong => ({ beatsPerBar: s.entry.spec.beatsPerBar, labels: s.labels });
  const detected = tableAuc(
    train.map((s) => detectedRows(asPosition(s), horizon, detectorBars(s), true)),
    val.map((s) => detectedRows(asPosition(s), horizon, detectorBars(s), true)),
  );
  const ceiling = tableAuc(
    train.map((s) => positionRows(asPosition(s), horizon, true)),
    val.map((s) => positionRows(asPosition(s), horizon, true)),
  );
  process.stdout.write(`${horizon}-beat hazard AUC on ${val.length} validation songs from P(change | meter, label, position), counted on ${train.length} training songs: ${detected.toFixed(3)} with the change detector's bars since its last change, ${ceiling.toFixed(3)} with the true section start\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      manifest: { type: 'string', default: join(CACHE_DIR, 'structure', 'structure-v1', 'manifest.json') },
      horizon: { type: 'string', default: '4' },
      detected: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const horizon = num('horizon', values.horizon, 4, 1, 16);
  const manifestPath = resolve(values.manifest);
  if (values.detected) return scoreDetector(manifestPath, horizon);
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as StructureManifest;
  const [train, heldout] = await Promise.all([loadSplit(manifestPath, manifest, 'train'), loadSplit(manifestPath, manifest, 'heldout')]);
  if (train.length === 0 || heldout.length === 0) throw new Error(`${manifestPath} needs training and held-out songs; it has ${train.length} and ${heldout.length}`);
  for (const withMeter of [true, false]) {
    const auc = positionCeiling(train, heldout, horizon, withMeter);
    process.stdout.write(`${horizon}-beat hazard AUC on ${heldout.length} held-out songs from P(change | ${withMeter ? 'meter, ' : ''}label, beats since the section began), counted on ${train.length} training songs: ${auc.toFixed(3)}\n`);
  }
}

runCli('position-ceiling', USAGE, main);
