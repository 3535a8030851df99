import type { Browser } from 'playwright-core';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser } from '../support/browser.js';
import { openStateStream, startDaemon, type RunningDaemon } from '../support/daemon.js';
import { centreOf, openSurface, sleep } from './helpers.js';

interface BeatRecord {
  hop: number;
  wall: number;
  beat: { bpm: number; phase: number; beat_in_bar: number; beats_per_bar: number; beat_count: number; bar_count: number; conf: number };
}

describe.skipIf(!HAS_CHROMIUM)('control surface in a touch browser, against the demo source', () => {
  let daemon: RunningDaemon;
  let browser: Browser;

  beforeAll(async () => {
    // A numeric PIN, as generated ones are, so the keypad can type it.
    [daemon, browser] = await Promise.all([startDaemon(['--input', 'demo', '--control-token', '24681357']), launchBrowser()]);
  });
  afterAll(async () => {
    await browser.close();
    await daemon.stop();
  });

  it('refuses a wrong PIN, then takes the right one', async () => {
    const { page, context, errors } = await openSurface(browser, daemon.port, null);
    const enter = async (pin: string): Promise<void> => {
      for (const digit of [...pin.split(''), 'OK']) await page.tap(`.keypad [data-key="${digit}"]`);
    };
    await enter('99999999');
    await page.waitForSelector('.pin-message.error');
    expect(await page.textContent('.pin-message')).toBe('Wrong PIN. Try again.');
    expect(await page.textContent('.role')).toBe('view only');
    await enter(daemon.token);
    await page.waitForSelector('body[data-role="control"]');
    expect(await page.isHidden('.pin-screen')).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a visualizer connection (no auth) cannot send commands', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${daemon.port}/ws`);
    const received: Record<string, unknown>[] = [];
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      if (message.type !== undefined) received.push(message);
    });
    await new Promise((resolve) => ws.once('open', resolve));
    const before = (await (await fetch(`http://127.0.0.1:${daemon.port}/api/scene`)).json()) as { rev: number };
    ws.send(JSON.stringify({ type: 'subscribe', display: 'stage', rate: 1 }));
    ws.send(JSON.stringify({ type: 'command', id: 1, command: { type: 'scene', set: { blackout: true } } }));
    ws.send(JSON.stringify({ type: 'command', id: 2, command: { type: 'double' } }));
    while (!received.some((m) => m.id === 2)) await sleep(10);
    ws.close();
    expect(received.filter((m) => m.code === 'forbidden').map((m) => m.id)).toEqual([1, 2]);
    const after = (await (await fetch(`http://127.0.0.1:${daemon.port}/api/scene`)).json()) as { rev: number; scene: { all: { blackout: boolean } } };
    expect(after.rev).toBe(before.rev);
    expect(after.scene.all.blackout).toBe(false);
  });

  it('"this is the one" makes the current beat the downbeat', async () => {
    const { page, context, errors } = await openSurface(browser, daemon.port, daemon.token);
    const stream = await openStateStream(daemon.port);
    try {
      const one = await centreOf(page, '#downbeat');
      const states = stream.states as unknown as BeatRecord[];
      // Press early in a beat that is not the first of its bar, so "the nearest beat" is this one.
      let pressed: BeatRecord | undefined;
      const deadline = Date.now() + 15_000;
      while (pressed === undefined && Date.now() < deadline) {
        const last = states.at(-1);
        if (last !== undefined && last.beat.beat_in_bar === 2 && last.beat.phase < 0.2 && last.beat.conf > 0.4) pressed = last;
        else await sleep(5);
      }
      if (pressed === undefined) throw new Error('no early second beat of a bar within 15 s');
      await page.touchscreen.tap(one.x, one.y);
      const at = pressed;
      const moved = async (): Promise<BeatRecord | undefined> => {
        for (let i = 0; i < 100; i++) {
          const found = states.find((s) => s.hop > at.hop && s.beat.beat_count === at.beat.beat_count && s.beat.beat_in_bar === 1);
          if (found !== undefined) return found;
          await sleep(10);
        }
        return undefined;
      };
      const downbeat = await moved();
      expect(downbeat, `beat ${String(at.beat.beat_count)} should have become beat 1 of its bar`).toBeDefined();
      // The bar now counts from the pressed beat: the next bar starts beats_per_bar beats later.
      const bpb = at.beat.beats_per_bar;
      while (!states.some((s) => s.beat.beat_count === at.beat.beat_count + bpb)) await sleep(20);
      const nextBar = states.find((s) => s.beat.beat_count === at.beat.beat_count + bpb);
      expect(nextBar?.beat.beat_in_bar).toBe(1);
      expect(nextBar?.beat.bar_count).toBe((downbeat?.beat.bar_count ?? NaN) + 1);
      expect(errors).toEqual([]);
    } finally {
      stream.close();
      await context.close();
    }
  });

  // How fast (issue 6: within 100 ms) is measured by `node server/dist/bench/scene-sync.js`, not here: a timed
  // assertion in a test fails whenever the machine is busy, and proves nothing about speed when it passes.
  it('two surfaces stay in sync: a palette picked on one shows on the other, a fader moved there comes back', async () => {
    const a = await openSurface(browser, daemon.port, daemon.token);
    const b = await openSurface(browser, daemon.port, daemon.token);
    try {
      expect(await b.page.isVisible('[data-palette="neon"].on')).toBe(false);
      await a.page.tap('[data-palette="neon"]');
      await b.page.waitForSelector('[data-palette="neon"].on');
      // And back, through a fader on B: A follows.
      await b.page.locator('[data-field="zoom"]').fill('2');
      await a.page.waitForFunction(() => (document.querySelector<HTMLInputElement>('[data-field="zoom"]')?.value ?? '') === '2');
      const scene = (await (await fetch(`http://127.0.0.1:${daemon.port}/api/scene`)).json()) as { scene: { all: { palette: string; zoom: number } } };
      expect(scene.scene.all.palette).toBe('neon');
      expect(scene.scene.all.zoom).toBeCloseTo(2, 9);
      expect([...a.errors, ...b.errors]).toEqual([]);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  it('MIDI transport buttons go to the daemon: with no MIDI clock configured, Start is refused by name', async () => {
    const { page, context, errors } = await openSurface(browser, daemon.port, daemon.token);
    try {
      await page.waitForFunction(() => (document.querySelector('.midi-state')?.textContent ?? '').includes('not configured'));
      await page.tap('#midi-start');
      const toast = await page.waitForSelector('.toast');
      expect(await toast.textContent()).toMatch(/transport start: there is no MIDI clock output/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  // Last: it leaves the tracker re-finding the demo's own 124 BPM, which would disturb the tests after it.
  it('four taps 500 ms apart (tempo locked) set the tempo to 120 ± 1 BPM', async () => {
    const { page, context, errors } = await openSurface(browser, daemon.port, daemon.token);
    const stream = await openStateStream(daemon.port);
    try {
      await page.tap('#lock');
      await page.waitForSelector('#lock.on');
      const { x, y } = await centreOf(page, '#tap');
      // Touches carry the time the finger landed, as a touchscreen stamps them; the surface sends that time, so
      // how late each event reaches the page (up to 50 ms on this 2-core machine) does not bend the tempo.
      const cdp = await context.newCDPSession(page);
      const start = Date.now() + 100;
      for (let i = 0; i < 4; i++) {
        const when = start + i * 500;
        await sleep(when - Date.now());
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }], timestamp: when / 1000 });
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [], timestamp: when / 1000 + 0.05 });
      }
      await sleep(400);
      const bpm = (stream.states.at(-1) as unknown as BeatRecord).beat.bpm;
      expect(Math.abs(bpm - 120)).toBeLessThanOrEqual(1);
      await page.tap('#lock');
      await page.waitForSelector('#lock:not(.on)');
      expect(errors).toEqual([]);
    } finally {
      stream.close();
      await context.close();
    }
  });
});
