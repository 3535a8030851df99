import type { Hz } from '../core/units.js';

export type SourceKind = 'live' | 'file' | 'offline' | 'demo';

export interface SourceInfo {
  kind: SourceKind;
  /** Human-readable name for logs and /api/status: the device label, the file path, or "demo groove". */
  name: string;
  /** Rate the source delivers to the sink. Always the contract rate (48 kHz): sources resample. */
  sampleRate: Hz;
  /** Rate of the underlying device or file, before resampling. */
  nativeSampleRate: Hz;
  /** Channels of the underlying device or file; sinks always receive a mono mix (or the selected channel). */
  channels: number;
  /** True when blocks arrive at the pace of real time (live, file playback, demo); false for offline reads. */
  realtime: boolean;
}

export type SourceEvent =
  | { type: 'stalled'; message: string }
  | { type: 'recovered'; message: string }
  | { type: 'ended'; message: string }
  | { type: 'error'; message: string };

/** Where a source delivers audio: mono, 48 kHz, any block length. */
export interface AudioSink {
  audio(block: Float32Array): void;
  event(event: SourceEvent): void;
}

/** A source of mono 48 kHz audio. `start` resolves once audio flows (or rejects with a message naming what was wrong). */
export interface AudioSource {
  readonly info: SourceInfo;
  start(sink: AudioSink): Promise<void>;
  stop(): Promise<void>;
}
