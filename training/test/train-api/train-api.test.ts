import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainApp } from '../../src/train-api/train-app.js';
import { TrainRuns } from '../../src/train-api/train-runs.js';
import type { TrainStatus } from '../../src/train-api/train-runs.js';
import { parseTrainRequest } from '../../src/train-api/train-request.js';
import { writeTinySet } from '../anticipator/tiny-set.js';

const dir = mkdtempSync(join(tmpdir(), 'fs-train-api-'));
let server: Server;
let base = '';
let clock = 1000;
const runs = new TrainRuns(() => clock++);

beforeAll(async () => {
  await tf.setBackend('cpu');
  await new Promise<void>((done) => {
    server = trainApp(runs).listen(0, '127.0.0.1', () => {
      done();
    });
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await runs.settled();
  await new Promise<void>((done) => {
    server.close(() => {
      done();
    });
  });
  rmSync(dir, { recursive: true, force: true });
});

const post = (body: unknown): Promise<Response> => fetch(`${base}/api/train/start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const status = async (): Promise<TrainStatus> => (await (await fetch(`${base}/api/train/status`)).json()) as TrainStatus;

describe('training API', () => {
  it('is idle before any run', async () => {
    const s = await status();
    expect(s.status).toBe('idle');
    expect(s.loss_history).toHaveLength(0);
  });

  it('answers a bad request with 400 naming every bad field and the value given', async () => {
    const res = await post({ model: 'tcn', epochs: 0, learning_rate: -1, deltas: 'triple' });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: string };
    expect(error).toMatch(/model: .*\(got "tcn"\)/);
    expect(error).toMatch(/epochs: .*\(got 0\)/);
    expect(error).toMatch(/learning_rate: .*\(got -1\)/);
    expect(error).toMatch(/deltas: .*\(got "triple"\)/);
    const unknown = await post({ model: 'anticipator', colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/colour/);
  });

  it('answers malformed JSON with 400', async () => {
    const res = await fetch(`${base}/api/train/start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model":' });
    expect(res.status).toBe(400);
  });

  it('runs a two-step anticipator training on a tiny set, refuses a second run meanwhile, and reports progress and losses', async () => {
    const manifest = writeTinySet(dir, 8, 60);
    const out = join(dir, 'run');
    const request = { model: 'anticipator', data: manifest, epochs: 2, batches_per_epoch: 1, batch_size: 8, learning_rate: 0.01, window_frames: 10, deltas: 'delta', out };
    const res = await post(request);
    expect(res.status).toBe(202);
    expect(((await res.json()) as TrainStatus).status).toBe('running');
    const busy = await post(request);
    expect(busy.status).toBe(409);
    expect(((await busy.json()) as { error: string }).error).toMatch(/anticipator run is in progress/);
    await runs.settled();
    const s = await status();
    expect(s.error).toBeNull();
    expect(s.status).toBe('done');
    expect(s.progress).toBeCloseTo(1, 9);
    expect(s.epoch).toBe(2);
    expect(s.loss_history).toHaveLength(2);
    for (const e of s.loss_history) expect(Number.isFinite(e.train_loss) && Number.isFinite(e.val_loss)).toBe(true);
    expect(s.finished_at).toBeGreaterThan(s.started_at ?? Infinity);
    const history = JSON.parse(readFileSync(join(out, 'training_history.json'), 'utf8')) as { epochs: unknown[] };
    expect(history.epochs).toHaveLength(2);
  });

  it('reports a failed run with its error', async () => {
    const res = await post({ model: 'anticipator', data: join(dir, 'missing'), epochs: 1 });
    expect(res.status).toBe(202);
    await runs.settled();
    const s = await status();
    expect(s.status).toBe('failed');
    expect(s.error).toMatch(/missing\/manifest\.json cannot be read/);
  });

  it('fills defaults in a minimal request', () => {
    const r = parseTrainRequest({ model: 'controller' });
    expect(r.window_frames).toBe(10);
    expect(r.deltas).toBe('none');
    expect(r.epochs).toBeGreaterThan(0);
  });
});
