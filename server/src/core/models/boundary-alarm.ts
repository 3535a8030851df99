/**
 * The "boundary in N beats" alarm: the one rule behind OSC's `/fs/boundary`, SlowState's `structure.boundary_in`
 * and the boundary-event table that scores the anticipator (training/src/structure/boundary-events.ts).
 *
 * Each hazard horizon (1, 2, 4, 8, 16 beats) has its own threshold, or none (that horizon never raises the alarm).
 * The alarm stands at the nearest horizon whose hazard is at or above its threshold, and for ALARM_HOLD after the
 * hazards fall back (a hazard hovering at its threshold would otherwise raise it again and again before one change);
 * it is *announced* when it appears or moves closer (16 -> 8 -> 4 ...), so a coming change is announced once per
 * step, not every hop.
 * An announcement of N beats is right when the change comes within 2N beats (the hazard's own horizon, with the
 * slack of one horizon step); the thresholds are chosen on validation songs so that wrong ones stay rare.
 */

import type { Seconds } from '../units.js';

/**
 * How long the alarm stands after the hazards fall below their thresholds; chosen on validation songs with the
 * thresholds (docs/STRUCTURE.md, "Boundary events").
 */
export const ALARM_HOLD: Seconds = 1;

/** Per horizon, in contract order: the hazard that raises the alarm, or null when that horizon never does. */
export type AlarmThresholds = readonly (number | null)[];

/** For a model card without chosen thresholds: every horizon at 0.5 (the rule before thresholds were chosen). */
export function uniformThresholds(horizons: readonly number[], threshold = 0.5): AlarmThresholds {
  return horizons.map(() => threshold);
}

/** Checks thresholds against the horizons; the error names what is wrong. */
export function checkThresholds(thresholds: AlarmThresholds, horizons: readonly number[], source: string): AlarmThresholds {
  if (thresholds.length !== horizons.length) {
    throw new Error(`${source}: ${thresholds.length} alarm thresholds for ${horizons.length} hazard horizons (${horizons.join(', ')})`);
  }
  thresholds.forEach((t, i) => {
    if (t !== null && !(typeof t === 'number' && t > 0 && t < 1)) throw new Error(`${source}: alarm threshold ${String(t)} for the ${String(horizons[i])}-beat horizon is invalid; expected 0 < t < 1 or null`);
  });
  return thresholds;
}

/** Beats to the nearest horizon whose hazard reaches its threshold, or undefined when none does. */
export function alarmHorizon(hazard: ArrayLike<number>, horizons: readonly number[], thresholds: AlarmThresholds): number | undefined {
  for (let i = 0; i < horizons.length; i++) {
    const t = thresholds[i];
    const h = hazard[i];
    if (t !== null && t !== undefined && h !== undefined && h >= t) return horizons[i];
  }
  return undefined;
}

/** The horizon to announce on this hop: the standing alarm when it appeared or moved closer since the last hop. */
export function alarmAnnounced(now: number | undefined, before: number | undefined): number | undefined {
  return now !== undefined && (before === undefined || now < before) ? now : undefined;
}

/** Whether an alarm of `horizon` beats is borne out by a change `beatsAhead` beats away (-1: none ahead). */
export function alarmRight(horizon: number, beatsAhead: number): boolean {
  return beatsAhead >= 1 && beatsAhead <= 2 * horizon;
}

/** The standing alarm hop by hop: alarmHorizon, held for `hold` seconds after it last stood. */
export class BoundaryAlarm {
  readonly #horizons: readonly number[];
  readonly #thresholds: AlarmThresholds;
  readonly #hold: Seconds;
  #standing: number | undefined;
  #lastRaised: Seconds = -Infinity;

  constructor(horizons: readonly number[], thresholds: AlarmThresholds, hold: Seconds = ALARM_HOLD) {
    if (!(hold >= 0 && Number.isFinite(hold))) throw new Error(`alarm hold must be >= 0 seconds, got ${String(hold)}`);
    this.#horizons = horizons;
    this.#thresholds = checkThresholds(thresholds, horizons, 'boundary alarm');
    this.#hold = hold;
  }

  /** The alarm standing after the hazards of the hop ending at `t` (seconds, monotonic). */
  update(hazard: ArrayLike<number>, t: Seconds): number | undefined {
    const raised = alarmHorizon(hazard, this.#horizons, this.#thresholds);
    if (raised !== undefined) {
      this.#standing = raised;
      this.#lastRaised = t;
    } else if (t - this.#lastRaised > this.#hold) {
      this.#standing = undefined;
    }
    return this.#standing;
  }
}
