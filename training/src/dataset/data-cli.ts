#!/usr/bin/env node
/**
 * npm run data -w training -- [--small] [--grooves N] [--songs N] [--seconds S] [--set NAME] [--out DIR] [--no-midi] [--shard I/N]
 * Builds (or completes) the training set under .cache/train/<set>/; an unchanged track is reused. With --shard, only
 * every N-th track from the I-th (0-based) and no manifest: N processes build a set side by side, then one run
 * without --shard reuses their tracks and writes the manifest.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { num, setName, shard } from '../cli/cli-args.js';
import { runCli, stdoutLog } from '../cli/run-cli.js';
import { CACHE_DIR } from '../repo-paths.js';
import { buildTrainSet, buildTrainShard } from './build-train-set.js';

export const USAGE = 'usage: data-cli [--small] [--grooves N] [--songs N] [--seconds S] [--set NAME] [--out DIR] [--no-midi] [--shard I/N]';

/** The full set: about 100 minutes of audio. --small: a couple of minutes, for a quick check. */
const SIZES = { full: { grooves: 150, songs: 50, seconds: 30, set: 'train-v1' }, small: { grooves: 6, songs: 2, seconds: 12, set: 'train-small' } } as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      small: { type: 'boolean', default: false },
      grooves: { type: 'string' },
      songs: { type: 'string' },
      seconds: { type: 'string' },
      set: { type: 'string' },
      out: { type: 'string' },
      'no-midi': { type: 'boolean', default: false },
      shard: { type: 'string' },
    },
    strict: true,
  });
  const size = values.small ? SIZES.small : SIZES.full;
  const set = setName(values.set ?? size.set);
  const options = {
    set,
    grooves: Math.round(num('grooves', values.grooves, size.grooves, 0, 5000)),
    songs: Math.round(num('songs', values.songs, size.songs, 0, 5000)),
    seconds: num('seconds', values.seconds, size.seconds, 4, 600),
    outDir: values.out === undefined ? join(CACHE_DIR, 'train', set) : resolve(values.out),
    skipMidi: values['no-midi'],
    log: stdoutLog,
  };
  if (values.shard === undefined) await buildTrainSet(options);
  else await buildTrainShard(options, shard(values.shard));
}

runCli('data', USAGE, main);
