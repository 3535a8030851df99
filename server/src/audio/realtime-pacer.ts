import { CONTRACT } from '../core/contract/contract.js';
import type { Hz, Milliseconds, Samples } from '../core/units.js';
import { withDefaults } from './defaults.js';
import type { AudioSink } from './source.js';
import type { Timers } from './timers.js';

export interface PacerOptions {
  sampleRate?: Hz;
  blockSize?: Samples;
  /** How often the timer checks for due blocks; a block is at most this late. */
  intervalMs?: Milliseconds;
  /** After a longer stall (a suspended laptop), the excess is skipped instead of bursting minutes of audio at once. */
  maxLagMs?: Milliseconds;
}

/**
 * Block accounting for real-time playback: a block is due once all of its samples' time has passed since `start`.
 * A late timer gets every overdue block at once (catch-up); a block is never handed out early (no run-ahead).
 */
export class RealtimePacer {
  static getDefaults(): Required<PacerOptions> {
    return { sampleRate: CONTRACT.audio.sample_rate, blockSize: CONTRACT.audio.hop, intervalMs: 10, maxLagMs: 1000 };
  }

  readonly options: Required<PacerOptions>;
  private startMs = 0;
  private taken: Samples = 0;
  private skipped: Samples = 0;

  constructor(options: PacerOptions = {}) {
    this.options = withDefaults(RealtimePacer.getDefaults(), options);
    const { blockSize, sampleRate, maxLagMs } = this.options;
    if (!Number.isInteger(blockSize) || blockSize < 1) throw new Error(`pacer: blockSize must be a whole number >= 1, got ${blockSize}`);
    if (!(sampleRate > 0)) throw new Error(`pacer: sampleRate must be > 0, got ${sampleRate}`);
    if (!(maxLagMs >= (blockSize * 1000) / sampleRate)) throw new Error(`pacer: maxLagMs must cover at least one block, got ${maxLagMs}`);
  }

  start(nowMs: Milliseconds): void {
    this.startMs = nowMs;
    this.taken = 0;
    this.skipped = 0;
  }

  /** Samples of real time dropped after stalls longer than `maxLagMs`. */
  get skippedSamples(): Samples {
    return this.skipped;
  }

  /** Number of whole blocks due at `nowMs` and not yet taken; marks them taken. */
  take(nowMs: Milliseconds): number {
    const { blockSize, sampleRate, maxLagMs } = this.options;
    const due = Math.floor(((nowMs - this.startMs) * sampleRate) / 1000);
    const maxLag = Math.floor((maxLagMs * sampleRate) / 1000);
    if (due - this.taken > maxLag) {
      const skip = Math.floor((due - this.taken - maxLag) / blockSize) * blockSize;
      this.taken += skip;
      this.skipped += skip;
    }
    const blocks = Math.max(0, Math.floor((due - this.taken) / blockSize));
    this.taken += blocks * blockSize;
    return blocks;
  }
}

/** Fills `out` with the next samples; returns how many it wrote. Fewer than `out.length` means the stream ended. */
export type BlockRenderer = (out: Float32Array) => Samples;

export interface PacedPlayback {
  stop(): void;
  readonly pacer: RealtimePacer;
}

/** Runs `render` at real-time pace into `sink`; calls `onEnd` once after the last (possibly short) block. */
export function startPacedPlayback(
  render: BlockRenderer,
  sink: AudioSink,
  timers: Timers,
  options: PacerOptions,
  onEnd: () => void,
): PacedPlayback {
  const pacer = new RealtimePacer(options);
  const { blockSize, intervalMs } = pacer.options;
  let running = true;
  const stop = (): void => {
    if (!running) return;
    running = false;
    timers.clearInterval(handle);
  };
  const tick = (): void => {
    for (let blocks = pacer.take(timers.now()); blocks > 0 && running; blocks--) {
      const block = new Float32Array(blockSize);
      const written = render(block);
      if (written > 0) sink.audio(written === blockSize ? block : block.slice(0, written));
      if (written < blockSize) {
        stop();
        onEnd();
      }
    }
  };
  pacer.start(timers.now());
  const handle = timers.setInterval(tick, intervalMs);
  return { stop, pacer };
}
