import { describe, expect, test } from 'vitest';
import { juliaEscape, juliaFrame, juliaMetrics } from '../../src/core/visual/julia-metrics.js';

describe('julia metrics', () => {
  test('connectedness follows the Mandelbrot set', () => {
    expect(juliaMetrics({ re: 0, im: 0 }).connected).toBe(true);
    expect(juliaMetrics({ re: -1, im: 0 }).connected).toBe(true);
    expect(juliaMetrics({ re: 0.5, im: 0 }).connected).toBe(false);
    expect(juliaMetrics({ re: -0.75, im: 0.1 }).connected).toBe(false);
  });

  test('c = 0: the unit disk is interior (value 1), points outside it escape', () => {
    expect(juliaEscape({ re: 0.5, im: 0.5 }, { re: 0, im: 0 }, 64)).toBe(1);
    const outside = juliaEscape({ re: 1.5, im: 0 }, { re: 0, im: 0 }, 64);
    expect(outside).toBeGreaterThan(0);
    expect(outside).toBeLessThan(0.2);
    // Of the 48x27 grid over [-2.13, 2.13] x [-1.2, 1.2], the unit disk covers about pi / (4.27 * 2.4) = 31 %.
    const frame = juliaFrame({ re: 0, im: 0 });
    const interior = frame.filter((v) => v === 1).length / frame.length;
    expect(Math.abs(interior - Math.PI / (((2 * 1.2 * 48) / 27) * 2.4))).toBeLessThan(0.03);
  });

  test('moving c outward along the real axis beyond the cusp darkens the frame and thins its edges', () => {
    const rs = [0.3, 0.4, 0.5, 0.7, 1.0];
    const m = rs.map((re) => juliaMetrics({ re, im: 0 }));
    for (let i = 1; i < m.length; i++) {
      expect(m[i]?.brightness).toBeLessThan(m[i - 1]?.brightness ?? 0);
      expect(m[i]?.edgeDensity).toBeLessThanOrEqual(m[i - 1]?.edgeDensity ?? 0);
    }
  });

  test('a c near the boundary makes a busier frame than c = 0 or a c far outside', () => {
    const near = juliaMetrics({ re: -0.75, im: 0.1 }).edgeDensity;
    expect(near).toBeGreaterThan(juliaMetrics({ re: 0, im: 0 }).edgeDensity);
    expect(near).toBeGreaterThan(juliaMetrics({ re: 1.5, im: 0 }).edgeDensity);
    expect(juliaMetrics({ re: 1.5, im: 0 }).edgeDensity).toBeLessThan(0.01);
  });

  test('bad options are refused with the value named', () => {
    expect(() => juliaMetrics({ re: 0, im: 0 }, { width: 0 })).toThrow(/width 0 is invalid/);
    expect(() => juliaMetrics({ re: 0, im: 0 }, { edgeThreshold: 2 })).toThrow(/edgeThreshold 2 is invalid/);
    expect(() => juliaMetrics({ re: Number.POSITIVE_INFINITY, im: 0 })).toThrow(/Infinity/);
  });
});
