/**
 * The setting the eval-beats command tests share: a click-track set written once per file into a temporary
 * folder (removed afterwards), and the command run in-process with its output captured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { runEvalBeatsCommand } from '../../src/eval/eval-beats-command.js';
import { writeClickSet } from './click-set.js';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface EvalCommandFixture {
  /** The temporary folder: write reports and other files under it. */
  dir: string;
  /** The click set's manifest (written before the first test). */
  readonly manifest: string;
  run: (args: string[]) => Promise<CommandResult>;
}

export function evalCommandFixture(prefix: string): EvalCommandFixture {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let manifest: string | undefined;
  beforeAll(() => {
    manifest = writeClickSet(join(dir, 'set'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    get manifest(): string {
      if (manifest === undefined) throw new Error('the click set is written in beforeAll; read the manifest inside a test');
      return manifest;
    },
    run: async (args) => {
      let stdout = '';
      let stderr = '';
      const code = await runEvalBeatsCommand(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
      return { code, stdout, stderr };
    },
  };
}
