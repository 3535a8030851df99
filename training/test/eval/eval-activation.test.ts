import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalCommandFixture } from './eval-command-fixture.js';

/** A tiny beat_activation model with its card (the server's wrapper tests use the same one). */
const MODEL = new URL('../../../server/test/models/fixtures/beat_activation.onnx', import.meta.url).pathname;
const fixture = evalCommandFixture('fs-eval-activation-');
const { dir, run } = fixture;


describe('eval-beats --activation', () => {
  it('runs the DSP and the learned activation side by side with --activation both', async () => {
    const r = await run(['--set', fixture.manifest, '--activation', 'both', '--model', MODEL, '--no-aubio', '--json', join(dir, 'both.json')]);
    expect(r.stderr).not.toMatch(/failed/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\| fractalsync \| \d/);
    expect(r.stdout).toMatch(/\| fractalsync-learned \| \d/);
    // The floors are judged on the shipped configuration, the learned activation, not on the DSP one beside it.
    expect(r.stdout).toMatch(/Floors \(issue 3\), fractalsync-learned:/);
    const report = JSON.parse(readFileSync(join(dir, 'both.json'), 'utf8')) as { floorsFor: string; systems: { name: string }[] };
    expect(report.floorsFor).toBe('fractalsync-learned');
    expect(report.systems.map((s) => s.name).slice(0, 2)).toEqual(['fractalsync-learned', 'fractalsync']);
  }, 30_000);

  it('names a bad activation, a missing model and a tracker the activation does not apply to', async () => {
    const bad = await run(['--set', fixture.manifest, '--activation', 'neural', '--no-aubio']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--activation "neural" is unknown; expected one of dsp, learned, both/);
    const missing = await run(['--set', fixture.manifest, '--activation', 'learned', '--model', join(dir, 'none.onnx'), '--no-aubio']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/model card .*none\.card\.json does not exist/);
    const aubio = await run(['--set', fixture.manifest, '--tracker', 'aubio', '--activation', 'learned', '--no-aubio']);
    expect(aubio.code).toBe(1);
    expect(aubio.stderr).toMatch(/--activation learned applies to the fractalsync tracker, not "aubio"/);
    const weight = await run(['--set', fixture.manifest, '--activation', 'learned', '--model', MODEL, '--network-weight', '2', '--no-aubio']);
    expect(weight.stderr).toMatch(/--network-weight "2" is invalid; expected a number from 0 to 1/);
  }, 30_000);
});
