import { CONTRACT } from '../core/contract/contract.js';
import type { Hz, Milliseconds, Samples } from '../core/units.js';
import type { AudioSink, SourceEvent } from './source.js';
import { withDefaults } from './defaults.js';
import type { Timers } from './timers.js';

export interface GapFillerOptions {
  /** Silence starts once no real audio has arrived for longer than this. */
  thresholdMs?: Milliseconds;
  sampleRate?: Hz;
  /** Largest silent block handed to the inner sink at once. */
  blockSize?: Samples;
}

/**
 * Keeps the hop clock running when a real-time source delivers nothing (a stalled sound card, a dead JACK server):
 * the owner calls `tick(now)` every ~20 ms and, once the gap exceeds the threshold, silence covering exactly the wall
 * time since the last real block or fill goes to the inner sink. While audio flows nothing is added, so it never
 * drifts against the sound card's clock.
 */
export class GapFiller implements AudioSink {
  static getDefaults(): Required<GapFillerOptions> {
    return { thresholdMs: 150, sampleRate: CONTRACT.audio.sample_rate, blockSize: CONTRACT.audio.hop };
  }

  private readonly options: Required<GapFillerOptions>;
  /** Wall time up to which the stream is covered by real audio or by silence already emitted. */
  private coveredUntil: Milliseconds;
  private filling = false;
  private filled: Samples = 0;

  constructor(
    private readonly inner: AudioSink,
    private readonly now: () => Milliseconds,
    options: GapFillerOptions = {},
  ) {
    this.options = withDefaults(GapFiller.getDefaults(), options);
    if (!(this.options.thresholdMs >= 0)) throw new Error(`gap filler: thresholdMs must be >= 0, got ${this.options.thresholdMs}`);
    if (!(this.options.blockSize >= 1)) throw new Error(`gap filler: blockSize must be >= 1, got ${this.options.blockSize}`);
    this.coveredUntil = now();
  }

  /** Samples of silence emitted so far. */
  get filledSamples(): Samples {
    return this.filled;
  }

  /** True while silence stands in for a source that delivers nothing. */
  get isFilling(): boolean {
    return this.filling;
  }

  audio(block: Float32Array): void {
    this.filling = false;
    this.coveredUntil = this.now();
    this.inner.audio(block);
  }

  event(event: SourceEvent): void {
    this.inner.event(event);
  }

  /** Emits silence for the uncovered wall time once the gap exceeds the threshold; returns the samples emitted. */
  tick(nowMs: Milliseconds): Samples {
    const gap = nowMs - this.coveredUntil;
    if (!this.filling && gap <= this.options.thresholdMs) return 0;
    this.filling = true;
    const { sampleRate, blockSize } = this.options;
    const samples = Math.floor((gap * sampleRate) / 1000);
    if (samples <= 0) return 0;
    // Advance by the emitted samples' exact duration, so rounding never accumulates.
    this.coveredUntil += (samples * 1000) / sampleRate;
    for (let left = samples; left > 0; left -= blockSize) this.inner.audio(new Float32Array(Math.min(blockSize, left)));
    this.filled += samples;
    return samples;
  }
}

export interface GapFillerHandle {
  /** The sink to give the source. */
  readonly sink: GapFiller;
  readonly filledSamples: Samples;
  stop(): void;
}

/** Wraps `sink` in a GapFiller ticked every `intervalMs` (default 20 ms) on the given timers. */
export function startGapFiller(
  sink: AudioSink,
  timers: Timers & GapFillerOptions & { intervalMs?: Milliseconds },
): GapFillerHandle {
  const filler = new GapFiller(sink, () => timers.now(), timers);
  const handle = timers.setInterval(() => filler.tick(timers.now()), timers.intervalMs ?? 20);
  let stopped = false;
  return {
    sink: filler,
    get filledSamples() {
      return filler.filledSamples;
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      timers.clearInterval(handle);
    },
  };
}
