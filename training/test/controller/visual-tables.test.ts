import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { juliaMetrics } from '@fractalsync/server/core/visual/julia-metrics';
import { sampleTable } from '@fractalsync/server/core/visual/mandelbrot-table';
import { lookup } from '../../src/controller/table-lookup.js';
import { visualTables } from '../../src/controller/visual-tables.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const tables = visualTables({ size: 12 });

describe('visual tables', () => {
  it('hold julia-metrics at their nodes', () => {
    const i = 3;
    const j = 7;
    const m = juliaMetrics({ re: tables.re0 + i * tables.step, im: tables.im0 + j * tables.step });
    expect(tables.brightness[j * 12 + i]).toBeCloseTo(m.brightness, 6);
    expect(tables.edges[j * 12 + i]).toBeCloseTo(m.edgeDensity, 6);
  });

  it('blur the inside indicator into [0, 1] with interior nodes near 1 and far-outside nodes near 0', () => {
    const values = Array.from(tables.insideSoft);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThanOrEqual(1 + 1e-6);
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(0.5);
  });

  it('rejects a bad size and blur, naming the value', () => {
    expect(() => visualTables({ size: 1 })).toThrow(/size 1 is invalid/);
    expect(() => visualTables({ size: 4, blur: 0 })).toThrow(/blur 0 is invalid/);
  });
});

describe('tensor table lookup', () => {
  it('interpolates bilinearly like sampleTable in mandelbrot-table.ts, within 1e-5', () => {
    const table = { width: tables.size, height: tables.size, re: [tables.re0, tables.re0 + 11 * tables.step] as [number, number], im: [tables.im0, tables.im0 + 11 * tables.step] as [number, number], values: tables.edges };
    const points = [
      [tables.re0 + 2.3 * tables.step, tables.im0 + 5.7 * tables.step],
      [tables.re0 + 10.9 * tables.step, tables.im0 + 0.1 * tables.step],
      [tables.re0 - 1, tables.im0 + 4.5 * tables.step],
    ];
    const got = tf.tidy(() => Array.from(lookup(tables, tf.tensor1d(tables.edges), tf.tensor2d(points)).dataSync()));
    points.forEach(([re, im], k) => {
      expect(Math.abs((got[k] ?? NaN) - sampleTable(table, { re: re ?? 0, im: im ?? 0 }).score)).toBeLessThan(1e-5);
    });
  });

  it('has the gradient of the bilinear surface with respect to c', () => {
    const c = tf.tensor2d([[tables.re0 + 4.4 * tables.step, tables.im0 + 6.2 * tables.step]]);
    const values = tf.tensor1d(tables.edges);
    const g = tf.grad((x: tf.Tensor) => lookup(tables, values, x as tf.Tensor2D).sum())(c).arraySync() as number[][];
    const at = (i: number, j: number): number => tables.edges[j * 12 + i] ?? 0;
    const dRe = ((at(5, 6) - at(4, 6)) * 0.8 + (at(5, 7) - at(4, 7)) * 0.2) / tables.step;
    expect(Math.abs((g[0]?.[0] ?? NaN) - dRe)).toBeLessThan(1e-3 * Math.max(1, Math.abs(dRe)));
  });
});
