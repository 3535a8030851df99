import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Router } from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommandHandler } from '../../src/control/command-handler.js';
import { createControlAuth } from '../../src/control/control-auth.js';
import { SceneState } from '../../src/control/scene-state.js';
import { CONTRACT } from '../../src/core/contract/contract.js';
import { defaultScene } from '../../src/core/scene/scene.js';
import { createHttpApp } from '../../src/http/app.js';
import { beatRoutes } from '../../src/http/beat-routes.js';
import { requireControl } from '../../src/http/control-auth.js';
import { listen } from '../../src/http/listen.js';
import { presetRoutes } from '../../src/http/preset-routes.js';
import { sceneRoutes } from '../../src/http/scene-routes.js';
import { PresetStore, type PresetExport } from '../../src/store/preset-store.js';
import { RecordingLog } from '../support/recording-log.js';

const TOKEN = 'stage-pin-42';
let server: Server | undefined;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'control-routes-'));
});
afterEach(async () => {
  server?.closeAllConnections();
  const closing = server;
  if (closing !== undefined) {
    await new Promise<void>((resolve) => {
      closing.close(() => {
        resolve();
      });
    });
  }
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function serve() {
  const log = new RecordingLog();
  const scene = new SceneState({ rev: 0, scene: defaultScene() }, log);
  const beats: unknown[] = [];
  const commands = createCommandHandler({ beat: (c) => beats.push(c), scene: (c) => { scene.apply(c); } }, log);
  const guard = requireControl(createControlAuth({ token: TOKEN, required: true, maxFailures: 3 }, log));
  const presets = await PresetStore.open(join(dir, 'presets.json'), log);
  const api = Router();
  api.use(beatRoutes(commands, guard));
  api.use(sceneRoutes(scene, commands, guard));
  api.use(presetRoutes(presets, scene, guard));
  const app = createHttpApp({ status: () => ({}), contract: CONTRACT, staticDirs: { visualizer: '/none/v', controlSurface: '/none/c' }, api, log });
  server = await listen(app, { host: '127.0.0.1', port: 0 }, log);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  const call = (method: string, path: string, body?: unknown, token: string | null = TOKEN): Promise<Response> =>
    fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  return { call, scene, beats };
}

describe('REST control routes', () => {
  it('writes need the bearer token (401 without, 401 wrong, 429 after repeated wrong ones); reads stay open', async () => {
    const { call, beats } = await serve();
    const missing = await call('POST', '/beat', { type: 'tap' }, null);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await missing.json()) as { error: string }).error).toMatch(/POST \/beat changes the show and needs the control token: send "Authorization: Bearer TOKEN"/);
    expect((await call('POST', '/scene', { type: 'scene_reset' }, 'nope')).status).toBe(401);
    expect((await call('POST', '/presets', { name: 'x' }, 'nope')).status).toBe(401);
    expect((await call('DELETE', '/presets/x', undefined, 'nope')).status).toBe(401);
    const limited = await call('POST', '/beat', { type: 'tap' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(beats).toEqual([]);
    expect((await call('GET', '/scene', undefined, null)).status).toBe(200);
    expect((await call('GET', '/presets', undefined, null)).status).toBe(200);
    expect((await call('GET', '/presets/export', undefined, null)).status).toBe(200);
  });

  it('POST /api/beat and /api/scene go through the one handler; each refuses the other\'s commands', async () => {
    const { call, scene, beats } = await serve();
    expect((await call('POST', '/beat', { type: 'tap' })).status).toBe(202);
    const wrongRoute = await call('POST', '/beat', { type: 'scene', set: { zoom: 2 } });
    expect(wrongRoute.status).toBe(400);
    expect(((await wrongRoute.json()) as { error: string }).error).toBe('POST /api/beat takes beat commands; send scene to POST /api/scene');
    const changed = await call('POST', '/scene', { type: 'scene', display: 'left', set: { zoom: 2 } });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({ rev: 1, scene: { ...defaultScene(), displays: { left: { zoom: 2 } } } });
    const bad = await call('POST', '/scene', { type: 'scene', set: { zoom: 'far' } });
    expect(((await bad.json()) as { error: string }).error).toBe('scene.set.zoom "far" is not allowed; expected a number from 0.25 to 4');
    expect((await call('POST', '/scene', { type: 'tap' })).status).toBe(400);
    expect(beats).toEqual([{ type: 'tap' }]);
    expect(scene.current.rev).toBe(1);
    expect(await (await call('GET', '/scene', undefined, null)).json()).toEqual(scene.current);
  });

  it('presets: save, recall (a new scene rev), rename, delete, export and import, with the right status codes', async () => {
    const { call, scene } = await serve();
    await call('POST', '/scene', { type: 'scene', set: { palette: 'neon' } });
    const saved = await call('POST', '/presets', { name: 'Drop' });
    expect(saved.status).toBe(201);
    expect(((await saved.json()) as { name: string }).name).toBe('Drop');
    expect((await call('POST', '/presets', { name: 'Drop' })).status).toBe(200);
    expect((await call('POST', '/presets', { name: '' })).status).toBe(400);
    await call('POST', '/scene', { type: 'scene_reset' });
    expect(scene.current.scene.all.palette).toBe('ember');
    const recalled = await call('POST', '/presets/Drop/recall');
    expect(recalled.status).toBe(200);
    expect(scene.current.scene.all.palette).toBe('neon');
    expect(((await recalled.json()) as { rev: number }).rev).toBe(scene.current.rev);
    expect((await call('POST', '/presets/Nope/recall')).status).toBe(404);
    await call('POST', '/presets', { name: 'Intro' });
    expect((await call('PATCH', '/presets/Intro', { name: 'Drop' })).status).toBe(409);
    expect((await call('PATCH', `/presets/${encodeURIComponent('Intro')}`, { name: 'Big intro' })).status).toBe(200);
    const exported = (await (await call('GET', '/presets/export', undefined, null)).json()) as PresetExport;
    expect(exported.presets.map((p) => p.name)).toEqual(['Drop', 'Big intro']);
    expect((await call('DELETE', '/presets/Drop')).status).toBe(204);
    expect((await call('DELETE', '/presets/Drop')).status).toBe(404);
    // An import bigger than the 64 KiB command limit is fine (up to 2 MB), validated before anything changes.
    const displays = Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`projector ${i}`, { palette: 'ocean', zoom: 2, latency_ms: 40 }]));
    const big = { ...defaultScene(), displays };
    const many = { ...exported, presets: Array.from({ length: 100 }, (_, i) => ({ ...exported.presets[0], name: `p${i}`, scene: big })) };
    expect(JSON.stringify(many).length).toBeGreaterThan(64 * 1024);
    expect(await (await call('POST', '/presets/import?mode=replace', many)).json()).toEqual({ imported: 100, total: 100 });
    expect((await call('POST', '/presets/import', { format: 'other' })).status).toBe(400);
    expect((await call('POST', '/presets/import?mode=append', exported)).status).toBe(400);
    const listed = (await (await call('GET', '/presets', undefined, null)).json()) as { presets: unknown[]; problem: null };
    expect([listed.presets.length, listed.problem]).toEqual([100, null]);
  });
});
