import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchChromium } from '@fractalsync/server/bench/chromium';
import { saveScreenshot } from '../../../server/test/support/screenshots.js';
import { trainApp } from '../../src/train-api/train-app.js';
import { TrainRuns } from '../../src/train-api/train-runs.js';
import { writeTinySet } from '../anticipator/tiny-set.js';

const dir = mkdtempSync(join(tmpdir(), 'fs-train-watch-'));
const runs = new TrainRuns(() => Date.now());
let server: Server;
let base = '';
let browser: Browser;

describe.skipIf(!HAS_CHROMIUM)('training watch page in headless Chromium', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await new Promise<void>((done) => {
      server = trainApp(runs).listen(0, '127.0.0.1', () => {
        done();
      });
    });
    base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    await runs.settled();
    await new Promise<void>((done) => {
      server.close(() => {
        done();
      });
    });
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts a real anticipator run from the form, shows progress and both loss curves, and ends with "done"', async () => {
    const manifest = writeTinySet(dir, 8, 60);
    const page = await browser.newPage({ viewport: { width: 820, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/`);
    await page.waitForFunction(`document.getElementById('state')?.textContent === 'idle'`);
    // A value the form lets through but the API refuses first: the API's own words show, nothing starts.
    await page.fill('input[name="data"]', manifest);
    await page.fill('input[name="learning_rate"]', '5');
    await page.click('#go');
    await page.waitForFunction(`(document.getElementById('message')?.textContent ?? '').includes('learning_rate')`);
    expect(await page.getAttribute('#message', 'class')).toBe('refused');
    expect(runs.status().status).toBe('idle');
    // The refused request is the one console error Chromium logs (a 400 response); nothing else may follow.
    expect(errors).toEqual([expect.stringMatching(/status of 400/)]);
    errors.length = 0;
    // Then a real run: three epochs of two batches on the tiny set.
    await page.fill('input[name="epochs"]', '3');
    await page.fill('input[name="batches_per_epoch"]', '2');
    await page.fill('input[name="batch_size"]', '8');
    await page.fill('input[name="learning_rate"]', '0.01');
    await page.fill('input[name="out"]', join(dir, 'run'));
    await page.click('#go');
    await page.waitForFunction(`document.getElementById('state')?.textContent === 'done'`, undefined, { timeout: 60_000 });
    expect(runs.status().loss_history).toHaveLength(3);
    expect(await page.textContent('#epoch')).toBe('3 of 3');
    expect(await page.evaluate<number>(`document.getElementById('progress').value`)).toBe(1);
    // One point per epoch on each curve, inside the chart.
    for (const id of ['#train-line', '#val-line']) {
      const points = ((await page.getAttribute(id, 'points')) ?? '').trim().split(/\s+/);
      expect(points).toHaveLength(3);
      for (const p of points) {
        const [x, y] = p.split(',').map(Number);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(600);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(220);
      }
    }
    expect(await page.textContent('#error')).toBe('');
    saveScreenshot('training', 'watch-page.png', await page.screenshot({ fullPage: true }));
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
