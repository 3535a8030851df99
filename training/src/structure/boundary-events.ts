import { alarmAnnounced, alarmRight } from '@fractalsync/server/core/models/boundary-alarm';

/**
 * The boundary-event table, for the daemon's own alarm (core/models/boundary-alarm.ts: the standing alarm's horizon
 * N per hop, undefined when none stands), with k the beats to the next boundary (labels):
 * - an *alarm* is an announcement (the alarm appears or moves closer); it is *false* when no boundary comes
 *   within 2N beats (alarmRight);
 * - a boundary is *announced* (4 or more beats ahead) when an alarm stands on some hop with 4 <= k <= 2N for it;
 * - it is *late* when not announced but an alarm stands on a hop with 1 <= k <= 3, and *missed* otherwise.
 * A boundary counts only when the track gives it a chance: some hop with k >= 4 comes before it.
 * With only the 4-beat horizon armed this is the earlier rule: p4 at or over the threshold, right within 8 beats.
 */

export const ANNOUNCE_MIN_BEATS = 4;

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
 * One track: the standing alarm's horizon per hop (undefined: none), beats to the next boundary per hop (-1: none
 * ahead), which boundary each hop looks at (nextBoundary[i], -1 when none), and the hop rate.
 */
export function boundaryEvents(alarm: readonly (number | undefined)[], beatsAhead: readonly number[], nextBoundary: readonly number[], fps: number): BoundaryEventCounts {
  if (alarm.length !== beatsAhead.length || alarm.length !== nextBoundary.length) {
    throw new Error(`boundary events: ${alarm.length} alarm states, ${beatsAhead.length} beat counts and ${nextBoundary.length} boundary indices; expected one of each per hop`);
  }
  if (!(fps > 0)) throw new Error(`hop rate ${fps} is invalid; expected > 0`);
  const state = new Map<number, { chance: boolean; announced: boolean; late: boolean }>();
  let alarms = 0;
  let falseAlarms = 0;
  alarm.forEach((n, i) => {
    const k = beatsAhead[i] ?? -1;
    const b = nextBoundary[i] ?? -1;
    if (alarmAnnounced(n, i > 0 ? alarm[i - 1] : undefined) !== undefined) {
      alarms++;
      if (!alarmRight(n ?? 0, k)) falseAlarms++;
    }
    if (b < 0) return;
    const s = state.get(b) ?? { chance: false, announced: false, late: false };
    if (k >= ANNOUNCE_MIN_BEATS) s.chance = true;
    if (n !== undefined && k >= ANNOUNCE_MIN_BEATS && k <= 2 * n) s.announced = true;
    if (n !== undefined && k >= 1 && k < ANNOUNCE_MIN_BEATS) s.late = true;
    state.set(b, s);
  });
  const counts = { ...emptyCounts(), alarms, falseAlarms, seconds: alarm.length / fps };
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
