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

