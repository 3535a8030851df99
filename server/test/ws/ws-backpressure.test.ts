import { setImmediate as nextTurn } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { wsHarness } from './harness.js';
import { makeState } from './helpers.js';

// A forced GC before each reading makes the memory figures mean "retained", not "not yet collected".
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function retainedBytes(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const harness = wsHarness();

const STATES = 5000;
const STATE_CHARS = 10 * 1024;
const MAX_BUFFERED = 256 * 1024;

describe('state socket: backpressure', () => {
  it('a client that stops reading costs bounded memory, loses only stale states, and gets the newest on resume', async () => {
    const srv = await harness.start({ maxBufferedBytes: MAX_BUFFERED, pingIntervalMs: 600_000 });
    const slow = await harness.connect(srv.url, undefined, { keepRaw: false });
    const fast = await harness.connect(srv.url, undefined, { keepRaw: false });
    await slow.waitFor((m) => m.type === 'hello', 'hello');
    await fast.waitFor((m) => m.type === 'hello', 'hello');
    slow.ws.pause();
    const slowId = slow.received[0]?.client_id;

    const before = retainedBytes();
    let maxPending = 0;
    let maxBuffered = 0;
    for (let hop = 0; hop < STATES; hop++) {
      srv.bus.publish(makeState(hop, STATE_CHARS));
      // Let the sockets run between hops, as the 21 ms hop period would.
      await nextTurn();
      const stats = srv.sock.stats();
      maxPending = Math.max(maxPending, stats.max_pending);
      maxBuffered = Math.max(maxBuffered, stats.max_buffered_amount);
    }
    const growth = retainedBytes() - before;
    const info = srv.sock.clients().find((i) => i.id === slowId);

    expect(maxPending).toBeLessThanOrEqual(1);
    // At most one state is written past the bound check.
    expect(maxBuffered).toBeLessThanOrEqual(MAX_BUFFERED + STATE_CHARS + 1024);
    // Keeping every unsent state would retain about 5000 x 10 KiB = 50 MB.
    expect(growth).toBeLessThan(8 * 1024 * 1024);
    // The client really was slow: most states never went to it.
    expect(info?.dropped_stale).toBeGreaterThan(STATES / 2);
    expect((info?.sent ?? 0) + (info?.dropped_stale ?? 0) + (info?.pending ?? 0) + (info?.in_flight ? 1 : 0)).toBe(STATES);
    await fast.waitForHop(STATES - 1);

    slow.ws.resume();
    await slow.waitForHop(STATES - 1, 15_000);
    const hops = slow.states().map((m) => m.hop as number);
    expect(hops.every((h, i) => i === 0 || h > (hops[i - 1] ?? Infinity))).toBe(true);
    expect(hops.length).toBeLessThan(STATES / 2);
  });
});
