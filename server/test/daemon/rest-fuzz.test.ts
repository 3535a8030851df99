import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlHeaders, startDaemon, type RunningDaemon } from '../support/daemon.js';

/** Seeded random bodies: truncated and invalid JSON, wrong types, huge numbers, deep nesting, oversized bodies. */
function* bodies(count: number, seed = 7): Generator<string> {
  let s = seed;
  const rand = (): number => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
  const samples = ['{"type":"nudge","ms":', '{"type":', '[1,2', '{"host":"127.0.0.1","port":"x"}', '{"type":"meter","beatsPerBar":6}', 'null', '"tap"', '{"host":1e999}', '{"port":-1,"host":""}', '{"a":'.repeat(50), '\u0000\u0001', '{"type":"lock","on":"yes"}'];
  for (let i = 0; i < count; i++) {
    const pick = samples[Math.floor(rand() * samples.length)] ?? '';
    const cut = Math.floor(rand() * (pick.length + 1));
    yield rand() < 0.5 ? pick.slice(0, cut) : pick + String.fromCharCode(Math.floor(rand() * 128)).repeat(Math.floor(rand() * 8));
  }
}

describe('malformed REST bodies', () => {
  let daemon: RunningDaemon;
  beforeAll(async () => {
    daemon = await startDaemon(['--input', 'demo']);
  });
  afterAll(async () => {
    await daemon.stop();
  });

  it('get 4xx answers, change nothing and never stop the daemon', async () => {
    const base = `http://127.0.0.1:${daemon.port}/api`;
    const statuses = new Map<number, number>();
    for (const body of bodies(2000)) {
      for (const path of ['/beat', '/outputs/osc']) {
        const response = await fetch(base + path, { method: 'POST', headers: controlHeaders(daemon.token), body });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        await response.arrayBuffer();
      }
    }
    const huge = await fetch(`${base}/beat`, { method: 'POST', headers: controlHeaders(daemon.token), body: `{"type":"tap","x":"${'a'.repeat(100_000)}"}` });
    expect(huge.status).toBe(413);
    for (const status of statuses.keys()) expect(status === 202 || (status >= 400 && status < 500)).toBe(true);
    expect(((await (await fetch(`${base}/outputs`)).json()) as { osc: unknown[] }).osc).toEqual([]);
    expect((await fetch(`http://127.0.0.1:${daemon.port}/healthz`)).status).toBe(200);
    // A valid command still works afterwards.
    expect((await fetch(`${base}/beat`, { method: 'POST', headers: controlHeaders(daemon.token), body: '{"type":"tap"}' })).status).toBe(202);
  });
});
