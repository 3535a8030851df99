import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DecodedAudio } from '../../src/audio/file-decode.js';
import { FileSource } from '../../src/audio/file-source.js';
import { OfflineSource } from '../../src/audio/offline-source.js';
import { FakeClock } from '../support/fake-clock.js';
import { RecordingSink, sameSamples } from '../support/recording-sink.js';
import { sineWave, writeWav } from '../support/wav.js';

function ramp(length: number): DecodedAudio {
  const samples = new Float32Array(length);
  for (let n = 0; n < length; n++) samples[n] = (n % 9973) / 9973;
  return { samples, nativeSampleRate: 44100, channels: 2, duration: length / 48000 };
}

const dir = mkdtempSync(join(tmpdir(), 'fs-filesource-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('FileSource', () => {
  it('describes itself', () => {
    const source = new FileSource(ramp(100), '/music/set.flac');
    expect(source.info).toEqual({ kind: 'file', name: '/music/set.flac', sampleRate: 48000, nativeSampleRate: 44100, channels: 2, realtime: true });
  });

  it('plays in real time, every sample once, then a short last block and one ended event', async () => {
    const clock = new FakeClock();
    const audio = ramp(48000);
    const sink = new RecordingSink(() => clock.now());
    const source = new FileSource(audio, 'ramp.wav', { timers: clock });
    await source.start(sink);
    clock.advance(500);
    expect(sink.blocks.length).toBe(23);
    expect(sameSamples(sink.joined(), audio.samples.subarray(0, 23 * 1024))).toBe(true);
    clock.advance(600);
    expect(sameSamples(sink.joined(), audio.samples)).toBe(true);
    expect(sink.blocks.at(-1)?.length).toBe(48000 - 46 * 1024);
    expect(sink.eventTypes()).toEqual(['ended']);
    expect(sink.events[0]?.message).toBe('end of audio file ramp.wav (1.0 s)');
    expect(clock.activeIntervals).toBe(0);
  });

  it('never delivers a block before its time has passed', async () => {
    const clock = new FakeClock(10_000);
    const sink = new RecordingSink(() => clock.now());
    await new FileSource(ramp(48000), 'x', { timers: clock }).start(sink);
    clock.advance(1000);
    sink.times.forEach((t, i) => {
      expect(t - 10_000).toBeGreaterThanOrEqual(((i + 1) * 1024 * 1000) / 48000);
    });
  });

  it('loops without ending when asked', async () => {
    const clock = new FakeClock();
    const audio = ramp(4800);
    const sink = new RecordingSink();
    await new FileSource(audio, 'loop.wav', { timers: clock, loop: true }).start(sink);
    clock.advance(2000);
    const got = sink.joined();
    expect(got.length).toBe(93 * 1024);
    got.forEach((x, n) => {
      if (x !== audio.samples[n % 4800]) expect.fail(`sample ${n} differs`);
    });
    expect(sink.events).toEqual([]);
  });

  it('stops delivering after stop, and can start again from the top', async () => {
    const clock = new FakeClock();
    const sink = new RecordingSink();
    const source = new FileSource(ramp(48000), 'x', { timers: clock });
    await source.start(sink);
    await expect(source.start(sink)).rejects.toThrow('file source x is already started');
    clock.advance(100);
    await source.stop();
    clock.advance(1000);
    expect(sink.blocks.length).toBe(4);
    await source.start(sink);
    clock.advance(30);
    expect(sink.blocks[4]?.[0]).toBe(0);
  });

  it('opens a file through the decoder, and reports a missing file', async () => {
    const path = writeWav(join(dir, 'tone.wav'), [sineWave(440, 0.5, 0.5, 44100)], 44100);
    const source = await FileSource.open(path);
    expect(source.info.nativeSampleRate).toBe(44100);
    await expect(FileSource.open(join(dir, 'missing.wav'))).rejects.toThrow(`audio file not found: ${join(dir, 'missing.wav')}`);
  });
});

describe('OfflineSource', () => {
  it('pushes every sample exactly once, in order, then ends and resolves', async () => {
    const audio = ramp(48000 * 20 + 17); // spans several event-loop turns
    const source = new OfflineSource(audio, 'long.wav');
    expect(source.info.realtime).toBe(false);
    expect(source.info.kind).toBe('offline');
    const sink = new RecordingSink();
    await source.start(sink);
    expect(sameSamples(sink.joined(), audio.samples)).toBe(true);
    expect(sink.blocks.slice(0, -1).every((b) => b.length === 1024)).toBe(true);
    expect(sink.blocks.at(-1)?.length).toBe((48000 * 20 + 17) % 1024);
    expect(sink.eventTypes()).toEqual(['ended']);
  });

  it('stops part way when asked, without an ended event', async () => {
    const source = new OfflineSource(ramp(48000 * 20), 'long.wav');
    const sink = new RecordingSink();
    const done = source.start(sink);
    await source.stop();
    await done;
    expect(sink.blocks.length).toBe(256); // the first turn ran before stop took effect
    expect(sink.events).toEqual([]);
  });

  it('opens a real file and delivers its decoded samples', async () => {
    const sine = sineWave(1000, 0.5, 0.3, 48000);
    const source = await OfflineSource.open(writeWav(join(dir, 'offline.wav'), [sine], 48000, 'float32'));
    const sink = new RecordingSink();
    await source.start(sink);
    const got = sink.joined();
    expect(got.length).toBe(sine.length);
    let maxError = 0;
    got.forEach((x, n) => (maxError = Math.max(maxError, Math.abs(x - (sine[n] ?? 0)))));
    expect(maxError).toBeLessThan(1e-6);
  });
});
