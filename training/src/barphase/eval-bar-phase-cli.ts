#!/usr/bin/env node
/** npm run eval:bar-phase -w training -- [--set DIR] [--model models/bar_phase.onnx] [--json OUT] */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import { loadTrackSet } from '../eval/track-set.js';
import { CACHE_DIR, REPO_ROOT } from '../repo-paths.js';
import { evaluateBarPhase, formatBarPhaseReport } from './eval-bar-phase.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { set: { type: 'string' }, model: { type: 'string' }, json: { type: 'string' } } });
  const setDir = resolve(values.set ?? join(CACHE_DIR, 'eval-beats', 'eval-v1'));
  const set = await loadTrackSet(setDir.endsWith('.json') ? setDir : join(setDir, 'manifest.json'));
  const report = await evaluateBarPhase(set, resolve(values.model ?? join(REPO_ROOT, 'models', 'bar_phase.onnx')), CONTRACT, { info: (m) => void process.stderr.write(`${m}\n`) });
  const json = resolve(values.json ?? join(CACHE_DIR, 'eval-reports', `bar-phase-${report.set}.json`));
  await mkdir(dirname(json), { recursive: true });
  await writeFile(json, `${JSON.stringify(report, null, 1)}\n`);
  process.stdout.write(`${formatBarPhaseReport(report)}\nJSON report: ${json}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`eval:bar-phase: ${err instanceof Error ? err.message : String(err)}\nusage: eval-bar-phase-cli [--set DIR] [--model FILE.onnx] [--json OUT]\n`);
  process.exitCode = 1;
});
