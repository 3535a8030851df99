import { describe, expect, it } from 'vitest';
import { aggregate, aggregateBy } from '../../src/eval/aggregate.js';
import { checkFloors } from '../../src/eval/floors.js';
import type { TrackScores } from '../../src/eval/track-score.js';
import { median } from '../../src/eval/times.js';

function score(over: Partial<TrackScores>): TrackScores {
  return {
    id: 'a', style: 'four-on-the-floor', variant: 'clean', duration: 30, detections: 60,
    fMeasure: 1, precision: 1, recall: 1, cmlc: 1, cmlt: 1, amlc: 1, amlt: 1,
    downbeatF: 1, meter: { truth: 4, detected: 4 }, lockOn: 1, relocks: [], wallSeconds: 1,
    ...over,
  };
}

describe('median', () => {
  it('takes the middle value, the mean of the two middle ones, and sorts Infinity last', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBeCloseTo(2.5, 12);
    expect(median([1, Number.POSITIVE_INFINITY, 2])).toBe(2);
    expect(median([Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY])).toBe(Number.POSITIVE_INFINITY);
    expect(median([])).toBeNaN();
  });
});

describe('aggregate', () => {
  const scores = [
    score({ id: 'a', fMeasure: 0.9, cmlt: 0.8, amlt: 1, downbeatF: 0.5, lockOn: 1, duration: 30, wallSeconds: 3, relocks: [{ kind: 'tempo_change', time: 10, beatsPerBar: 4, bars: 0.5 }] }),
    score({ id: 'b', fMeasure: 0.7, cmlt: 0.6, amlt: 0.8, downbeatF: 0.3, lockOn: Number.POSITIVE_INFINITY, style: 'waltz-3-4', variant: 'room', meter: { truth: 3, detected: 4 }, duration: 20, wallSeconds: 2, relocks: [{ kind: 'breakdown_end', time: 5, beatsPerBar: 3, bars: Number.POSITIVE_INFINITY }, { kind: 'meter_change', time: 9, beatsPerBar: 3, bars: 1 }] }),
    score({ id: 'c', fMeasure: 0.5, cmlt: 0.4, amlt: 0.6, downbeatF: 0.1, lockOn: 3, duration: 10, wallSeconds: 5 }),
  ];

  it('means the beat metrics, takes medians of lock-on and re-lock, the max re-lock, meter accuracy and the real-time factor', () => {
    const a = aggregate(scores);
    expect(a.tracks).toBe(3);
    expect(a.fMeasure).toBeCloseTo(0.7, 12);
    expect(a.cmlt).toBeCloseTo(0.6, 12);
    expect(a.amlt).toBeCloseTo(0.8, 12);
    expect(a.downbeatF).toBeCloseTo(0.3, 12);
    expect(a.meterAccuracy).toBeCloseTo(2 / 3, 12);
    expect(a.lockOnMedian).toBe(3);
    expect(a.relockEvents).toBe(3);
    expect(a.relockMedian).toBe(1);
    expect(a.relockMax).toBe(Number.POSITIVE_INFINITY);
    expect(a.realTimeFactor).toBeCloseTo(60 / 10, 12);
  });

  it('reports no downbeat F and no meter for a system without downbeats, and no re-lock without events', () => {
    const a = aggregate([score({ downbeatF: null, meter: { truth: 4, detected: null } })]);
    expect(a.downbeatF).toBeNull();
    expect(a.meterAccuracy).toBeNull();
    expect(a.relockMedian).toBeNull();
    expect(a.relockMax).toBeNull();
    expect(() => aggregate([])).toThrow(/no track scores/);
  });

  it('groups by style and by variant', () => {
    const byStyle = aggregateBy(scores, 'style');
    expect(Object.keys(byStyle)).toEqual(['four-on-the-floor', 'waltz-3-4']);
    expect(byStyle['four-on-the-floor']?.fMeasure).toBeCloseTo(0.7, 12);
    expect(byStyle['waltz-3-4']?.tracks).toBe(1);
    expect(aggregateBy(scores, 'variant').room?.cmlt).toBeCloseTo(0.6, 12);
  });
});

describe('checkFloors', () => {
  it('judges the issue 3 floors and, given aubio, "better than aubio" on each metric', () => {
    const tracker = aggregate([score({ fMeasure: 0.95, cmlt: 0.85, amlt: 0.9, cmlc: 0.7, downbeatF: 0.7, lockOn: 1.5, relocks: [{ kind: 'tempo_change', time: 10, beatsPerBar: 4, bars: 2.5 }] })]);
    const aubio = aggregate([score({ fMeasure: 0.8, cmlt: 0.9, amlt: 0.8, cmlc: 0.5, downbeatF: null, meter: { truth: 4, detected: null }, lockOn: 3, relocks: [{ kind: 'tempo_change', time: 10, beatsPerBar: 4, bars: 3 }] })]);
    const result = Object.fromEntries(checkFloors(tracker, aubio).map((f) => [f.check, f.pass]));
    expect(result).toEqual({
      'beat F': true,
      CMLt: true,
      'downbeat F': false,
      'median lock-on (s)': true,
      'max re-lock (bars)': false,
      'beat F vs aubio': true,
      'CMLt vs aubio': false,
      'AMLt vs aubio': true,
      'CMLc vs aubio': true,
      'median lock-on vs aubio': true,
      'median re-lock vs aubio': true,
    });
  });

  it('leaves a floor unjudged when the metric does not exist', () => {
    const noDownbeats = aggregate([score({ downbeatF: null, meter: { truth: 4, detected: null } })]);
    const checks = checkFloors(noDownbeats);
    expect(checks.find((f) => f.check === 'downbeat F')?.pass).toBeNull();
    expect(checks.find((f) => f.check === 'max re-lock (bars)')?.pass).toBeNull();
    expect(checks).toHaveLength(5);
  });
});
