import { describe, expect, it } from 'vitest';
import { GapFiller, startGapFiller } from '../../src/audio/gap-filler.js';
import { FakeClock } from '../support/fake-clock.js';
import { RecordingSink } from '../support/recording-sink.js';

/** Samples in blocks that are all zeros: the filler's silence. */
const silentSamples = (sink: RecordingSink): number => sink.blocks.filter((b) => b.every((x) => x === 0)).reduce((n, b) => n + b.length, 0);

const BLOCK = new Float32Array(1024).fill(0.5);

describe('GapFiller', () => {
  it('adds nothing while real audio flows, even with jitter up to the threshold', () => {
    const clock = new FakeClock(1000);
    const inner = new RecordingSink();
    const filler = new GapFiller(inner, () => clock.now());
    for (let i = 0; i < 100; i++) {
      clock.advance(i % 10 === 0 ? 140 : 21); // late blocks, but under 150 ms
      filler.audio(BLOCK);
      filler.tick(clock.now());
    }
    expect(filler.filledSamples).toBe(0);
    expect(inner.samples).toBe(100 * 1024);
  });

  it('does not fill before the gap exceeds the threshold', () => {
    const clock = new FakeClock();
    const inner = new RecordingSink();
    const filler = new GapFiller(inner, () => clock.now());
    filler.audio(BLOCK);
    clock.advance(150);
    expect(filler.tick(clock.now())).toBe(0);
    clock.advance(1);
    expect(filler.tick(clock.now())).toBe(Math.floor(151 * 48));
    expect(filler.isFilling).toBe(true);
  });

  it('fills exactly the wall time of the gap, never twice, in blocks of at most 1024', () => {
    const clock = new FakeClock();
    const inner = new RecordingSink();
    const filler = new GapFiller(inner, () => clock.now());
    filler.audio(BLOCK);
    for (let i = 0; i < 100; i++) {
      clock.advance(20);
      filler.tick(clock.now());
    }
    // 2000 ms of gap at 48 kHz, minus under one sample of rounding.
    expect(filler.filledSamples).toBe(96000);
    expect(silentSamples(inner)).toBe(96000);
    expect(Math.max(...inner.blocks.map((b) => b.length))).toBeLessThanOrEqual(1024);
    filler.tick(clock.now()); // same instant again: nothing more
    expect(filler.filledSamples).toBe(96000);
  });

  it('accumulates no rounding error over a long gap at an awkward tick period', () => {
    const clock = new FakeClock();
    const filler = new GapFiller(new RecordingSink(), () => clock.now());
    for (let i = 0; i < 3000; i++) {
      clock.advance(17.3);
      filler.tick(clock.now());
    }
    const expected = 3000 * 17.3 * 48;
    expect(Math.abs(filler.filledSamples - expected)).toBeLessThanOrEqual(1);
  });

  it('stops filling as soon as a real block arrives, and starts again after a new gap', () => {
    const clock = new FakeClock();
    const inner = new RecordingSink();
    const filler = new GapFiller(inner, () => clock.now());
    clock.advance(300);
    filler.tick(clock.now());
    expect(filler.filledSamples).toBe(300 * 48);
    filler.audio(BLOCK);
    expect(filler.isFilling).toBe(false);
    clock.advance(100);
    expect(filler.tick(clock.now())).toBe(0);
    filler.audio(BLOCK);
    clock.advance(200);
    expect(filler.tick(clock.now())).toBe(200 * 48);
    expect(filler.filledSamples).toBe(500 * 48);
  });

  it('passes events through', () => {
    const inner = new RecordingSink();
    const filler = new GapFiller(inner, () => 0);
    filler.event({ type: 'stalled', message: 'x' });
    expect(inner.events).toEqual([{ type: 'stalled', message: 'x' }]);
  });

  it('rejects a negative threshold, naming it', () => {
    expect(() => new GapFiller(new RecordingSink(), () => 0, { thresholdMs: -1 })).toThrow('thresholdMs must be >= 0, got -1');
  });
});

describe('startGapFiller', () => {
  it('ticks on the given timers and stops cleanly', () => {
    const clock = new FakeClock();
    const inner = new RecordingSink();
    const filler = startGapFiller(inner, clock);
    expect(clock.activeIntervals).toBe(1);
    clock.advance(1000);
    expect(filler.filledSamples).toBe(48000);
    expect(inner.samples).toBe(48000);
    filler.sink.audio(BLOCK);
    clock.advance(100);
    expect(filler.filledSamples).toBe(48000);
    filler.stop();
    filler.stop();
    expect(clock.activeIntervals).toBe(0);
    clock.advance(1000);
    expect(filler.filledSamples).toBe(48000);
  });

  it('takes the threshold from its options', () => {
    const clock = new FakeClock();
    const filler = startGapFiller(new RecordingSink(), { setInterval: clock.setInterval.bind(clock), clearInterval: clock.clearInterval.bind(clock), now: () => clock.now(), thresholdMs: 500 });
    clock.advance(480);
    expect(filler.filledSamples).toBe(0);
    clock.advance(40);
    expect(filler.filledSamples).toBe(520 * 48);
    filler.stop();
  });
});
