import type { BeatState, SlowState } from '../../core/state/slow-state.js';
import type { Bpm, Milliseconds } from '../../core/units.js';
import type { OscMessage } from './osc-message.js';
import { SECTION_LABELS } from './signals.js';
import { alarmAnnounced } from '../../core/models/boundary-alarm.js';

/** A beat the scheduler predicts, with its position in the bar. */
export interface PredictedBeat {
  beatCount: number;
  beatInBar: number;
  beatsPerBar: number;
  barCount: number;
  bpm: Bpm;
  downbeat: boolean;
  /** Predicted wall time of the beat (server clock, ms since the epoch). */
  at: Milliseconds;
}

/** What a profile turns a SlowState stream into. All pure. */
export interface OscProfile {
  /** Values sent at the target's rate. */
  continuous(state: SlowState): OscMessage[];
  /** Changes since the previous state (section, boundary), sent on the hop they appear. */
  changes(state: SlowState, prev: SlowState | undefined): OscMessage[];
  /** Sent at the predicted beat time minus the target's latency. */
  beat(beat: PredictedBeat): OscMessage[];
}

/** The k-th beat after a state (k >= 1): its count, bar position and predicted wall time. */
export function predictBeat(beat: BeatState, wall: Milliseconds, k: number): PredictedBeat {
  const position = beat.beat_in_bar - 1 + k;
  const beatInBar = (position % beat.beats_per_bar) + 1;
  return {
    beatCount: beat.beat_count + k,
    beatInBar,
    beatsPerBar: beat.beats_per_bar,
    barCount: beat.bar_count + Math.floor(position / beat.beats_per_bar),
    bpm: beat.bpm,
    downbeat: beatInBar === 1,
    at: wall + (k - beat.phase) * beat.spb * 1000,
  };
}

/** The section label's probability, when the label is one of the contract's. */
export function sectionProb(state: SlowState): number | undefined {
  const s = state.structure;
  return s ? s.section_probs[SECTION_LABELS.indexOf(s.section)] : undefined;
}

export function sectionChanged(state: SlowState, prev: SlowState | undefined): boolean {
  return state.structure !== undefined && state.structure.section !== prev?.structure?.section;
}

/**
 * The standing alarm's horizon when it appeared or moved closer since the previous state (16 -> 8 -> 4 ...), so a
 * predicted change is announced once per step, not every hop. The alarm itself is SlowState's
 * `structure.boundary_in`, set by the one rule in core/models/boundary-alarm.ts that the anticipator is scored by.
 */
export function boundaryAnnounced(state: SlowState, prev: SlowState | undefined): number | undefined {
  return alarmAnnounced(state.structure?.boundary_in, prev?.structure?.boundary_in);
}
