import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOP_RATE } from '../../src/outputs/ws/protocol.js';
import { encodeServerMessage, errorMessage, helloMessage, pongMessage, subscribedMessage } from '../../src/outputs/ws/server-messages.js';

const contract = JSON.parse(readFileSync(new URL('../../../config/model_contract.v1.json', import.meta.url), 'utf8')) as {
  contract_version: number;
  audio: { sample_rate: number; hop: number };
};

describe('server messages', () => {
  it('hello carries the versions and rates of the contract file', () => {
    const hello = helloMessage('c1', 1_800_000_000_123.25, 12.5);
    expect(hello.contract_version).toBe(contract.contract_version);
    expect(hello.sample_rate).toBe(contract.audio.sample_rate);
    expect(hello.hop_rate).toBeCloseTo(contract.audio.sample_rate / contract.audio.hop, 12);
    expect(HOP_RATE).toBeCloseTo(46.875, 12);
    const wire = JSON.parse(encodeServerMessage(hello)) as Record<string, unknown>;
    expect(Object.keys(wire).sort()).toEqual(['auth_required', 'client_id', 'contract_version', 'hop_rate', 'role', 'sample_rate', 'server_time', 'stream_time', 'type', 'v']);
    expect([wire.role, wire.auth_required]).toEqual(['viewer', true]);
    expect([wire.type, wire.v, wire.contract_version, wire.sample_rate, wire.client_id]).toEqual(['hello', 1, 1, 48000, 'c1']);
    expect(wire.server_time).toBeCloseTo(1_800_000_000_123.25, 6);
    expect(wire.stream_time).toBeCloseTo(12.5, 12);
    expect(wire.hop_rate).toBeCloseTo(46.875, 12);
  });

  it('pong, subscribed and error have their documented fields', () => {
    expect(JSON.parse(encodeServerMessage(pongMessage('p', 1, 2, 3)))).toEqual({ type: 'pong', id: 'p', t0: 1, t1: 2, t2: 3 });
    expect(JSON.parse(encodeServerMessage(subscribedMessage('c2', 10, 'left', 40)))).toEqual({
      type: 'subscribed',
      client_id: 'c2',
      rate: 10,
      display: 'left',
      latency_ms: 40,
    });
    expect(JSON.parse(encodeServerMessage(errorMessage('bad_json', 'nope')))).toEqual({ type: 'error', code: 'bad_json', error: 'nope' });
  });
});
