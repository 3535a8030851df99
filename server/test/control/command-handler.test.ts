import { describe, expect, it } from 'vitest';
import { createCommandHandler } from '../../src/control/command-handler.js';
import type { BeatCommand } from '../../src/core/beat/commands.js';
import { RecordingLog } from '../support/recording-log.js';

function setup(options: { ratePerSecond?: number; burst?: number } = {}) {
  let t = 0;
  const sent: BeatCommand[] = [];
  const log = new RecordingLog();
  const handler = createCommandHandler({ beat: (c) => sent.push(c) }, log, { ...options, now: () => t });
  return { handler, sent, log, advance: (ms: number) => (t += ms) };
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
    expect(unknown.ok ? '' : unknown.error).toContain('beat command type "explode" is unknown');
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
    const handler = createCommandHandler({ beat: () => { throw new Error('engine stopped'); } }, log);
    expect(handler.handle({ type: 'double' }, 'rest')).toEqual({ ok: false, error: 'beat command double failed: engine stopped' });
    expect(log.lines).toEqual([{ level: 'error', msg: 'beat command double failed: engine stopped' }]);
    expect(handler.stats().rejected).toEqual({ double: 1 });
  });

  it('refuses a bad rate or burst, naming the value', () => {
    const log = new RecordingLog();
    expect(() => createCommandHandler({ beat: () => undefined }, log, { ratePerSecond: 0 })).toThrow('command ratePerSecond must be a positive number, got 0');
    expect(() => createCommandHandler({ beat: () => undefined }, log, { burst: 0.5 })).toThrow('command burst must be an integer of at least 1, got 0.5');
  });
});
