import { CONTRACT } from '../core/contract/contract.js';
import type { ChannelSelect } from './channel-mix.js';
import { withDefaults } from './defaults.js';
import { decodeAudioFile, type DecodedAudio } from './file-decode.js';
import { startPacedPlayback, type PacedPlayback, type PacerOptions } from './realtime-pacer.js';
import type { AudioSink, AudioSource, SourceInfo } from './source.js';
import { realTimers, type Timers } from './timers.js';

export interface FileSourceOptions {
  /** Start again from the top at the end instead of ending. */
  loop?: boolean;
  channel?: ChannelSelect;
  timers?: Timers;
  pacer?: PacerOptions;
}

/** Plays a decoded file in real time, as if it came from a sound card: blocks of 1024 at 48 kHz, paced by the clock. */
export class FileSource implements AudioSource {
  static getDefaults(): Required<FileSourceOptions> {
    return { loop: false, channel: 'mix', timers: realTimers, pacer: {} };
  }

  /** Decodes `path` (see decodeAudioFile for the errors) and returns a source ready to start. */
  static async open(path: string, options: FileSourceOptions = {}): Promise<FileSource> {
    const decoded = await decodeAudioFile(path, { channel: options.channel ?? 'mix' });
    return new FileSource(decoded, path, options);
  }

  readonly info: SourceInfo;
  private readonly options: Required<FileSourceOptions>;
  private playback: PacedPlayback | undefined;
  private position = 0;

  constructor(
    private readonly decoded: DecodedAudio,
    private readonly path: string,
    options: FileSourceOptions = {},
  ) {
    this.options = withDefaults(FileSource.getDefaults(), options);
    this.info = {
      kind: 'file',
      name: path,
      sampleRate: CONTRACT.audio.sample_rate,
      nativeSampleRate: decoded.nativeSampleRate,
      channels: decoded.channels,
      realtime: true,
    };
  }

  start(sink: AudioSink): Promise<void> {
    if (this.playback) return Promise.reject(new Error(`file source ${this.path} is already started`));
    this.position = 0;
    const { samples } = this.decoded;
    const render = (out: Float32Array): number => {
      let written = 0;
      while (written < out.length) {
        if (this.position >= samples.length) {
          if (!this.options.loop) break;
          this.position = 0;
        }
        const count = Math.min(out.length - written, samples.length - this.position);
        out.set(samples.subarray(this.position, this.position + count), written);
        written += count;
        this.position += count;
      }
      return written;
    };
    const onEnd = (): void => {
      this.playback = undefined;
      sink.event({ type: 'ended', message: `end of audio file ${this.path} (${this.decoded.duration.toFixed(1)} s)` });
    };
    this.playback = startPacedPlayback(render, sink, this.options.timers, this.options.pacer, onEnd);
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.playback?.stop();
    this.playback = undefined;
    return Promise.resolve();
  }
}
