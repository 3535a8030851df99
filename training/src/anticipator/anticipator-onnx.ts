/** The anticipator as an ONNX graph: the same normalisation, MLP and output split as anticipatorForward. */
import { mlpToOnnx } from '../export/mlp-onnx.js';
import { OnnxGraphBuilder } from '../export/onnx-graph.js';
import type { Params } from '../train/params.js';
import type { AnticipatorConfig } from './anticipator-net.js';

export function anticipatorToOnnx(params: Params, config: AnticipatorConfig, doc: string): Uint8Array {
  const g = new OnnxGraphBuilder();
  const audio = g.input('audio', ['batch', config.audioDim]);
  const beat = g.input('beat', ['batch', 5]);
  const logits = mlpToOnnx(g, params, config, audio, [beat], 5, 13);
  const slice = (start: number, end: number, out: string): void => {
    g.node('Slice', [logits, g.int64s(`${out}.starts`, [start]), g.int64s(`${out}.ends`, [end]), g.int64s(`${out}.axes`, [1])], {}, out);
  };
  slice(0, 8, 'section_logits');
  slice(8, 13, 'hazard_logits');
  g.output('section_logits', ['batch', 8]);
  g.output('hazard_logits', ['batch', 5]);
  return g.toBytes('anticipator', doc);
}
