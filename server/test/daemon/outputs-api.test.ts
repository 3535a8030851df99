import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OscDump } from '../osc/oscdump.js';
import { controlHeaders, startDaemon, TEST_CONTROL_TOKEN } from '../support/daemon.js';

const headers = controlHeaders(TEST_CONTROL_TOKEN);
const json = (body: unknown): RequestInit => ({ method: 'POST', headers, body: JSON.stringify(body) });
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('outputs API: OSC targets changed at run time, persisted atomically', () => {
  let state: string;
  let dump: OscDump;
  beforeAll(async () => {
    state = mkdtempSync(join(tmpdir(), 'fractalsync-outputs-'));
    dump = await OscDump.start();
  });
  afterAll(() => {
    dump.stop();
    rmSync(state, { recursive: true, force: true });
  });

  it('adds, disables and removes a target; the change survives a restart', async () => {
    let daemon = await startDaemon(['--input', 'demo', '--state-dir', state]);
    try {
      const api = `http://127.0.0.1:${daemon.port}/api/outputs`;
      expect(((await (await fetch(api)).json()) as { osc: unknown[] }).osc).toEqual([]);
      const added = await fetch(`${api}/osc`, json({ host: '127.0.0.1', port: dump.port, profile: 'generic', rate_hz: 10 }));
      expect(added.status).toBe(201);
      expect(((await added.json()) as { id: string; rateHz: number }).rateHz).toBe(10);
      await dump.waitFor(() => dump.of('/fs/bpm').length >= 5, 10_000);

      const bad = await fetch(`${api}/osc`, json({ host: '127.0.0.1', port: 70000 }));
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toMatch(/port/);
      expect((await fetch(`${api}/osc/nope`, { method: 'DELETE', headers })).status).toBe(404);
      expect((await fetch(`${api}/osc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);

      const off = await fetch(`${api}/osc/osc-1`, { method: 'PATCH', headers, body: JSON.stringify({ enabled: false }) });
      expect(off.status).toBe(200);
      await sleep(300);
      const before = dump.of('/fs/bpm').length;
      await sleep(700);
      expect(dump.of('/fs/bpm').length).toBe(before);
      const stored = JSON.parse(readFileSync(join(state, 'osc-targets.json'), 'utf8')) as { id: string; enabled: boolean }[];
      expect(stored).toMatchObject([{ id: 'osc-1', enabled: false }]);
    } finally {
      await daemon.stop();
    }

    daemon = await startDaemon(['--input', 'demo', '--state-dir', state]);
    try {
      const api = `http://127.0.0.1:${daemon.port}/api/outputs`;
      const listed = ((await (await fetch(api)).json()) as { osc: { id: string; enabled: boolean }[] }).osc;
      expect(listed).toMatchObject([{ id: 'osc-1', enabled: false }]);
      expect((await fetch(`${api}/osc/osc-1`, { method: 'DELETE', headers })).status).toBe(204);
      expect(((await (await fetch(api)).json()) as { osc: unknown[] }).osc).toEqual([]);
    } finally {
      await daemon.stop();
    }
  });

  it('reports a corrupt store and carries on with the last good copy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fractalsync-corrupt-'));
    writeFileSync(join(dir, 'osc-targets.json'), '[{"id": "osc-1", "host": "127.0.0.1", "port": ');
    writeFileSync(join(dir, 'osc-targets.json.bak'), JSON.stringify([{ id: 'kept', host: '127.0.0.1', port: 9, profile: 'generic' }]));
    const daemon = await startDaemon(['--input', 'demo', '--state-dir', dir]);
    try {
      expect(daemon.output()).toMatch(/osc-targets\.json is unreadable .*using the last good copy/);
      const listed = ((await (await fetch(`http://127.0.0.1:${daemon.port}/api/outputs`)).json()) as { osc: { id: string }[] }).osc;
      expect(listed.map((t) => t.id)).toEqual(['kept']);
    } finally {
      await daemon.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses MIDI transport by name when no MIDI clock runs, and checks the action', async () => {
    const daemon = await startDaemon(['--input', 'demo']);
    try {
      const post = (action: string) => fetch(`http://127.0.0.1:${daemon.port}/api/midi/${action}`, { method: 'POST', headers });
      const start = await post('start');
      expect(start.status).toBe(400);
      expect(((await start.json()) as { error: string }).error).toMatch(/transport start: there is no MIDI clock output \(set midi\.port or start with --midi/);
      expect(((await (await post('rewind')).json()) as { error: string }).error).toMatch(/transport\.action "rewind" is not allowed; expected start, stop, continue/);
    } finally {
      await daemon.stop();
    }
  });
});
