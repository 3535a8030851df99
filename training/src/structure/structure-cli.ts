#!/usr/bin/env node
/**
 * npm run data:structure -w training -- [--small] [--train N] [--heldout N] [--seconds S] [--compact] [--set NAME] [--out DIR]
 * Builds (or completes) the structure set under .cache/structure/<set>/; an unchanged song is reused.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { num, setName } from '../cli/cli-args.js';
import { runCli, stdoutLog } from '../cli/run-cli.js';
import { CACHE_DIR } from '../repo-paths.js';
import { buildStructureSet } from './build-structure-set.js';

export const USAGE = 'usage: structure-cli [--small] [--train N] [--heldout N] [--seconds S] [--compact] [--set NAME] [--out DIR]';
/** Full: about 4 hours of songs up to 3 minutes. --small: a few compact songs of 16 s, for a quick check. */
const SIZES = {
  full: { train: 100, heldout: 24, seconds: 180, compact: false, set: 'structure-v1' },
  small: { train: 3, heldout: 1, seconds: 16, compact: true, set: 'structure-small' },
} as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      small: { type: 'boolean', default: false },
      train: { type: 'string' },
      heldout: { type: 'string' },
      seconds: { type: 'string' },
      compact: { type: 'boolean', default: false },
      set: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const size = values.small ? SIZES.small : SIZES.full;
  const set = setName(values.set ?? size.set);
  await buildStructureSet({
    set,
    train: Math.round(num('train', values.train, size.train, 0, 10_000)),
    heldout: Math.round(num('heldout', values.heldout, size.heldout, 0, 1000)),
    maxSeconds: num('seconds', values.seconds, size.seconds, 4, 900),
    compact: values.compact || size.compact,
    outDir: values.out === undefined ? join(CACHE_DIR, 'structure', set) : resolve(values.out),
    log: stdoutLog,
  });
}

runCli('data:structure', USAGE, main);
