/**
 * The beat activation network run one hop at a time. The network is a causal TCN (training/src/train/tcn.ts):
 * standardise the beat spectrum, a causal conv with ReLU, residual blocks h + ReLU(dilated causal conv(h)), a
 * per-hop dense layer, softmax over beat / downbeat / none. Output t depends on inputs t, t-1, ... only, so each
 * layer keeps a ring of its last (kernel - 1) * dilation + 1 input rows and computes only the newest frame: about
 * 30k multiply-adds a hop for the shipped network, where re-running it over its 257-hop receptive field costs 257
 * times that.
 * Rings start at zero, which is the zero padding of the exported graph's convolutions: stepping from a reset
 * equals running the ONNX model over the whole stream.
 */
import type { KernelBuffer, VectorKernels } from '../dsp/vector-kernels.js';

/** One convolution layer: weights [kernel * cin, cout], row j * cin + c for tap j (j = kernel - 1 is the newest frame). */
export interface TcnConvLayer {
  kernel: number;
  dilation: number;
  cin: number;
  cout: number;
  weights: Float32Array;
  bias: Float32Array;
  /** A residual block adds its input to its ReLU output; the first layer does not (its input has other channels). */
  residual: boolean;
}

/** The weights of a beat activation TCN, as read from its ONNX file. */
export interface TcnWeights {
  mean: Float32Array;
  /** 1 / standard deviation per input. */
  scale: Float32Array;
  layers: TcnConvLayer[];
  /** Dense output layer, weights [channels, classes]. */
  out: { weights: Float32Array; bias: Float32Array; classes: number };
}

/** Frames the network looks back, the newest included. */
export function tcnReceptiveField(weights: TcnWeights): number {
  return 1 + weights.layers.reduce((sum, layer) => sum + (layer.kernel - 1) * layer.dilation, 0);
}

/** Checks that the layers chain (each layer's inputs are the previous one's outputs) and every array has its size. */
export function checkTcnWeights(weights: TcnWeights): void {
  const { mean, scale, layers, out } = weights;
  if (layers.length === 0) throw new Error('TCN has no convolution layers');
  if (mean.length !== scale.length) throw new Error(`TCN standardisation has ${mean.length} means and ${scale.length} scales`);
  let width = mean.length;
  layers.forEach((layer, i) => {
    const where = `TCN layer ${i}`;
    if (layer.cin !== width) throw new Error(`${where} takes ${layer.cin} channels; the layer before gives ${width}`);
    if (!(Number.isInteger(layer.kernel) && layer.kernel >= 1 && Number.isInteger(layer.dilation) && layer.dilation >= 1)) {
      throw new Error(`${where}: kernel ${layer.kernel} and dilation ${layer.dilation} must be positive integers`);
    }
    if (layer.weights.length !== layer.kernel * layer.cin * layer.cout) throw new Error(`${where} has ${layer.weights.length} weights; kernel ${layer.kernel} x ${layer.cin} x ${layer.cout} needs ${layer.kernel * layer.cin * layer.cout}`);
    if (layer.bias.length !== layer.cout) throw new Error(`${where} has ${layer.bias.length} biases for ${layer.cout} outputs`);
    if (layer.residual && layer.cin !== layer.cout) throw new Error(`${where} is residual but maps ${layer.cin} channels to ${layer.cout}`);
    width = layer.cout;
  });
  if (out.weights.length !== width * out.classes || out.bias.length !== out.classes) {
    throw new Error(`TCN output layer has ${out.weights.length} weights and ${out.bias.length} biases; ${width} channels to ${out.classes} classes need ${width * out.classes} and ${out.classes}`);
  }
  const all = [mean, scale, out.weights, out.bias, ...layers.flatMap((l) => [l.weights, l.bias])];
  if (all.some((a) => a.some((v) => !Number.isFinite(v)))) throw new Error('TCN weights hold a value that is not a finite number');
}

/** A layer's weights in kernel memory. */
interface LayerWeights {
  layer: TcnConvLayer;
  weights: KernelBuffer;
  bias: KernelBuffer;
}

/** The network's weights copied once into kernel memory; every stream of it shares them. */
export class TcnNetwork {
  readonly receptiveField: number;
  readonly kernels: VectorKernels;
  readonly layers: readonly LayerWeights[];
  readonly mean: KernelBuffer;
  readonly scale: KernelBuffer;
  readonly outWeights: KernelBuffer;
  readonly outBias: KernelBuffer;

  constructor(weights: TcnWeights, kernels: VectorKernels) {
    checkTcnWeights(weights);
    const copy = (values: Float32Array): KernelBuffer => {
      const buffer = kernels.f32(values.length);
      buffer.f32().set(values);
      return buffer;
    };
    this.kernels = kernels;
    this.layers = weights.layers.map((layer) => ({ layer, weights: copy(layer.weights), bias: copy(layer.bias) }));
    this.mean = copy(weights.mean);
    this.scale = copy(weights.scale);
    this.outWeights = copy(weights.out.weights);
    this.outBias = copy(weights.out.bias);
    this.receptiveField = tcnReceptiveField(weights);
  }

  /** A new stream at its start (every ring at zero). */
  open(): StreamingTcn {
    return new StreamingTcn(this);
  }
}

interface LayerState extends LayerWeights {
  /** The layer's last `rows` input rows. */
  ring: KernelBuffer;
  rows: number;
  /** Each row of the ring as a buffer of its own, made once (a step allocates nothing). */
  row: KernelBuffer[];
}

/** One stream through a TcnNetwork: each layer's ring of past input rows. */
export class StreamingTcn {
  readonly receptiveField: number;
  readonly #network: TcnNetwork;
  readonly #kernels: VectorKernels;
  readonly #states: LayerState[];
  readonly #input: KernelBuffer;
  readonly #hidden: KernelBuffer;
  readonly #logits: KernelBuffer;
  readonly #probabilities: Float32Array;
  /** Frames stepped since the last reset. */
  #frames = 0;

  constructor(network: TcnNetwork) {
    const kernels = network.kernels;
    this.#network = network;
    this.#kernels = kernels;
    this.#states = network.layers.map((weights) => {
      const { layer } = weights;
      const rows = (layer.kernel - 1) * layer.dilation + 1;
      const ring = kernels.f32(rows * layer.cin);
      const row = Array.from({ length: rows }, (_, r) => ring.sub(r * layer.cin, layer.cin));
      return { ...weights, rows, ring, row };
    });
    const last = network.layers[network.layers.length - 1];
    this.#input = kernels.f32(network.mean.length);
    this.#hidden = kernels.f32(last?.layer.cout ?? 0);
    this.#logits = kernels.f32(network.outBias.length);
    this.#probabilities = new Float32Array(network.outBias.length);
    this.receptiveField = network.receptiveField;
  }

  /** Frames stepped since the last reset. */
  get frames(): number {
    return this.#frames;
  }

  /** Forgets every past frame: the next step is the first of a stream. */
  reset(): void {
    for (const state of this.#states) state.ring.f32().fill(0);
    this.#frames = 0;
  }

  /** Takes the newest input frame; returns the class probabilities for it (a view reused by the next step). */
  step(frame: Float32Array): Float32Array {
    if (frame.length !== this.#input.length) throw new Error(`TCN step takes ${this.#input.length} inputs, got ${frame.length}`);
    const t = this.#frames++;
    const first = this.#states[0];
    if (first === undefined) throw new Error('TCN has no layers');
    this.#input.f32().set(frame);
    let row = first.row[t % first.rows] as KernelBuffer;
    this.#kernels.standardize(this.#input, this.#network.mean, this.#network.scale, row);
    for (let i = 0; i < this.#states.length; i++) {
      const state = this.#states[i] as LayerState;
      const next = this.#states[i + 1];
      const out = next === undefined ? this.#hidden : (next.row[t % next.rows] as KernelBuffer);
      const { layer } = state;
      this.#kernels.causalConvStep({
        ring: state.ring,
        rows: state.rows,
        position: t % state.rows,
        dilation: layer.dilation,
        kernel: layer.kernel,
        weights: state.weights,
        bias: state.bias,
        relu: true,
        residual: layer.residual ? row : undefined,
        out,
      });
      row = out;
    }
    const { outWeights, outBias } = this.#network;
    this.#kernels.causalConvStep({ ring: this.#hidden, rows: 1, position: 0, dilation: 1, kernel: 1, weights: outWeights, bias: outBias, relu: false, out: this.#logits });
    return softmaxInto(this.#logits.f32(), this.#probabilities);
  }
}

function softmaxInto(logits: Float32Array, out: Float32Array): Float32Array {
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const e = Math.exp((logits[i] ?? 0) - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / sum;
  return out;
}
