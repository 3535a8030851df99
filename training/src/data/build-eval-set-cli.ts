/**
 * node training/dist/data/build-eval-set-cli.js [--set eval-v1] [--seconds 30] [--out DIR] [--only TEXT] [--no-midi] [--dev [--copies N]]
 * Builds (or completes) the evaluation set under .cache/eval-beats/<set>/ and prints progress.
 */
import { buildEvalSet } from './build-eval-set.js';
import type { BuildEvalSetOptions } from './build-eval-set.js';
import { parseCliArgs } from './build-eval-set-args.js';

async function main(): Promise<void> {
  const cli = parseCliArgs(process.argv.slice(2));
  const write = (stream: NodeJS.WriteStream, prefix: string) => (msg: string) => {
    stream.write(`${prefix}${msg}\n`);
  };
  const only = cli.only;
  const options: BuildEvalSetOptions = {
    set: cli.set,
    seconds: cli.seconds,
    outDir: cli.outDir,
    skipMidi: cli.skipMidi,
    plan: cli.dev ? 'dev' : 'eval',
    devCopies: cli.copies,
    log: { info: write(process.stdout, ''), warn: write(process.stderr, 'warning: '), error: write(process.stderr, 'error: ') },
    ...(only === undefined ? {} : { filter: (id: string) => id.includes(only) }),
  };
  await buildEvalSet(options);
}

main().catch((err: unknown) => {
  process.stderr.write(`build-eval-set: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
