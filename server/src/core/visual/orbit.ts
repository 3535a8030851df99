import type { Seconds } from '../units.js';

/**
 * Orbit synthesis: the Julia parameter
 *
 *   c = B + s·R·ρ·e^{iθ} + Σ_k g_k·A_k·e^{i(2π·m_k·b + φ_k)}
 *
 * B is a base point beside the main cardioid of the Mandelbrot set, s the (smoothed) orbit radius share,
 * θ the orbit angle (advanced by beats, see OrbitSynth), g_k the band gates, b the orbit's beat position
 * (beat_count + phase, gliding across the tracker's jumps: orbit-beats.ts). Maths and constants are explained in docs/VISUALS.md.
 */
export interface Complex {
  re: number;
  im: number;
}

/** Where an orbit is centred: a point of the main cardioid's boundary, moved along its outward normal. */
export interface OrbitBase {
  /** Angle β of the boundary point μ/2 − μ²/4 with μ = e^{iβ}; 0 is the cusp (avoid it), π the neck to the 2-bulb. */
  angle: number;
  /** Distance along the outward normal: negative moves into the set (connected Julia sets), positive out of it (dust). */
  offset: number;
}

export const ORBIT = {
  /** Beats per orbit turn at omega_scale 1: one turn every four 4/4 bars. */
  beatsPerTurn: 16,
  /** Orbit radius at s = 1 (complex units). */
  radius: 0.07,
  /** Residual amplitude per band (low to high): lows move the set most. */
  residualAmplitude: [0.014, 0.01, 0.008, 0.006, 0.005, 0.004],
  /** Residual cycles per beat per band. */
  residualRate: [0.5, 0.25, 1, 0.75, 1.5, 2],
  /** Smoothing time constant of s at alpha 0 and alpha 1 (log-spaced between). */
  tauMin: 0.02 as Seconds,
  tauMax: 4 as Seconds,
  /** Beat length used to advance the orbit while no beat clock runs (120 BPM). */
  nominalSpb: 0.5 as Seconds,
  /**
   * Fastest orbit advance, in beats per second: twice the fastest tempo the tracker follows (215 BPM, 3.6 beats/s).
   * The daemon's orbit position (OrbitBeats) never asks for more; the cap guards any position that still jumps
   * (a display integrating on its own): beyond this rate the jump is dropped instead of whipping the orbit round
   * (at omega_scale 4 a third of a beat in one hop gave a jerk of c of 1.35e-2 against a bound of 1e-2).
   */
  maxBeatsPerSecond: 7,
} as const;

/** The orbit's advance from beat position `from` to `to` over `dt` seconds: never backwards, at most maxBeatsPerSecond. */
export function beatAdvance(from: number | null | undefined, to: number, dt: Seconds): number {
  if (from === null || from === undefined) return 0;
  return Math.min(ORBIT.maxBeatsPerSecond * dt, Math.max(0, to - from));
}

/** The daemon computes `c` around this base; a display's look may centre elsewhere but shares s and θ. */
export const REFERENCE_BASE: OrbitBase = { angle: 0.82 * Math.PI, offset: 0 };

export function cardioidPoint(angle: number): Complex {
  // μ/2 − μ²/4 with μ = e^{iβ}
  return { re: Math.cos(angle) / 2 - Math.cos(2 * angle) / 4, im: Math.sin(angle) / 2 - Math.sin(2 * angle) / 4 };
}

/** Unit outward normal of the main cardioid at `angle`: the direction of μ(1 − μ). */
export function cardioidNormal(angle: number): Complex {
  const re = Math.cos(angle) - Math.cos(2 * angle);
  const im = Math.sin(angle) - Math.sin(2 * angle);
  const length = Math.hypot(re, im);
  if (length < 1e-9) throw new Error(`cardioid angle ${angle} is at the cusp, where the normal is undefined; use an angle in (0, 2π)`);
  return { re: re / length, im: im / length };
}

export function basePoint(base: OrbitBase): Complex {
  const p = cardioidPoint(base.angle);
  const n = cardioidNormal(base.angle);
  return { re: p.re + base.offset * n.re, im: p.im + base.offset * n.im };
}

/** The gated per-band motion at beat position `beats`. With every gate at 0 it is exactly 0. */
export function residual(gates: readonly number[], beats: number): Complex {
  let re = 0;
  let im = 0;
  ORBIT.residualAmplitude.forEach((amplitude, k) => {
    const gate = gates[k] ?? 0;
    if (gate === 0) return;
    const angle = 2 * Math.PI * ((ORBIT.residualRate[k] ?? 1) * beats + k / ORBIT.residualAmplitude.length);
    re += gate * amplitude * Math.cos(angle);
    im += gate * amplitude * Math.sin(angle);
  });
  return { re, im };
}

export interface OrbitPoint {
  s: number;
  theta: number;
}

/** c for an orbit position; `radiusScale` lets a look widen or narrow the orbit (1 for the daemon's c). */
export function orbitPoint(base: OrbitBase, at: OrbitPoint, gates: readonly number[], beats: number, radiusScale = 1): Complex {
  const b = basePoint(base);
  const r = residual(gates, beats);
  const radius = at.s * ORBIT.radius * radiusScale;
  return { re: b.re + radius * Math.cos(at.theta) + r.re, im: b.im + radius * Math.sin(at.theta) + r.im };
}

/**
 * The inverse of orbitPoint (radiusScale 1): s and θ from a c the daemon computed with the same base, gates
 * and beat position. A display uses it to share the daemon's orbit instead of integrating its own.
 */
export function recoverOrbit(c: Complex, base: OrbitBase, gates: readonly number[], beats: number): OrbitPoint {
  if (!Number.isFinite(c.re) || !Number.isFinite(c.im)) {
    throw new Error(`recoverOrbit needs a finite c, got [${String(c.re)}, ${String(c.im)}]`);
  }
  const b = basePoint(base);
  const r = residual(gates, beats);
  const dx = c.re - b.re - r.re;
  const dy = c.im - b.im - r.im;
  return { s: Math.hypot(dx, dy) / ORBIT.radius, theta: Math.atan2(dy, dx) };
}

/** Time constant of s's smoothing for a given alpha in [0, 1]. */
export function smoothingTau(alpha: number): Seconds {
  return ORBIT.tauMin * Math.pow(ORBIT.tauMax / ORBIT.tauMin, Math.min(1, Math.max(0, alpha)));
}

/** s after `dt` seconds of first-order smoothing from `s` towards `target`. */
export function smoothS(s: number, target: number, alpha: number, dt: Seconds): number {
  return target + (s - target) * Math.exp(-Math.max(0, dt) / smoothingTau(alpha));
}

/** Orbit angle advance for `beats` beats at angular speed `omegaScale`. */
export function thetaAdvance(omegaScale: number, beats: number): number {
  return (2 * Math.PI * omegaScale * beats) / ORBIT.beatsPerTurn;
}
