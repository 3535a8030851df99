import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectStates, controlHeaders, startDaemon, type RunningDaemon } from '../support/daemon.js';

/** Sends one OSC message with Debian's oscsend (a real peer). */
function oscsend(port: number, ...message: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('oscsend', ['127.0.0.1', String(port), ...message], (error) => {
      if (error) reject(new Error(`oscsend ${message.join(' ')} failed: ${error.message}`));
      else resolve();
    });
  });
}

describe('fractalsync serve on the demo source', () => {
  let daemon: RunningDaemon;
  let startMs = 0;

  beforeAll(async () => {
    const t0 = performance.now();
    daemon = await startDaemon(['--input', 'demo']);
    startMs = performance.now() - t0;
  });
  afterAll(async () => {
    expect(await daemon.stop()).toBe(0);
  });

  it('serves within 30 s', () => {
    expect(startMs).toBeLessThan(30_000);
  });

  it('streams one SlowState per hop over /ws with live features', async () => {
    const states = await collectStates(daemon.port, (s) => s.length >= 94);
    for (let i = 1; i < states.length; i++) expect(states[i]?.hop).toBe((states[i - 1]?.hop ?? 0) + 1);
    for (const state of states) {
      expect(state.v).toBe(1);
      expect(Math.abs(state.t - (state.hop * 1024) / 48000)).toBeLessThan(1e-9);
      expect(state.features.bands).toHaveLength(6);
      // With the shipped models: the anticipator's structure block, and the controller's control vector, which says so.
      // (Without models these blocks are absent or hand-made, never faked: server/test/daemon/models.test.ts.)
      expect(Object.keys(state).sort()).toEqual(['beat', 'c', 'control', 'control_source', 'features', 'hop', 'orbit_beats', 'structure', 't', 'v', 'wall']);
      expect(state.control_source).toBe('model');
    }
    const loud = states.filter((s) => s.features.rms > 0.01);
    expect(loud.length).toBeGreaterThan(states.length / 2);
    // Two seconds of states arrive in about two seconds of wall time: the demo runs in real time.
    const span = (states.at(-1)?.wall ?? 0) - (states[0]?.wall ?? 0);
    expect(span).toBeGreaterThan(1200);
    expect(span).toBeLessThan(3500);
  });

  it('reports status, contract and health over HTTP', async () => {
    const base = `http://127.0.0.1:${daemon.port}`;
    const health = (await (await fetch(`${base}/healthz`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);
    const contract = (await (await fetch(`${base}/api/contract`)).json()) as { contract_version: number; audio: { hop: number } };
    expect(contract.contract_version).toBe(1);
    expect(contract.audio.hop).toBe(1024);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const status = (await (await fetch(`${base}/api/status`)).json()) as {
      input: { source: { kind: string; sampleRate: number }; state: string; level_rms: number; clipping: boolean };
      processing: { hop: number; hop_ms_median: number; hop_ms_p99: number; hops_per_second: number };
    };
    expect(status.input.source.kind).toBe('demo');
    expect(status.input.source.sampleRate).toBe(48000);
    expect(status.input.state).toBe('running');
    expect(status.input.level_rms).toBeGreaterThan(0.01);
    expect(status.processing.hop).toBeGreaterThan(40);
    // The per-hop cost is reported (its speed is a benchmark's business, not a test's: npm run bench).
    expect(status.processing.hop_ms_p99).toBeGreaterThan(0);
    expect(Number.isFinite(status.processing.hop_ms_p99)).toBe(true);
    // Keeping up with real time is a function, not a speed target: the demo source runs at 46.875 hops per second.
    expect(status.processing.hops_per_second).toBeGreaterThan(30);
  });

  it('carries the beat clock over /ws and applies POST /api/beat commands on the next hop', async () => {
    const base = `http://127.0.0.1:${daemon.port}`;
    const before = await collectStates(daemon.port, (s) => s.length >= 5);
    const bpm = (before.at(-1) as unknown as { beat: { bpm: number; beat_count: number } }).beat.bpm;
    expect(bpm).toBeGreaterThan(55);
    expect(bpm).toBeLessThan(215);
    const response = await fetch(`${base}/api/beat`, { method: 'POST', headers: controlHeaders(daemon.token), body: JSON.stringify({ type: 'lock', on: true }) });
    expect(response.status).toBe(202);
    const double = await fetch(`${base}/api/beat`, { method: 'POST', headers: controlHeaders(daemon.token), body: JSON.stringify({ type: 'double' }) });
    expect(double.status).toBe(202);
    const after = await collectStates(daemon.port, (s) => s.length >= 10);
    const lockedBpm = (after.at(-1) as unknown as { beat: { bpm: number } }).beat.bpm;
    expect(lockedBpm / bpm).toBeGreaterThan(1.9);
    expect(lockedBpm / bpm).toBeLessThan(2.1);
    const bad = await fetch(`${base}/api/beat`, { method: 'POST', headers: controlHeaders(daemon.token), body: JSON.stringify({ type: 'nudge', ms: 'late' }) });
    expect(bad.status).toBe(400);
    const anonymous = await fetch(`${base}/api/beat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'double' }) });
    expect(anonymous.status).toBe(401);
    expect(((await bad.json()) as { error: string }).error).toMatch(/nudge\.ms "late" is not allowed/);
    await fetch(`${base}/api/beat`, { method: 'POST', headers: controlHeaders(daemon.token), body: JSON.stringify({ type: 'half' }) });
    await fetch(`${base}/api/beat`, { method: 'POST', headers: controlHeaders(daemon.token), body: JSON.stringify({ type: 'lock', on: false }) });
  });

  it('takes OSC control messages from a real sender and serves the OSCQuery namespace', async () => {
    const base = `http://127.0.0.1:${daemon.port}`;
    const status = (await (await fetch(`${base}/api/status`)).json()) as { osc_in: { port: number }; oscquery: { port: number } };
    const before = await collectStates(daemon.port, (s) => s.length >= 3);
    const bpm = (before.at(-1) as unknown as { beat: { bpm: number } }).beat.bpm;
    await oscsend(status.osc_in.port, '/fs/cmd/lock', 'i', '1');
    await oscsend(status.osc_in.port, '/fs/cmd/half');
    const after = await collectStates(daemon.port, (s) => s.length >= 10);
    expect((after.at(-1) as unknown as { beat: { bpm: number } }).beat.bpm / bpm).toBeCloseTo(0.5, 1);
    const commands = (await (await fetch(`${base}/api/status`)).json()) as { commands: { accepted: Record<string, number> }; osc_in: { accepted: number } };
    expect(commands.osc_in.accepted).toBeGreaterThanOrEqual(2);
    const host = (await (await fetch(`http://127.0.0.1:${status.oscquery.port}/?HOST_INFO`)).json()) as { OSC_PORT: number; OSC_TRANSPORT: string };
    expect(host.OSC_PORT).toBe(status.osc_in.port);
    expect(host.OSC_TRANSPORT).toBe('UDP');
    const leaf = (await (await fetch(`http://127.0.0.1:${status.oscquery.port}/fs/bpm`)).json()) as { TYPE: string; ACCESS: number };
    expect(leaf.TYPE).toBe('f');
    expect(leaf.ACCESS).toBe(1);
    await oscsend(status.osc_in.port, '/fs/cmd/double');
    await oscsend(status.osc_in.port, '/fs/cmd/lock', 'i', '0');
  });

  it('serves the visualizer and the control surface', async () => {
    const base = `http://127.0.0.1:${daemon.port}`;
    expect(await (await fetch(`${base}/`)).text()).toContain('<title>FractalSync</title>');
    expect(await (await fetch(`${base}/control/`)).text()).toContain('FractalSync control');
  });
});
