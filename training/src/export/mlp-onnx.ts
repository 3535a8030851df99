/** The shared MLP of train/mlp.ts as ONNX nodes: the same normalisation, join and layers as mlpForward. */
import { param } from '../train/params.js';
import type { Params } from '../train/params.js';
import type { MlpConfig } from '../train/mlp.js';
import type { OnnxGraphBuilder } from './onnx-graph.js';

/** Adds the MLP over graph values `audio` and `others` (`otherDim` columns in all); returns the output layer's value. */
export function mlpToOnnx(g: OnnxGraphBuilder, params: Params, config: MlpConfig, audio: string, others: readonly string[], otherDim: number, outputs: number): string {
  const values = (name: string): Float32Array => Float32Array.from(param(params, name).dataSync());
  const normed = g.node('Mul', [g.node('Sub', [audio, g.floats('norm.mean', config.mean, [config.audioDim])]), g.floats('norm.inv_std', config.invStd, [config.audioDim])]);
  const x = g.node('Concat', [normed, ...others], { axis: { int: 1 } });
  const dense = (h: string, name: string, rows: number, cols: number): string =>
    g.node('Add', [g.node('MatMul', [h, g.floats(`${name}.w`, values(`${name}.w`), [rows, cols])]), g.floats(`${name}.b`, values(`${name}.b`), [cols])]);
  const h1 = g.node('Relu', [dense(x, 'h1', config.audioDim + otherDim, config.hidden)]);
  const h2 = g.node('Relu', [dense(h1, 'h2', config.hidden, config.hidden)]);
  return dense(h2, 'out', config.hidden, outputs);
}
