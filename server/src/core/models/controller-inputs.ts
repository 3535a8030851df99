import type { OrbitPoint } from '../visual/orbit.js';

/**
 * Extra columns of the controller's `audio` input: where the daemon's orbit is now (after the previous hop's
 * step). Whether c lies inside the Mandelbrot set depends on the orbit angle θ, which the controller only
 * steers through omega_scale; without seeing θ it could not keep c outside during a chorus.
 */
export const ORBIT_STATE_COLUMNS = ['cos_theta', 'sin_theta', 's'] as const;
export const ORBIT_STATE_SIZE = ORBIT_STATE_COLUMNS.length;

/** [cos θ, sin θ, s] of the orbit's last step; before the first step, θ = 0 and s = 0. */
export function orbitStateFeatures(at: OrbitPoint | undefined, out: Float32Array = new Float32Array(ORBIT_STATE_SIZE)): Float32Array {
  const theta = at?.theta ?? 0;
  const s = at?.s ?? 0;
  if (!Number.isFinite(theta) || !Number.isFinite(s)) throw new Error(`orbit state must be finite, got s ${String(s)}, theta ${String(theta)}`);
  out[0] = Math.cos(theta);
  out[1] = Math.sin(theta);
  out[2] = s;
  return out;
}

/**
 * The controller's beat features are the tracker's (model-inputs.ts beatFeatures) with one change: the phase is the
 * one the orbit is drawn at (`orbit_beats`, core/visual/orbit-beats.ts). When the tracker's phase jumps, the orbit
 * glides across the gap; a controller that saw the jump answered it with a step of s_target, the largest jerk of c
 * on the held-out songs (1.14e-2 against 3.0e-3 with the orbit's phase). Rewrites sin and cos at `offset` in place;
 * a block of zeros (no tracker yet) stays zeros.
 */
export function useOrbitPhase(beat: Float32Array, offset: number, orbitBeats: number): Float32Array {
  if (!Number.isFinite(orbitBeats)) throw new Error(`orbit beat position must be finite, got ${String(orbitBeats)}`);
  if (beat[offset] === 0 && beat[offset + 1] === 0) return beat;
  beat[offset] = Math.sin(2 * Math.PI * orbitBeats);
  beat[offset + 1] = Math.cos(2 * Math.PI * orbitBeats);
  return beat;
}

