/** The anticipator as an ONNX graph: the same normalisation, MLP and output split as anticipatorForward. */
import { OnnxGraphBuilder } from '../export/onnx-graph.js';
import { param } from '../train/params.js';
import type { Params } from '../train/params.js';
import type { AnticipatorConfig } from './anticipator-net.js';

export function anticipatorToOnnx(params: Params, config: AnticipatorConfig, doc: string): Uint8Array {
  const g = new OnnxGraphBuilder();
  const values = (name: string): Float32Array => Float32Array.from(param(params, name).dataSync());
  const audio = g.input('audio', ['batch', config.audioDim]);
  const beat = g.input('beat', ['batch', 5]);
  const normed = g.node('Mul', [g.node('Sub', [audio, g.floats('norm.mean', config.mean, [config.audioDim])]), g.floats('norm.inv_std', config.invStd, [config.audioDim])]);
  const x = g.node('Concat', [normed, beat], { axis: { int: 1 } });
  const dense = (h: string, name: string, rows: number, cols: number): string =>
    g.node('Add', [g.node('MatMul', [h, g.floats(`${name}.w`, values(`${name}.w`), [rows, cols])]), g.floats(`${name}.b`, values(`${name}.b`), [cols])]);
  const h1 = g.node('Relu', [dense(x, 'h1', config.audioDim + 5, config.hidden)]);
  const h2 = g.node('Relu', [dense(h1, 'h2', config.hidden, config.hidden)]);
  const logits = dense(h2, 'out', config.hidden, 13);
  const slice = (start: number, end: number, out: string): void => {
    g.node('Slice', [logits, g.int64s(`${out}.starts`, [start]), g.int64s(`${out}.ends`, [end]), g.int64s(`${out}.axes`, [1])], {}, out);
  };
  slice(0, 8, 'section_logits');
  slice(8, 13, 'hazard_logits');
  g.output('section_logits', ['batch', 8]);
  g.output('hazard_logits', ['batch', 5]);
  return g.toBytes('anticipator', doc);
}
