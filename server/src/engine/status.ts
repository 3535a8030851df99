import type { SourceInfo } from '../audio/source.js';
import type { HopIndex, Milliseconds, Seconds } from '../core/units.js';

export type InputState = 'starting' | 'running' | 'stalled' | 'ended' | 'error';

/** What /api/status reports about the audio input. */
export interface InputStatus {
  source: SourceInfo | null;
  state: InputState;
  /** Last event from the source (stalled, recovered, error), for the VJ. */
  message: string | null;
  /** RMS and peak of the last second of input, linear full scale. */
  level_rms: number;
  level_peak: number;
  /** True when a sample at or above full scale arrived in the last second. */
  clipping: boolean;
  clipped_samples: number;
  /** Hops filled with silence because the input delivered nothing (device gone, buffer underrun). */
  silent_fill_hops: number;
}

/** Per-hop processing cost, measured in the analysis worker. */
export interface ProcessingStatus {
  hop: HopIndex;
  t: Seconds;
  hop_ms_median: Milliseconds;
  hop_ms_p99: Milliseconds;
  /** Hops processed per second of wall time over the last status period (46.875 when keeping up live). */
  hops_per_second: number;
  /** States that reached the network thread more than 100 ms after their hop ended (a stalled main thread). */
  late_states: number;
}

export interface EngineStatus {
  input: InputStatus;
  processing: ProcessingStatus;
}
