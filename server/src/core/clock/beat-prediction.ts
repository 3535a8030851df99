import type { BeatState } from '../state/slow-state.js';
import type { Milliseconds, Seconds } from '../units.js';

/** The beat clock extrapolated from one SlowState to another moment on the server clock. */
export interface PredictedBeat {
  /** Beat phase in [0, 1). */
  phase: number;
  beatCount: number;
  /** Continuous beat position, beatCount + phase: the orbit and the palette run on it. */
  beats: number;
  beatInBar: number;
  beatsPerBar: number;
  barCount: number;
  barPhase: number;
  spb: Seconds;
}

/**
 * Beat phase, bar phase and counts at `serverTime`, from the beat block of the state stamped `wall` (both on
 * the server clock, ms). The state's phase advances at 1/spb per second; beyond a beat it wraps and counts,
 * so a display that lost its connection keeps running on the held tempo. Earlier times extrapolate backwards.
 */
export function predictBeat(beat: BeatState, wall: Milliseconds, serverTime: Milliseconds): PredictedBeat {
  if (!Number.isFinite(beat.spb) || beat.spb <= 0) throw new Error(`beat.spb must be a positive number of seconds, got ${String(beat.spb)}`);
  if (!Number.isInteger(beat.beats_per_bar) || beat.beats_per_bar < 1) {
    throw new Error(`beat.beats_per_bar must be a positive integer, got ${String(beat.beats_per_bar)}`);
  }
  if (!Number.isFinite(wall) || !Number.isFinite(serverTime)) {
    throw new Error(`predictBeat needs finite times in ms, got wall ${String(wall)} and serverTime ${String(serverTime)}`);
  }
  const ahead = beat.phase + (serverTime - wall) / 1000 / beat.spb;
  const whole = Math.floor(ahead);
  const phase = ahead - whole;
  const bpb = beat.beats_per_bar;
  // Beats since the start of the state's bar, then split into bars and the beat within the bar.
  const intoBar = beat.beat_in_bar - 1 + whole;
  const bars = Math.floor(intoBar / bpb);
  const beatIndex = intoBar - bars * bpb;
  return {
    phase,
    beatCount: beat.beat_count + whole,
    beats: beat.beat_count + ahead,
    beatInBar: beatIndex + 1,
    beatsPerBar: bpb,
    barCount: beat.bar_count + bars,
    barPhase: (beatIndex + phase) / bpb,
    spb: beat.spb,
  };
}

/**
 * The server time whose beat a display should render at client time `clientTime`: the frame leaves the lens
 * `latencyMs` later, and a positive `offsetMs` deliberately shows this display later than the others.
 */
export function renderServerTime(clientTime: Milliseconds, clockOffset: Milliseconds, latencyMs: Milliseconds, offsetMs: Milliseconds): Milliseconds {
  return clientTime + clockOffset + latencyMs - offsetMs;
}

/** Beat position with no beat clock: stream time counted in nominal beats, so the orbit still moves. */
export function nominalBeats(t: Seconds, wall: Milliseconds, serverTime: Milliseconds, nominalSpb: Seconds): number {
  return (t + (serverTime - wall) / 1000) / nominalSpb;
}
