import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import osc from 'osc';
import { afterEach, describe, expect, it } from 'vitest';
import { startOscInput } from '../../src/control/osc-input.js';
import { RecordingLog } from '../support/recording-log.js';
import { recordingHandler, sendTo, udpClient, waitForReceived } from './helpers.js';

const open: { close(): unknown }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

/** Deterministic PRNG (mulberry32) so a failing case can be reproduced. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const enc = new TextEncoder();
function padded(text: string): number[] {
  const bytes = [...enc.encode(text), 0];
  while (bytes.length % 4 !== 0) bytes.push(0);
  return bytes;
}
const int32 = (n: number): number[] => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

const VALID = [
  osc.writePacket({ address: '/fs/cmd/nudge', args: [{ type: 'f', value: -20 }] }, { metadata: true }),
  osc.writePacket({ address: '/fs/cmd/meter', args: [{ type: 'i', value: 3 }] }, { metadata: true }),
  osc.writePacket({ timeTag: { raw: [0, 1] }, packets: [{ address: '/fs/cmd/lock', args: [{ type: 'i', value: 1 }] }] }, { metadata: true }),
];

/** One hostile datagram: none of them is a valid command, so the handler must never be reached. */
function hostile(random: () => number): Uint8Array {
  const pick = (n: number): number => Math.floor(random() * n);
  switch (pick(6)) {
    case 0: // random bytes
      return Uint8Array.from({ length: pick(200) }, () => pick(256));
    case 1: { // a valid message or bundle cut short
      const valid = VALID[pick(VALID.length)] ?? new Uint8Array(0);
      return valid.subarray(0, pick(valid.length));
    }
    case 2: // wrong type tags for known addresses
      return Uint8Array.from([...padded(['/fs/cmd/nudge', '/fs/cmd/lock', '/fs/cmd/meter', '/fs/cmd/tap'][pick(4)] ?? ''), ...padded(',s'), ...padded('x'.repeat(pick(20)))]);
    case 3: // a blob or string claiming a huge length
      return Uint8Array.from([...padded('/fs/cmd/nudge'), ...padded(',b'), ...int32(0x7fffffff - pick(1000)), 1, 2, 3, 4]);
    case 4: // a bundle whose element size runs past the datagram
      return Uint8Array.from([...padded('#bundle'), 0, 0, 0, 0, 0, 0, 0, 1, ...int32(pick(2) === 0 ? 0x7ffffff0 : 64), ...padded('/fs/cmd/tap')]);
    default: // type tags without a comma, and unknown tags
      return Uint8Array.from([...padded('/fs/cmd/meter'), ...padded(pick(2) === 0 ? 'ii' : ',Q'), ...int32(3)]);
  }
}

describe('OSC input fuzz', () => {
  it('survives 100,000 hostile datagrams with bounded memory, counting them, and still accepts a valid command', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const log = new RecordingLog();
    const { handler, sent } = recordingHandler(log);
    const input = await startOscInput({ host: '127.0.0.1', port: 0 }, handler, log);
    open.push(input);
    const client = udpClient();
    open.push(client);
    const random = prng(20261101);
    gc();
    const heapBefore = process.memoryUsage().heapUsed;

    const total = 100_000;
    const batch = 100;
    const emptyBundle = new TextDecoder().decode(VALID[2]?.subarray(0, 16));
    let empty = 0; // a bundle cut right after its time tag is valid OSC with no messages
    for (let sentCount = 0; sentCount < total; sentCount += batch) {
      const packets = Array.from({ length: batch }, () => hostile(random));
      empty += packets.filter((p) => p.length === 16 && new TextDecoder().decode(p) === emptyBundle).length;
      await Promise.all(packets.map((p) => sendTo(client, input.port, p)));
      // Await the receiver before the next batch so the kernel's socket buffer never drops datagrams.
      await waitForReceived(input, sentCount + batch, 5000);
    }

    const stats = input.stats();
    expect(stats.received).toBe(total);
    expect(stats.accepted).toBe(0);
    expect(stats.malformed + stats.rejected + stats.oversized + stats.ignored).toBe(total - empty);
    expect(stats.malformed).toBeGreaterThan(total / 2);
    expect(stats.rejected).toBeGreaterThan(total / 10);
    expect(sent).toEqual([]);
    // Two throttled kinds of warning over a run of a few seconds: a handful of lines, not one per packet.
    expect(log.lines.filter((l) => l.level === 'warn').length).toBeLessThanOrEqual(6);

    gc();
    const growthMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    expect(growthMb).toBeLessThan(20);

    await sendTo(client, input.port, VALID[0] ?? new Uint8Array(0));
    await waitForReceived(input, total + 1);
    expect(sent).toEqual([{ type: 'nudge', ms: -20 }]);
  }, 30_000);
});
