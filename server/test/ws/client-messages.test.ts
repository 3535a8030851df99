import { describe, expect, it } from 'vitest';
import { parseClientMessage } from '../../src/outputs/ws/client-messages.js';
import type { ParseResult } from '../../src/outputs/ws/client-messages.js';

const LIMIT = 4096;

function rejected(result: ParseResult): { code: string; error: string } {
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.message)}`);
  return result;
}

describe('parseClientMessage: accepted messages', () => {
  it('parses a ping with a number or string id, from a string or a Buffer', () => {
    expect(parseClientMessage('{"type":"ping","id":7,"t0":1234.5}', LIMIT)).toEqual({ ok: true, message: { type: 'ping', id: 7, t0: 1234.5 } });
    expect(parseClientMessage(Buffer.from('{"type":"ping","id":"a1","t0":0}'), LIMIT)).toEqual({
      ok: true,
      message: { type: 'ping', id: 'a1', t0: 0 },
    });
  });

  it('parses subscribe with and without options, including the range ends', () => {
    expect(parseClientMessage('{"type":"subscribe"}', LIMIT)).toEqual({ ok: true, message: { type: 'subscribe' } });
    const full = parseClientMessage('{"type":"subscribe","rate":46.875,"display":"Left wall_2.a","latency_ms":500}', LIMIT);
    expect(full).toEqual({ ok: true, message: { type: 'subscribe', rate: 46.875, display: 'Left wall_2.a', latency_ms: 500 } });
    expect(parseClientMessage('{"type":"subscribe","rate":1,"latency_ms":0}', LIMIT).ok).toBe(true);
  });
});

describe('parseClientMessage: errors name what was wrong', () => {
  it('too_large names the size and the limit, before parsing', () => {
    const big = JSON.stringify({ type: 'ping', id: 'x'.repeat(5000), t0: 1 });
    const r = rejected(parseClientMessage(big, LIMIT));
    expect(r.code).toBe('too_large');
    expect(r.error).toContain(`message is ${big.length} bytes`);
    expect(r.error).toContain('4096 bytes');
  });

  it('counts bytes, not characters', () => {
    const msg = `{"type":"subscribe","display":"${'é'.repeat(20)}"}`;
    expect(rejected(parseClientMessage(msg, msg.length)).code).toBe('too_large');
  });

  it('bad_json for text that is not JSON', () => {
    const r = rejected(parseClientMessage('{type: ping', LIMIT));
    expect(r.code).toBe('bad_json');
    expect(r.error).toMatch(/^message is not valid JSON: /);
  });

  it('not_object for arrays, null and scalars', () => {
    const r = rejected(parseClientMessage('[1,2]', LIMIT));
    expect(r.code).toBe('not_object');
    expect(r.error).toBe('message must be a JSON object with a "type" field, got an array');
    expect(rejected(parseClientMessage('null', LIMIT)).error).toContain('got null');
    expect(rejected(parseClientMessage('42', LIMIT)).error).toContain('got a number');
  });

  it('bad_field when type is missing or not a string', () => {
    const r = rejected(parseClientMessage('{"rate":10}', LIMIT));
    expect(r.code).toBe('bad_field');
    expect(r.error).toContain('field "type" must be a string, one of: ping, subscribe, auth, command; got nothing');
    expect(rejected(parseClientMessage('{"type":3}', LIMIT)).error).toContain('got 3');
  });

  it('unknown_type names the type and the known ones', () => {
    const r = rejected(parseClientMessage('{"type":"unsubscribe"}', LIMIT));
    expect(r.code).toBe('unknown_type');
    expect(r.error).toBe('unknown message type "unsubscribe"; expected one of: ping, subscribe, auth, command');
  });

  it('a rate out of range names the field, the range and the value', () => {
    for (const rate of [0.5, 47, 1000, -1]) {
      const r = rejected(parseClientMessage(JSON.stringify({ type: 'subscribe', rate }), LIMIT));
      expect(r.code).toBe('bad_field');
      expect(r.error).toBe(`subscribe.rate must be a number of Hz from 1 to 46.875 (omit it for every hop), got ${rate}`);
    }
    expect(rejected(parseClientMessage('{"type":"subscribe","rate":"10"}', LIMIT)).error).toContain('got "10"');
    expect(rejected(parseClientMessage('{"type":"subscribe","rate":1e999}', LIMIT)).error).toContain('subscribe.rate must be');
  });

  it('display and latency_ms are checked', () => {
    expect(rejected(parseClientMessage('{"type":"subscribe","display":"a/b"}', LIMIT)).error).toContain('subscribe.display must be 1 to 64 characters');
    expect(rejected(parseClientMessage(JSON.stringify({ type: 'subscribe', display: 'a'.repeat(65) }), LIMIT)).code).toBe('bad_field');
    expect(rejected(parseClientMessage('{"type":"subscribe","display":""}', LIMIT)).code).toBe('bad_field');
    expect(rejected(parseClientMessage('{"type":"subscribe","latency_ms":501}', LIMIT)).error).toBe(
      'subscribe.latency_ms must be a number of ms from 0 to 500, got 501',
    );
  });

  it('ping fields are required and typed', () => {
    expect(rejected(parseClientMessage('{"type":"ping","id":1}', LIMIT)).error).toBe('ping.t0 must be a number (the client clock in ms), got nothing');
    expect(rejected(parseClientMessage('{"type":"ping","id":true,"t0":1}', LIMIT)).error).toContain('ping.id must be a string of at most 64');
  });

  it('unknown fields are named with the allowed ones (catches typos)', () => {
    const r = rejected(parseClientMessage('{"type":"subscribe","rte":10}', LIMIT));
    expect(r.code).toBe('bad_field');
    expect(r.error).toBe('subscribe: unknown field "rte"; allowed fields: type, rate, display, latency_ms');
  });

  it('refuses a nonsensical limit', () => {
    expect(() => parseClientMessage('{}', 0)).toThrow(/limitBytes must be a positive integer, got 0/);
  });
});
