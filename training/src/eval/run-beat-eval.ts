import { access } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { silentLogger, type Logger } from '@fractalsync/server/log';
import type { Seconds } from '@fractalsync/server/core/units';
import { aggregate, aggregateBy, type AggregateScores } from './aggregate.js';
import { aubioSystem, findAubio } from './aubio.js';
import { assertPositionedBeats, DEFAULT_TRIM, DEFAULT_WINDOW, LOCK_RUN } from './beat-metrics.js';
import { checkFloors, type FloorCheck } from './floors.js';
import { trackerSystem, type BeatTracker, type EvalSystem } from './system.js';
import { scoreTrack, type ScoreOptions, type TrackScores } from './track-score.js';
import { trackAudioPath, type TrackSet } from './track-set.js';
import { assertBeatTimes } from './times.js';

export interface EvaluateSystemsOptions extends ScoreOptions {
  log?: Logger;
  /** Wall clock in seconds, for the real-time factor (default performance.now). */
  now?: () => Seconds;
  /** The command line that produced the report, printed with it. */
  command?: string;
  /** Notes to carry into the report. */
  notes?: string[];
}

export interface EvaluateOptions extends EvaluateSystemsOptions {
  /** Name of the tracker under test in the tables (default "tracker"). */
  trackerName?: string;
  /** Run aubio on the same tracks when it is installed (default true). */
  compareWithAubio?: boolean;
  aubioBinary?: string;
}

export interface SystemReport {
  name: string;
  version?: string;
  givesDownbeats: boolean;
  tracks: TrackScores[];
  aggregate: AggregateScores;
  byStyle: Record<string, AggregateScores>;
  byVariant: Record<string, AggregateScores>;
}

export interface BeatEvalReport {
  set: string;
  manifest: string;
  tracks: number;
  window: Seconds;
  trimSeconds: Seconds;
  lockRun: number;
  command?: string;
  /** The tracker under test first, then references (aubio). */
  systems: SystemReport[];
  /** Floors for the first system (named in `floorsFor`), and comparisons with aubio when it ran as a reference. */
  floors: FloorCheck[];
  floorsFor: string;
  notes: string[];
}

/** Scores a tracker on every track of a set, with aubio beside it when installed. */
export async function evaluateTracker(set: TrackSet, tracker: BeatTracker, options: EvaluateOptions = {}): Promise<BeatEvalReport> {
  const systems: EvalSystem[] = [trackerSystem(options.trackerName ?? 'tracker', tracker)];
  const notes = [...(options.notes ?? [])];
  if (options.compareWithAubio !== false) {
    const aubio = await findAubio(options.aubioBinary);
    if (aubio === null) notes.push('aubio is not installed (Debian package aubio-tools), so there is no aubio column.');
    else systems.push(aubioSystem(aubio));
  }
  return evaluateSystems(set, systems, { ...options, notes });
}

/** Runs each system on each track (one after the other, timed), scores them and aggregates. */
export async function evaluateSystems(set: TrackSet, systems: readonly EvalSystem[], options: EvaluateSystemsOptions = {}): Promise<BeatEvalReport> {
  if (systems.length === 0) throw new Error('evaluateSystems: no system to evaluate');
  const log = options.log ?? silentLogger;
  const now = options.now ?? ((): Seconds => performance.now() / 1000);
  const scores = systems.map((): TrackScores[] => []);
  for (const track of set.manifest.tracks) {
    const wav = trackAudioPath(set, track);
    try {
      await access(wav);
    } catch {
      throw new Error(`track "${track.id}": audio file ${wav} (field audio "${track.audio}") does not exist or cannot be read`);
    }
    for (const [k, system] of systems.entries()) {
      const start = now();
      let score: TrackScores;
      try {
        const detected = await system.track(wav);
        const wall = now() - start;
        assertBeatTimes('beat times', detected.times);
        if (detected.positioned !== null) assertPositionedBeats('beats', detected.positioned);
        score = scoreTrack(track, detected, wall, options);
      } catch (err) {
        throw new Error(`${system.name} on track "${track.id}": ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      scores[k]?.push(score);
      log.info(`${system.name} ${track.id}: F ${score.fMeasure.toFixed(3)}, CMLt ${score.cmlt.toFixed(3)}, lock-on ${Number.isFinite(score.lockOn) ? `${score.lockOn.toFixed(2)} s` : 'never'}`);
    }
  }
  const reports = systems.map((system, k): SystemReport => {
    const tracks = scores[k] ?? [];
    return {
      name: system.name,
      ...(system.version === undefined ? {} : { version: system.version }),
      givesDownbeats: system.givesDownbeats,
      tracks,
      aggregate: aggregate(tracks),
      byStyle: aggregateBy(tracks, 'style'),
      byVariant: aggregateBy(tracks, 'variant'),
    };
  });
  const [first, ...others] = reports;
  if (first === undefined) throw new Error('evaluateSystems: no report (unreachable)');
  const reference = others.find((r) => r.name === 'aubio');
  return {
    set: set.manifest.set,
    manifest: set.manifestPath,
    tracks: set.manifest.tracks.length,
    window: options.window ?? DEFAULT_WINDOW,
    trimSeconds: options.trimSeconds ?? DEFAULT_TRIM,
    lockRun: LOCK_RUN,
    ...(options.command === undefined ? {} : { command: options.command }),
    systems: reports,
    floors: checkFloors(first.aggregate, reference?.aggregate),
    floorsFor: first.name,
    notes: options.notes ?? [],
  };
}

/** The report as JSON; Infinity (never locked) becomes null, which JSON would otherwise also do silently. */
export function reportToJson(report: BeatEvalReport): string {
  const note = 'Infinity (never locked / never re-locked) is written as null.';
  return `${JSON.stringify({ ...report, json_note: note }, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`;
}
