import { describe, expect, it } from 'vitest';
import { LiveSource, type LiveSourceOptions } from '../../src/audio/live-source.js';
import type { Capture, CaptureRequest, OpenCapture } from '../../src/audio/web-audio-capture.js';
import { FakeClock } from '../support/fake-clock.js';
import { RecordingSink } from '../support/recording-sink.js';
import { fitSine } from '../support/sine-fit.js';

class FakeCapture implements Capture {
  closeCalls = 0;
  constructor(
    readonly request: CaptureRequest,
    readonly sampleRate: number,
    private readonly closes: boolean,
  ) {}

  /** One block per channel, each filled with its channel's value (or the given per-channel arrays). */
  deliver(values: number[] | Float32Array[] = [0.1, 0.1]): void {
    this.request.onBlock(values.map((v) => (typeof v === 'number' ? new Float32Array(1024).fill(v) : v)));
  }

  close(): Promise<void> {
    this.closeCalls++;
    // A capture on a dead JACK server never finishes closing.
    return this.closes ? Promise.resolve() : new Promise<void>(() => undefined);
  }
}

/** A capture backend under test control: each open succeeds or fails with `failWith`. */
class FakeBackend {
  readonly captures: FakeCapture[] = [];
  attempts = 0;
  failWith: string | undefined;
  sampleRate = 48000;
  closes = true;
  readonly open: OpenCapture = (request) => {
    this.attempts++;
    if (this.failWith !== undefined) return Promise.reject(new Error(this.failWith));
    const capture = new FakeCapture(request, this.sampleRate, this.closes);
    this.captures.push(capture);
    return Promise.resolve(capture);
  };
  get last(): FakeCapture {
    const capture = this.captures.at(-1);
    if (!capture) throw new Error('no capture opened');
    return capture;
  }
}

/** Lets promise callbacks (the backend's open) run. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function setup(options: LiveSourceOptions = {}) {
  const clock = new FakeClock(1000);
  const backend = new FakeBackend();
  const sink = new RecordingSink(() => clock.now());
  const source = new LiveSource({
    setInterval: (fn, ms) => clock.setInterval(fn, ms),
    clearInterval: (h) => {
      clock.clearInterval(h);
    },
    now: () => clock.now(),
    openCapture: backend.open,
    listDevices: () =>
      Promise.resolve([
        { index: 0, id: 'id-in', label: 'cpal_client_1_in' },
        { index: 1, id: 'id-out', label: 'cpal_client_1_out' },
      ]),
    ...options,
  });
  /** Starts the source and delivers its first block, as a device would. */
  const start = async (): Promise<void> => {
    const started = source.start(sink);
    await settle();
    backend.last.deliver();
    await started;
  };
  /** Advances time in 21 ms steps, delivering a block from the newest capture on each step when `flowing`. */
  const run = (ms: number, flowing: boolean): void => {
    for (let t = 0; t < ms; t += 21) {
      clock.advance(21);
      if (flowing) backend.last.deliver();
    }
  };
  return { clock, backend, sink, source, start, run };
}

describe('LiveSource start', () => {
  it('resolves once the first block arrives, and delivers it mono', async () => {
    const { source, sink, start, backend } = setup();
    await start();
    expect(sink.blocks.length).toBe(1);
    expect(sink.blocks[0]?.length).toBe(1024);
    expect(backend.last.request.deviceId).toBeUndefined();
    expect(source.info).toEqual({ kind: 'live', name: 'default capture device', sampleRate: 48000, nativeSampleRate: 48000, channels: 2, realtime: true });
    await source.stop();
  });

  it('opens the resolved device by id and names it', async () => {
    const { source, backend, start } = setup({ device: 'IN' });
    await start();
    expect(backend.last.request.deviceId).toBe('id-in');
    expect(source.info.name).toBe('cpal_client_1_in');
    await source.stop();
  });

  it('rejects an unknown device, naming it and listing the devices', async () => {
    const { source, sink } = setup({ device: 'motu' });
    await expect(source.start(sink)).rejects.toThrow('input device "motu" not found: available capture devices: 0: "cpal_client_1_in", 1: "cpal_client_1_out"');
  });

  it('rejects with the device spec and the underlying error when the device cannot be opened', async () => {
    const { source, sink, backend } = setup({ device: 0 });
    backend.failWith = 'DeviceNotAvailable: The requested audio device is not available.';
    await expect(source.start(sink)).rejects.toThrow(
      'cannot open capture device 0 ("cpal_client_1_in"): DeviceNotAvailable: The requested audio device is not available.',
    );
    const fallback = setup();
    fallback.backend.failWith = 'no usable capture device';
    await expect(fallback.source.start(fallback.sink)).rejects.toThrow('cannot open the default capture device: no usable capture device');
  });

  it('reopens a device that opened but stays silent, and starts once the new one delivers', async () => {
    const { source, sink, clock, backend } = setup();
    const started = source.start(sink);
    await settle();
    clock.advance(450);
    expect(backend.attempts).toBe(1);
    clock.advance(100);
    await settle();
    expect(backend.attempts).toBe(2);
    expect(backend.captures[0]?.closeCalls).toBe(1);
    backend.last.deliver();
    await started;
    expect(sink.blocks.length).toBe(1);
    expect(sink.events).toEqual([]);
    await source.stop();
  });

  it('rejects when no reopened device delivers either, naming the last failure, and releases them', async () => {
    const { source, sink, clock, backend } = setup({ startTimeoutMs: 2000 });
    const started = source.start(sink);
    await settle();
    clock.advance(1000); // first reopen at 500 ms succeeds but stays silent
    await settle();
    backend.failWith = 'DeviceNotAvailable';
    clock.advance(600); // the next one, at 1500 ms, fails
    await settle();
    clock.advance(500);
    await settle();
    await expect(started).rejects.toThrow('the default capture device opened but delivered no audio within 2000 ms (reopening it failed: DeviceNotAvailable)');
    expect(backend.captures.length).toBe(2);
    expect(backend.captures.every((c) => c.closeCalls === 1)).toBe(true);
    expect(clock.activeIntervals).toBe(0);
    expect(sink.events).toEqual([]);
  });

  it('refuses a second start, even while the first is still opening', async () => {
    const { source, sink, backend } = setup();
    const first = source.start(sink);
    await expect(source.start(sink)).rejects.toThrow('live input from the default capture device is already started');
    await settle();
    backend.last.deliver();
    await first;
    await source.stop();
  });

  it('a stop while waiting for the first block rejects the start', async () => {
    const { source, sink, backend } = setup();
    const started = source.start(sink);
    await settle();
    await source.stop();
    await expect(started).rejects.toThrow('live input from the default capture device was stopped before any audio arrived');
    expect(backend.last.closeCalls).toBe(1);
  });

  it('refuses a channel beyond the opened channels, and bad channel counts', () => {
    expect(() => new LiveSource({ channel: 2 })).toThrow(
      "channel 2 is out of range for the capture device as opened (set channels to open more), which has 2 channels: use 'mix' or 0..1",
    );
    expect(() => new LiveSource({ channel: 3, channels: 4 })).not.toThrow();
    expect(() => new LiveSource({ channels: 0 })).toThrow('channels must be a whole number in 1..32, got 0');
  });
});

describe('LiveSource channels', () => {
  it('mixes all channels with the speakers layout, or takes one channel discretely', async () => {
    const mix = setup();
    await mix.start();
    mix.backend.last.deliver([0.2, 0.4]);
    expect(mix.backend.last.request.interpretation).toBe('speakers');
    expect(mix.sink.blocks[1]?.[0]).toBeCloseTo(0.3, 6);
    await mix.source.stop();

    const right = setup({ channel: 1 });
    await right.start();
    right.backend.last.deliver([0.2, 0.4]);
    expect(right.backend.last.request.interpretation).toBe('discrete');
    expect(right.sink.blocks[1]?.[0]).toBeCloseTo(0.4, 6);
    await right.source.stop();
  });

  it('converts a 44.1 kHz device to 48 kHz', async () => {
    const t = setup();
    t.backend.sampleRate = 44100;
    await t.start();
    expect(t.source.info.nativeSampleRate).toBe(44100);
    for (let b = 0; b < 100; b++) {
      const block = new Float32Array(1024);
      for (let n = 0; n < 1024; n++) block[n] = 0.5 * Math.sin((2 * Math.PI * 1000 * (b * 1024 + n)) / 44100);
      t.backend.last.deliver([block, block]);
    }
    const out = t.sink.joined().subarray(1200); // after the first (constant) block's transient
    const fit = fitSine(out, 1000, 48000, 2000, out.length - 100);
    expect(Math.abs(t.sink.samples - (101 * 1024 * 48000) / 44100)).toBeLessThan(40);
    expect(fit.amplitude).toBeCloseTo(0.5, 2);
    expect(fit.residualDb).toBeLessThan(-60);
    await t.source.stop();
  });
});

describe('LiveSource watchdog', () => {
  it('stays quiet while blocks flow, with jitter', async () => {
    const t = setup();
    await t.start();
    t.run(5000, true);
    expect(t.sink.events).toEqual([]);
    expect(t.backend.attempts).toBe(1);
    await t.source.stop();
  });

  it('reports a stall after 500 ms without blocks, once, and reopens at once without awaiting the old close', async () => {
    const t = setup({ closeTimeoutMs: 100 });
    t.backend.closes = false;
    await t.start();
    t.run(200, true);
    t.run(500, false);
    expect(t.sink.events).toEqual([]);
    t.run(100, false);
    expect(t.sink.eventTypes()).toEqual(['stalled']);
    expect(t.sink.events[0]?.message).toBe('no audio from the default capture device for 500 ms; reopening it every 1000 ms');
    expect(t.source.stalled).toBe(true);
    await settle();
    expect(t.backend.attempts).toBe(2);
    expect(t.backend.captures[0]?.closeCalls).toBe(1);
    await t.source.stop();
  });

  it('retries every second while opening fails, reports each new reason once, then recovers', async () => {
    const t = setup();
    await t.start();
    t.backend.failWith = 'DeviceNotAvailable';
    t.run(600, false); // stall found at ~550 ms, first retry at once
    await settle();
    for (let s = 0; s < 4; s++) {
      t.run(1000, false);
      await settle();
    }
    expect(t.backend.attempts).toBe(1 + 5);
    expect(t.sink.eventTypes()).toEqual(['stalled', 'stalled']);
    expect(t.sink.events[1]?.message).toBe('reopening the default capture device failed: DeviceNotAvailable; retrying every 1000 ms');

    t.backend.failWith = undefined;
    t.run(1000, false);
    await settle();
    expect(t.backend.captures.length).toBe(2);
    const blocksBefore = t.sink.blocks.length;
    t.run(300, true);
    expect(t.sink.eventTypes()).toEqual(['stalled', 'stalled', 'recovered']);
    expect(t.sink.events[2]?.message).toMatch(/^audio from the default capture device flows again after 5\.\d s$/);
    expect(t.sink.blocks.length - blocksBefore).toBe(15);
    expect(t.source.stalled).toBe(false);

    // A later stall is reported again.
    t.run(700, false);
    expect(t.sink.eventTypes().at(-1)).toBe('stalled');
    await t.source.stop();
  });

  it('ignores blocks from an abandoned capture', async () => {
    const t = setup();
    await t.start();
    const first = t.backend.last;
    t.run(600, false);
    await settle();
    expect(t.backend.captures.length).toBe(2);
    const before = t.sink.blocks.length;
    first.deliver();
    expect(t.sink.blocks.length).toBe(before);
    expect(t.source.stalled).toBe(true);
    await t.source.stop();
  });

  it('keeps reopening while a reopened device stays silent', async () => {
    const t = setup();
    await t.start();
    t.run(600, false);
    await settle();
    t.run(1000, false);
    await settle();
    t.run(1000, false);
    await settle();
    expect(t.backend.captures.length).toBe(4);
    expect(t.backend.captures.slice(0, 3).every((c) => c.closeCalls === 1)).toBe(true);
    expect(t.sink.eventTypes()).toEqual(['stalled']);
    await t.source.stop();
  });
});

describe('LiveSource stop', () => {
  it('closes the capture, clears the watchdog and ignores late blocks', async () => {
    const t = setup();
    await t.start();
    const capture = t.backend.last;
    await t.source.stop();
    expect(capture.closeCalls).toBe(1);
    expect(t.clock.activeIntervals).toBe(0);
    capture.deliver();
    expect(t.sink.blocks.length).toBe(1);
    t.run(3000, false);
    expect(t.sink.events).toEqual([]);
  });

  it('returns even when the capture never finishes closing (dead audio server)', async () => {
    const t = setup({ closeTimeoutMs: 100 });
    t.backend.closes = false;
    await t.start();
    const began = performance.now();
    await t.source.stop();
    expect(performance.now() - began).toBeLessThan(1000);
  });

  it('can start again after stop', async () => {
    const t = setup();
    await t.start();
    await t.source.stop();
    await t.start();
    expect(t.backend.captures.length).toBe(2);
    await t.source.stop();
  });
});
