/**
 * The one onnxruntime-node wrapper: loads a model file with its card, refuses it unless card, contract and the
 * file's own tensors agree, and runs batches. Used by training (parity, evaluation) and by the daemon.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { Contract } from '../core/contract/contract.js';
import { checkCardAgainstContract, FREE_DIMS, parseModelCard, resolveShape } from './model-card.js';
import type { Dim, ModelCard } from './model-card.js';

export interface TensorData {
  data: Float32Array;
  dims: readonly number[];
}

export interface LoadModelOptions {
  contract: Contract;
  /** The card's path; default: `NAME.card.json` beside `NAME.onnx`. */
  cardPath?: string;
  /** Intra-op threads (default 1: these models are small and one thread is fastest). */
  threads?: number;
}

/** `models/beat_activation.onnx` -> `models/beat_activation.card.json`. */
export function cardPathFor(modelPath: string): string {
  return join(dirname(modelPath), `${basename(modelPath).replace(/\.onnx$/, '')}.card.json`);
}

async function readOrExplain(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : '';
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${err instanceof Error ? err.message : String(err)})`;
    throw new Error(`${what} ${path} ${why}`, { cause: err });
  }
}

function sameShape(file: readonly Dim[], want: readonly Dim[]): boolean {
  if (file.length !== want.length) return false;
  // A free dimension may be symbolic (any name) or absent in the file; a fixed one must have the same size.
  return want.every((w, i) => (typeof w === 'string' && FREE_DIMS.includes(w) ? typeof file[i] === 'string' || file[i] === -1 : file[i] === w));
}

export class OnnxModel {
  readonly card: ModelCard;
  readonly path: string;
  readonly #session: ort.InferenceSession;

  private constructor(path: string, card: ModelCard, session: ort.InferenceSession) {
    this.path = path;
    this.card = card;
    this.#session = session;
  }

  /** Loads and checks a model; every refusal says which file and what was wrong. */
  static async load(modelPath: string, options: LoadModelOptions): Promise<OnnxModel> {
    const cardPath = options.cardPath ?? cardPathFor(modelPath);
    const cardText = (await readOrExplain(cardPath, 'model card')).toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(cardText);
    } catch (err) {
      throw new Error(`model card ${cardPath} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    const card = parseModelCard(json, cardPath);
    checkCardAgainstContract(card, options.contract, cardPath);
    const bytes = await readOrExplain(modelPath, 'model file');
    let session: ort.InferenceSession;
    try {
      const threads = options.threads ?? 1;
      session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
    } catch (err) {
      throw new Error(`model file ${modelPath} is not a valid ONNX model: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    try {
      checkSession(session, card, modelPath);
    } catch (err) {
      await session.release();
      throw err;
    }
    return new OnnxModel(modelPath, card, session);
  }

  /** Input shape with the card's sizes filled in (free dimensions stay names). */
  inputShape(name: string): Dim[] {
    const shape = this.card.inputs[name];
    if (shape === undefined) throw new Error(`${this.path}: no input "${name}"; inputs are ${Object.keys(this.card.inputs).join(', ')}`);
    return resolveShape(shape, this.card.dims);
  }

  /** Runs one batch; each feed must have the card's rank and fixed sizes. */
  async run(feeds: Record<string, TensorData>): Promise<Record<string, TensorData>> {
    const tensors: Record<string, ort.Tensor> = {};
    for (const name of Object.keys(this.card.inputs)) {
      const feed = feeds[name];
      if (feed === undefined) throw new Error(`${this.path}: input "${name}" is missing from the feeds`);
      const want = this.inputShape(name);
      const fits = feed.dims.length === want.length && want.every((w, i) => typeof w === 'string' || feed.dims[i] === w);
      if (!fits) throw new Error(`${this.path}: input "${name}" has shape [${feed.dims.join(', ')}]; the model takes [${want.join(', ')}]`);
      const size = feed.dims.reduce((a, b) => a * b, 1);
      if (feed.data.length !== size) throw new Error(`${this.path}: input "${name}" holds ${feed.data.length} values; shape [${feed.dims.join(', ')}] needs ${size}`);
      tensors[name] = new ort.Tensor('float32', feed.data, feed.dims);
    }
    const extra = Object.keys(feeds).find((name) => !(name in this.card.inputs));
    if (extra !== undefined) throw new Error(`${this.path}: unknown input "${extra}"; inputs are ${Object.keys(this.card.inputs).join(', ')}`);
    const results = await this.#session.run(tensors);
    const out: Record<string, TensorData> = {};
    for (const [name, tensor] of Object.entries(results)) {
      if (!(tensor.data instanceof Float32Array)) throw new Error(`${this.path}: output "${name}" is ${tensor.type}, not float32`);
      out[name] = { data: tensor.data, dims: tensor.dims };
    }
    return out;
  }

  async close(): Promise<void> {
    await this.#session.release();
  }
}

/** The file's own tensors must be the card's (which the contract already checked): names, ranks, fixed sizes. */
function checkSession(session: ort.InferenceSession, card: ModelCard, path: string): void {
  for (const [kind, metadata, declared] of [
    ['input', session.inputMetadata, card.inputs],
    ['output', session.outputMetadata, card.outputs],
  ] as const) {
    const names = metadata.map((m) => m.name).sort().join(', ');
    const want = Object.keys(declared).sort().join(', ');
    if (names !== want) throw new Error(`model file ${path}: ${kind} tensors are [${names}]; its card and the contract say [${want}]`);
    for (const meta of metadata) {
      if (!meta.isTensor) throw new Error(`model file ${path}: ${kind} "${meta.name}" is not a tensor`);
      if (meta.type !== 'float32') throw new Error(`model file ${path}: ${kind} "${meta.name}" is ${meta.type}; expected float32`);
      const shape = resolveShape(declared[meta.name] ?? [], card.dims);
      if (!sameShape(meta.shape, shape)) {
        throw new Error(`model file ${path}: ${kind} "${meta.name}" has shape [${meta.shape.join(', ')}]; its card and the contract say [${shape.join(', ')}]`);
      }
    }
  }
}
