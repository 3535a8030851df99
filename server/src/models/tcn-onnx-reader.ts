/**
 * Reads the weights of a beat activation TCN out of its ONNX file, so the daemon can step it one hop at a time
 * (core/beat/streaming-tcn.ts). The graph must be the one training exports (training/src/export/tcn-onnx.ts):
 * Sub(mean) -> Mul(1/std) -> Transpose -> Conv + Relu -> [Add(h, Relu(Conv(h)))]... -> Transpose -> MatMul -> Add
 * -> Softmax. Anything else is refused, naming the node that differs: a model this reader does not understand
 * must not run as something else.
 */
import onnxProto from 'onnx-proto';
import type { TcnConvLayer, TcnWeights } from '../core/beat/streaming-tcn.js';
import { checkTcnWeights } from '../core/beat/streaming-tcn.js';

const { onnx } = onnxProto;
type Node = onnxProto.onnx.INodeProto;

class GraphWalk {
  readonly #nodes: Node[];
  readonly #floats = new Map<string, { data: Float32Array; dims: number[] }>();
  readonly #what: string;
  #at = 0;

  constructor(model: onnxProto.onnx.IModelProto, what: string) {
    this.#what = what;
    const graph = model.graph;
    if (!graph) throw new Error(`${what}: the file holds no graph`);
    this.#nodes = graph.node ?? [];
    for (const init of graph.initializer ?? []) {
      if (init.dataType !== onnx.TensorProto.DataType.FLOAT || !init.name) continue;
      const dims = (init.dims ?? []).map(Number);
      const size = dims.reduce((a, b) => a * b, 1);
      let data: Float32Array;
      if (init.rawData && init.rawData.length > 0) {
        const raw = init.rawData;
        if (raw.length !== size * 4) throw new Error(`${what}: initialiser "${init.name}" holds ${raw.length} bytes; shape [${dims.join(', ')}] needs ${size * 4}`);
        data = new Float32Array(size);
        new Uint8Array(data.buffer).set(raw);
      } else {
        data = Float32Array.from(init.floatData ?? []);
        if (data.length !== size) throw new Error(`${what}: initialiser "${init.name}" holds ${data.length} values; shape [${dims.join(', ')}] needs ${size}`);
      }
      this.#floats.set(init.name, { data, dims });
    }
  }

  get done(): boolean {
    return this.#at >= this.#nodes.length;
  }

  peek(): string | undefined {
    return this.#nodes[this.#at]?.opType ?? undefined;
  }

  /** The next node, which must be `op` reading `from` (when given); refuses naming what was found. */
  take(op: string, from?: string): Node {
    const node = this.#nodes[this.#at];
    const found = node === undefined ? 'the end of the graph' : `${node.opType ?? '?'} (node ${this.#at})`;
    if (node?.opType !== op) throw new Error(`${this.#what}: expected ${op} at node ${this.#at}, found ${found}; not the TCN graph training exports`);
    if (from !== undefined && !(node.input ?? []).includes(from)) throw new Error(`${this.#what}: ${op} at node ${this.#at} does not read "${from}"; not a chain the streaming network runs`);
    this.#at++;
    return node;
  }

  output(node: Node): string {
    const out = node.output?.[0];
    if (!out) throw new Error(`${this.#what}: ${node.opType ?? '?'} node has no output`);
    return out;
  }

  /** The float initialiser among a node's inputs (the one that is not `from`). */
  weight(node: Node, from: string, index = 1): { data: Float32Array; dims: number[] } {
    const name = (node.input ?? []).filter((n) => n !== from)[index - 1];
    const init = name === undefined ? undefined : this.#floats.get(name);
    if (init === undefined) throw new Error(`${this.#what}: ${node.opType ?? '?'} node has no float initialiser at input ${index}`);
    return init;
  }

  ints(node: Node, name: string): number[] | undefined {
    const attr = (node.attribute ?? []).find((a) => a.name === name);
    return attr?.ints?.map(Number);
  }

  int(node: Node, name: string): number | undefined {
    const attr = (node.attribute ?? []).find((a) => a.name === name);
    return attr?.i === undefined || attr.i === null ? undefined : Number(attr.i);
  }
}

/** ONNX Conv weights [cout, cin, k] -> [k * cin, cout] with row j * cin + c, as the streaming kernel reads them. */
function convToTapMajor(w: Float32Array, cout: number, cin: number, kernel: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let o = 0; o < cout; o++) {
    for (let c = 0; c < cin; c++) {
      for (let j = 0; j < kernel; j++) out[(j * cin + c) * cout + o] = w[(o * cin + c) * kernel + j] ?? NaN;
    }
  }
  return out;
}

function convLayer(walk: GraphWalk, from: string, residual: boolean, what: string): { layer: TcnConvLayer; out: string } {
  const conv = walk.take('Conv', from);
  const w = walk.weight(conv, from, 1);
  const b = walk.weight(conv, from, 2);
  const [cout = 0, cin = 0, kernel = 0] = w.dims;
  if (w.dims.length !== 3) throw new Error(`${what}: Conv weights have shape [${w.dims.join(', ')}]; a 1-D convolution's are [cout, cin, k]`);
  const dilation = walk.ints(conv, 'dilations')?.[0] ?? 1;
  const pads = walk.ints(conv, 'pads') ?? [0, 0];
  const stride = walk.ints(conv, 'strides')?.[0] ?? 1;
  const group = walk.int(conv, 'group') ?? 1;
  if (pads[0] !== (kernel - 1) * dilation || pads[1] !== 0 || stride !== 1 || group !== 1) {
    throw new Error(`${what}: Conv with pads [${pads.join(', ')}], stride ${stride}, group ${group} is not causal (pads [${(kernel - 1) * dilation}, 0], stride 1, group 1)`);
  }
  const relu = walk.take('Relu', walk.output(conv));
  return {
    layer: { kernel, dilation, cin, cout, weights: convToTapMajor(w.data, cout, cin, kernel), bias: b.data, residual },
    out: walk.output(relu),
  };
}

/** The TCN's weights from an ONNX model file's bytes; `what` names the file in every error. */
export function readTcnWeights(bytes: Uint8Array, what: string): TcnWeights {
  let model: onnxProto.onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new Error(`${what} is not a valid ONNX file: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const walk = new GraphWalk(model, what);
  const input = model.graph?.input?.[0]?.name;
  if (!input) throw new Error(`${what}: the graph has no input`);
  const sub = walk.take('Sub', input);
  const mean = walk.weight(sub, input).data;
  const mul = walk.take('Mul', walk.output(sub));
  const scale = walk.weight(mul, walk.output(sub)).data;
  const toChannels = walk.take('Transpose', walk.output(mul));
  if (walk.ints(toChannels, 'perm')?.join(',') !== '0,2,1') throw new Error(`${what}: the first Transpose is not [0, 2, 1] (frames and channels swapped)`);
  const layers: TcnConvLayer[] = [];
  const first = convLayer(walk, walk.output(toChannels), false, what);
  layers.push(first.layer);
  let h = first.out;
  while (walk.peek() === 'Conv') {
    const block = convLayer(walk, h, true, what);
    const add = walk.take('Add', block.out);
    if (!(add.input ?? []).includes(h)) throw new Error(`${what}: the Add after a residual block does not add the block's input`);
    layers.push(block.layer);
    h = walk.output(add);
  }
  const back = walk.take('Transpose', h);
  const matmul = walk.take('MatMul', walk.output(back));
  const outW = walk.weight(matmul, walk.output(back));
  const addBias = walk.take('Add', walk.output(matmul));
  const outB = walk.weight(addBias, walk.output(matmul));
  const softmax = walk.take('Softmax', walk.output(addBias));
  const axis = walk.int(softmax, 'axis') ?? -1;
  if (axis !== -1 && axis !== 2) throw new Error(`${what}: Softmax over axis ${axis}; the classes are axis -1`);
  if (!walk.done) throw new Error(`${what}: nodes follow the Softmax; not the TCN graph training exports`);
  const weights: TcnWeights = { mean, scale, layers, out: { weights: outW.data, bias: outB.data, classes: outB.data.length } };
  try {
    checkTcnWeights(weights);
  } catch (error) {
    throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return weights;
}
