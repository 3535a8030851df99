/**
 * A small ONNX graph builder over onnx-proto (the official onnx.proto compiled for protobufjs): float inputs and
 * outputs with symbolic or fixed dimensions, float and int64 initialisers, nodes with int/ints/float attributes.
 * There is no tfjs-to-ONNX converter, so each model's exporter writes its own graph with this.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export type Dim = number | string;
export type Attr = { int: number } | { ints: number[] } | { float: number };

/** ONNX opset the exporters target (Softmax and ReduceSum semantics as of opset 13). */
export const OPSET = 13;

function valueInfo(name: string, dims: readonly Dim[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function attribute(name: string, value: Attr): onnxProto.onnx.IAttributeProto {
  if ('int' in value) return { name, type: onnx.AttributeProto.AttributeType.INT, i: value.int };
  if ('ints' in value) return { name, type: onnx.AttributeProto.AttributeType.INTS, ints: value.ints };
  return { name, type: onnx.AttributeProto.AttributeType.FLOAT, f: value.float };
}

export class OnnxGraphBuilder {
  readonly #nodes: onnxProto.onnx.INodeProto[] = [];
  readonly #inits: onnxProto.onnx.ITensorProto[] = [];
  readonly #inputs: onnxProto.onnx.IValueInfoProto[] = [];
  readonly #outputs: onnxProto.onnx.IValueInfoProto[] = [];
  #count = 0;

  input(name: string, dims: readonly Dim[]): string {
    this.#inputs.push(valueInfo(name, dims));
    return name;
  }

  output(name: string, dims: readonly Dim[]): void {
    this.#outputs.push(valueInfo(name, dims));
  }

  /** A float initialiser; returns its name. */
  floats(name: string, data: ArrayLike<number>, dims: readonly number[]): string {
    const size = dims.reduce((a, b) => a * b, 1);
    if (data.length !== size) throw new Error(`initialiser "${name}" has ${data.length} values; shape [${dims.join(', ')}] needs ${size}`);
    const f = Float32Array.from(data);
    this.#inits.push({ name, dims: [...dims], dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(f.buffer) });
    return name;
  }

  /** An int64 initialiser (shapes, axes); returns its name. */
  int64s(name: string, data: readonly number[]): string {
    const v = BigInt64Array.from(data.map((x) => BigInt(x)));
    this.#inits.push({ name, dims: [data.length], dataType: onnx.TensorProto.DataType.INT64, rawData: new Uint8Array(v.buffer) });
    return name;
  }

  /** Adds a node; returns the name of its (single) output, `out` or a fresh one. */
  node(op: string, inputs: readonly string[], attrs: Record<string, Attr> = {}, out?: string): string {
    const output = out ?? `${op.toLowerCase()}_${this.#count++}`;
    this.#nodes.push({ opType: op, name: `${op}_${this.#nodes.length}`, input: [...inputs], output: [output], attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)) });
    return output;
  }

  /** The serialised model. */
  toBytes(graphName: string, docString: string): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'fractalsync-training',
      producerVersion: '1',
      docString,
      opsetImport: [{ domain: '', version: OPSET }],
      graph: { name: graphName, node: this.#nodes, initializer: this.#inits, input: this.#inputs, output: this.#outputs },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
