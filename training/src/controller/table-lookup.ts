/**
 * Bilinear lookup of a visual table in TensorFlow.js, differentiable in c (the same interpolation as
 * sampleTable in mandelbrot-table.ts; c outside the grid is clamped to its edge, where the gradient is 0).
 */
import * as tf from '@tensorflow/tfjs';
import type { VisualTables } from './visual-tables.js';

/** Values of a table at c [batch, 2], as [batch]. */
export function lookup(tables: VisualTables, values: tf.Tensor1D, c: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const n = tables.size;
    const x = c.slice([0, 0], [-1, 1]).reshape([-1]).sub(tables.re0).div(tables.step).clipByValue(0, n - 1 - 1e-4);
    const y = c.slice([0, 1], [-1, 1]).reshape([-1]).sub(tables.im0).div(tables.step).clipByValue(0, n - 1 - 1e-4);
    // The cell indices are data, not part of the graph: gather has no gradient with respect to its indices.
    const i = tf.tensor1d(Float32Array.from(x.dataSync(), Math.floor));
    const j = tf.tensor1d(Float32Array.from(y.dataSync(), Math.floor));
    const fx = x.sub(i);
    const fy = y.sub(j);
    const at = (di: number, dj: number): tf.Tensor1D => tf.gather(values, j.add(dj).mul(n).add(i.add(di)).toInt());
    const top = at(0, 0).mul(tf.scalar(1).sub(fx)).add(at(1, 0).mul(fx));
    const bottom = at(0, 1).mul(tf.scalar(1).sub(fx)).add(at(1, 1).mul(fx));
    return top.mul(tf.scalar(1).sub(fy)).add<tf.Tensor1D>(bottom.mul(fy));
  });
}
