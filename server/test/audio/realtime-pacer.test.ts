import { describe, expect, it } from 'vitest';
import { RealtimePacer, startPacedPlayback } from '../../src/audio/realtime-pacer.js';
import type { AudioSink, SourceEvent } from '../../src/audio/source.js';
import { FakeClock } from '../support/fake-clock.js';

const BLOCK_MS = (1024 * 1000) / 48000; // 21.333 ms

describe('RealtimePacer', () => {
  it('hands out floor(elapsed samples / 1024) blocks', () => {
    const pacer = new RealtimePacer();
    pacer.start(500);
    expect(pacer.take(600)).toBe(4); // 4800 samples due
    expect(pacer.take(1500)).toBe(46 - 4); // 48000 samples due in all
  });

  it('never runs ahead: a block is due only once all its samples are', () => {
    const pacer = new RealtimePacer();
    pacer.start(0);
    expect(pacer.take(BLOCK_MS - 0.01)).toBe(0);
    expect(pacer.take(BLOCK_MS)).toBe(1);
    expect(pacer.take(BLOCK_MS + 0.01)).toBe(0);
    expect(pacer.take(2 * BLOCK_MS - 0.01)).toBe(0);
  });

  it('catches up after a late timer with every overdue block at once', () => {
    const pacer = new RealtimePacer();
    pacer.start(0);
    expect(pacer.take(500)).toBe(23); // 24000 samples
    expect(pacer.take(510)).toBe(0); // 24480: block 24 ends at 24576
    expect(pacer.take(512)).toBe(1);
  });

  it('keeps exact time over an hour of small ticks', () => {
    const pacer = new RealtimePacer();
    pacer.start(0);
    let blocks = 0;
    for (let t = 7; t <= 3_600_000; t += 7) blocks += pacer.take(t);
    expect(blocks).toBe(Math.floor((3_600_000 - (3_600_000 % 7)) * 48 / 1024));
  });

  it('skips what lies beyond maxLagMs after a long stall, in whole blocks', () => {
    const pacer = new RealtimePacer({ maxLagMs: 1000 });
    pacer.start(0);
    const blocks = pacer.take(60_000);
    expect(blocks).toBeGreaterThanOrEqual(46);
    expect(blocks).toBeLessThanOrEqual(47);
    expect(pacer.skippedSamples % 1024).toBe(0);
    expect(pacer.skippedSamples + blocks * 1024).toBeLessThanOrEqual(60 * 48000);
    expect(pacer.skippedSamples + blocks * 1024).toBeGreaterThan(60 * 48000 - 1024);
  });

  it('rejects bad options, naming them', () => {
    expect(() => new RealtimePacer({ blockSize: 0 })).toThrow('blockSize must be a whole number >= 1, got 0');
    expect(() => new RealtimePacer({ maxLagMs: 5 })).toThrow('maxLagMs must cover at least one block, got 5');
  });
});

describe('startPacedPlayback', () => {
  function recorder(): AudioSink & { blocks: Float32Array[]; events: SourceEvent[] } {
    const blocks: Float32Array[] = [];
    const events: SourceEvent[] = [];
    return { blocks, events, audio: (b) => blocks.push(b), event: (e) => events.push(e) };
  }

  it('delivers rendered blocks at real-time pace on the given timers', () => {
    const clock = new FakeClock();
    const sink = recorder();
    let counter = 0;
    const playback = startPacedPlayback(
      (out) => {
        out.fill(counter++);
        return out.length;
      },
      sink,
      clock,
      {},
      () => undefined,
    );
    clock.advance(1000);
    expect(sink.blocks.length).toBe(46);
    expect(sink.blocks.map((b) => b[0])).toEqual([...Array(46).keys()]);
    playback.stop();
    clock.advance(1000);
    expect(sink.blocks.length).toBe(46);
    expect(clock.activeIntervals).toBe(0);
  });

  it('delivers a late timer\'s blocks together, then the short last block, then ends once', () => {
    const clock = new FakeClock();
    const sink = recorder();
    let left = 5000;
    let ended = 0;
    startPacedPlayback(
      (out) => {
        const n = Math.min(out.length, left);
        left -= n;
        return n;
      },
      sink,
      clock,
      {},
      () => ended++,
    );
    clock.jump(200); // the timer runs late: nothing fired yet
    expect(sink.blocks.length).toBe(0);
    clock.advance(0);
    expect(sink.blocks.map((b) => b.length)).toEqual([1024, 1024, 1024, 1024, 904]);
    expect(ended).toBe(1);
    expect(clock.activeIntervals).toBe(0);
  });
});
