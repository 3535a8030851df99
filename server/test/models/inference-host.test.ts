import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as HostModule from '../../src/models/inference-host.js';
import { anticipatorFixtureOutput, writeAnticipatorFixture } from '../support/onnx-fixture.js';

// The inference thread runs compiled JavaScript, so the test drives the build (npm run build), as the daemon does.
const built = fileURLToPath(new URL('../../dist/models/inference-host.js', import.meta.url));
const { InferenceHost } = (await import(built)) as typeof HostModule;

const AUDIO = [0.1, -0.2, 0.3, 0.5, -0.7, 0.05];
const BEAT = [0, 1, -0.5, 0.8, 0.3];
const feeds = [
  { data: Float32Array.from(AUDIO), dims: [1, 6] },
  { data: Float32Array.from(BEAT), dims: [1, 5] },
];

function expectClose(actual: Float32Array | undefined, expected: number[]): void {
  expect(actual?.length).toBe(expected.length);
  expected.forEach((v, i) => {
    expect(Math.abs((actual?.[i] ?? NaN) - v)).toBeLessThan(1e-5);
  });
}

describe('InferenceHost: synchronous ONNX inference on its own thread', () => {
  let dir: string;
  let host: HostModule.InferenceHost;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fs-models-'));
    host = new InferenceHost();
  });
  afterEach(async () => {
    await host.close();
  });

  it('runs a loaded model and returns its outputs in the card order', async () => {
    await host.load(0, writeAnticipatorFixture(dir, 'a'));
    const result = host.infer(0, feeds, 2000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const expected = anticipatorFixtureOutput(AUDIO, BEAT);
    expect(result.outputs.map((o) => o.dims)).toEqual([[1, 8], [1, 5]]);
    expectClose(result.outputs[0]?.data, expected.section);
    expectClose(result.outputs[1]?.data, expected.hazard);
    expect(host.stats(0).runs).toBe(1);
  });

  it('answers no_model for an empty slot, without blocking', () => {
    expect(host.infer(3, feeds, 1000)).toEqual({ ok: false, reason: 'no_model' });
  });

  it('refuses a missing, corrupt or wrong-contract model with a message naming it, and keeps the loaded one', async () => {
    await host.load(0, writeAnticipatorFixture(dir, 'good'));
    await expect(host.load(0, join(dir, 'absent.onnx'))).rejects.toThrow(/absent\.card\.json does not exist/);
    const corrupt = writeAnticipatorFixture(dir, 'corrupt');
    writeFileSync(corrupt, Buffer.from('not a protobuf at all'));
    await expect(host.load(0, corrupt)).rejects.toThrow(/corrupt\.onnx is not a valid ONNX model/);
    await expect(host.load(0, writeAnticipatorFixture(dir, 'v2', { contractVersion: 2 }))).rejects.toThrow(/contract version 2/);
    const result = host.infer(0, feeds, 2000);
    expect(result.ok).toBe(true);
    expect(host.loaded(0)?.path).toBe(join(dir, 'good.onnx'));
  });

  it('swaps a model while requests keep coming: every answer is from the old or the new model, none is lost', async () => {
    await host.load(0, writeAnticipatorFixture(dir, 'one', { scale: 1 }));
    const swapping = host.load(0, writeAnticipatorFixture(dir, 'two', { scale: 2 }));
    const one = anticipatorFixtureOutput(AUDIO, BEAT, 1).section[0] ?? NaN;
    const two = anticipatorFixtureOutput(AUDIO, BEAT, 2).section[0] ?? NaN;
    const progress = { swapped: false };
    void swapping.then(() => (progress.swapped = true));
    const seen: number[] = [];
    for (let i = 0; i < 2000 && !progress.swapped; i++) {
      const result = host.infer(0, feeds, 2000);
      expect(result.ok).toBe(true);
      if (result.ok) seen.push(result.outputs[0]?.data[0] ?? NaN);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await swapping;
    const after = host.infer(0, feeds, 2000);
    expect(after.ok && Math.abs((after.outputs[0]?.data[0] ?? NaN) - two) < 1e-5).toBe(true);
    for (const v of seen) expect(Math.min(Math.abs(v - one), Math.abs(v - two))).toBeLessThan(1e-5);
  });

  it('a request that misses its deadline is skipped, and the next one waits until the thread is free', async () => {
    await host.load(0, writeAnticipatorFixture(dir, 'a'));
    // A 0 ms budget is met only when the thread answers before the call first looks (the test runner preempted
    // right after its request, on a busy machine): ask until one is missed. The next call then finds the thread
    // busy, or free again if the late answer is already in.
    let missed = host.infer(0, feeds, 0);
    for (let i = 0; i < 50 && missed.ok; i++) missed = host.infer(0, feeds, 0);
    expect(missed).toEqual({ ok: false, reason: 'timeout' });
    const next = host.infer(0, feeds, 0);
    expect(['busy', 'timeout']).toContain(next.ok ? 'ok' : next.reason);
    // Once the late answers are in, the thread takes requests again.
    let after = host.infer(0, feeds, 2000);
    for (let i = 0; i < 200 && !after.ok; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      after = host.infer(0, feeds, 2000);
    }
    expect(after.ok).toBe(true);
    expect(host.stats(0).timeouts).toBeGreaterThanOrEqual(1);
  });
});
