import { CONTRACT } from '../core/contract/contract.js';
import { DemoGroove } from '../core/synth/demo-groove.js';
import type { Bpm } from '../core/units.js';
import { withDefaults } from './defaults.js';
import { startPacedPlayback, type PacedPlayback, type PacerOptions } from './realtime-pacer.js';
import type { AudioSink, AudioSource, SourceInfo } from './source.js';
import { realTimers, type Timers } from './timers.js';

export interface DemoSourceOptions {
  seed?: number;
  bpm?: Bpm;
  timers?: Timers;
  pacer?: PacerOptions;
}

/** The built-in demo groove played in real time (no sound card needed); it loops forever. */
export class DemoSource implements AudioSource {
  static getDefaults(): Required<DemoSourceOptions> {
    const groove = DemoGroove.getDefaults();
    return { seed: groove.seed, bpm: groove.bpm, timers: realTimers, pacer: {} };
  }

  readonly info: SourceInfo;
  readonly groove: DemoGroove;
  private readonly options: Required<DemoSourceOptions>;
  private playback: PacedPlayback | undefined;

  constructor(options: DemoSourceOptions = {}) {
    this.options = withDefaults(DemoSource.getDefaults(), options);
    const rate = CONTRACT.audio.sample_rate;
    this.groove = new DemoGroove({ seed: this.options.seed, bpm: this.options.bpm, sampleRate: rate });
    this.info = { kind: 'demo', name: 'demo groove', sampleRate: rate, nativeSampleRate: rate, channels: 1, realtime: true };
  }

  get bpm(): Bpm {
    return this.options.bpm;
  }

  start(sink: AudioSink): Promise<void> {
    if (this.playback) return Promise.reject(new Error('demo source is already started'));
    this.groove.reset();
    const render = (out: Float32Array): number => {
      this.groove.render(out);
      return out.length;
    };
    // The groove loops, so playback never ends on its own.
    this.playback = startPacedPlayback(render, sink, this.options.timers, this.options.pacer, () => undefined);
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.playback?.stop();
    this.playback = undefined;
    return Promise.resolve();
  }
}
