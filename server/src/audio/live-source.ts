import { CONTRACT } from '../core/contract/contract.js';
import { Resampler } from '../core/dsp/resample.js';
import type { Milliseconds } from '../core/units.js';
import { checkChannel, toMono, type ChannelSelect } from './channel-mix.js';
import { withDefaults } from './defaults.js';
import { listInputDevices, resolveInputDevice, type InputDevice } from './devices.js';
import type { AudioSink, AudioSource, SourceInfo } from './source.js';
import { realTimers } from './timers.js';
import { openWebAudioCapture, type Capture, type OpenCapture } from './web-audio-capture.js';

export interface LiveSourceOptions {
  /** Index or case-insensitive part of a name (see resolveInputDevice); undefined = the system default. */
  device?: string | number | undefined;
  /** 'mix' = mean of all opened channels, or a 0-based channel index. */
  channel?: ChannelSelect;
  /** Channels opened on the device (node-web-audio-api does not report how many a device has; JACK gives 2). */
  channels?: number;
  /** No block for this long means the device stalled. */
  watchdogMs?: Milliseconds;
  /** While stalled, a new capture (a new AudioContext) is opened this often; the old one's close is never awaited. */
  retryMs?: Milliseconds;
  /** start() rejects if the opened device delivers nothing for this long. */
  startTimeoutMs?: Milliseconds;
  /** How often the watchdog looks. */
  checkMs?: Milliseconds;
  /** stop() waits this long for the device to close (it never does when the audio server died). */
  closeTimeoutMs?: Milliseconds;
  setInterval?(fn: () => void, ms: Milliseconds): unknown;
  clearInterval?(handle: unknown): void;
  now?(): Milliseconds;
  /** The capture backend (node-web-audio-api by default; tests pass a fake). */
  openCapture?: OpenCapture;
  listDevices?: () => Promise<InputDevice[]>;
}

type Options = Required<Omit<LiveSourceOptions, 'device'>> & { device: string | number | undefined };

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * A sound card through node-web-audio-api (hosted in a child process, see web-audio-capture.ts), mono at 48 kHz.
 * When the device or the JACK server dies the library neither throws nor changes state; blocks just stop. So a watchdog on block arrival reports 'stalled', reopens the
 * device every `retryMs`, and reports 'recovered' when blocks flow again.
 */
export class LiveSource implements AudioSource {
  static getDefaults(): Required<Omit<LiveSourceOptions, 'device'>> {
    return {
      channel: 'mix',
      channels: 2,
      watchdogMs: 500,
      retryMs: 1000,
      startTimeoutMs: 3000,
      checkMs: 50,
      closeTimeoutMs: 1000,
      setInterval: (fn, ms) => realTimers.setInterval(fn, ms),
      clearInterval: (handle) => {
        realTimers.clearInterval(handle);
      },
      now: () => realTimers.now(),
      openCapture: openWebAudioCapture,
      listDevices: listInputDevices,
    };
  }

  private readonly options: Options;
  private readonly state: SourceInfo;
  private sink: AudioSink | undefined;
  private capture: Capture | undefined;
  private resampler: Resampler | undefined;
  private deviceId: string | undefined;
  /** Bumped on every (re)open and on stop, so late blocks from an abandoned capture are ignored. */
  private generation = 0;
  private watchdog: unknown;
  private lastBlockMs: Milliseconds = 0;
  private stalledSinceMs: Milliseconds | undefined;
  private nextRetryMs: Milliseconds = 0;
  private opening = false;
  private lastRetryError = '';
  /** The device in messages: its quoted label, or 'the default capture device'. */
  private label = 'the default capture device';
  /** From start() until stop(), including while the device opens. */
  private active = false;
  private startWaiter: { resolve: () => void; reject: (error: Error) => void; openedMs: Milliseconds } | undefined;

  constructor(options: LiveSourceOptions = {}) {
    const { device, ...rest } = options;
    this.options = { ...withDefaults(LiveSource.getDefaults(), rest), device };
    const { channels, channel, watchdogMs, retryMs } = this.options;
    if (!Number.isInteger(channels) || channels < 1 || channels > 32) throw new Error(`live input: channels must be a whole number in 1..32, got ${channels}`);
    checkChannel(channel, channels, `the capture device as opened (set channels to open more)`);
    if (!(watchdogMs > 0) || !(retryMs > 0)) throw new Error(`live input: watchdogMs and retryMs must be > 0, got ${watchdogMs} and ${retryMs}`);
    const rate = CONTRACT.audio.sample_rate;
    this.state = { kind: 'live', name: 'default capture device', sampleRate: rate, nativeSampleRate: rate, channels, realtime: true };
  }

  /** Before start, nativeSampleRate is the rate that will be requested; after, the rate the device runs at. */
  get info(): SourceInfo {
    return { ...this.state };
  }

  /** True while the watchdog reports the device stalled. */
  get stalled(): boolean {
    return this.stalledSinceMs !== undefined;
  }

  async start(sink: AudioSink): Promise<void> {
    if (this.active) throw new Error(`live input from ${this.label} is already started`);
    this.active = true;
    try {
      await this.resolveDevice(); // a bad spec's message names it and lists the devices
    } catch (error) {
      this.active = false;
      throw error;
    }
    const opened = this.open();
    let capture: Capture;
    try {
      capture = await this.options.openCapture(opened.request);
    } catch (error) {
      this.active = false;
      throw new Error(`cannot open ${this.describeDevice()}: ${reasonOf(error)}`, { cause: error });
    }
    if (opened.generation !== this.generation) {
      void capture.close().catch(() => undefined);
      throw new Error(`live input from ${this.label} was stopped while it opened`);
    }
    this.sink = sink;
    const firstBlock = new Promise<void>((resolve, reject) => {
      this.startWaiter = { resolve, reject, openedMs: this.options.now() };
    });
    this.lastBlockMs = this.options.now();
    this.nextRetryMs = this.lastBlockMs + this.options.watchdogMs;
    this.adopt(capture, opened.generation);
    this.watchdog = this.options.setInterval(() => {
      this.check();
    }, this.options.checkMs);
    await firstBlock;
  }

  async stop(): Promise<void> {
    if (this.watchdog !== undefined) this.options.clearInterval(this.watchdog);
    this.watchdog = undefined;
    this.generation++;
    this.active = false;
    this.sink = undefined;
    this.stalledSinceMs = undefined;
    this.lastRetryError = '';
    this.opening = false;
    const waiter = this.startWaiter;
    this.startWaiter = undefined;
    waiter?.reject(new Error(`live input from ${this.label} was stopped before any audio arrived`));
    const capture = this.capture;
    this.capture = undefined;
    if (!capture) return;
    // A capture whose audio server died never finishes closing: give it a moment, then let it go.
    await Promise.race([
      capture.close().catch(() => undefined),
      new Promise<void>((resolve) => setTimeout(resolve, this.options.closeTimeoutMs).unref()),
    ]);
  }

  private async resolveDevice(): Promise<void> {
    const { device } = this.options;
    if (device === undefined) return;
    const resolved = resolveInputDevice(device, await this.options.listDevices());
    this.deviceId = resolved?.id;
    if (resolved) {
      this.state.name = resolved.label;
      this.label = `"${resolved.label}"`;
    }
  }

  /** The device as the user asked for it, and what it resolved to: for errors at start. */
  private describeDevice(): string {
    const { device } = this.options;
    if (device === undefined) return 'the default capture device';
    const spec = typeof device === 'number' ? String(device) : `"${device}"`;
    return `capture device ${spec}${this.label === spec ? '' : ` (${this.label})`}`;
  }

  private open(): { generation: number; request: Parameters<OpenCapture>[0] } {
    const generation = ++this.generation;
    const { channel, channels } = this.options;
    return {
      generation,
      request: {
        deviceId: this.deviceId,
        channels,
        interpretation: channel === 'mix' ? 'speakers' : 'discrete',
        onBlock: (data) => {
          this.onBlock(generation, data);
        },
      },
    };
  }

  private adopt(capture: Capture, generation: number): void {
    if (generation !== this.generation || !this.sink) {
      void capture.close().catch(() => undefined);
      return;
    }
    this.capture = capture;
    const rate = CONTRACT.audio.sample_rate;
    this.state.nativeSampleRate = capture.sampleRate;
    this.resampler = capture.sampleRate === rate ? undefined : new Resampler(capture.sampleRate, rate);
  }

  private onBlock(generation: number, data: Float32Array[]): void {
    const sink = this.sink;
    if (generation !== this.generation || !sink || this.capture === undefined) return;
    const now = this.options.now();
    this.lastBlockMs = now;
    if (this.startWaiter) {
      this.startWaiter.resolve();
      this.startWaiter = undefined;
      this.lastRetryError = '';
    }
    if (this.stalledSinceMs !== undefined) {
      const seconds = (now - this.stalledSinceMs) / 1000;
      this.stalledSinceMs = undefined;
      this.lastRetryError = '';
      sink.event({ type: 'recovered', message: `audio from ${this.label} flows again after ${seconds.toFixed(1)} s` });
    }
    const mono = toMono(data, this.options.channel);
    const block = this.resampler ? this.resampler.process(mono) : mono;
    if (block.length > 0) sink.audio(block);
  }

  private check(): void {
    const sink = this.sink;
    if (!sink) return;
    const { now, watchdogMs, retryMs, startTimeoutMs } = this.options;
    const t = now();
    const waiter = this.startWaiter;
    if (waiter && t - waiter.openedMs > startTimeoutMs) {
      this.startWaiter = undefined;
      const detail = this.lastRetryError === '' ? '' : ` (reopening it failed: ${this.lastRetryError})`;
      const message = `${this.describeDevice()} opened but delivered no audio within ${startTimeoutMs} ms${detail}`;
      void this.stop().then(() => {
        waiter.reject(new Error(message));
      });
      return;
    }
    const silent = t - this.lastBlockMs > watchdogMs;
    if (!waiter && silent && this.stalledSinceMs === undefined) {
      this.stalledSinceMs = t;
      this.nextRetryMs = t;
      sink.event({ type: 'stalled', message: `no audio from ${this.label} for ${watchdogMs} ms; reopening it every ${retryMs} ms` });
    }
    // Also before the first block: right after a JACK restart, a fresh context sometimes never starts rendering.
    const retrying = this.stalledSinceMs !== undefined || (waiter !== undefined && silent);
    if (retrying && !this.opening && t >= this.nextRetryMs) this.retry(t);
  }

  private retry(t: Milliseconds): void {
    this.opening = true;
    this.nextRetryMs = t + this.options.retryMs;
    const old = this.capture;
    this.capture = undefined;
    // Never awaited: on a dead JACK server close() never resolves.
    if (old) void old.close().catch(() => undefined);
    const opened = this.open();
    this.options
      .openCapture(opened.request)
      .then((capture) => {
        this.adopt(capture, opened.generation);
      })
      .catch((error: unknown) => {
        const reason = reasonOf(error);
        if (reason !== this.lastRetryError && this.sink && opened.generation === this.generation) {
          this.lastRetryError = reason;
          if (this.stalledSinceMs !== undefined) this.sink.event({ type: 'stalled', message: `reopening ${this.label} failed: ${reason}; retrying every ${this.options.retryMs} ms` });
        }
      })
      .finally(() => {
        this.opening = false;
      });
  }
}
