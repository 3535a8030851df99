#!/usr/bin/env node
/**
 * node training/dist/structure/position-ceiling-cli.js [--manifest PATH] [--horizon BEATS]
 * Prints the held-out hazard AUC that the section label and the position in it explain (position-ceiling.ts).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { num } from '../cli/cli-args.js';
import { runCli } from '../cli/run-cli.js';
import { CACHE_DIR } from '../repo-paths.js';
import type { StructureLabels, StructureManifest } from './build-structure-set.js';
import { positionCeiling } from './position-ceiling.js';
import type { PositionSong } from './position-ceiling.js';

export const USAGE = 'usage: position-ceiling-cli [--manifest PATH] [--horizon 1|2|4|8|16]';

async function loadSplit(manifestPath: string, manifest: StructureManifest, split: 'train' | 'heldout'): Promise<PositionSong[]> {
  const dir = dirname(manifestPath);
  return Promise.all(
    manifest.songs
      .filter((s) => s.split === split)
      .map(async (s) => ({ beatsPerBar: s.spec.beatsPerBar, labels: JSON.parse(await readFile(join(dir, s.labels), 'utf8')) as StructureLabels })),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { manifest: { type: 'string', default: join(CACHE_DIR, 'structure', 'structure-v1', 'manifest.json') }, horizon: { type: 'string', default: '4' } },
    strict: true,
  });
  const horizon = num('horizon', values.horizon, 4, 1, 16);
  const manifestPath = resolve(values.manifest);
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as StructureManifest;
  const [train, heldout] = await Promise.all([loadSplit(manifestPath, manifest, 'train'), loadSplit(manifestPath, manifest, 'heldout')]);
  if (train.length === 0 || heldout.length === 0) throw new Error(`${manifestPath} needs training and held-out songs; it has ${train.length} and ${heldout.length}`);
  for (const withMeter of [true, false]) {
    const auc = positionCeiling(train, heldout, horizon, withMeter);
    process.stdout.write(`${horizon}-beat hazard AUC on ${heldout.length} held-out songs from P(change | ${withMeter ? 'meter, ' : ''}label, beats since the section began), counted on ${train.length} training songs: ${auc.toFixed(3)}\n`);
  }
}

runCli('position-ceiling', USAGE, main);
