import { describe, expect, it } from 'vitest';
import { estimateClockOffset } from '../../src/core/clock/clock-offset.js';
import type { ClockSample } from '../../src/core/clock/clock-offset.js';
import { serverNow } from '../../src/outputs/ws/protocol.js';
import type { StateSocketOptions } from '../../src/outputs/ws/ws-server.js';
import { wsHarness } from './harness.js';
import { makeState, until } from './helpers.js';
import type { TestClient, TestServer } from './helpers.js';

const harness = wsHarness();

function start(options: StateSocketOptions = {}): Promise<TestServer> {
  return harness.start(options);
}

function connect(url: string, autoPong = true): Promise<TestClient> {
  return harness.connect(url, 'hello', { autoPong });
}

/** Ping `count` times, one at a time, and return the NTP samples with t3 read on arrival. */
async function pingSamples(c: TestClient, count: number): Promise<ClockSample[]> {
  const samples: ClockSample[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = serverNow();
    c.send({ type: 'ping', id: `p${i}`, t0 });
    const pong = await c.waitFor((m) => m.type === 'pong' && m.id === `p${i}`, `pong p${i}`);
    const t3 = serverNow();
    expect(pong.t0).toBe(t0);
    samples.push({ t0, t1: pong.t1 as number, t2: pong.t2 as number, t3 });
  }
  return samples;
}

describe('state socket: client messages', () => {
  it('answers pings with t0, t1, t2 and the offset estimate finds the server clock', async () => {
    const s = await start();
    const c = await connect(s.url);
    const samples = await pingSamples(c, 8);
    for (const { t0, t1, t2, t3 } of samples) {
      expect(t0).toBeLessThanOrEqual(t1);
      expect(t1).toBeLessThanOrEqual(t2);
      expect(t2).toBeLessThanOrEqual(t3);
    }
    // Same process, same clock: the true offset is 0 and NTP's error is at most half the round trip.
    const est = estimateClockOffset(samples);
    expect(Math.abs(est.offset)).toBeLessThanOrEqual(est.delay / 2 + 1e-6);
    c.send({ type: 'ping', id: 42, t0: 1 });
    expect((await c.waitFor((m) => m.type === 'pong' && m.id === 42, 'pong 42')).t0).toBe(1);
  });

  it('finds a server clock that runs 5 s ahead', async () => {
    const s = await start({ now: () => serverNow() + 5000 });
    const c = await connect(s.url);
    const est = estimateClockOffset(await pingSamples(c, 8));
    expect(Math.abs(est.offset - 5000)).toBeLessThanOrEqual(est.delay / 2 + 1e-6);
  });

  it('answers malformed messages with an error and keeps streaming', async () => {
    const s = await start();
    const c = await connect(s.url);
    const bad: [string, string, RegExp][] = [
      ['{"type":', 'bad_json', /not valid JSON/],
      ['{"type":"dance"}', 'unknown_type', /unknown message type "dance"/],
      ['{"type":"subscribe","rate":100}', 'bad_field', /subscribe\.rate must be a number of Hz from 1 to 46\.875.*got 100/],
      [JSON.stringify({ type: 'ping', id: 'x'.repeat(5000), t0: 0 }), 'too_large', /limited to 4096 bytes/],
    ];
    for (const [text, code, message] of bad) {
      const from = c.received.length;
      c.send(text);
      const err = await c.waitFor((m) => m.type === 'error', `error for ${text.slice(0, 20)}`, 5000, from);
      expect(err.code).toBe(code);
      expect(err.error).toMatch(message);
    }
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await c.waitFor((m) => m.code === 'binary_frame', 'binary_frame error')).error).toMatch(/binary frames are not accepted/);
    const state = makeState(7);
    s.bus.publish(state);
    await c.waitForHop(7);
    expect(c.raw.at(-1)).toBe(state.json);
    expect(s.sock.clients()[0]).toMatchObject({ bad_messages: 5, rate: null, sent: 1 });
    expect(s.log.lines.filter((l) => l.startsWith('warn: ') && l.includes('bad message'))).toHaveLength(1);
  });

  it('closes a 1 MiB message with 1009 and leaves the other clients streaming', async () => {
    const s = await start();
    const big = await connect(s.url);
    const other = await connect(s.url);
    big.send('x'.repeat(1024 * 1024));
    expect((await big.closed).code).toBe(1009);
    s.bus.publish(makeState(3));
    await other.waitForHop(3);
    await until(() => s.sock.stats().clients === 1, 'the server has dropped the closed client');
    expect(s.sock.stats().errors).toBe(1);
  });

  it('a frame just over maxPayload closes with 1009; one under it gets too_large and stays', async () => {
    const s = await start({ maxPayload: 8192 });
    const ok = await connect(s.url);
    ok.send('y'.repeat(8192));
    expect((await ok.waitFor((m) => m.type === 'error', 'too_large')).code).toBe('too_large');
    ok.send('y'.repeat(8193));
    expect((await ok.closed).code).toBe(1009);
  });

  it('keep-alive terminates a client that stops answering pings and keeps one that answers', async () => {
    const s = await start({ pingIntervalMs: 40 });
    const deaf = await connect(s.url, false);
    const alive = await connect(s.url);
    let pings = 0;
    const fourPings = new Promise<void>((resolve) => {
      alive.ws.on('ping', () => {
        if (++pings === 4) resolve();
      });
    });
    expect((await deaf.closed).code).toBe(1006);
    await fourPings;
    expect(alive.ws.readyState).toBe(alive.ws.OPEN);
    expect(s.sock.stats().keepalive_terminated).toBe(1);
    const rtt = s.sock.clients().find((i) => i.id === alive.received[0]?.client_id)?.last_rtt_ms;
    expect(rtt).toBeTypeOf('number');
    expect(rtt).toBeGreaterThanOrEqual(0);
  });

  it('a subscribe replaces the subscription: absent rate goes back to every hop', async () => {
    const s = await start();
    const c = await connect(s.url);
    c.send({ type: 'subscribe', rate: 5, display: 'main' });
    await c.waitFor((m) => m.type === 'subscribed' && m.rate === 5, 'subscribed at 5 Hz');
    c.send({ type: 'subscribe' });
    const ack = await c.waitFor((m) => m.type === 'subscribed' && m.rate === null, 'subscribed at every hop');
    expect([ack.display, ack.latency_ms]).toEqual([null, null]);
    for (let hop = 0; hop < 5; hop++) {
      s.bus.publish(makeState(hop));
      await c.waitForHop(hop);
    }
    expect(c.states()).toHaveLength(5);
  });
});
