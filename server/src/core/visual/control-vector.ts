/**
 * The control vector of contract v1, `[s_target, alpha, omega_scale, band_gate_0..5]`, as named fields.
 * The order is frozen by config/model_contract.v1.json (a unit test checks it); this file imports no JSON so
 * the browser bundle stays small.
 */
export const CONTROL_NAMES = [
  's_target',
  'alpha',
  'omega_scale',
  'band_gate_0',
  'band_gate_1',
  'band_gate_2',
  'band_gate_3',
  'band_gate_4',
  'band_gate_5',
] as const;
export const CONTROL_LENGTH = CONTROL_NAMES.length;
export const BAND_COUNT = 6;

/** Allowed range of each entry; values outside are clamped, because a model's output is not trusted to stay in range. */
export const CONTROL_RANGES = {
  s_target: [0, 1],
  alpha: [0, 1],
  omega_scale: [0, 4],
  band_gate: [0, 1],
} as const;

export interface ControlVector {
  /** Orbit radius as a share of the largest one: how far the orbit swings out of (and into) the set. */
  sTarget: number;
  /** Smoothing: 0 follows sTarget within a hop, 1 takes seconds. */
  alpha: number;
  /** Orbit turns per ORBIT.beatsPerTurn beats. */
  omegaScale: number;
  /** Per frequency band (low to high), how much of that band's residual motion is let through. */
  bandGates: number[];
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/**
 * Reads a control vector from its contract array. A wrong length or a non-finite entry is an error naming it;
 * finite values outside their range are clamped into it.
 */
export function parseControl(values: readonly number[]): ControlVector {
  if (values.length !== CONTROL_LENGTH) {
    throw new Error(`control vector must have ${CONTROL_LENGTH} entries (${CONTROL_NAMES.join(', ')}), got ${values.length}`);
  }
  values.forEach((value, i) => {
    if (!Number.isFinite(value)) {
      throw new Error(`control vector entry ${i} (${CONTROL_NAMES[i] ?? '?'}) must be a finite number, got ${String(value)}`);
    }
  });
  const at = (i: number): number => values[i] ?? 0;
  return {
    sTarget: clamp(at(0), ...CONTROL_RANGES.s_target),
    alpha: clamp(at(1), ...CONTROL_RANGES.alpha),
    omegaScale: clamp(at(2), ...CONTROL_RANGES.omega_scale),
    bandGates: Array.from({ length: BAND_COUNT }, (_, k) => clamp(at(3 + k), ...CONTROL_RANGES.band_gate)),
  };
}

/** The contract array of a control vector, in contract order. */
export function controlToArray(control: ControlVector): number[] {
  return [control.sTarget, control.alpha, control.omegaScale, ...control.bandGates];
}

/** Linear blend from `a` (w = 0) to `b` (w = 1), entry by entry. */
export function lerpControl(a: ControlVector, b: ControlVector, w: number): ControlVector {
  const mix = (x: number, y: number): number => x + (y - x) * w;
  return {
    sTarget: mix(a.sTarget, b.sTarget),
    alpha: mix(a.alpha, b.alpha),
    omegaScale: mix(a.omegaScale, b.omegaScale),
    bandGates: a.bandGates.map((g, k) => mix(g, b.bandGates[k] ?? g)),
  };
}
