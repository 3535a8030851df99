/**
 * Named trainable weights and their checkpoint form (plain JSON: these models hold a few thousand numbers).
 * Initialised from a seed, so a training run starts from the same weights every time.
 */
import * as tf from '@tensorflow/tfjs';

export type Params = Map<string, tf.Variable>;

export interface SavedTensor {
  shape: number[];
  data: number[];
}

/** Glorot-uniform weights of shape [fanIn, fanOut] (or zeros for a bias), seeded per name. */
export function initParam(params: Params, name: string, shape: number[], seed: number): tf.Variable {
  const fanIn = shape.length > 1 ? (shape[0] ?? 1) : 0;
  const fanOut = shape.at(-1) ?? 1;
  const value = fanIn === 0 ? tf.zeros(shape) : tf.randomUniform(shape, -Math.sqrt(6 / (fanIn + fanOut)), Math.sqrt(6 / (fanIn + fanOut)), 'float32', seed + params.size);
  const v = tf.variable(value, true);
  value.dispose();
  params.set(name, v);
  return v;
}

export function param(params: Params, name: string): tf.Variable {
  const p = params.get(name);
  if (p === undefined) throw new Error(`weight "${name}" is missing; the model has ${[...params.keys()].join(', ')}`);
  return p;
}

export function countParams(params: Params): number {
  let n = 0;
  for (const p of params.values()) n += p.size;
  return n;
}

export function saveParams(params: Params): Record<string, SavedTensor> {
  const out: Record<string, SavedTensor> = {};
  for (const [name, p] of params) out[name] = { shape: p.shape, data: Array.from(p.dataSync()) };
  return out;
}

/** Loads saved values into existing weights; a missing or mis-shaped entry is an error naming it. */
export function loadParams(params: Params, saved: Record<string, SavedTensor>): void {
  for (const [name, p] of params) {
    const s = saved[name];
    if (s === undefined) throw new Error(`checkpoint has no weight "${name}"`);
    if (s.shape.join() !== p.shape.join()) throw new Error(`checkpoint weight "${name}" has shape [${s.shape.join(', ')}]; the model needs [${p.shape.join(', ')}]`);
    p.assign(tf.tensor(s.data, s.shape));
  }
}
