import type { Seconds } from '../units.js';
import type { ControlVector } from './control-vector.js';
import { beatAdvance, REFERENCE_BASE, recoverOrbit, smoothS, thetaAdvance, type Complex, type OrbitPoint } from './orbit.js';

interface Anchor extends OrbitPoint {
  beats: number;
  /** How far the orbit's beat position stood behind the tracker's in this state (core/visual/orbit-beats.ts). */
  lag: number;
  omegaScale: number;
  /** Client seconds when the anchor was taken, for s's smoothing between states. */
  at: Seconds;
}

/** Where a display draws its orbit: s and θ, and the beat position the band residuals take their phase from. */
export interface FollowedOrbit extends OrbitPoint {
  beats: number;
}

/**
 * A display's view of the daemon's orbit at frame rate. Each state with `c` anchors s and θ (recovered with
 * the daemon's reference base at the state's orbit beat position), so every display shares one orbit; between
 * states θ advances with the predicted beat position, and the residuals keep the state's lag behind it (the
 * orbit closing a gap after a jump of the tracker's). The scene's speed is a local angle offset, so speed 1 keeps
 * displays identical. States without `c` (an older daemon) fall back to integrating locally.
 */
export class OrbitFollower {
  #anchor: Anchor | null = null;
  #local: OrbitPoint | null = null;
  #speedOffset = 0;
  #lastBeats: number | null = null;
  #lastTime: Seconds | null = null;

  reset(): void {
    this.#anchor = null;
    this.#local = null;
    this.#speedOffset = 0;
    this.#lastBeats = null;
    this.#lastTime = null;
  }

  /**
   * A new state: `beats` is its beat position, `orbitBeats` the one its `c` was drawn at (the same from a daemon
   * that sends none), `time` the client seconds it is taken at.
   */
  anchor(c: Complex | undefined, control: ControlVector, beats: number, orbitBeats: number, time: Seconds): void {
    if (c === undefined) {
      this.#anchor = null;
      return;
    }
    const recovered = recoverOrbit(c, REFERENCE_BASE, control.bandGates, orbitBeats);
    this.#anchor = { ...recovered, beats, lag: beats - orbitBeats, omegaScale: control.omegaScale, at: time };
  }

  /** Orbit position to render for beat position `beats` at client seconds `time`, with the scene's `speed`. */
  at(control: ControlVector, beats: number, time: Seconds, speed: number): FollowedOrbit {
    const frameDt = this.#lastTime === null ? 0 : Math.max(0, time - this.#lastTime);
    const frameBeats = beatAdvance(this.#lastBeats, beats, frameDt);
    this.#lastBeats = beats;
    this.#lastTime = time;
    this.#speedOffset = (this.#speedOffset + thetaAdvance(control.omegaScale, frameBeats) * (speed - 1)) % (2 * Math.PI);
    const anchor = this.#anchor;
    if (anchor !== null) {
      this.#local = null;
      return {
        s: smoothS(anchor.s, control.sTarget, control.alpha, time - anchor.at),
        theta: anchor.theta + thetaAdvance(anchor.omegaScale, beats - anchor.beats) + this.#speedOffset,
        beats: beats - anchor.lag,
      };
    }
    const previous = this.#local ?? { s: control.sTarget, theta: 0 };
    this.#local = {
      s: smoothS(previous.s, control.sTarget, control.alpha, frameDt),
      theta: (previous.theta + thetaAdvance(control.omegaScale, frameBeats) * speed) % (2 * Math.PI),
    };
    return { ...this.#local, beats };
  }
}
