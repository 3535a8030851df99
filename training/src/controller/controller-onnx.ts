/** The controller as an ONNX graph: the same normalisation, MLP and range mapping as controllerForward. */
import { mlpToOnnx } from '../export/mlp-onnx.js';
import { OnnxGraphBuilder } from '../export/onnx-graph.js';
import type { Params } from '../train/params.js';
import { CONTROL_SCALE } from './controller-net.js';
import type { ControllerConfig } from './controller-net.js';

export function controllerToOnnx(params: Params, config: ControllerConfig, doc: string): Uint8Array {
  const g = new OnnxGraphBuilder();
  const audio = g.input('audio', ['batch', config.audioDim]);
  const beat = g.input('beat', ['batch', 5]);
  const structure = g.input('structure', ['batch', 13]);
  g.node('Mul', [g.node('Sigmoid', [mlpToOnnx(g, params, config, audio, [beat, structure], 18, 9)]), g.floats('control.scale', [...CONTROL_SCALE], [9])], {}, 'control');
  g.output('control', ['batch', 9]);
  return g.toBytes('controller', doc);
}
