import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlHeaders, startDaemon } from '../support/daemon.js';

describe('control token and scene across restarts', () => {
  let state: string;
  beforeAll(() => {
    state = mkdtempSync(join(tmpdir(), 'fractalsync-show-'));
  });
  afterAll(() => {
    rmSync(state, { recursive: true, force: true });
  });

  it('generates a PIN at first start, prints it with the URL and a QR code, keeps it; the scene survives a restart', async () => {
    let daemon = await startDaemon(['--input', 'demo', '--state-dir', state], {}, 30_000, { controlToken: null });
    let rev: number;
    try {
      const pin = (JSON.parse(readFileSync(join(state, 'control.json'), 'utf8')) as { token: string }).token;
      expect(pin).toMatch(/^\d{8}$/);
      expect(daemon.token).toBe(pin);
      expect(daemon.output()).toContain(`/control?token=${pin}`);
      expect(daemon.output()).toContain(`PIN ${pin} (new, kept in ${join(state, 'control.json')})`);
      expect(daemon.output()).toMatch(/▄{5,}/);
      const base = `http://127.0.0.1:${daemon.port}/api`;
      const wrong = await fetch(`${base}/scene`, { method: 'POST', headers: controlHeaders('00000000'), body: JSON.stringify({ type: 'scene_reset' }) });
      expect(wrong.status).toBe(401);
      const changed = await fetch(`${base}/scene`, { method: 'POST', headers: controlHeaders(pin), body: JSON.stringify({ type: 'scene', display: 'left', set: { palette: 'aurora', latency_ms: 35 } }) });
      expect(changed.status).toBe(200);
      rev = ((await changed.json()) as { rev: number }).rev;
      expect(rev).toBe(1);
    } finally {
      expect(await daemon.stop()).toBe(0);
    }

    daemon = await startDaemon(['--input', 'demo', '--state-dir', state], {}, 30_000, { controlToken: null });
    try {
      // Second start, JSON log: the stored PIN is used and not printed again.
      expect(daemon.output()).not.toContain(daemon.token);
      expect(daemon.output()).toContain('control surface: http://');
      const scene = (await (await fetch(`http://127.0.0.1:${daemon.port}/api/scene`)).json()) as { rev: number; scene: { displays: Record<string, unknown> } };
      expect(scene.rev).toBe(rev);
      expect(scene.scene.displays).toEqual({ left: { palette: 'aurora', latency_ms: 35 } });
      const status = (await (await fetch(`http://127.0.0.1:${daemon.port}/api/status`)).json()) as { control: { token_source: string; required: boolean }; scene: { rev: number; problem: null } };
      expect(status.control).toMatchObject({ token_source: 'stored', required: true });
      expect(status.scene).toEqual({ rev, problem: null });
    } finally {
      await daemon.stop();
    }
  });
});
