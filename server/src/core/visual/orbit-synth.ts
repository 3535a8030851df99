import type { Seconds } from '../units.js';
import type { ControlVector } from './control-vector.js';
import { REFERENCE_BASE, beatAdvance, orbitPoint, smoothS, thetaAdvance, type Complex, type OrbitBase, type OrbitPoint } from './orbit.js';

export interface OrbitStep extends OrbitPoint {
  c: Complex;
}

/**
 * The daemon's orbit, stepped once per hop: s follows s_target with the smoothing alpha asks for, and θ
 * integrates omega_scale over beats (integrating, rather than θ = ω·b, keeps θ continuous when ω changes).
 */
export class OrbitSynth {
  readonly #base: OrbitBase;
  #s: number | null = null;
  #theta = 0;
  #beats: number | null = null;

  constructor(base: OrbitBase = REFERENCE_BASE) {
    this.#base = base;
  }

  reset(): void {
    this.#s = null;
    this.#theta = 0;
    this.#beats = null;
  }

  /** Advances to beat position `beats`, `dt` seconds after the previous step. */
  step(control: ControlVector, beats: number, dt: Seconds): OrbitStep {
    if (!Number.isFinite(beats)) throw new Error(`orbit step needs a finite beat position, got ${String(beats)}`);
    if (!Number.isFinite(dt) || dt < 0) throw new Error(`orbit step needs dt >= 0 seconds, got ${String(dt)}`);
    // The first step starts on target rather than sweeping in from zero.
    this.#s = this.#s === null ? control.sTarget : smoothS(this.#s, control.sTarget, control.alpha, dt);
    this.#theta = (this.#theta + thetaAdvance(control.omegaScale, beatAdvance(this.#beats, beats, dt))) % (2 * Math.PI);
    this.#beats = beats;
    const at = { s: this.#s, theta: this.#theta };
    return { ...at, c: orbitPoint(this.#base, at, control.bandGates, beats) };
  }
}
