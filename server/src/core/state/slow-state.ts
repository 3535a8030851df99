import type { Bpm, HopIndex, Hz, Milliseconds, Seconds } from '../units.js';

/** Audio features of one hop, as carried in SlowState v1. */
export interface FeatureState {
  rms: number;
  centroid: Hz;
  flux: number;
  zcr: number;
  onset: number;
  rolloff: Hz;
  bands: number[];
}

/** Beat clock output (issue 3). Absent until the tracker runs. */
export interface BeatState {
  bpm: Bpm;
  spb: Seconds;
  phase: number;
  beat_in_bar: number;
  beats_per_bar: number;
  bar_phase: number;
  beat_count: number;
  bar_count: number;
  conf: number;
  downbeat_prob: number;
}

/** Section and boundary hazard (issue 8). Absent until the anticipator runs. */
export interface StructureState {
  section: string;
  section_probs: number[];
  hazard: number[];
  /** Beats to the standing "boundary in N beats" alarm (core/models/boundary-alarm.ts); absent when none stands. */
  boundary_in?: number;
}

/**
 * One SlowState per hop. Blocks whose producer has not run are absent, never filled with made-up values.
 * `t` is stream time at the end of the hop (hop * 1024 / 48000); `wall` is the server clock (ms since the epoch) when the hop finished.
 */
export interface SlowState {
  v: 1;
  hop: HopIndex;
  t: Seconds;
  wall: Milliseconds;
  features: FeatureState;
  beat?: BeatState;
  structure?: StructureState;
  control?: number[];
  c?: [number, number];
  /**
   * The beat position `c` was drawn at (core/visual/orbit-beats.ts): beat_count + phase while the tracker runs
   * smoothly; after a jump of it, the orbit's own position closing the gap, give or take whole 4-beat periods.
   */
  orbit_beats?: number;
  /** Which producer made `control` and `c`: the controller model, or the hand-written mapping. */
  control_source?: 'model' | 'manual';
}
