import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultScene } from '../../src/core/scene/scene.js';
import { controlHeaders, startDaemon, TEST_CONTROL_TOKEN, type RunningDaemon } from '../support/daemon.js';

const headers = controlHeaders(TEST_CONTROL_TOKEN);
const save = (port: number, name: string): Promise<Response> =>
  fetch(`http://127.0.0.1:${port}/api/presets`, { method: 'POST', headers, body: JSON.stringify({ name }) });
const names = async (port: number): Promise<{ names: string[]; problem: string | null }> => {
  const body = (await (await fetch(`http://127.0.0.1:${port}/api/presets`)).json()) as { presets: { name: string }[]; problem: string | null };
  return { names: body.presets.map((p) => p.name), problem: body.problem };
};

function killed(daemon: RunningDaemon): Promise<void> {
  return new Promise((resolve) => {
    daemon.process.once('exit', () => {
      resolve();
    });
    daemon.process.kill('SIGKILL');
  });
}

describe('presets under faults', () => {
  let state: string;
  beforeAll(() => {
    state = mkdtempSync(join(tmpdir(), 'fractalsync-preset-faults-'));
  });
  afterAll(() => {
    rmSync(state, { recursive: true, force: true });
  });

  it('SIGKILL in the middle of a burst of saves loses no acknowledged preset and leaves a readable file', async () => {
    let daemon = await startDaemon(['--input', 'demo', '--state-dir', state]);
    expect((await save(daemon.port, 'Intro')).status).toBe(201);
    expect((await save(daemon.port, 'Drop')).status).toBe(201);
    const acknowledged: string[] = [];
    let unanswered = 0;
    // Saves queue up in the daemon (one write at a time); the kill lands while later ones are being written.
    const burst = Array.from({ length: 200 }, (_, i) =>
      save(daemon.port, `burst ${i}`).then(
        (res) => {
          if (res.status === 201) acknowledged.push(`burst ${i}`);
        },
        () => {
          unanswered++;
        },
      ),
    );
    while (acknowledged.length < 5) await new Promise((resolve) => setTimeout(resolve, 2));
    await killed(daemon);
    await Promise.all(burst);
    expect(unanswered).toBeGreaterThan(0);

    // Whatever was on disk at the kill is a whole file, not half of one.
    const file = JSON.parse(readFileSync(join(state, 'presets.json'), 'utf8')) as { presets: { name: string }[] };
    expect(file.presets.length).toBeGreaterThanOrEqual(2 + acknowledged.length);

    daemon = await startDaemon(['--input', 'demo', '--state-dir', state]);
    try {
      const after = await names(daemon.port);
      expect(after.problem).toBeNull();
      expect(after.names.slice(0, 2)).toEqual(['Intro', 'Drop']);
      for (const name of acknowledged) expect(after.names).toContain(name);
    } finally {
      await daemon.stop();
    }
  });

  it('a corrupt preset file is reported in the log and /api/status, the last good copy used, and the daemon runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fractalsync-preset-corrupt-'));
    const good = { format: 'fractalsync-presets', v: 1, presets: [{ name: 'Kept', scene: defaultScene(), saved_at: '2026-11-21T20:00:00.000Z' }] };
    writeFileSync(join(dir, 'presets.json'), '{"format": "fractalsync-presets", "v": 1, "presets": [{"name": "Half');
    writeFileSync(join(dir, 'presets.json.bak'), JSON.stringify(good));
    const daemon = await startDaemon(['--input', 'demo', '--state-dir', dir]);
    try {
      expect(daemon.output()).toMatch(/presets: .*presets\.json is unreadable .*using the last good copy/);
      const status = (await (await fetch(`http://127.0.0.1:${daemon.port}/api/status`)).json()) as { presets: { count: number; problem: string } };
      expect(status.presets.count).toBe(1);
      expect(status.presets.problem).toMatch(/presets\.json is unreadable/);
      expect((await names(daemon.port)).names).toEqual(['Kept']);
      // Saving again works, keeps the corrupt file aside and clears the problem.
      expect((await save(daemon.port, 'New')).status).toBe(201);
      expect((await names(daemon.port)).problem).toBeNull();
      expect(readFileSync(join(dir, 'presets.json.corrupt'), 'utf8')).toContain('"Half');
    } finally {
      await daemon.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
