import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEvalBeatsCommand } from '../../src/eval/eval-beats-command.js';
import { writeClickSet } from './click-set.js';

/** A tiny beat_activation model with its card (the server's wrapper tests use the same one). */
const MODEL = new URL('../../../server/test/models/fixtures/beat_activation.onnx', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'fs-eval-activation-'));
let manifest: string;

beforeAll(() => {
  manifest = writeClickSet(join(dir, 'set'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runEvalBeatsCommand(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('eval-beats --activation', () => {
  it('runs the DSP and the learned activation side by side with --activation both', async () => {
    const r = await run(['--set', manifest, '--activation', 'both', '--model', MODEL, '--no-aubio', '--json', join(dir, 'both.json')]);
    expect(r.stderr).not.toMatch(/failed/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\| fractalsync \| \d/);
    expect(r.stdout).toMatch(/\| fractalsync-learned \| \d/);
  }, 30_000);

  it('names a bad activation, a missing model and a tracker the activation does not apply to', async () => {
    const bad = await run(['--set', manifest, '--activation', 'neural', '--no-aubio']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--activation "neural" is unknown; expected one of dsp, learned, both/);
    const missing = await run(['--set', manifest, '--activation', 'learned', '--model', join(dir, 'none.onnx'), '--no-aubio']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/model card .*none\.card\.json does not exist/);
    const aubio = await run(['--set', manifest, '--tracker', 'aubio', '--activation', 'learned', '--no-aubio']);
    expect(aubio.code).toBe(1);
    expect(aubio.stderr).toMatch(/--activation learned applies to the fractalsync tracker, not "aubio"/);
    const weight = await run(['--set', manifest, '--activation', 'learned', '--model', MODEL, '--network-weight', '2', '--no-aubio']);
    expect(weight.stderr).toMatch(/--network-weight "2" is invalid; expected a number from 0 to 1/);
  }, 30_000);
});
