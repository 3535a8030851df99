import type { SlowState } from '../state/slow-state.js';
import type { Milliseconds, Seconds } from '../units.js';
import { lerpControl, parseControl, type ControlVector } from '../visual/control-vector.js';
import { ORBIT } from '../visual/orbit.js';
import { nominalBeats, predictBeat, renderServerTime, type PredictedBeat } from './beat-prediction.js';
import { SectionHysteresis } from './section-hysteresis.js';

/** One hop of the slow clock (1024 / 48000 s): the control vector glides to a new state over this long. */
export const HOP_MS: Milliseconds = (1024 / 48000) * 1000;

/** What a display renders at one moment, all read from the last SlowState. */
export interface FastFrame {
  /** The server time whose music this frame shows (latency and offset applied). */
  serverTime: Milliseconds;
  /** Null while the daemon sends no beat block. */
  beat: PredictedBeat | null;
  /** Beat position: the beat clock's, or stream time in nominal beats without one. */
  beats: number;
  /** Null while the daemon sends no control vector. */
  control: ControlVector | null;
  /** Section after hysteresis; null until a structure block arrives. */
  section: string | null;
  hazard: number[] | undefined;
  conf: number;
  bpm: number | null;
  /** How far this frame extrapolates past the state it holds (ms, server clock). */
  stateAge: Milliseconds;
}

/**
 * The browser's fast clock: holds the last SlowState and answers, at frame rate, where the music is at any
 * client time. It never needs a new state to move on, so a display keeps its tempo through a network drop.
 */
export class FastClock {
  readonly #sections: SectionHysteresis;
  #state: SlowState | null = null;
  #control: ControlVector | null = null;
  #controlFrom: ControlVector | null = null;
  #receivedAt: Milliseconds = 0;

  constructor(sectionHold: Seconds = 1.5) {
    this.#sections = new SectionHysteresis(sectionHold);
  }

  get state(): SlowState | null {
    return this.#state;
  }

  /** Takes a new state received at client time `clientTime`; a malformed control vector is an error naming it. */
  receive(state: SlowState, clientTime: Milliseconds): void {
    const control = state.control === undefined ? null : parseControl(state.control);
    this.#controlFrom = this.#control === null ? control : this.controlAt(clientTime);
    this.#control = control;
    this.#receivedAt = clientTime;
    this.#state = state;
    this.#sections.update(state.structure?.section, clientTime / 1000);
  }

  /** The control vector shown at `clientTime`: gliding from the previous value to the last state's over one hop. */
  controlAt(clientTime: Milliseconds): ControlVector | null {
    if (this.#control === null || this.#controlFrom === null) return this.#control;
    const w = Math.min(1, Math.max(0, (clientTime - this.#receivedAt) / HOP_MS));
    return lerpControl(this.#controlFrom, this.#control, w);
  }

  /** The frame for client time `clientTime`; null before the first state. */
  at(clientTime: Milliseconds, clockOffset: Milliseconds, latencyMs: Milliseconds, offsetMs: Milliseconds): FastFrame | null {
    const state = this.#state;
    if (state === null) return null;
    const serverTime = renderServerTime(clientTime, clockOffset, latencyMs, offsetMs);
    const beat = state.beat === undefined ? null : predictBeat(state.beat, state.wall, serverTime);
    return {
      serverTime,
      beat,
      beats: beat?.beats ?? nominalBeats(state.t, state.wall, serverTime, ORBIT.nominalSpb),
      control: this.controlAt(clientTime),
      section: this.#sections.section,
      hazard: state.structure?.hazard,
      conf: state.beat?.conf ?? 0,
      bpm: state.beat?.bpm ?? null,
      stateAge: serverTime - state.wall,
    };
  }
}

/** The tracker's beat position of a state at its own wall time. */
export function stateBeats(state: SlowState): number {
  return state.beat === undefined ? state.t / ORBIT.nominalSpb : state.beat.beat_count + state.beat.phase;
}

/** The beat position a state's `c` was drawn at: its `orbit_beats`, or the tracker's from a daemon that sends none. */
export function stateOrbitBeats(state: SlowState): number {
  return state.orbit_beats ?? stateBeats(state);
}

/** The beat length that goes with stateBeats: the tracker's, or the nominal one while no beat clock runs. */
export function stateSpb(state: SlowState): Seconds {
  return state.beat === undefined ? ORBIT.nominalSpb : state.beat.spb;
}
