import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import { createCommandHandler } from '../../src/control/command-handler.js';
import { createControlAuth } from '../../src/control/control-auth.js';
import { SceneState } from '../../src/control/scene-state.js';
import { defaultScene } from '../../src/core/scene/scene.js';
import { ControlChannel } from '../../src/outputs/ws/control-channel.js';
import { StateClient } from '../../src/outputs/ws/state-client.js';
import { RecordingLog } from '../support/recording-log.js';

// The channel only hands text to `send`; the socket behind the client is never touched here.
const fakeSocket = { readyState: 1, bufferedAmount: 0 } as unknown as WebSocket;

describe('ControlChannel without sockets', () => {
  it('a scene skipped while a client is backed up is sent on the next catch-up: the newest one, once', () => {
    const log = new RecordingLog();
    const scene = new SceneState({ rev: 0, scene: defaultScene() }, log);
    const commands = createCommandHandler({ beat: () => undefined, scene: (c) => { scene.apply(c); } }, log);
    const auth = createControlAuth({ token: '12345678', required: true }, log);
    let backedUp = true;
    const sent: string[] = [];
    const channel = new ControlChannel({ auth, commands, scene }, (_client, text) => {
      if (backedUp) return false;
      sent.push(text);
      return true;
    }, log);
    const client = new StateClient('c1', fakeSocket, { host: '10.0.0.7', port: 5000 }, 0, 1024);
    channel.attach(() => [client]);

    channel.welcome(client);
    expect(client.sceneRev).toBe(-1);
    scene.apply({ type: 'scene', set: { palette: 'neon' } });
    scene.apply({ type: 'scene', set: { zoom: 2 } });
    expect(sent).toEqual([]);

    backedUp = false;
    channel.catchUp(client);
    channel.catchUp(client);
    expect(sent.map((text) => JSON.parse(text) as { type: string; rev: number })).toMatchObject([{ type: 'scene', rev: 2 }]);
    expect(client.sceneRev).toBe(2);
  });

  it('answers auth and commands by role, and counts forbidden commands', () => {
    const log = new RecordingLog();
    const scene = new SceneState({ rev: 0, scene: defaultScene() }, log);
    const commands = createCommandHandler({ beat: () => undefined, scene: (c) => { scene.apply(c); } }, log);
    const sent: Record<string, unknown>[] = [];
    const channel = new ControlChannel({ auth: createControlAuth({ token: '12345678', required: true }, log), commands, scene }, (_c, text) => {
      sent.push(JSON.parse(text) as Record<string, unknown>);
      return true;
    }, log);
    const client = new StateClient('c2', fakeSocket, { host: '10.0.0.8', port: 5001 }, 0, 1024, channel.initialRole());
    channel.command(client, { type: 'command', id: 'a', command: { type: 'scene_reset' } });
    channel.auth(client, { type: 'auth', token: 'nope1234' });
    channel.auth(client, { type: 'auth', token: '12345678' });
    channel.command(client, { type: 'command', id: 'b', command: { type: 'scene_reset' } });
    expect(sent).toEqual([
      { type: 'error', code: 'forbidden', error: 'commands need the control token: send {"type":"auth","token":"..."} first', id: 'a' },
      { type: 'error', code: 'bad_token', error: expect.stringMatching(/^wrong control token/) as unknown },
      { type: 'authed', role: 'control' },
      { type: 'ack', id: 'b', ok: true },
    ]);
    expect(channel.forbidden).toBe(1);
    expect(client.role).toBe('control');
    expect(log.lines.some((l) => l.level === 'info' && l.msg === 'ws c2 from 10.0.0.8 is now a controller')).toBe(true);
  });
});
