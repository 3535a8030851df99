/**
 * Loads the beat activation model for stepping one hop at a time on the hop thread. onnxruntime-node loads the
 * file and its card (every check OnnxModel makes), the TCN's weights are read out of the same file, and the
 * streaming network is held to onnxruntime's answer on a probe of a few hundred frames before it is accepted:
 * the model that runs per hop is the model onnxruntime runs, or it is refused.
 */
import { readFile } from 'node:fs/promises';
import type { Contract } from '../core/contract/contract.js';
import { TcnNetwork, type StreamingTcn, type TcnWeights } from '../core/beat/streaming-tcn.js';
import type { Milliseconds } from '../core/units.js';
import { loadVectorKernels } from '../dsp/wasm-kernels.js';
import type { ModelCard } from './model-card.js';
import { OnnxModel } from './onnx-model.js';
import { readTcnWeights } from './tcn-onnx-reader.js';

/** Largest difference in any class probability the streaming network may show against onnxruntime. */
export const BEAT_NETWORK_PARITY = 1e-4;

const RECENT = 512;

/** A loaded, checked beat network: each hop path opens its own stream of it (a stream holds that path's past frames). */
export class BeatNetwork {
  readonly path: string;
  readonly card: ModelCard;
  readonly loadMs: Milliseconds;
  /** Largest probability difference against onnxruntime on the load probe. */
  readonly parity: number;
  readonly receptiveField: number;
  readonly #network: TcnNetwork;
  runs = 0;
  failures = 0;
  /** The last RECENT steps' costs, a ring (a step must not shift an array). */
  readonly #recent = new Float64Array(RECENT);

  constructor(path: string, card: ModelCard, network: TcnNetwork, loadMs: Milliseconds, parity: number) {
    this.path = path;
    this.card = card;
    this.#network = network;
    this.loadMs = loadMs;
    this.parity = parity;
    this.receptiveField = network.receptiveField;
  }

  /** A fresh stream of this network (its rings at zero: the start of a stream). */
  open(): StreamingTcn {
    return this.#network.open();
  }

  /** Counts one hop's step and its cost. */
  record(ms: Milliseconds): void {
    this.#recent[this.runs % RECENT] = ms;
    this.runs++;
  }

  /** Costs of the last steps (up to RECENT), in no particular order. */
  get recentMs(): number[] {
    return Array.from(this.#recent.subarray(0, Math.min(this.runs, RECENT)));
  }
}

/** A deterministic probe: each input around its training mean, within two standard deviations. */
function probe(weights: TcnWeights, frames: number): Float32Array {
  const bins = weights.mean.length;
  const data = new Float32Array(frames * bins);
  let state = 0x9e3779b9;
  for (let i = 0; i < data.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const b = i % bins;
    data[i] = (weights.mean[b] ?? 0) + ((state / 2 ** 32) * 4 - 2) / (weights.scale[b] ?? 1);
  }
  return data;
}

/** Loads and checks `path` as the beat_activation model; every refusal names the file and what was wrong. */
export async function loadBeatNetwork(path: string, contract: Contract): Promise<BeatNetwork> {
  const start = performance.now();
  const model = await OnnxModel.load(path, { contract });
  try {
    if (model.card.model !== 'beat_activation') throw new Error(`${path} is a "${model.card.model}" model (its card says so); this slot takes "beat_activation"`);
    const weights = readTcnWeights(await readFile(path), `model file ${path}`);
    const bins = model.inputShape('spectrum')[2];
    if (weights.mean.length !== bins) throw new Error(`model file ${path}: the network takes ${weights.mean.length} spectrum bins; its card says ${String(bins)}`);
    if (weights.out.classes !== 3) throw new Error(`model file ${path}: the network gives ${weights.out.classes} classes; beat_activation gives 3 (beat, downbeat, none)`);
    const network = new TcnNetwork(weights, await loadVectorKernels());
    const frames = network.receptiveField + 128;
    const input = probe(weights, frames);
    const expected = (await model.run({ spectrum: { data: input, dims: [1, frames, weights.mean.length] } })).activation?.data;
    if (expected?.length !== frames * 3) throw new Error(`model file ${path}: onnxruntime gave no activation for the load probe`);
    const stream = network.open();
    let worst = 0;
    for (let t = 0; t < frames; t++) {
      const p = stream.step(input.subarray(t * weights.mean.length, (t + 1) * weights.mean.length));
      for (let c = 0; c < 3; c++) {
        const diff = Math.abs((p[c] ?? NaN) - (expected[t * 3 + c] ?? NaN));
        worst = Number.isNaN(diff) ? Infinity : Math.max(worst, diff);
      }
    }
    if (!(worst <= BEAT_NETWORK_PARITY)) {
      throw new Error(`model file ${path}: stepped one hop at a time the network differs from onnxruntime by ${worst.toExponential(2)} (at most ${BEAT_NETWORK_PARITY} allowed); refused`);
    }
    return new BeatNetwork(path, model.card, network, performance.now() - start, worst);
  } finally {
    await model.close();
  }
}
