import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import { writeWav } from '../../src/data/wav.js';
import { extractFeatures, extractorKey, FeatureCache, featureCodeVersion } from '../../src/features/feature-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'fs-feature-cache-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** One second of clicks on a 440 Hz tone: enough hops to tell feature rows apart. */
function signal(): Float32Array {
  const sr = CONTRACT.audio.sample_rate;
  const out = new Float32Array(sr);
  for (let i = 0; i < out.length; i++) out[i] = 0.2 * Math.sin((2 * Math.PI * 440 * i) / sr) + (i % 12000 < 200 ? 0.5 : 0);
  return out;
}

describe('FeatureCache', () => {
  it('computes once, then serves the same rows from disk', async () => {
    const wav = join(dir, 'a.wav');
    await writeWav(wav, signal(), CONTRACT.audio.sample_rate);
    const cache = await FeatureCache.open({ dir: join(dir, 'cache'), contract: CONTRACT, codeVersion: 'v1' });
    const first = await cache.get(wav);
    const second = await cache.get(wav);
    expect(first.hit).toBe(false);
    expect(second.hit).toBe(true);
    expect(first.hops).toBe(Math.floor(CONTRACT.audio.sample_rate / CONTRACT.audio.hop));
    expect(second.rows.length).toBe(first.rows.length);
    let diff = 0;
    for (let i = 0; i < first.rows.length; i++) diff = Math.max(diff, Math.abs((first.rows[i] ?? 0) - (second.rows[i] ?? 0)));
    expect(diff).toBe(0);
    // The cached rows are the pipeline's rows for the decoded (16-bit) file, not something else.
    expect(first.rows.some((v) => v !== 0)).toBe(true);
  });

  it('a change of the contract feature section, of the code version or of the file invalidates the entry', async () => {
    const wav = join(dir, 'b.wav');
    await writeWav(wav, signal(), CONTRACT.audio.sample_rate);
    const base = await FeatureCache.open({ dir: join(dir, 'cache'), contract: CONTRACT, codeVersion: 'v1' });
    expect((await base.get(wav)).hit).toBe(false);
    expect((await base.get(wav)).hit).toBe(true);

    const changed = { ...CONTRACT, features: { ...CONTRACT.features, rolloff_fraction: 0.9 } };
    const otherContract = await FeatureCache.open({ dir: join(dir, 'cache'), contract: changed, codeVersion: 'v1' });
    expect(otherContract.extractor).not.toBe(base.extractor);
    const recomputed = await otherContract.get(wav);
    expect(recomputed.hit).toBe(false);

    const otherCode = await FeatureCache.open({ dir: join(dir, 'cache'), contract: CONTRACT, codeVersion: 'v2' });
    expect((await otherCode.get(wav)).hit).toBe(false);

    utimesSync(wav, new Date(2_000_000_000_000), new Date(2_000_000_000_000));
    expect((await base.get(wav)).hit).toBe(false);
    expect((await base.get(wav)).hit).toBe(true);
  });

  it('the rolloff change really changes the rolloff column, so the key is not over-cautious', async () => {
    const changed = { ...CONTRACT, features: { ...CONTRACT.features, rolloff_fraction: 0.5 } };
    const a = await extractFeatures(signal(), CONTRACT);
    const b = await extractFeatures(signal(), changed);
    const col = CONTRACT.features.base.indexOf('rolloff');
    let diff = 0;
    for (let h = 0; h < a.hops; h++) diff = Math.max(diff, Math.abs((a.rows[h * a.rowLength + col] ?? 0) - (b.rows[h * b.rowLength + col] ?? 0)));
    expect(diff).toBeGreaterThan(1e-3);
  });

  it('keys the extractor on the compiled feature code', async () => {
    const code = await featureCodeVersion();
    expect(code).toMatch(/^[0-9a-f]{16}$/);
    expect(extractorKey(CONTRACT, code)).not.toBe(extractorKey(CONTRACT, `${code}x`));
  });
});
