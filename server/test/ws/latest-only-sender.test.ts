import { describe, expect, it } from 'vitest';
import { LatestOnlySender } from '../../src/outputs/ws/latest-only-sender.js';
import type { Transport } from '../../src/outputs/ws/latest-only-sender.js';

/** A transport whose writes complete only when the test says so, like a socket whose peer stopped reading. */
class FakeTransport implements Transport {
  open = true;
  queued: { data: string; done: (err?: Error | null) => void }[] = [];
  written: string[] = [];

  get bufferedAmount(): number {
    return this.queued.reduce((sum, q) => sum + q.data.length, 0);
  }
  isOpen(): boolean {
    return this.open;
  }
  send(data: Buffer | string, done: (err?: Error | null) => void): void {
    this.queued.push({ data: data.toString(), done });
  }
  /** Complete the oldest write. */
  drainOne(err?: Error): void {
    const q = this.queued.shift();
    if (q === undefined) throw new Error('nothing queued');
    if (err === undefined) this.written.push(q.data);
    q.done(err ?? null);
  }
}

const state = (n: number): Buffer => Buffer.from(`{"hop":${n}}`);

describe('LatestOnlySender', () => {
  it('holds one state in flight and one pending; the newest replaces older pending ones', () => {
    const t = new FakeTransport();
    const s = new LatestOnlySender(t, 1 << 20);
    for (let hop = 0; hop < 1000; hop++) s.offerState(state(hop));
    expect(t.queued).toHaveLength(1);
    expect(s.inFlight).toBe(true);
    expect(s.pending).toBe(1);
    expect(s.droppedStale).toBe(998);
    t.drainOne();
    t.drainOne();
    expect(t.written).toEqual(['{"hop":0}', '{"hop":999}']);
    expect(s.sent).toBe(2);
    expect(s.pending).toBe(0);
    expect(s.inFlight).toBe(false);
  });

  it('sends each state when the reader keeps up', () => {
    const t = new FakeTransport();
    const s = new LatestOnlySender(t, 1 << 20);
    for (let hop = 0; hop < 10; hop++) {
      s.offerState(state(hop));
      t.drainOne();
    }
    expect(s.sent).toBe(10);
    expect(s.droppedStale).toBe(0);
  });

  it('holds the state back while the socket buffer is over the bound, and sends it once a write drains', () => {
    const t = new FakeTransport();
    const s = new LatestOnlySender(t, 20);
    expect(s.sendControl('x'.repeat(30))).toBe(true);
    s.offerState(state(1));
    expect(t.queued).toHaveLength(1);
    expect(s.pending).toBe(1);
    expect(s.sendControl('{"type":"pong"}')).toBe(false);
    expect(s.droppedReplies).toBe(1);
    t.drainOne();
    expect(t.queued.map((q) => q.data)).toEqual(['{"hop":1}']);
  });

  it('counts failed writes as errors and goes on with the next state', () => {
    const t = new FakeTransport();
    const s = new LatestOnlySender(t, 1 << 20);
    s.offerState(state(1));
    s.offerState(state(2));
    t.drainOne(new Error('EPIPE'));
    expect(s.errors).toBe(1);
    expect(s.sent).toBe(0);
    t.drainOne();
    expect(s.sent).toBe(1);
    expect(t.written).toEqual(['{"hop":2}']);
  });

  it('survives a transport that throws, and sends nothing while closed', () => {
    const t = new FakeTransport();
    t.send = () => {
      throw new Error('not open');
    };
    const s = new LatestOnlySender(t, 1 << 20);
    s.offerState(state(1));
    expect(s.errors).toBe(1);
    expect(s.inFlight).toBe(false);
    const closed = new FakeTransport();
    closed.open = false;
    const c = new LatestOnlySender(closed, 1 << 20);
    c.offerState(state(1));
    expect(c.sendControl('{}')).toBe(false);
    expect(closed.queued).toHaveLength(0);
    c.clear();
    expect(c.pending).toBe(0);
  });

  it('refuses a bound that is not a positive number', () => {
    expect(() => new LatestOnlySender(new FakeTransport(), 0)).toThrow(/maxBufferedBytes must be a positive number of bytes, got 0/);
  });
});
