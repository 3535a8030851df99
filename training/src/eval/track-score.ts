import type { Seconds } from '@fractalsync/server/core/units';
import { continuity, DEFAULT_TRIM, downbeatFMeasure, fMeasureDetail, lockOnTime, relockBars, trim, type LockOptions } from './beat-metrics.js';
import { beatsPerBarAt, meterOf } from './bars.js';
import type { DetectedBeats } from './system.js';
import type { EventKind, GroundTruthTrack } from './track-set.js';

/** Events after which re-lock is measured; drums_stop is not one, since there may be nothing to lock to. */
export const DEFAULT_RELOCK_KINDS: readonly EventKind[] = ['breakdown_end', 'tempo_change', 'meter_change'];

export interface ScoreOptions {
  /** F-measure and lock window, seconds (default 0.07). */
  window?: Seconds;
  /** Seconds ignored at the start for F, CML, AML and downbeat F (default 5). */
  trimSeconds?: Seconds;
  relockKinds?: readonly EventKind[];
}

export interface RelockScore {
  kind: EventKind;
  time: Seconds;
  beatsPerBar: number;
  /** Bars from the event to the re-lock; Infinity if never. */
  bars: number;
}

/** Every metric of one system on one track. */
export interface TrackScores {
  id: string;
  style: string;
  variant: 'clean' | 'room';
  duration: Seconds;
  detections: number;
  fMeasure: number;
  precision: number;
  recall: number;
  cmlc: number;
  cmlt: number;
  amlc: number;
  amlt: number;
  /** null when the system gives no downbeats. */
  downbeatF: number | null;
  /** Most common bar length after the trim; detected is null when the system gives no downbeats. */
  meter: { truth: number | null; detected: number | null };
  /** Seconds from the start to the first of 4 consecutive correct beats; Infinity if never. */
  lockOn: Seconds;
  relocks: RelockScore[];
  /** Wall-clock seconds the system took on this track. */
  wallSeconds: Seconds;
}

/** Scores one system's detections against a track's ground truth. */
export function scoreTrack(track: GroundTruthTrack, detected: DetectedBeats, wallSeconds: Seconds, options: ScoreOptions = {}): TrackScores {
  const cut = options.trimSeconds ?? DEFAULT_TRIM;
  const lock: LockOptions = { window: options.window };
  const truth = track.beats.map((b) => b.time);
  const kinds = options.relockKinds ?? DEFAULT_RELOCK_KINDS;
  const trimmedTruth = trim(truth, cut);
  const trimmedDetections = trim(detected.times, cut);
  const f = fMeasureDetail(trimmedDetections, trimmedTruth, lock);
  const relocks: RelockScore[] = [];
  for (const event of track.events) {
    if (!kinds.includes(event.kind)) continue;
    const first = track.beats.findIndex((b) => b.time >= event.time - 1e-6);
    // An event after the last beat leaves nothing to re-lock to.
    if (first < 0) continue;
    const beatsPerBar = beatsPerBarAt(track.beats, first);
    relocks.push({ kind: event.kind, time: event.time, beatsPerBar, bars: relockBars(detected.times, truth, event.time, beatsPerBar, lock) });
  }
  return {
    id: track.id,
    style: track.style,
    variant: track.variant,
    duration: track.duration,
    detections: detected.times.length,
    fMeasure: f.fMeasure,
    precision: f.precision,
    recall: f.recall,
    ...continuity(trimmedDetections, trimmedTruth),
    downbeatF: detected.positioned === null ? null : downbeatFMeasure(detected.positioned, track.beats, { window: options.window, trimSeconds: cut }),
    meter: { truth: meterOf(track.beats, cut), detected: detected.positioned === null ? null : meterOf(detected.positioned, cut) },
    lockOn: lockOnTime(detected.times, truth, lock),
    relocks,
    wallSeconds,
  };
}
