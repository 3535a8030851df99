/** The bar-phase model as an ONNX graph: the same extrapolation, MLP correction and normalisation as barPhaseForward. */
import { ANTICIPATION_SCALE } from '../barphase/bar-phase-net.js';
import type { BarPhaseConfig } from '../barphase/bar-phase-net.js';
import { param } from '../train/params.js';
import type { Params } from '../train/params.js';
import { OnnxGraphBuilder } from './onnx-graph.js';

export function barPhaseToOnnx(params: Params, config: BarPhaseConfig, doc: string): Uint8Array {
  const g = new OnnxGraphBuilder();
  const { windowFrames: w, featureDim: d, hidden } = config;
  const values = (name: string): Float32Array => Float32Array.from(param(params, name).dataSync());
  const features = g.input('features', ['batch', w, d]);
  const a = g.input('anticipation', ['batch', 1]);
  const scalar = (name: string, v: number): string => g.floats(name, [v], [1]);
  const slice = (x: string, start: number, axis: number): string => g.node('Slice', [x, g.int64s(`s${start}_${axis}_${x}`, [start]), g.int64s(`e${start}_${axis}_${x}`, [start + 1]), g.int64s(`a${start}_${axis}_${x}`, [axis])]);
  const last = g.node('Reshape', [slice(features, w - 1, 1), g.int64s('last_shape', [-1, d])]);
  const { logSpb, sinBar, cosBar, beatsPerBarOver8 } = config.columns;
  const barSeconds = g.node('Mul', [g.node('Exp', [slice(last, logSpb, 1)]), g.node('Mul', [slice(last, beatsPerBarOver8, 1), scalar('eight', 8)])]);
  const theta = g.node('Div', [g.node('Mul', [a, scalar('two_pi', 2 * Math.PI)]), barSeconds]);
  const s = slice(last, sinBar, 1);
  const c = slice(last, cosBar, 1);
  const st = g.node('Sin', [theta]);
  const ct = g.node('Cos', [theta]);
  const extSin = g.node('Add', [g.node('Mul', [s, ct]), g.node('Mul', [c, st])]);
  const extCos = g.node('Sub', [g.node('Mul', [c, ct]), g.node('Mul', [s, st])]);
  const flat = g.node('Concat', [g.node('Reshape', [features, g.int64s('flat_shape', [-1, w * d])]), g.node('Mul', [a, scalar('a_scale', ANTICIPATION_SCALE)])], { axis: { int: 1 } });
  const dense = (x: string, name: string, rows: number, cols: number): string => g.node('Add', [g.node('MatMul', [x, g.floats(`${name}.w`, values(`${name}.w`), [rows, cols])]), g.floats(`${name}.b`, values(`${name}.b`), [cols])]);
  const h1 = g.node('Relu', [dense(flat, 'h1', w * d + 1, hidden)]);
  const h2 = g.node('Relu', [dense(h1, 'h2', hidden, hidden)]);
  const uv = dense(h2, 'out', hidden, 2);
  const vc = g.node('Add', [slice(uv, 0, 1), scalar('one', 1)]);
  const vs = slice(uv, 1, 1);
  const outSin = g.node('Add', [g.node('Mul', [extSin, vc]), g.node('Mul', [extCos, vs])]);
  const outCos = g.node('Sub', [g.node('Mul', [extCos, vc]), g.node('Mul', [extSin, vs])]);
  const sq = g.node('Add', [g.node('Add', [g.node('Mul', [outSin, outSin]), g.node('Mul', [outCos, outCos])]), scalar('eps', 1e-12)]);
  g.node('Div', [g.node('Concat', [outSin, outCos], { axis: { int: 1 } }), g.node('Sqrt', [sq])], {}, 'bar_phase');
  g.output('bar_phase', ['batch', 2]);
  return g.toBytes('bar_phase', doc);
}
