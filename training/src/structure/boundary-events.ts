/**
 * The boundary-event table. With p4 the 4-beat hazard probability and k the beats to the next boundary (labels):
 * - a boundary is *announced* (4 or more beats ahead) when p4 >= threshold on some hop where 4 <= k <= 8 for it,
 *   i.e. the alarm was up at least 4 and at most 8 beats before the change;
 * - it is *late* when not announced but p4 >= threshold on a hop with k <= 3, and *missed* otherwise;
 * - an alarm *onset* is a hop where p4 rises to >= threshold; it is a *false alarm* when no boundary lies within
 *   the next 8 beats (k = -1 or k > 8).
 * A boundary counts only when the track gives it a chance: some hop with k >= 4 comes before it.
 */

export const ANNOUNCE_BEATS = { min: 4, max: 8 } as const;

export interface BoundaryEventCounts {
  boundaries: number;
  announced: number;
  late: number;
  missed: number;
  alarms: number;
  falseAlarms: number;
  seconds: number;
}

export function emptyCounts(): BoundaryEventCounts {
  return { boundaries: 0, announced: 0, late: 0, missed: 0, alarms: 0, falseAlarms: 0, seconds: 0 };
}

export function addCounts(a: BoundaryEventCounts, b: BoundaryEventCounts): BoundaryEventCounts {
  return {
    boundaries: a.boundaries + b.boundaries,
    announced: a.announced + b.announced,
    late: a.late + b.late,
    missed: a.missed + b.missed,
    alarms: a.alarms + b.alarms,
    falseAlarms: a.falseAlarms + b.falseAlarms,
    seconds: a.seconds + b.seconds,
  };
}

export function falseAlarmsPerMinute(c: BoundaryEventCounts): number {
  return c.seconds > 0 ? c.falseAlarms / (c.seconds / 60) : 0;
}

/**
 * One track: p4 per hop, beats to the next boundary per hop (-1: none ahead), which boundary each hop looks at
 * (nextBoundary[i], -1 when none), and the hop rate.
 */
export function boundaryEvents(p4: readonly number[], beatsAhead: readonly number[], nextBoundary: readonly number[], fps: number, threshold: number): BoundaryEventCounts {
  if (p4.length !== beatsAhead.length || p4.length !== nextBoundary.length) {
    throw new Error(`boundary events: ${p4.length} predictions, ${beatsAhead.length} beat counts and ${nextBoundary.length} boundary indices; expected one of each per hop`);
  }
  if (!(threshold > 0 && threshold < 1)) throw new Error(`alarm threshold ${threshold} is invalid; expected 0 < threshold < 1`);
  if (!(fps > 0)) throw new Error(`hop rate ${fps} is invalid; expected > 0`);
  const state = new Map<number, { chance: boolean; announced: boolean; late: boolean }>();
  let alarms = 0;
  let falseAlarms = 0;
  p4.forEach((p, i) => {
    const k = beatsAhead[i] ?? -1;
    const b = nextBoundary[i] ?? -1;
    const on = p >= threshold;
    if (on && !((p4[i - 1] ?? 0) >= threshold && i > 0)) {
      alarms++;
      if (k < 1 || k > ANNOUNCE_BEATS.max) falseAlarms++;
    }
    if (b < 0) return;
    const s = state.get(b) ?? { chance: false, announced: false, late: false };
    if (k >= ANNOUNCE_BEATS.min) s.chance = true;
    if (on && k >= ANNOUNCE_BEATS.min && k <= ANNOUNCE_BEATS.max) s.announced = true;
    if (on && k >= 1 && k < ANNOUNCE_BEATS.min) s.late = true;
    state.set(b, s);
  });
  const counts = { ...emptyCounts(), alarms, falseAlarms, seconds: p4.length / fps };
  for (const s of state.values()) {
    if (!s.chance) continue;
    counts.boundaries++;
    if (s.announced) counts.announced++;
    else if (s.late) counts.late++;
    else counts.missed++;
  }
  return counts;
}

/** For each hop end time, the index of the first boundary after it, or -1. */
export function nextBoundaryIndex(hopEnds: readonly number[], boundaries: readonly number[]): number[] {
  let next = 0;
  return hopEnds.map((t) => {
    while (next < boundaries.length && (boundaries[next] ?? Infinity) <= t) next++;
    return next < boundaries.length ? next : -1;
  });
}
