import type { Seconds } from '@fractalsync/server/core/units';
import type { TrackScores } from './track-score.js';
import { median } from './times.js';

/** One system's scores over a group of tracks. */
export interface AggregateScores {
  tracks: number;
  /** Means over tracks. */
  fMeasure: number;
  cmlc: number;
  cmlt: number;
  amlc: number;
  amlt: number;
  /** Mean downbeat F; null when the system gives no downbeats. */
  downbeatF: number | null;
  /** Fraction of tracks whose detected meter equals the truth; null when the system gives no downbeats. */
  meterAccuracy: number | null;
  /** Median lock-on time over tracks (Infinity when most never lock). */
  lockOnMedian: Seconds;
  /** Events with a re-lock measurement. */
  relockEvents: number;
  /** Median and max bars to re-lock over all events; null when the group has no events. */
  relockMedian: number | null;
  relockMax: number | null;
  audioSeconds: Seconds;
  wallSeconds: Seconds;
  /** Audio seconds per wall second. */
  realTimeFactor: number;
}

/** Aggregates per-track scores of one system. */
export function aggregate(scores: readonly TrackScores[]): AggregateScores {
  if (scores.length === 0) throw new Error('aggregate: no track scores to aggregate');
  const mean = (pick: (s: TrackScores) => number): number => scores.reduce((sum, s) => sum + pick(s), 0) / scores.length;
  const downbeats = scores.map((s) => s.downbeatF);
  const withDownbeats = downbeats.every((d) => d !== null);
  const relocks = scores.flatMap((s) => s.relocks.map((r) => r.bars));
  const audioSeconds = scores.reduce((sum, s) => sum + s.duration, 0);
  const wallSeconds = scores.reduce((sum, s) => sum + s.wallSeconds, 0);
  return {
    tracks: scores.length,
    fMeasure: mean((s) => s.fMeasure),
    cmlc: mean((s) => s.cmlc),
    cmlt: mean((s) => s.cmlt),
    amlc: mean((s) => s.amlc),
    amlt: mean((s) => s.amlt),
    downbeatF: withDownbeats ? mean((s) => s.downbeatF ?? 0) : null,
    meterAccuracy: withDownbeats ? mean((s) => (s.meter.detected !== null && s.meter.detected === s.meter.truth ? 1 : 0)) : null,
    lockOnMedian: median(scores.map((s) => s.lockOn)),
    relockEvents: relocks.length,
    relockMedian: relocks.length === 0 ? null : median(relocks),
    relockMax: relocks.length === 0 ? null : Math.max(...relocks),
    audioSeconds,
    wallSeconds,
    realTimeFactor: wallSeconds > 0 ? audioSeconds / wallSeconds : Number.POSITIVE_INFINITY,
  };
}

/** Aggregates per value of a key (style or variant), keys sorted. */
export function aggregateBy(scores: readonly TrackScores[], key: 'style' | 'variant'): Record<string, AggregateScores> {
  const groups = new Map<string, TrackScores[]>();
  for (const s of scores) groups.set(s[key], [...(groups.get(s[key]) ?? []), s]);
  return Object.fromEntries([...groups.keys()].sort().map((k) => [k, aggregate(groups.get(k) ?? [])]));
}
