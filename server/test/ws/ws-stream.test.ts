import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { serverNow } from '../../src/outputs/ws/protocol.js';
import { wsHarness } from './harness.js';
import { makeState, until } from './helpers.js';
import type { TestClient } from './helpers.js';

const harness = wsHarness();

/** Try an upgrade that the server should refuse; resolves with the HTTP status and body it answered. */
function refusedUpgrade(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    ws.on('open', () => {
      reject(new Error(`upgrade on ${url} was accepted`));
    });
    ws.on('error', () => undefined);
  });
}

function connect(url: string): Promise<TestClient> {
  return harness.connect(url, 'hello');
}

describe('state socket: stream', () => {
  it('greets with hello: versions, rates, a high-resolution server time and the latest stream time', async () => {
    const srv = await harness.start();
    srv.bus.publish(makeState(480));
    const before = serverNow();
    const c = await connect(srv.url);
    const after = serverNow();
    const hello = c.received[0] ?? {};
    expect([hello.type, hello.v, hello.contract_version, hello.sample_rate]).toEqual(['hello', 1, 1, 48000]);
    expect(hello.hop_rate).toBeCloseTo(46.875, 12);
    expect(hello.stream_time).toBeCloseTo((480 * 1024) / 48000, 9);
    expect(typeof hello.client_id).toBe('string');
    const serverTime = hello.server_time as number;
    expect(serverTime).toBeGreaterThanOrEqual(before - 1);
    expect(serverTime).toBeLessThanOrEqual(after + 1);
    expect(srv.sock.clients().map((i) => i.id)).toEqual([hello.client_id]);
  });

  it('stream_time is 0 before the first state', async () => {
    const srv = await harness.start();
    const c = await connect(srv.url);
    expect(c.received[0]?.stream_time).toBe(0);
  });

  it('delivers every state in order as the exact JSON string from the bus', async () => {
    const srv = await harness.start();
    const c = await connect(srv.url);
    const published: string[] = [];
    for (let hop = 0; hop < 200; hop++) {
      const state = makeState(hop);
      published.push(state.json);
      srv.bus.publish(state);
      await c.waitForHop(hop);
    }
    expect(c.raw.slice(1)).toEqual(published);
    const info = srv.sock.clients()[0];
    expect(info?.sent).toBe(200);
    expect(info?.dropped_stale).toBe(0);
  });

  it('a burst faster than the socket still arrives in order and ends with the newest state', async () => {
    const srv = await harness.start();
    const c = await connect(srv.url);
    for (let hop = 0; hop < 500; hop++) srv.bus.publish(makeState(hop, 2000));
    await c.waitForHop(499);
    const hops = c.states().map((m) => m.hop as number);
    expect(hops.every((h, i) => i === 0 || h > (hops[i - 1] ?? Infinity))).toBe(true);
    const info = srv.sock.clients()[0];
    expect((info?.sent ?? 0) + (info?.dropped_stale ?? 0)).toBe(500);
  });

  it('decimates by hop index: 10 Hz gets 100 of 469 hops, evenly, while another client gets all', async () => {
    const srv = await harness.start();
    const full = await connect(srv.url);
    const slow = await connect(srv.url);
    slow.send({ type: 'subscribe', rate: 10, display: 'Left wall', latency_ms: 40 });
    const ack = await slow.waitFor((m) => m.type === 'subscribed', 'subscribed');
    expect([ack.rate, ack.display, ack.latency_ms]).toEqual([10, 'Left wall', 40]);
    for (let hop = 0; hop < 469; hop++) {
      srv.bus.publish(makeState(hop));
      await full.waitForHop(hop);
    }
    // The hop starting the last 10 Hz bucket: the first h with floor(h * 10 / 46.875) = 99.
    await slow.waitForHop(465);
    const hops = slow.states().map((m) => m.hop as number);
    expect(hops).toHaveLength(100);
    const gaps = new Set(hops.slice(1).map((h, i) => h - (hops[i] ?? 0)));
    expect(gaps).toEqual(new Set([4, 5]));
    expect(full.states()).toHaveLength(469);
    const info = srv.sock.clients().find((i) => i.id === ack.client_id);
    expect(info).toMatchObject({ rate: 10, display: 'Left wall', latency_ms: 40, sent: 100, dropped_stale: 0 });
  });

  it('50 clients at once all receive the same state', async () => {
    const srv = await harness.start();
    const url = srv.url;
    const many = await Promise.all(Array.from({ length: 50 }, () => connect(url)));
    expect(srv.sock.stats().clients).toBe(50);
    const state = makeState(1234);
    srv.bus.publish(state);
    await Promise.all(many.map((c) => c.waitForHop(1234)));
    for (const c of many) expect(c.raw.at(-1)).toBe(state.json);
    expect(new Set(many.map((c) => c.received[0]?.client_id)).size).toBe(50);
  });

  it('refuses upgrades on any path other than /ws with 404', async () => {
    const srv = await harness.start();
    const refused = await refusedUpgrade(srv.url.replace('/ws', '/other'));
    expect(refused.status).toBe(404);
    expect(refused.body).toBe('no WebSocket endpoint at /other; the state stream is at /ws\n');
    expect(srv.sock.stats().refused_upgrades).toBe(1);
    expect(srv.sock.stats().clients).toBe(0);
  });

  it('refuses clients beyond maxClients with 503 and takes them again once one leaves', async () => {
    const srv = await harness.start({ maxClients: 2 });
    const first = await connect(srv.url);
    await connect(srv.url);
    const refused = await refusedUpgrade(srv.url);
    expect(refused.status).toBe(503);
    expect(refused.body).toContain('too many clients: 2 connected, the limit is ws.max_clients = 2');
    first.close();
    await first.closed;
    await until(() => srv.sock.stats().clients === 1, 'the server has dropped the closed client');
    await connect(srv.url);
    expect(srv.sock.stats().clients).toBe(2);
  });

  it('close() says goodbye with 1001 and lets go of the HTTP server', async () => {
    const srv = await harness.start();
    const c = await connect(srv.url);
    await srv.sock.close();
    expect((await c.closed).code).toBe(1001);
    expect(srv.server.listenerCount('upgrade')).toBe(0);
    srv.bus.publish(makeState(1));
    expect(c.states()).toHaveLength(0);
    expect(srv.sock.stats().clients).toBe(0);
  });
});
