import { alarmAnnounced, alarmRight, BoundaryAlarm, type AlarmThresholds } from '@fractalsync/server/core/models/boundary-alarm';
import { HAZARD_HORIZONS } from './section-labels.js';

/**
 * The boundary-event table, for the daemon's own alarm (core/models/boundary-alarm.ts: the standing alarm's horizon
 * N per hop, undefined when none stands), with k the beats to the next boundary (labels):
 * - an *alarm* is an announcement (the alarm appears or moves closer); it is *right* when the next boundary comes
 *   within 2N beats of it (alarmRight), and *false* otherwise;
 * - a boundary is *announced* (4 or more beats ahead) when a right alarm is made for it with k >= 4, *late* when
 *   its right alarms all come with k <= 3, and *missed* when none is made for it. An alarm that keeps standing does
 *   not announce the boundary after the one it was right for: only announcements count, so an alarm that is always
 *   up announces nothing but the first change.
 * A boundary counts only when the track gives it a chance: some hop with k >= 4 comes before it.
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
    const s = b < 0 ? undefined : (state.get(b) ?? { chance: false, announced: false, late: false });
    if (s !== undefined && k >= ANNOUNCE_MIN_BEATS) s.chance = true;
    if (alarmAnnounced(n, i > 0 ? alarm[i - 1] : undefined) !== undefined) {
      alarms++;
      if (!alarmRight(n ?? 0, k)) falseAlarms++;
      else if (s !== undefined && k >= ANNOUNCE_MIN_BEATS) s.announced = true;
      else if (s !== undefined) s.late = true;
    }
    if (s !== undefined) state.set(b, s);
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

/** The standing alarm per hop of a track's hazards, as the daemon raises it (hop i ends at (i + 1) / fps). */
export function alarmsOf(hazard: readonly (readonly number[])[], fps: number, thresholds: AlarmThresholds, hold: number): (number | undefined)[] {
  const alarm = new BoundaryAlarm(HAZARD_HORIZONS, thresholds, hold);
  return hazard.map((row, i) => alarm.update(row, (i + 1) / fps));
}
