import { describe, expect, it } from 'vitest';
import { BeatControlState } from '../../src/control/beat-controls.js';
import { createCommandHandler } from '../../src/control/command-handler.js';
import { createControlAuth } from '../../src/control/control-auth.js';
import { SceneState } from '../../src/control/scene-state.js';
import type { BeatCommand } from '../../src/core/beat/commands.js';
import { defaultScene } from '../../src/core/scene/scene.js';
import type { StateSocketOptions } from '../../src/outputs/ws/ws-server.js';
import { RecordingLog } from '../support/recording-log.js';
import { wsHarness } from './harness.js';
import { makeState } from './helpers.js';
import type { TestClient } from './helpers.js';

const TOKEN = '31415926';
const harness = wsHarness();

function controlled(required = true, maxFailures = 5) {
  const log = new RecordingLog();
  const scene = new SceneState({ rev: 0, scene: defaultScene() }, log);
  const beatControls = new BeatControlState();
  const beats: BeatCommand[] = [];
  const commands = createCommandHandler(
    {
      beat: (c) => {
        beats.push(c);
        beatControls.record(c);
      },
      scene: (c) => {
        scene.apply(c);
      },
    },
    log,
  );
  const auth = createControlAuth({ token: TOKEN, required, maxFailures }, log);
  const options: StateSocketOptions = { control: { auth, commands, scene, beatControls } };
  return { options, scene, beats };
}

/** A client once it has the scene, which follows hello. */
function connect(url: string): Promise<TestClient> {
  return harness.connect(url, 'scene');
}

async function authed(url: string): Promise<TestClient> {
  const c = await connect(url);
  c.send({ type: 'auth', token: TOKEN });
  await c.waitFor((m) => m.type === 'authed', 'authed');
  return c;
}

describe('state socket: control channel', () => {
  it('sends hello then the scene to every client; hello says the role', async () => {
    const { options } = controlled();
    const srv = await harness.start(options);
    const c = await connect(srv.url);
    expect(c.received.slice(0, 2).map((m) => m.type)).toEqual(['hello', 'scene']);
    expect(c.received[0]).toMatchObject({ role: 'viewer', auth_required: true });
    expect(c.received[1]).toEqual({ type: 'scene', rev: 0, scene: defaultScene() });
  });

  it('a viewer (a projector, no auth) cannot send commands: forbidden, and nothing happens', async () => {
    const { options, scene, beats } = controlled();
    const srv = await harness.start(options);
    const viewer = await connect(srv.url);
    viewer.send({ type: 'command', id: 'x1', command: { type: 'scene', set: { blackout: true } } });
    viewer.send({ type: 'command', id: 'x2', command: { type: 'tap' } });
    const error = await viewer.waitFor((m) => m.type === 'error' && m.id === 'x2', 'forbidden for x2');
    expect(error).toMatchObject({ code: 'forbidden', error: expect.stringMatching(/commands need the control token/) as unknown });
    expect(viewer.received.filter((m) => m.code === 'forbidden')).toHaveLength(2);
    expect(scene.current.rev).toBe(0);
    expect(beats).toEqual([]);
    expect(srv.sock.stats().forbidden_commands).toBe(2);
  });

  it('a wrong token is refused with bad_token; repeated ones lock the host out, even for the right token', async () => {
    const { options } = controlled(true, 3);
    const srv = await harness.start(options);
    const c = await connect(srv.url);
    for (let i = 0; i < 3; i++) {
      const from = c.received.length;
      c.send({ type: 'auth', token: `0000000${i}` });
      expect((await c.waitFor((m) => m.type === 'error', 'auth error', 5000, from)).code).toBe('bad_token');
    }
    const from = c.received.length;
    c.send({ type: 'auth', token: TOKEN });
    const limited = await c.waitFor((m) => m.type === 'error', 'rate_limited', 5000, from);
    expect(limited.code).toBe('rate_limited');
    expect(limited.error).toMatch(/too many wrong tokens from 127\.0\.0\.1; try again in 30 s/);
    expect(srv.sock.clients()[0]?.role).toBe('viewer');
  });

  it('a controller gets acks and the beat controls; a scene change reaches every client within 100 ms', async () => {
    const { options, scene, beats } = controlled();
    const srv = await harness.start(options);
    const surface = await authed(srv.url);
    expect(await surface.waitFor((m) => m.type === 'beat_controls', 'beat controls')).toEqual({ type: 'beat_controls', locked: false, meter: null });
    const others = await Promise.all(Array.from({ length: 4 }, () => connect(srv.url)));
    const sentAt = performance.now();
    surface.send({ type: 'command', id: 7, command: { type: 'scene', display: 'left', set: { palette: 'neon' } } });
    const arrivals = await Promise.all([surface, ...others].map(async (c) => {
      await c.waitFor((m) => m.type === 'scene' && m.rev === 1, 'scene rev 1');
      return performance.now() - sentAt;
    }));
    expect(Math.max(...arrivals)).toBeLessThan(100);
    expect(await surface.waitFor((m) => m.type === 'ack' && m.id === 7, 'ack 7')).toEqual({ type: 'ack', id: 7, ok: true });
    expect(scene.current.scene.displays).toEqual({ left: { palette: 'neon' } });
    surface.send({ type: 'command', id: 8, command: { type: 'lock', on: true } });
    expect(await surface.waitFor((m) => m.type === 'beat_controls' && m.locked === true, 'locked')).toMatchObject({ meter: null });
    expect(beats).toEqual([{ type: 'lock', on: true }]);
    // Viewers hear about scenes, not about beat controls.
    expect(others[0]?.received.some((m) => m.type === 'beat_controls')).toBe(false);
    surface.send({ type: 'command', id: 9, command: { type: 'scene', set: { zoom: 99 } } });
    expect(await surface.waitFor((m) => m.type === 'ack' && m.id === 9, 'ack 9')).toEqual({
      type: 'ack', id: 9, ok: false, error: 'scene.set.zoom 99 is not allowed; expected a number from 0.25 to 4',
    });
    expect(srv.sock.clients().map((i) => i.scene_rev)).toEqual([1, 1, 1, 1, 1]);
  });

  it('with require_token off every client is a controller from the start', async () => {
    const { options } = controlled(false);
    const srv = await harness.start(options);
    const c = await connect(srv.url);
    expect(c.received[0]).toMatchObject({ role: 'control', auth_required: false });
    c.send({ type: 'command', id: 1, command: { type: 'control_source', value: 'manual' } });
    expect(await c.waitFor((m) => m.type === 'ack', 'ack')).toMatchObject({ ok: true });
  });

  it('without control options the socket is a read-only stream: no scene, commands forbidden', async () => {
    const srv = await harness.start();
    const c = await harness.connect(srv.url);
    await c.waitFor((m) => m.type === 'hello', 'hello');
    c.send({ type: 'auth', token: TOKEN });
    expect((await c.waitFor((m) => m.type === 'error', 'error')).code).toBe('forbidden');
    srv.bus.publish(makeState(1));
    await c.waitForHop(1);
    expect(c.received.some((m) => m.type === 'scene')).toBe(false);
  });
});
