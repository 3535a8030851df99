import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { continuity, fMeasure, referenceVariations, type ContinuityScores } from '../../src/eval/beat-metrics.js';
import { grid, seededUniform } from './beat-grid.js';

// 40 annotated beats at 120 BPM (0.5 s apart) from 5 s.
const A = grid(5, 0.5, 40);
const TOL = 12;

function expectScores(actual: ContinuityScores, expected: ContinuityScores): void {
  expect(actual.cmlc).toBeCloseTo(expected.cmlc, TOL);
  expect(actual.cmlt).toBeCloseTo(expected.cmlt, TOL);
  expect(actual.amlc).toBeCloseTo(expected.amlc, TOL);
  expect(actual.amlt).toBeCloseTo(expected.amlt, TOL);
}

describe('continuity (CMLc, CMLt, AMLc, AMLt)', () => {
  it('is 1 everywhere for a perfect sequence', () => {
    expectScores(continuity(A, A), { cmlc: 1, cmlt: 1, amlc: 1, amlt: 1 });
  });

  it('phase tolerance is 17.5 % of the beat: 50 and 80 ms late are correct (87.5 ms), 100 ms late is not', () => {
    expectScores(continuity(A.map((t) => t + 0.05), A), { cmlc: 1, cmlt: 1, amlc: 1, amlt: 1 });
    // 80 ms: continuity accepts it while the ±70 ms F-measure does not.
    expectScores(continuity(A.map((t) => t + 0.08), A), { cmlc: 1, cmlt: 1, amlc: 1, amlt: 1 });
    expect(fMeasure(A.map((t) => t + 0.08), A)).toBe(0);
    // 100 ms = 20 % of the beat; no metrical variation is within tolerance either.
    expectScores(continuity(A.map((t) => t + 0.1), A), { cmlc: 0, cmlt: 0, amlc: 0, amlt: 0 });
  });

  it('half tempo (every other beat, either parity): CML 0, AML 1', () => {
    expectScores(continuity(A.filter((_, i) => i % 2 === 0), A), { cmlc: 0, cmlt: 0, amlc: 1, amlt: 1 });
    expectScores(continuity(A.filter((_, i) => i % 2 === 1), A), { cmlc: 0, cmlt: 0, amlc: 1, amlt: 1 });
  });

  it('double tempo: CML 0, AML 1', () => {
    expectScores(continuity(grid(5, 0.25, 79), A), { cmlc: 0, cmlt: 0, amlc: 1, amlt: 1 });
  });

  it('off-beat (halfway between annotations): CML 0, AML 1', () => {
    expectScores(continuity(A.slice(0, -1).map((t) => t + 0.25), A), { cmlc: 0, cmlt: 0, amlc: 1, amlt: 1 });
  });

  it('correct for the second half only: 20 of 40 beats, so every score is 0.5', () => {
    expectScores(continuity(A.slice(20), A), { cmlc: 0.5, cmlt: 0.5, amlc: 0.5, amlt: 0.5 });
  });

  it('a wrong tempo (0.4 s) for 24 beats, then locked: the first locked beat fails (0.7 s interval), 19 of max(40, 44) count', () => {
    const wrong = grid(5.1, 0.4, 24);
    const detections = [...wrong, ...A.slice(20)];
    expectScores(continuity(detections, A), { cmlc: 19 / 44, cmlt: 19 / 44, amlc: 19 / 44, amlt: 19 / 44 });
  });

  it('a missing beat breaks continuity: 38 of 40 correct, longest run 20', () => {
    const detections = A.filter((_, i) => i !== 20);
    expectScores(continuity(detections, A), { cmlc: 20 / 40, cmlt: 38 / 40, amlc: 20 / 40, amlt: 38 / 40 });
  });

  it('an extra beat breaks continuity: it and the next beat fail, 39 of 41 correct, longest run 21', () => {
    const detections = [...A.slice(0, 21), 15.2, ...A.slice(21)];
    expectScores(continuity(detections, A), { cmlc: 21 / 41, cmlt: 39 / 41, amlc: 21 / 41, amlt: 39 / 41 });
  });

  it('is 0 for empty detections and for a single beat (no interval), as mir_eval', () => {
    expectScores(continuity([], A), { cmlc: 0, cmlt: 0, amlc: 0, amlt: 0 });
    expectScores(continuity([10], A), { cmlc: 0, cmlt: 0, amlc: 0, amlt: 0 });
    expectScores(continuity(A, [10]), { cmlc: 0, cmlt: 0, amlc: 0, amlt: 0 });
  });

  it('random detections score near 0', () => {
    const rand = seededUniform(3);
    const random = Array.from({ length: 40 }, () => 5 + rand() * 20).sort((a, b) => a - b);
    const s = continuity(random, A);
    expect(s.cmlt).toBeLessThan(0.1);
    expect(s.amlt).toBeLessThan(0.15);
  });

  it('tolerances are options', () => {
    // 100 ms late is 20 % of the beat: accepted once the phase tolerance is 25 %.
    expect(continuity(A.map((t) => t + 0.1), A, { phaseTolerance: 0.25 }).cmlt).toBeCloseTo(1, TOL);
    // A 5 % slow tracker fails the 4 % tempo tolerance from its first beat.
    expect(continuity(grid(5, 0.525, 38), A, { tempoTolerance: 0.04 }).cmlt).toBe(0);
  });

  it('builds the variations mir_eval uses: original, off-beat, double, half odd, half even', () => {
    const [original, off, double, odd, even] = referenceVariations([0, 1, 2, 4]);
    expect(original).toEqual([0, 1, 2, 4]);
    expect(off).toEqual([0.5, 1.5, 3]);
    expect(double).toEqual([0, 0.5, 1, 1.5, 2, 3, 4]);
    expect(odd).toEqual([0, 2]);
    expect(even).toEqual([1, 4]);
  });

  it('rejects bad input and tolerances, naming them', () => {
    expect(() => continuity([1, 0.5], A)).toThrow(/detections\[1\] is 0.5 after detections\[0\] = 1/);
    expect(() => continuity(A, [Number.NaN])).toThrow(/annotations\[0\] is NaN/);
    expect(() => continuity(A, A, { phaseTolerance: -1 })).toThrow(/phaseTolerance is -1/);
    expect(() => continuity(A, A, { tempoTolerance: 0 })).toThrow(/tempoTolerance is 0/);
    expect(() => referenceVariations([1, Number.POSITIVE_INFINITY])).toThrow(/annotations\[1\] is Infinity/);
  });
});

interface GoldenCase extends ContinuityScores {
  name: string;
  annotations: number[];
  detections: number[];
  fMeasure: number;
}

describe('agreement with mir_eval 0.8 (golden values from its beat.py, ported verbatim to Python)', () => {
  const golden = JSON.parse(readFileSync(new URL('fixtures/mir-eval-golden.json', import.meta.url), 'utf8')) as { cases: GoldenCase[] };
  it.each(golden.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(fMeasure(c.detections, c.annotations)).toBeCloseTo(c.fMeasure, 12);
    expectScores(continuity(c.detections, c.annotations), c);
  });
});
