import { CONTRACT } from '../core/contract/contract.js';
import type { Samples } from '../core/units.js';
import type { ChannelSelect } from './channel-mix.js';
import { decodeAudioFile, type DecodedAudio } from './file-decode.js';
import type { AudioSink, AudioSource, SourceInfo } from './source.js';

export interface OfflineSourceOptions {
  channel?: ChannelSelect;
  blockSize?: Samples;
}

/** Blocks between yields to the event loop, so a long file does not starve timers and `stop()`. */
const BLOCKS_PER_TURN = 256;

/**
 * Pushes a whole decoded file through the sink as fast as the sink takes it (`fractalsync analyze`): every sample
 * exactly once, in order, then 'ended'. `start` resolves when the file is through (or `stop` cut it short).
 */
export class OfflineSource implements AudioSource {
  static async open(path: string, options: OfflineSourceOptions = {}): Promise<OfflineSource> {
    const decoded = await decodeAudioFile(path, { channel: options.channel ?? 'mix' });
    return new OfflineSource(decoded, path, options);
  }

  readonly info: SourceInfo;
  private readonly blockSize: Samples;
  private running = false;

  constructor(
    private readonly decoded: DecodedAudio,
    private readonly path: string,
    options: OfflineSourceOptions = {},
  ) {
    this.blockSize = options.blockSize ?? CONTRACT.audio.hop;
    if (!Number.isInteger(this.blockSize) || this.blockSize < 1) throw new Error(`offline source: blockSize must be a whole number >= 1, got ${this.blockSize}`);
    this.info = {
      kind: 'offline',
      name: path,
      sampleRate: CONTRACT.audio.sample_rate,
      nativeSampleRate: decoded.nativeSampleRate,
      channels: decoded.channels,
      realtime: false,
    };
  }

  async start(sink: AudioSink): Promise<void> {
    if (this.running) throw new Error(`offline source ${this.path} is already started`);
    this.running = true;
    const { samples } = this.decoded;
    let blocks = 0;
    for (let at = 0; at < samples.length; at += this.blockSize) {
      if (this.stopped()) return;
      sink.audio(samples.slice(at, at + this.blockSize));
      if (++blocks % BLOCKS_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (this.stopped()) return;
    this.running = false;
    sink.event({ type: 'ended', message: `end of audio file ${this.path} (${this.decoded.duration.toFixed(1)} s)` });
  }

  /** A method, not a field read, because `stop()` changes it while `start` awaits. */
  private stopped(): boolean {
    return !this.running;
  }

  stop(): Promise<void> {
    this.running = false;
    return Promise.resolve();
  }
}
