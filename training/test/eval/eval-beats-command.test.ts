import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAubio } from '../../src/eval/aubio.js';
import { evalCommandFixture } from './eval-command-fixture.js';

const aubio = await findAubio();
const fixture = evalCommandFixture('fs-eval-cli-');
const { dir, run } = fixture;


describe('eval-beats command', () => {
  it('prints usage for --help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/usage: node training\/dist\/eval\/eval-beats-cli\.js \[--tracker NAME\]/);
  });

  it('refuses an unknown tracker and unknown options with exit code 2, listing the real trackers', async () => {
    const unknown = await run(['--tracker', 'oracle']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--tracker "oracle" is unknown; choose one of: fractalsync, aubio/);
    const option = await run(['--tracker', 'aubio', '--fast']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/--fast/);
  });

  it('names a --set path that does not exist', async () => {
    const r = await run(['--tracker', 'aubio', '--set', join(dir, 'nowhere')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--set .*nowhere: .* does not exist/);
  });

  it.skipIf(aubio === null)('runs aubio end to end on a set folder: markdown on stdout, JSON report on disk (skipped only without aubio-tools)', async () => {
    const json = join(dir, 'out', 'report.json');
    const r = await run(['--tracker', 'aubio', '--set', join(dir, 'set'), '--json', json]);
    expect(r.stderr).not.toMatch(/failed/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/### Beat tracking on set `clicks` \(2 tracks, 50\.0 s of audio\)/);
    expect(r.stdout).toMatch(/Command: `node training\/dist\/eval\/eval-beats-cli\.js --tracker aubio --set /);
    expect(r.stdout).toMatch(/\| aubio \(aubio version [\d.]+\) \| [\d.]+ \|/);
    expect(r.stdout).toMatch(/there is no separate aubio column/);
    expect(r.stderr).toMatch(/aubio click-120-4-4: F /);
    const report = JSON.parse(readFileSync(json, 'utf8')) as { set: string; systems: { name: string; aggregate: { downbeatF: unknown; fMeasure: number } }[] };
    expect(report.set).toBe('clicks');
    expect(report.systems.map((s) => s.name)).toEqual(['aubio']);
    expect(report.systems[0]?.aggregate.downbeatF).toBeNull();
    expect(report.systems[0]?.aggregate.fMeasure).toBeGreaterThan(0);
  });

  it.skipIf(aubio === null)('accepts the manifest file itself as --set, and --strict fails on the floors aubio cannot meet', async () => {
    const r = await run(['--tracker', 'aubio', '--set', fixture.manifest, '--json', join(dir, 'strict.json'), '--strict']);
    // aubio gives no downbeats (not judged) and does not re-lock after the tempo change on this set.
    expect(r.stdout).toMatch(/\| max re-lock \(bars\) \| never \| <= 2\.000 \| \*\*FAIL\*\* \|/);
    expect(r.code).toBe(1);
  });
});
