import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser } from '../support/browser.js';
import { startDaemon, type RunningDaemon } from '../support/daemon.js';
import { openSurface } from './helpers.js';

const SHIPPED = fileURLToPath(new URL('../../../models/', import.meta.url));

describe.skipIf(!HAS_CHROMIUM)('the control surface shows the daemon\'s boundary alarm', () => {
  let daemon: RunningDaemon;
  let browser: Browser;

  beforeAll(async () => {
    // The shipped models, with an anticipator card whose 16-beat horizon raises the alarm at any hazard: the alarm stands at 16 throughout.
    const dir = mkdtempSync(join(tmpdir(), 'fs-alarm-models-'));
    for (const name of ['beat_activation', 'anticipator', 'controller']) {
      for (const ext of ['.onnx', '.card.json']) copyFileSync(join(SHIPPED, name + ext), join(dir, name + ext));
    }
    const card = JSON.parse(readFileSync(join(dir, 'anticipator.card.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'anticipator.card.json'), JSON.stringify({ ...card, alarm_thresholds: [null, null, null, null, 1e-9] }));
    [daemon, browser] = await Promise.all([startDaemon(['--input', 'demo'], { FRACTALSYNC_MODELS_DIR: dir }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser.close();
    await daemon.stop();
  });

  it('as "change within N beats" beside the section, marked as a warning', async () => {
    const { page, context, errors } = await openSurface(browser, daemon.port, daemon.token);
    try {
      const value = '[data-health="section"] .value';
      await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('change within') === true, value, { timeout: 10_000 });
      expect(await page.textContent(value)).toMatch(/^(silence|intro|verse|pre-chorus|chorus|bridge|inst|outro) — change within 16 beats$/);
      expect(await page.getAttribute('[data-health="section"]', 'data-level')).toBe('warn');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
