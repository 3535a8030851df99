import type { AggregateScores } from './aggregate.js';

/** Issue 3's floors for the tracker on our own set. */
export const FLOORS = { fMeasure: 0.9, cmlt: 0.8, downbeatF: 0.75, lockOnMedian: 2, relockMax: 2 } as const;

export interface FloorCheck {
  check: string;
  value: number | null;
  /** The floor, or the reference system's value. */
  limit: number | null;
  comparison: '>=' | '<=' | '>' | '<';
  /** null when it cannot be judged (a metric the system or the set does not have). */
  pass: boolean | null;
}

/**
 * The floors for `tracker`, and "better than aubio on every metric" against `reference` when given.
 * Re-lock is held to its floor at every event (the max), the strict reading of "re-lock <= 2 bars".
 */
export function checkFloors(tracker: AggregateScores, reference?: AggregateScores): FloorCheck[] {
  const checks: FloorCheck[] = [
    judge('beat F', tracker.fMeasure, FLOORS.fMeasure, '>='),
    judge('CMLt', tracker.cmlt, FLOORS.cmlt, '>='),
    judge('downbeat F', tracker.downbeatF, FLOORS.downbeatF, '>='),
    judge('median lock-on (s)', tracker.lockOnMedian, FLOORS.lockOnMedian, '<='),
    judge('max re-lock (bars)', tracker.relockMax, FLOORS.relockMax, '<='),
  ];
  if (reference === undefined) return checks;
  return [
    ...checks,
    judge('beat F vs aubio', tracker.fMeasure, reference.fMeasure, '>'),
    judge('CMLt vs aubio', tracker.cmlt, reference.cmlt, '>'),
    judge('AMLt vs aubio', tracker.amlt, reference.amlt, '>'),
    judge('CMLc vs aubio', tracker.cmlc, reference.cmlc, '>'),
    judge('median lock-on vs aubio', tracker.lockOnMedian, reference.lockOnMedian, '<'),
    judge('median re-lock vs aubio', tracker.relockMedian, reference.relockMedian, '<'),
  ];
}

function judge(check: string, value: number | null, limit: number | null, comparison: FloorCheck['comparison']): FloorCheck {
  if (value === null || limit === null || Number.isNaN(value) || Number.isNaN(limit)) return { check, value, limit, comparison, pass: null };
  const pass = comparison === '>=' ? value >= limit : comparison === '<=' ? value <= limit : comparison === '>' ? value > limit : value < limit;
  return { check, value, limit, comparison, pass };
}
