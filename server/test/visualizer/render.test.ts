import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultScene, type Look, type Scene } from '../../src/core/scene/scene.js';
import type { PaletteName } from '../../src/core/visual/palettes.js';
import { HAS_CHROMIUM, launchBrowser, openPage, type WatchedPage } from '../support/browser.js';
import { startDaemon, type RunningDaemon } from '../support/daemon.js';
import { VIEWPORT, meanAbsDiff, pixelStats, renderAtPhase, saveVisual, waitForLock } from './helpers.js';

const DISPLAY = 'stage-left';
const SHIPPED_MODELS = fileURLToPath(new URL('../../../models/', import.meta.url));
const LOOK_SHOTS: [Exclude<Look, 'auto'>, PaletteName][] = [
  ['calm', 'ocean'],
  ['bloom', 'ember'],
  ['dust', 'neon'],
  ['storm', 'aurora'],
];

describe.skipIf(!HAS_CHROMIUM)('the projector visualizer in headless Chromium', () => {
  let daemon: RunningDaemon | undefined;
  let browser: Browser | undefined;
  let watched: WatchedPage;
  let rev = 1000;

  const page = () => watched.page;
  const now = (): Promise<number> => page().evaluate(() => globalThis.__fractalsync?.now() ?? Number.NaN);
  const applyScene = async (edit: (scene: Scene) => void): Promise<void> => {
    const scene = defaultScene();
    edit(scene);
    rev += 1;
    await page().evaluate(([s, r]) => globalThis.__fractalsync?.applyScene(s, r), [scene, rev] as const);
  };

  beforeAll(async () => {
    // Only the beat model: with no anticipator, section looks and the hazard build-up hold still, so the frames
    // compared below differ by the beat alone. (Structure-driven looks and build-up: server/test/visual/frame-plan.test.ts.)
    const models = mkdtempSync(join(tmpdir(), 'fs-visual-models-'));
    for (const ext of ['.onnx', '.card.json']) copyFileSync(join(SHIPPED_MODELS, `beat_activation${ext}`), join(models, `beat_activation${ext}`));
    daemon = await startDaemon(['--input', 'demo'], { FRACTALSYNC_MODELS_DIR: models });
    browser = await launchBrowser();
    watched = await openPage(browser, `http://127.0.0.1:${daemon.port}/?display=${DISPLAY}&latency=40`, { viewport: VIEWPORT });
    await waitForLock(watched.page);
  }, 45_000);

  // Tests that draw chosen moments pause the animation loop; each test starts with it running again.
  afterEach(async () => {
    await page().evaluate(() => globalThis.__fractalsync?.resume());
  });

  afterAll(async () => {
    await browser?.close();
    await daemon?.stop();
  });

  it('renders a Julia set and registers its display with the daemon', async () => {
    await renderAtPhase(page(), await now(), 0.3, 0.35);
    const png = await page().screenshot();
    saveVisual('browser-render.png', png);
    const stats = pixelStats(png);
    // Not blank, not noise: many colours, a real spread of brightness, and the set's edges.
    expect(stats.stdLuma).toBeGreaterThan(0.05);
    expect(stats.colours).toBeGreaterThan(150);
    expect(stats.edges).toBeGreaterThan(0.005);
    expect(stats.black).toBeLessThan(0.95);
    const status = (await (await fetch(`http://127.0.0.1:${String(daemon?.port)}/api/status`)).json()) as { clients: { display: string | null; latency_ms: number | null }[] };
    expect(status.clients).toContainEqual(expect.objectContaining({ display: DISPLAY, latency_ms: 40 }));
  });

  it('draws a brighter, zoomed-in frame on the beat than between beats', async () => {
    const frames: { t: number; pulse: number; luma: number; scale: number; png: Buffer }[] = [];
    for (const [lo, hi] of [[0.01, 0.03], [0.48, 0.52], [0.01, 0.03]] as const) {
      const drawn = await renderAtPhase(page(), (frames.at(-1)?.t ?? (await now())) + 50, lo, hi);
      expect(drawn.phase).toBeGreaterThanOrEqual(lo);
      expect(drawn.phase).toBeLessThan(hi);
      const scale = await page().evaluate(() => globalThis.__fractalsync?.uniforms().uScale);
      const png = await page().screenshot();
      frames.push({ t: drawn.t, pulse: drawn.pulse, luma: pixelStats(png).meanLuma, scale: Number(scale), png });
    }
    const [on, off, nextOn] = frames as [(typeof frames)[0], (typeof frames)[0], (typeof frames)[0]];
    expect(on.pulse).toBeGreaterThan(0.6);
    expect(off.pulse).toBeLessThan(0.1);
    // Both beats are brighter than the moment between them, and zoomed in (a smaller view).
    expect(on.luma).toBeGreaterThan(off.luma * 1.15);
    expect(nextOn.luma).toBeGreaterThan(off.luma * 1.15);
    expect(on.scale).toBeLessThan(off.scale * 0.97);
    expect(meanAbsDiff(on.png, off.png)).toBeGreaterThan(0.02);
    expect(meanAbsDiff(nextOn.png, off.png)).toBeGreaterThan(0.02);
  });

  it('shows each look when the scene asks for it, and saves a picture of each', async () => {
    const shots: Buffer[] = [];
    const base = await now();
    for (const [i, [look, palette]] of LOOK_SHOTS.entries()) {
      await applyScene((scene) => {
        scene.all.look = look;
        scene.all.palette = palette;
      });
      // A look blends in over 2 s: start the blend, then draw a beat well after it has finished.
      const start = base + i * 4000;
      await page().evaluate((t) => globalThis.__fractalsync?.renderAt(t), start);
      const drawn = await renderAtPhase(page(), start + 2100, 0.02, 0.06);
      expect(drawn.look).toBe(look);
      const png = await page().screenshot();
      saveVisual(`look-${look}.png`, png);
      const stats = pixelStats(png);
      expect(stats.stdLuma).toBeGreaterThan(0.04);
      expect(stats.colours).toBeGreaterThan(100);
      shots.push(png);
    }
    for (let i = 0; i < shots.length; i++) {
      for (let j = i + 1; j < shots.length; j++) expect(meanAbsDiff(shots[i] as Buffer, shots[j] as Buffer)).toBeGreaterThan(0.03);
    }
    await applyScene(() => undefined);
  });

  it('goes black on blackout, flashes on the beat with strobe, and takes its latency from the scene', async () => {
    await applyScene((scene) => {
      scene.all.blackout = true;
    });
    await renderAtPhase(page(), await now(), 0.2, 0.3);
    expect(pixelStats(await page().screenshot()).meanLuma).toBeLessThan(0.005);

    await applyScene((scene) => {
      scene.all.strobe = true;
    });
    // The strobe mixes white in at 0.85 x (1 - phase / 0.12): within 0.01 of the beat that is at least 0.78 of
    // white whatever the picture under it (at 0.03 it was 0.64, and a dark picture left the frame under 0.7).
    const on = await renderAtPhase(page(), await now(), 0.0, 0.01);
    const flash = pixelStats(await page().screenshot());
    await renderAtPhase(page(), on.t, 0.4, 0.6);
    const off = pixelStats(await page().screenshot());
    expect(flash.meanLuma).toBeGreaterThan(0.75);
    expect(off.meanLuma).toBeLessThan(0.4);
    await page().evaluate(() => globalThis.__fractalsync?.resume());

    await applyScene((scene) => {
      scene.displays[DISPLAY] = { latency_ms: 120 };
    });
    expect((await page().evaluate(() => globalThis.__fractalsync?.status().latencyMs))).toBe(120);
    // The display re-subscribes, so the daemon lists the new latency too.
    await expect
      .poll(async () => {
        const status = (await (await fetch(`http://127.0.0.1:${String(daemon?.port)}/api/status`)).json()) as { clients: { display: string | null; latency_ms: number | null }[] };
        return status.clients.find((c) => c.display === DISPLAY)?.latency_ms;
      }, { timeout: 5000 })
      .toBe(120);
    await applyScene(() => undefined);
  });

  it('toggles the HUD with h', async () => {
    const hud = page().locator('#hud');
    await expect.poll(() => hud.isVisible()).toBe(false);
    await page().keyboard.press('h');
    await expect.poll(() => hud.isVisible()).toBe(true);
    await expect.poll(() => hud.textContent(), { timeout: 2000 }).toMatch(/fps\s+\d+\.\d[\s\S]*BPM[\s\S]*confidence[\s\S]*offset -?\d+\.\d ms[\s\S]*latency\s+40 ms/);
    await page().keyboard.press('h');
    await expect.poll(() => hud.isVisible()).toBe(false);
  });

  it('comes back after losing its WebGL context', async () => {
    await page().evaluate(`(() => {
      const canvas = document.querySelector('canvas');
      const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
      globalThis.__loseContext = gl.getExtension('WEBGL_lose_context');
      globalThis.__loseContext.loseContext();
    })()`);
    await expect.poll(() => page().evaluate(() => globalThis.__fractalsync?.status().contextLost)).toBe(true);
    const framesWhileLost = await page().evaluate(() => globalThis.__fractalsync?.status().frames ?? 0);
    await page().waitForTimeout(300);
    expect(await page().evaluate(() => globalThis.__fractalsync?.status().frames)).toBe(framesWhileLost);
    await page().evaluate('globalThis.__loseContext.restoreContext()');
    await expect.poll(() => page().evaluate(() => globalThis.__fractalsync?.status().frames ?? 0), { timeout: 5000 }).toBeGreaterThan(framesWhileLost + 3);
    await renderAtPhase(page(), await now(), 0.3, 0.35);
    // Drawn again, whatever c the live demo has reached by now: a lost or blank canvas has a handful of colours,
    // a Julia frame over a hundred (138 to several hundred, depending on c).
    const stats = pixelStats(await page().screenshot());
    expect(stats.stdLuma).toBeGreaterThan(0.05);
    expect(stats.colours).toBeGreaterThan(100);
  });

  it('logged no console errors and no page errors', () => {
    expect(watched.errors).toEqual([]);
  });
});
