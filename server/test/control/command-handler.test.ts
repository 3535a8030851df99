import { describe, expect, it } from 'vitest';
import { CommandRefused, createCommandHandler } from '../../src/control/command-handler.js';
import type { BeatCommand } from '../../src/core/beat/commands.js';
import type { SceneCommand } from '../../src/core/scene/scene-commands.js';
import { RecordingLog } from '../support/recording-log.js';

const noScene = (): void => undefined;

function setup(options: { ratePerSecond?: number; burst?: number } = {}) {
  let t = 0;
  const sent: BeatCommand[] = [];
  const scenes: SceneCommand[] = [];
  const log = new RecordingLog();
  const handler = createCommandHandler({ beat: (c) => sent.push(c), scene: (c) => scenes.push(c) }, log, { ...options, now: () => t });
  return { handler, sent, scenes, log, advance: (ms: number) => (t += ms) };
}

describe('createCommandHandler', () => {
  it('forwards valid commands to the beat target and counts them per type', () => {
    const { handler, sent } = setup();
    expect(handler.handle({ type: 'tap' }, 'rest')).toEqual({ ok: true });
    expect(handler.handle({ type: 'tap' }, 'rest')).toEqual({ ok: true });
    expect(handler.handle({ type: 'nudge', ms: -20 }, 'osc 127.0.0.1')).toEqual({ ok: true });
    expect(handler.handle({ type: 'meter', beatsPerBar: null }, 'rest')).toEqual({ ok: true });
    expect(sent).toEqual([{ type: 'tap' }, { type: 'tap' }, { type: 'nudge', ms: -20 }, { type: 'meter', beatsPerBar: undefined }]);
    expect(handler.stats()).toEqual({ accepted: { tap: 2, nudge: 1, meter: 1 }, rejected: {}, rateLimited: 0 });
  });

  it('rejects through parseBeatCommand with its message, counting by type, and sends nothing', () => {
    const { handler, sent } = setup();
    expect(handler.handle({ type: 'nudge', ms: 900 }, 'rest')).toEqual({ ok: false, error: 'nudge.ms 900 is not allowed; expected a number from -500 to 500' });
    expect(handler.handle({ type: 'meter', beatsPerBar: 6 }, 'rest')).toEqual({
      ok: false,
      error: 'meter.beatsPerBar 6 is not allowed; expected 2, 3, 4, 5, 7, or null for automatic',
    });
    const unknown = handler.handle({ type: 'explode' }, 'rest');
    expect(unknown.ok).toBe(false);
    expect(unknown.ok ? '' : unknown.error).toBe(
      'command type "explode" is unknown; expected one of tap, nudge, downbeat, lock, double, half, meter, scene, scene_reset, control_source, transport',
    );
    expect(handler.handle('tap', 'rest').ok).toBe(false);
    expect(sent).toEqual([]);
    expect(handler.stats()).toEqual({ accepted: {}, rejected: { nudge: 1, meter: 1, unknown: 2 }, rateLimited: 0 });
  });

  it('rate-limits each source with a token bucket: burst, then the sustained rate; other sources unaffected', () => {
    const { handler, sent, log, advance } = setup({ ratePerSecond: 50, burst: 100 });
    const results = Array.from({ length: 130 }, () => handler.handle({ type: 'tap' }, 'osc 10.0.0.9'));
    expect(results.filter((r) => r.ok)).toHaveLength(100);
    const refused = results[100];
    expect(refused).toEqual({ ok: false, error: 'command from osc 10.0.0.9 refused: over the limit of 50 commands/s (burst 100)' });
    expect(handler.handle({ type: 'tap' }, 'control-surface')).toEqual({ ok: true });
    // One warning when the source starts being refused, not one per command.
    expect(log.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    expect(log.lines[0]?.msg).toContain('osc 10.0.0.9 exceed 50/s');
    advance(100); // 100 ms at 50/s refills 5 tokens
    const after = Array.from({ length: 10 }, () => handler.handle({ type: 'tap' }, 'osc 10.0.0.9'));
    expect(after.filter((r) => r.ok)).toHaveLength(5);
    expect(sent).toHaveLength(106);
    expect(handler.stats()).toEqual({ accepted: { tap: 106 }, rejected: { tap: 35 }, rateLimited: 35 });
  });

  it('refills to the burst at most, and forgets idle sources without limiting new ones', () => {
    const { handler, advance } = setup({ ratePerSecond: 10, burst: 3 });
    for (let k = 0; k < 3; k++) expect(handler.handle({ type: 'tap' }, 'a').ok).toBe(true);
    expect(handler.handle({ type: 'tap' }, 'a').ok).toBe(false);
    advance(60_000);
    expect(Array.from({ length: 5 }, () => handler.handle({ type: 'tap' }, 'a').ok)).toEqual([true, true, true, false, false]);
    for (let k = 0; k < 1000; k++) expect(handler.handle({ type: 'half' }, `host ${k}`).ok).toBe(true);
  });

  it('turns a throwing target into a rejection with its message and logs it', () => {
    const log = new RecordingLog();
    const handler = createCommandHandler({ beat: () => { throw new Error('engine stopped'); }, scene: noScene }, log);
    expect(handler.handle({ type: 'double' }, 'rest')).toEqual({ ok: false, error: 'beat command double failed: engine stopped' });
    expect(log.lines).toEqual([{ level: 'error', msg: 'beat command double failed: engine stopped' }]);
    expect(handler.stats().rejected).toEqual({ double: 1 });
  });

  it('refuses a bad rate or burst, naming the value', () => {
    const log = new RecordingLog();
    expect(() => createCommandHandler({ beat: () => undefined, scene: noScene }, log, { ratePerSecond: 0 })).toThrow('command ratePerSecond must be a positive number, got 0');
    expect(() => createCommandHandler({ beat: () => undefined, scene: noScene }, log, { burst: 0.5 })).toThrow('command burst must be an integer of at least 1, got 0.5');
  });

  it('sends scene commands to the scene target, validated, counted with the beat commands and under the same rate limit', () => {
    const { handler, sent, scenes } = setup({ ratePerSecond: 10, burst: 3 });
    expect(handler.handle({ type: 'scene', set: { palette: 'neon', zoom: 2 } }, 'ws 10.0.0.2')).toEqual({ ok: true });
    expect(handler.handle({ type: 'control_source', value: 'manual' }, 'ws 10.0.0.2')).toEqual({ ok: true });
    expect(handler.handle({ type: 'scene', set: { zoom: 9 } }, 'ws 10.0.0.2')).toEqual({
      ok: false,
      error: 'scene.set.zoom 9 is not allowed; expected a number from 0.25 to 4',
    });
    expect(handler.handle({ type: 'scene_reset' }, 'ws 10.0.0.2').ok).toBe(false);
    expect(scenes).toEqual([{ type: 'scene', set: { palette: 'neon', zoom: 2 } }, { type: 'control_source', value: 'manual' }]);
    expect(sent).toEqual([]);
    expect(handler.stats()).toEqual({ accepted: { scene: 1, control_source: 1 }, rejected: { scene: 1, scene_reset: 1 }, rateLimited: 1 });
  });

  it('turns a target refusal into a rejection without logging it as a failure', () => {
    const log = new RecordingLog();
    const handler = createCommandHandler({ beat: () => undefined, scene: () => { throw new CommandRefused('at most 32 displays'); } }, log);
    expect(handler.handle({ type: 'scene', display: 'd33', set: { zoom: 2 } }, 'rest')).toEqual({ ok: false, error: 'at most 32 displays' });
    expect(log.lines).toEqual([]);
  });

  it('passes a tap\'s own time on when it is believable, so tap tempo does not inherit network jitter', () => {
    const timings: (number | undefined)[] = [];
    const wall = 1_800_000_000_000;
    const handler = createCommandHandler({ beat: (_c, timing) => timings.push(timing.at), scene: noScene }, new RecordingLog(), { wallNow: () => wall });
    handler.handle({ type: 'tap', at: wall - 35.5 }, 'ws 10.0.0.2');
    handler.handle({ type: 'tap', at: wall - 2001 }, 'ws 10.0.0.2');
    handler.handle({ type: 'tap', at: wall + 101 }, 'ws 10.0.0.2');
    handler.handle({ type: 'tap', at: 'now' }, 'ws 10.0.0.2');
    handler.handle({ type: 'tap' }, 'ws 10.0.0.2');
    handler.handle({ type: 'double', at: wall }, 'ws 10.0.0.2');
    expect(timings).toEqual([wall - 35.5, undefined, undefined, undefined, undefined, undefined]);
  });

  it('sends MIDI transport to its target, and refuses it by name where there is no MIDI clock', () => {
    const log = new RecordingLog();
    const actions: string[] = [];
    const withMidi = createCommandHandler({ beat: () => undefined, scene: noScene, transport: (c) => actions.push(c.action) }, log);
    expect(withMidi.handle({ type: 'transport', action: 'stop' }, 'rest')).toEqual({ ok: true });
    expect(withMidi.handle({ type: 'transport', action: 'continue' }, 'osc')).toEqual({ ok: true });
    expect(actions).toEqual(['stop', 'continue']);
    expect(withMidi.handle({ type: 'transport', action: 'rewind' }, 'rest')).toEqual({ ok: false, error: 'transport.action "rewind" is not allowed; expected start, stop, continue' });
    expect(withMidi.handle({ type: 'transport', action: 'stop', at: 1 }, 'rest')).toMatchObject({ ok: false, error: expect.stringContaining('unknown field "at"') as unknown });
    const without = createCommandHandler({ beat: () => undefined, scene: noScene }, log);
    expect(without.handle({ type: 'transport', action: 'start' }, 'rest')).toMatchObject({ ok: false, error: expect.stringContaining('there is no MIDI clock output') as unknown });
    expect(log.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
