/** The controller as an ONNX graph: the same normalisation, MLP and range mapping as controllerForward. */
import { OnnxGraphBuilder } from '../export/onnx-graph.js';
import { param } from '../train/params.js';
import type { Params } from '../train/params.js';
import { CONTROL_SCALE } from './controller-net.js';
import type { ControllerConfig } from './controller-net.js';

export function controllerToOnnx(params: Params, config: ControllerConfig, doc: string): Uint8Array {
  const g = new OnnxGraphBuilder();
  const values = (name: string): Float32Array => Float32Array.from(param(params, name).dataSync());
  const audio = g.input('audio', ['batch', config.audioDim]);
  const beat = g.input('beat', ['batch', 5]);
  const structure = g.input('structure', ['batch', 13]);
  const normed = g.node('Mul', [g.node('Sub', [audio, g.floats('norm.mean', config.mean, [config.audioDim])]), g.floats('norm.inv_std', config.invStd, [config.audioDim])]);
  const x = g.node('Concat', [normed, beat, structure], { axis: { int: 1 } });
  const dense = (h: string, name: string, rows: number, cols: number): string =>
    g.node('Add', [g.node('MatMul', [h, g.floats(`${name}.w`, values(`${name}.w`), [rows, cols])]), g.floats(`${name}.b`, values(`${name}.b`), [cols])]);
  const h1 = g.node('Relu', [dense(x, 'h1', config.audioDim + 18, config.hidden)]);
  const h2 = g.node('Relu', [dense(h1, 'h2', config.hidden, config.hidden)]);
  g.node('Mul', [g.node('Sigmoid', [dense(h2, 'out', config.hidden, 9)]), g.floats('control.scale', [...CONTROL_SCALE], [9])], {}, 'control');
  g.output('control', ['batch', 9]);
  return g.toBytes('controller', doc);
}
