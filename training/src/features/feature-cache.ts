/**
 * Feature rows of a WAV, computed by the daemon's own AnalysisPipeline (server/src/core) and cached on disk.
 * The key holds the file (path, mtime, size) and the extractor: the contract's audio and feature sections plus a
 * hash of the compiled feature code, so a change to either invalidates every entry by itself.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Contract } from '@fractalsync/server/core/contract/contract';
import { AnalysisPipeline } from '@fractalsync/server/core/pipeline/analysis-pipeline';
import { createAnalysisBackends } from '@fractalsync/server/dsp/backends';
import { canonicalJson } from '../data/spec-hash.js';
import { readWav } from '../data/wav.js';
import { codeVersion, FEATURE_CODE, SERVER_DIST } from './code-version.js';


export interface FeatureMatrix {
  /** hops x rowLength, row-major: row h-1 is hop h. */
  rows: Float32Array;
  hops: number;
  rowLength: number;
  spectrumOffset: number;
  spectrumBins: number;
  /** Whether it came from the cache. */
  hit: boolean;
}

/** A hash of every compiled feature module (and the wasm kernels): the extractor's code version. */
export function featureCodeVersion(serverDist = SERVER_DIST): Promise<string> {
  return Promise.resolve(codeVersion([], FEATURE_CODE, serverDist).slice(0, 16));
}

/** The extractor's identity: contract audio + features sections and the code version. */
export function extractorKey(contract: Contract, codeVersion: string): string {
  return createHash('sha256').update(canonicalJson({ audio: contract.audio, features: contract.features, code: codeVersion })).digest('hex').slice(0, 16);
}

/** Runs a whole signal through a fresh pipeline; returns every hop's row. */
export async function extractFeatures(samples: Float32Array, contract: Contract): Promise<Omit<FeatureMatrix, 'hit'>> {
  const pipeline = new AnalysisPipeline(contract, await createAnalysisBackends(contract), { ringCapacity: 4 });
  const { rowLength, spectrumOffset, spectrumBins } = pipeline.layout;
  const hops = Math.floor(samples.length / contract.audio.hop);
  const rows = new Float32Array(hops * rowLength);
  pipeline.push(samples, ({ hop, row }) => {
    if (hop <= hops) rows.set(row, (hop - 1) * rowLength);
  });
  return { rows, hops, rowLength, spectrumOffset, spectrumBins };
}

export interface FeatureCacheOptions {
  dir: string;
  contract: Contract;
  /** Default: featureCodeVersion() of the built server. */
  codeVersion?: string;
}

export class FeatureCache {
  readonly dir: string;
  readonly #contract: Contract;
  readonly #extractor: string;

  private constructor(dir: string, contract: Contract, extractor: string) {
    this.dir = dir;
    this.#contract = contract;
    this.#extractor = extractor;
  }

  static async open(options: FeatureCacheOptions): Promise<FeatureCache> {
    const code = options.codeVersion ?? (await featureCodeVersion());
    await mkdir(options.dir, { recursive: true });
    return new FeatureCache(options.dir, options.contract, extractorKey(options.contract, code));
  }

  get extractor(): string {
    return this.#extractor;
  }

  /** The entry's file name for a WAV as it is now (path, mtime, size) under this extractor. */
  async keyOf(wavPath: string): Promise<string> {
    const path = resolve(wavPath);
    const info = await stat(path);
    return createHash('sha256').update(canonicalJson({ path, mtime: info.mtimeMs, size: info.size, extractor: this.#extractor })).digest('hex').slice(0, 24);
  }

  async get(wavPath: string): Promise<FeatureMatrix> {
    const key = await this.keyOf(wavPath);
    const dataPath = join(this.dir, `${key}.f32`);
    const metaPath = join(this.dir, `${key}.json`);
    try {
      const meta = JSON.parse(await readFile(metaPath, 'utf8')) as Omit<FeatureMatrix, 'rows' | 'hit'>;
      const bytes = await readFile(dataPath);
      const rows = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      if (rows.length === meta.hops * meta.rowLength) return { ...meta, rows: rows.slice(), hit: true };
    } catch {
      // A missing or unreadable entry is computed again below.
    }
    const wav = await readWav(wavPath);
    if (wav.sampleRate !== this.#contract.audio.sample_rate) {
      throw new Error(`${wavPath}: sample rate ${wav.sampleRate} Hz; the feature extractor takes ${this.#contract.audio.sample_rate} Hz`);
    }
    const features = await extractFeatures(wav.samples, this.#contract);
    const { rows, ...meta } = features;
    await writeFile(dataPath, new Uint8Array(rows.buffer, rows.byteOffset, rows.byteLength));
    await writeFile(metaPath, `${JSON.stringify({ ...meta, file: resolve(wavPath), extractor: this.#extractor })}\n`);
    return { ...features, hit: false };
  }
}
