/**
 * The beat activation TCN as an ONNX graph: [batch, frames, bins] -> standardise -> Transpose to [batch, bins,
 * frames] -> Conv (causal: pads [(k-1)d, 0], dilations [d]) + Relu, residual blocks -> Transpose back -> MatMul
 * + Add -> Softmax over the 3 classes. Conv weights are the tfjs [k*cin, cout] matrices re-ordered to [cout, cin, k].
 */
import type { Params } from '../train/params.js';
import { param } from '../train/params.js';
import type { TcnConfig } from '../train/tcn.js';
import { OnnxGraphBuilder } from './onnx-graph.js';

/** [k*cin, cout] (row j*cin + c) -> [cout, cin, k], flattened. */
export function convKernel(w: Float32Array, kernel: number, cin: number, cout: number): Float32Array {
  const out = new Float32Array(cout * cin * kernel);
  for (let j = 0; j < kernel; j++) {
    for (let c = 0; c < cin; c++) {
      for (let o = 0; o < cout; o++) out[(o * cin + c) * kernel + j] = w[(j * cin + c) * cout + o] ?? 0;
    }
  }
  return out;
}

export function tcnToOnnx(params: Params, config: TcnConfig, doc: string): Uint8Array {
  const g = new OnnxGraphBuilder();
  const { inputs, channels, kernel, outputs } = config;
  const values = (name: string): Float32Array => Float32Array.from(param(params, name).dataSync());
  const x = g.input('spectrum', ['batch', 'frames', inputs]);
  const centred = g.node('Sub', [x, g.floats('norm.mean', config.mean, [inputs])]);
  const scaled = g.node('Mul', [centred, g.floats('norm.inv_std', config.std.map((s) => 1 / s), [inputs])]);
  let h = g.node('Transpose', [scaled], { perm: { ints: [0, 2, 1] } });
  const conv = (input: string, name: string, cin: number, d: number): string =>
    g.node('Relu', [
      g.node('Conv', [input, g.floats(`${name}.w`, convKernel(values(`${name}.w`), kernel, cin, channels), [channels, cin, kernel]), g.floats(`${name}.b`, values(`${name}.b`), [channels])], {
        kernel_shape: { ints: [kernel] },
        dilations: { ints: [d] },
        pads: { ints: [(kernel - 1) * d, 0] },
      }),
    ]);
  h = conv(h, 'in', inputs, 1);
  config.dilations.forEach((d, i) => {
    h = g.node('Add', [h, conv(h, `block${i}`, channels, d)]);
  });
  const back = g.node('Transpose', [h], { perm: { ints: [0, 2, 1] } });
  const logits = g.node('Add', [g.node('MatMul', [back, g.floats('out.w', values('out.w'), [channels, outputs])]), g.floats('out.b', values('out.b'), [outputs])]);
  g.node('Softmax', [logits], { axis: { int: -1 } }, 'activation');
  g.output('activation', ['batch', 'frames', outputs]);
  return g.toBytes('beat_activation', doc);
}
