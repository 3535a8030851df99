import { describe, expect, test } from 'vitest';
import { insideScore, insideScoreExact, MANDELBROT_TABLE_DEFAULTS, mandelbrotPoint, mandelbrotTable, sampleTable } from '../../src/core/visual/mandelbrot-table.js';

const table = mandelbrotTable();
const { maxIter, falloff } = MANDELBROT_TABLE_DEFAULTS;

describe('mandelbrotPoint', () => {
  test('c = 0 and c = -1 stay bounded; c = 0.5 escapes', () => {
    expect(mandelbrotPoint({ re: 0, im: 0 }, maxIter).inside).toBe(true);
    expect(mandelbrotPoint({ re: -1, im: 0 }, maxIter).inside).toBe(true);
    const out = mandelbrotPoint({ re: 0.5, im: 0 }, maxIter);
    expect(out.inside).toBe(false);
    // The true distance from 0.5 to M (the cusp at 0.25) is 0.25; the estimate lies within a factor 4 below it.
    expect(out.distance).toBeGreaterThan(0.25 / 4 - 0.01);
    expect(out.distance).toBeLessThanOrEqual(0.25);
  });

  test('the smooth iteration count is continuous across an escape-count step', () => {
    // Along the real axis beyond the cusp the integer escape count drops by one at some r; the smooth count does not jump.
    let previous = mandelbrotPoint({ re: 0.3, im: 0 }, maxIter).smoothIter;
    for (let r = 0.3005; r <= 1; r += 0.0005) {
      const s = mandelbrotPoint({ re: r, im: 0 }, maxIter).smoothIter;
      expect(Math.abs(s - previous)).toBeLessThan(0.5);
      previous = s;
    }
  });

  test('rejects a bad iteration count, naming it', () => {
    expect(() => mandelbrotPoint({ re: 0, im: 0 }, 0)).toThrow(/maxIter 0 is invalid/);
  });
});

describe('mandelbrot table', () => {
  test('known points: 0 and -1 inside, 0.5 outside, -0.75+0.1i outside but near the boundary', () => {
    expect(insideScore(table, { re: 0, im: 0 })).toBeCloseTo(1, 6);
    expect(insideScore(table, { re: -1, im: 0 })).toBeCloseTo(1, 6);
    expect(insideScore(table, { re: 0.5, im: 0 })).toBeLessThan(0.1);
    const neck = { re: -0.75, im: 0.1 };
    expect(mandelbrotPoint(neck, maxIter).inside).toBe(false);
    expect(insideScoreExact(neck, maxIter, falloff)).toBeGreaterThan(0.5);
    expect(insideScoreExact(neck, maxIter, falloff)).toBeLessThan(1);
    // Far outside, the edge of the table, scores about 0.
    expect(insideScore(table, { re: 0.75, im: 1.5 })).toBeLessThan(1e-6);
  });

  test('the lookup equals the exact score at grid nodes (tolerance 1e-6)', () => {
    for (const [i, j] of [[0, 0], [40, 64], [90, 70], [127, 127]] as const) {
      const c = { re: -2 + (2.75 * i) / 127, im: -1.5 + (3 * j) / 127 };
      expect(Math.abs(insideScore(table, c) - insideScoreExact(c, maxIter, falloff))).toBeLessThan(1e-6);
    }
  });

  test('interpolation is continuous: tiny steps change the score by at most |step| times the largest cell slope', () => {
    const cell = 2.75 / 127;
    const step = 1e-5;
    for (let k = 0; k < 2000; k++) {
      const c = { re: -1.9 + (2.5 * k) / 2000, im: 0.3 };
      const a = insideScore(table, c);
      const b = insideScore(table, { re: c.re + step, im: c.im });
      // A cell's bilinear surface changes by at most 1 (the value range) across one cell.
      expect(Math.abs(b - a)).toBeLessThanOrEqual(step / cell + 1e-9);
    }
  });

  test('the gradient matches a finite difference inside a cell (tolerance 1e-3)', () => {
    const c = { re: 0.31, im: 0.017 };
    const s = sampleTable(table, c);
    const h = 1e-6;
    const dRe = (insideScore(table, { re: c.re + h, im: c.im }) - insideScore(table, { re: c.re - h, im: c.im })) / (2 * h);
    const dIm = (insideScore(table, { re: c.re, im: c.im + h }) - insideScore(table, { re: c.re, im: c.im - h })) / (2 * h);
    expect(Math.abs(s.dRe - dRe)).toBeLessThan(1e-3);
    expect(Math.abs(s.dIm - dIm)).toBeLessThan(1e-3);
    expect(Math.abs(s.dRe) + Math.abs(s.dIm)).toBeGreaterThan(0);
  });

  test('generation is deterministic, byte for byte', () => {
    const again = mandelbrotTable();
    expect(Buffer.from(again.values.buffer).equals(Buffer.from(table.values.buffer))).toBe(true);
    expect(table.values.length).toBe(128 * 128);
  });

  test('bad options and bad c are refused with the value named', () => {
    expect(() => mandelbrotTable({ width: 1 })).toThrow(/1x128 is invalid/);
    expect(() => mandelbrotTable({ re: [0.5, -2] })).toThrow(/re range \[0.5, -2\] is invalid/);
    expect(() => insideScoreExact({ re: 0, im: 0 }, 10, 0)).toThrow(/falloff 0 is invalid/);
    expect(() => insideScore(table, { re: Number.NaN, im: 0 })).toThrow(/NaN/);
  });
});
