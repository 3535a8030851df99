import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT } from '../../src/core/contract/contract.js';
import { createHttpApp } from '../../src/http/app.js';
import type { HttpAppOptions } from '../../src/http/app.js';
import { listen } from '../../src/http/listen.js';
import { recordingLog } from '../ws/helpers.js';
import type { RecordingLog } from '../ws/helpers.js';

let tmp = '';
let server: Server | undefined;
let log: RecordingLog;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fs-http-'));
  for (const [dir, title] of [
    ['visualizer', 'Visualizer'],
    ['control', 'Control'],
  ] as const) {
    mkdirSync(join(tmp, dir, 'assets'), { recursive: true });
    writeFileSync(join(tmp, dir, 'index.html'), `<!doctype html><title>${title}</title>`);
    writeFileSync(join(tmp, dir, 'assets', 'app.js'), `console.log('${title}');`);
  }
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});
afterEach(async () => {
  if (server) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => {
      server?.close(() => {
        resolve();
      });
    });
  }
  server = undefined;
});

async function serve(overrides: Partial<HttpAppOptions> = {}): Promise<string> {
  log = recordingLog();
  const app = createHttpApp({
    status: () => ({ input: { state: 'running' } }),
    contract: CONTRACT,
    staticDirs: { visualizer: join(tmp, 'visualizer'), controlSurface: join(tmp, 'control') },
    log,
    ...overrides,
  });
  server = await listen(app, { host: '127.0.0.1', port: 0 }, log);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('HTTP app: API', () => {
  it('GET /healthz answers ok', async () => {
    const base = await serve();
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('GET /api/status reads the status function on every request', async () => {
    let hop = 0;
    const base = await serve({ status: () => ({ processing: { hop: ++hop } }) });
    expect(await (await fetch(`${base}/api/status`)).json()).toEqual({ processing: { hop: 1 } });
    const res = await fetch(`${base}/api/status`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ processing: { hop: 2 } });
  });

  it('GET /api/contract returns the contract', async () => {
    const base = await serve();
    const body = (await (await fetch(`${base}/api/contract`)).json()) as typeof CONTRACT;
    expect(body.contract_version).toBe(1);
    expect(body.sections).toEqual(CONTRACT.sections);
    expect(body.audio).toEqual({ sample_rate: 48000, hop: 1024, n_fft: 4096, window: 'hann' });
  });

  it('unknown /api endpoints answer a JSON 404 naming the method and path', async () => {
    const base = await serve();
    const res = await fetch(`${base}/api/xyz?a=1`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'no such endpoint: GET /api/xyz' });
    const post = await fetch(`${base}/api/status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(await post.json()).toEqual({ error: 'no such endpoint: POST /api/status' });
  });

  it('a malformed JSON body is a 400 naming the problem; an oversized one a 413', async () => {
    const base = await serve();
    const res = await fetch(`${base}/api/anything`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"scene": ' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string };
    expect(body.error).toMatch(/^malformed JSON body in POST \/api\/anything: /);
    const big = await fetch(`${base}/api/anything`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(70 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: string }).error).toMatch(/larger than the 65536 byte limit/);
  });

  it('extra API routes are mounted, and a throwing handler gets a 500 without a stack trace', async () => {
    const api = express.Router();
    api.post('/echo', (req, res) => {
      res.json({ got: req.body as unknown });
    });
    const base = await serve({
      api,
      status: () => {
        throw new Error('engine exploded');
      },
    });
    const echo = await fetch(`${base}/api/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(await echo.json()).toEqual({ got: { a: 1 } });
    const res = await fetch(`${base}/api/status`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: 'internal error while handling GET /api/status; see the server log' });
    expect(text).not.toMatch(/exploded|\.ts|at /);
    expect(log.lines.some((l) => l.startsWith('error: ') && l.includes('engine exploded') && l.includes('app.test.ts'))).toBe(true);
  });
});

describe('HTTP app: web apps', () => {
  it('serves the visualizer at / and the control surface at /control', async () => {
    const base = await serve();
    expect(await (await fetch(`${base}/`)).text()).toContain('<title>Visualizer</title>');
    expect(await (await fetch(`${base}/assets/app.js`)).text()).toContain("'Visualizer'");
    expect(await (await fetch(`${base}/control/`)).text()).toContain('<title>Control</title>');
    expect(await (await fetch(`${base}/control/assets/app.js`)).text()).toContain("'Control'");
    const missing = await fetch(`${base}/control/nope.js`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('not found in the control surface: /control/nope.js\n');
  });

  it('a missing build answers 503 telling how to build it, and logs it once', async () => {
    const base = await serve({ staticDirs: { visualizer: join(tmp, 'absent-v'), controlSurface: join(tmp, 'absent-c') } });
    for (const path of ['/', '/index.html', '/control/', '/control/x.js']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(503);
      expect(await res.text()).toMatch(/web app is not built\. Run `npm run build`/);
    }
    expect(log.lines.filter((l) => l.startsWith('warn: ') && l.includes('visualizer is not built'))).toHaveLength(1);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('a build made while the server runs is picked up', async () => {
    const dir = join(tmp, 'late');
    const base = await serve({ staticDirs: { visualizer: dir, controlSurface: join(tmp, 'control') } });
    expect((await fetch(`${base}/`)).status).toBe(503);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<title>Late</title>');
    expect(await (await fetch(`${base}/`)).text()).toContain('Late');
  });
});
