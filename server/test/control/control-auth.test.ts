import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createControlAuth } from '../../src/control/control-auth.js';
import { generatePin, resolveControlToken } from '../../src/control/control-token.js';
import { RecordingLog } from '../support/recording-log.js';

function setup(options: { maxFailures?: number; lockoutMs?: number; required?: boolean } = {}) {
  let t = 0;
  const log = new RecordingLog();
  const auth = createControlAuth({ token: '12345678', required: options.required ?? true, ...options, now: () => t }, log);
  return { auth, log, advance: (ms: number) => (t += ms) };
}

describe('createControlAuth', () => {
  it('accepts the token and refuses anything else with bad_token', () => {
    const { auth } = setup();
    expect(auth.check('12345678', '10.0.0.5')).toEqual({ ok: true });
    for (const wrong of ['12345679', '', '1234567', 12345678, undefined]) {
      expect(auth.check(wrong, '10.0.0.6')).toMatchObject({ ok: false, code: 'bad_token', error: expect.stringMatching(/wrong control token/) as unknown });
      auth.check('12345678', '10.0.0.6');
    }
    expect(auth.stats()).toMatchObject({ required: true, accepted: 6, refused: 5, rate_limited: 0, locked_out: [] });
  });

  it('locks a host out after repeated wrong tokens, even from the right token, and lets it try again later', () => {
    const { auth, log, advance } = setup({ maxFailures: 3, lockoutMs: 30_000 });
    for (let i = 0; i < 3; i++) expect(auth.check('0000', '10.0.0.9')).toMatchObject({ code: 'bad_token' });
    const limited = auth.check('12345678', '10.0.0.9');
    expect(limited).toEqual({ ok: false, code: 'rate_limited', error: 'too many wrong tokens from 10.0.0.9; try again in 30 s', retryAfterMs: 30_000 });
    // Another host is not affected.
    expect(auth.check('12345678', '10.0.0.10')).toEqual({ ok: true });
    expect(auth.stats().locked_out).toEqual(['10.0.0.9']);
    expect(log.lines.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual(['control: 3 wrong tokens in a row from 10.0.0.9; refusing it for 30 s']);
    advance(29_999);
    expect(auth.check('12345678', '10.0.0.9')).toMatchObject({ code: 'rate_limited' });
    advance(1);
    expect(auth.check('12345678', '10.0.0.9')).toEqual({ ok: true });
  });

  it('a right token resets the count of wrong ones', () => {
    const { auth } = setup({ maxFailures: 3 });
    auth.check('x', 'h');
    auth.check('x', 'h');
    expect(auth.check('12345678', 'h').ok).toBe(true);
    auth.check('x', 'h');
    auth.check('x', 'h');
    expect(auth.check('12345678', 'h').ok).toBe(true);
  });

  it('refuses bad options, naming them', () => {
    const log = new RecordingLog();
    expect(() => createControlAuth({ token: '', required: true }, log)).toThrow('control token must not be empty');
    expect(() => createControlAuth({ token: 'abcdef', required: true, maxFailures: 0 }, log)).toThrow('control auth maxFailures must be an integer of at least 1, got 0');
    expect(() => createControlAuth({ token: 'abcdef', required: true, lockoutMs: -1 }, log)).toThrow('control auth lockoutMs must be a positive number, got -1');
  });
});

describe('control token', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'control-token-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates an 8-digit PIN, zero-padded', () => {
    expect(generatePin(() => 42)).toBe('00000042');
    expect(generatePin()).toMatch(/^\d{8}$/);
  });

  it('uses the configured token, else the stored one, else generates and stores one (owner-only file)', async () => {
    const log = new RecordingLog();
    expect(await resolveControlToken('from-config', dir, log)).toEqual({ token: 'from-config', source: 'config', path: join(dir, 'control.json') });
    const first = await resolveControlToken(undefined, dir, log);
    expect(first.source).toBe('generated');
    expect(first.token).toMatch(/^\d{8}$/);
    expect(JSON.parse(readFileSync(join(dir, 'control.json'), 'utf8'))).toEqual({ token: first.token });
    if (process.platform !== 'win32') expect(statSync(join(dir, 'control.json')).mode & 0o777).toBe(0o600);
    expect(await resolveControlToken(undefined, dir, log)).toEqual({ ...first, source: 'stored' });
  });

  it('reports a corrupt token file and makes a new PIN rather than stopping', async () => {
    writeFileSync(join(dir, 'control.json'), '{"token": "12"}');
    const log = new RecordingLog();
    const token = await resolveControlToken(undefined, dir, log);
    expect(token.source).toBe('generated');
    expect(log.lines.some((l) => l.level === 'warn' && /control\.json is unreadable/.test(l.msg))).toBe(true);
  });
});
