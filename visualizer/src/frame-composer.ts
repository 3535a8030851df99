import { FastClock, stateBeats, stateOrbitBeats, type FastFrame } from '../../server/src/core/clock/fast-clock.js';
import type { ResolvedDisplay } from '../../server/src/core/scene/scene.js';
import type { SlowState } from '../../server/src/core/state/slow-state.js';
import type { Milliseconds } from '../../server/src/core/units.js';
import { buildUp } from '../../server/src/core/visual/build-up.js';
import { parseControl, type ControlVector } from '../../server/src/core/visual/control-vector.js';
import { planFrame, type FramePlan } from '../../server/src/core/visual/frame-plan.js';
import { LookTransition, resolveLook, type ConcreteLook } from '../../server/src/core/visual/looks.js';
import { OrbitFollower } from '../../server/src/core/visual/orbit-follower.js';

/** Before any control vector arrives: the orbit at half radius, normal speed, no band motion. */
const IDLE_CONTROL: ControlVector = { sTarget: 0.5, alpha: 0.5, omegaScale: 1, bandGates: [0, 0, 0, 0, 0, 0] };
/** Seconds a look change takes to blend in. */
const LOOK_BLEND_S = 2;

export interface ComposedFrame {
  plan: FramePlan;
  /** Null before the first state. */
  frame: FastFrame | null;
  look: ConcreteLook;
}

/**
 * Turns the held SlowState into what to draw at a given client time: fast-clock prediction, the shared orbit,
 * the look (following the section when `auto`), and the musical behaviour of frame-plan. Freeze holds the
 * last picture while all of this keeps running underneath.
 */
export class FrameComposer {
  readonly clock = new FastClock();
  readonly #follower = new OrbitFollower();
  readonly #looks = new LookTransition('bloom', LOOK_BLEND_S);
  #last: ComposedFrame | null = null;

  receive(state: SlowState, receivedAt: Milliseconds): void {
    this.clock.receive(state, receivedAt);
    if (state.c !== undefined && state.control !== undefined) {
      this.#follower.anchor({ re: state.c[0], im: state.c[1] }, parseControl(state.control), stateBeats(state), stateOrbitBeats(state), receivedAt / 1000);
    } else {
      this.#follower.anchor(undefined, IDLE_CONTROL, stateBeats(state), stateBeats(state), receivedAt / 1000);
    }
  }

  compose(clientTime: Milliseconds, clockOffset: Milliseconds, settings: ResolvedDisplay): ComposedFrame {
    const seconds = clientTime / 1000;
    const frame = this.clock.at(clientTime, clockOffset, settings.latency_ms, settings.offset_ms);
    const look = resolveLook(settings.look, frame?.section ?? null);
    this.#looks.set(look, seconds);
    const control = frame?.control ?? IDLE_CONTROL;
    const beats = frame?.beats ?? 0;
    const orbit = this.#follower.at(control, beats, seconds, settings.speed);
    const plan = planFrame({
      beat: frame?.beat ?? null,
      conf: frame?.conf ?? 0,
      look: this.#looks.at(seconds),
      orbit,
      gates: control.bandGates,
      build: buildUp(frame?.hazard),
      settings,
    });
    if (settings.freeze && this.#last !== null) {
      // The picture holds; blackout and strobe still answer the VJ.
      return { ...this.#last, plan: { ...this.#last.plan, blackout: plan.blackout, flash: plan.flash }, frame };
    }
    this.#last = { plan, frame, look };
    return this.#last;
  }
}
