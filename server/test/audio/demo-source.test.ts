import { describe, expect, it } from 'vitest';
import { DemoSource } from '../../src/audio/demo-source.js';
import { DemoGroove } from '../../src/core/synth/demo-groove.js';
import { FakeClock } from '../support/fake-clock.js';
import { RecordingSink, sameSamples } from '../support/recording-sink.js';

describe('DemoSource', () => {
  it('describes itself as the demo groove at 48 kHz, real-time', () => {
    expect(new DemoSource().info).toEqual({ kind: 'demo', name: 'demo groove', sampleRate: 48000, nativeSampleRate: 48000, channels: 1, realtime: true });
    expect(new DemoSource().bpm).toBe(DemoGroove.getDefaults().bpm);
  });

  it('plays the groove at real-time pace, the same samples the synthesiser renders', async () => {
    const clock = new FakeClock();
    const sink = new RecordingSink();
    const source = new DemoSource({ timers: clock, bpm: 128, seed: 7 });
    await source.start(sink);
    clock.advance(2000);
    expect(sink.blocks.length).toBe(93);
    const expected = new Float32Array(93 * 1024);
    new DemoGroove({ bpm: 128, seed: 7, sampleRate: 48000 }).render(expected);
    expect(sameSamples(sink.joined(), expected)).toBe(true);
    expect(sink.joined().some((x) => x !== 0)).toBe(true);
    await source.stop();
    clock.advance(1000);
    expect(sink.blocks.length).toBe(93);
    expect(clock.activeIntervals).toBe(0);
  });

  it('restarts from the top of the song', async () => {
    const clock = new FakeClock();
    const source = new DemoSource({ timers: clock });
    const first = new RecordingSink();
    await source.start(first);
    await expect(source.start(first)).rejects.toThrow('demo source is already started');
    clock.advance(500);
    await source.stop();
    const second = new RecordingSink();
    await source.start(second);
    clock.advance(500);
    await source.stop();
    expect(sameSamples(second.joined(), first.joined())).toBe(true);
  });

  it('passes a bad tempo on with the synthesiser\'s message', () => {
    expect(() => new DemoSource({ bpm: 20 })).toThrow('bpm must be a number in [60, 200], got 20');
  });
});
