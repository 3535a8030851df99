import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser } from '../support/browser.js';
import { startDaemon } from '../support/daemon.js';
import { openSurface } from './helpers.js';

interface SceneBody {
  rev: number;
  scene: { all: { palette: string; look: string; blackout: boolean } };
}

describe.skipIf(!HAS_CHROMIUM)('presets from the surface survive a daemon restart', () => {
  let browser: Browser;
  let state: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    state = mkdtempSync(join(tmpdir(), 'fractalsync-surface-presets-'));
  });
  afterAll(async () => {
    await browser.close();
    rmSync(state, { recursive: true, force: true });
  });

  it('saves a look as a preset, restarts the daemon, and recalls it', async () => {
    let daemon = await startDaemon(['--input', 'demo', '--state-dir', state]);
    const scene = async (): Promise<SceneBody> => (await (await fetch(`http://127.0.0.1:${daemon.port}/api/scene`)).json()) as SceneBody;
    try {
      const { page, context, errors } = await openSurface(browser, daemon.port, daemon.token);
      await page.tap('[data-look="storm"]');
      await page.tap('[data-palette="aurora"]');
      await page.waitForSelector('[data-palette="aurora"].on');
      await page.fill('.presets .row .preset-name', 'Storm drop');
      await page.tap('#preset-save');
      await page.waitForSelector('[data-preset="Storm drop"]');
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await daemon.stop();
    }

    daemon = await startDaemon(['--input', 'demo', '--state-dir', state]);
    try {
      const { page, context, errors } = await openSurface(browser, daemon.port, daemon.token);
      // Change the look so the recall has something to undo.
      await page.tap('[data-look="calm"]');
      await page.tap('[data-palette="mono"]');
      await page.waitForSelector('[data-palette="mono"].on');
      expect((await scene()).scene.all.palette).toBe('mono');
      const before = (await scene()).rev;
      await page.tap('[data-preset="Storm drop"] .recall');
      await page.waitForSelector('[data-palette="aurora"].on');
      await page.waitForSelector('[data-look="storm"].on');
      const after = await scene();
      expect(after.scene.all).toMatchObject({ palette: 'aurora', look: 'storm', blackout: false });
      expect(after.rev).toBe(before + 1);
      // Rename and delete from the surface too (delete asks for a second tap).
      await page.tap('[data-preset="Storm drop"] button:has-text("Rename")');
      await page.fill('[data-preset="Storm drop"] input', 'Finale');
      await page.tap('[data-preset="Storm drop"] button:has-text("OK")');
      await page.waitForSelector('[data-preset="Finale"]');
      await page.tap('[data-preset="Finale"] .danger');
      await page.tap('[data-preset="Finale"] .danger');
      await page.waitForSelector('.preset-list .empty');
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await daemon.stop();
    }
  });
});
