/**
 * The whole training path in miniature: generate a few seconds of data, train two steps, export to ONNX (the
 * exporter's own parity gate included), load it in onnxruntime-node and compare with TensorFlow.js again; then
 * the overfit sanity check, the identical rebuild, and the model's causality (whole track = hop by hop).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import { OnnxModel } from '@fractalsync/server/models/onnx-model';
import { loadBeatNetwork } from '@fractalsync/server/models/beat-network';
import { buildTrainSet, buildTrainShard, manifestHash } from '../../src/dataset/build-train-set.js';
import type { TrainManifest } from '../../src/dataset/build-train-set.js';
import { exportBeatModel, loadTcnCheckpoint } from '../../src/export/export-beat.js';
import { spectrumOf } from '../../src/eval/learned-tracker.js';
import { checkParity } from '../../src/export/parity.js';
import { selectBackend } from '../../src/train/backend.js';
import { trainBeat } from '../../src/train/beat-train.js';
import { tcnProbabilities } from '../../src/train/tcn.js';

const dir = mkdtempSync(join(tmpdir(), 'fs-train-e2e-'));
const quiet = { info: () => undefined, warn: () => undefined };
const data = join(dir, 'data');
let manifest: TrainManifest;
let manifestPath: string;

beforeAll(async () => {
  await selectBackend('wasm');
  const built = await buildTrainSet({ set: 'tiny', grooves: 2, songs: 0, seconds: 6, outDir: data, log: quiet });
  manifest = built.manifest;
  manifestPath = built.manifestPath;
}, 30_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const base = { featureDir: join(dir, 'features'), batch: 2, frames: 64, patience: 5, channels: 8, dilations: [1, 2, 4], seed: 3, runInfo: {}, log: { info: () => undefined }, progress: false };

describe('training end to end', () => {
  it('writes WAVs, per-hop labels and a manifest with seeds, label sources and hashes; a rebuild is identical', async () => {
    expect(manifest.tracks).toHaveLength(2);
    for (const t of manifest.tracks) {
      expect(t.seed).toBeGreaterThanOrEqual(200_000);
      expect(t.label_source).toMatch(/procedural groove grid/);
      expect(t.sha256).toMatch(/^[0-9a-f]{64}$/);
      const labels = JSON.parse(readFileSync(join(data, t.labels), 'utf8')) as { hops: number; beatClass: number[] };
      expect(labels.hops).toBe(Math.floor((6 * 48000) / 1024));
      expect(labels.beatClass.filter((c) => c !== 2).length).toBe(t.beats.length);
    }
    const again = await buildTrainSet({ set: 'tiny', grooves: 2, songs: 0, seconds: 6, outDir: join(dir, 'data2'), log: quiet });
    expect(again.manifest.tracks.map((t) => t.sha256)).toEqual(manifest.tracks.map((t) => t.sha256));
    expect(await manifestHash(again.manifestPath)).toBe(await manifestHash(manifestPath));
  }, 30_000);

  it('builds the same set in shards side by side: each shard its own tracks and no manifest, then one run reuses them all', async () => {
    const options = { set: 'tiny', grooves: 2, songs: 0, seconds: 6, outDir: join(dir, 'data3'), log: quiet };
    const shards = await Promise.all([buildTrainShard(options, { index: 0, count: 2 }), buildTrainShard(options, { index: 1, count: 2 })]);
    expect(shards.map((s) => s.built)).toEqual([1, 1]);
    expect(existsSync(join(dir, 'data3', 'manifest.json'))).toBe(false);
    const whole = await buildTrainSet(options);
    expect(whole.built).toBe(0);
    expect(await manifestHash(whole.manifestPath)).toBe(await manifestHash(manifestPath));
    await expect(buildTrainShard(options, { index: 2, count: 2 })).rejects.toThrow(/shard 2\/2 is invalid/);
  }, 30_000);

  it('trains two steps, exports, and onnxruntime-node agrees with TensorFlow.js; the model is causal', async () => {
    const runDir = join(dir, 'run');
    const result = await trainBeat({ ...base, manifest: manifestPath, outDir: runDir, epochs: 1, batchesPerEpoch: 2, learningRate: 1e-3 });
    expect(result.history.epochs).toHaveLength(1);
    const history = JSON.parse(readFileSync(join(runDir, 'training_history.json'), 'utf8')) as { epochs: unknown[] };
    expect(history.epochs).toHaveLength(1);
    expect(readFileSync(join(runDir, 'loss-curve.svg'), 'utf8')).toMatch(/^<svg/);

    const onnxPath = join(dir, 'beat_activation.onnx');
    const exported = await exportBeatModel(join(runDir, 'checkpoint-best.json'), onnxPath, CONTRACT, { manifest: 'tiny', manifestHash: await manifestHash(manifestPath), trainingCommand: 'test', metrics: {} });
    expect(exported.parity).toBeLessThan(1e-4);
    expect(exported.card.contract_version).toBe(1);
    expect(exported.card.data.manifest_hash).toMatch(/^[0-9a-f]{64}$/);

    const { config, params } = await loadTcnCheckpoint(join(runDir, 'checkpoint-best.json'));
    // A real short track's beat spectrum, through the same decode and pipeline as the evaluation.
    const spectrum = await spectrumOf(join(data, manifest.tracks[0]?.audio ?? ''));
    const frames = spectrum.frames;
    const x = spectrum.data;
    expect(frames).toBe(Math.floor((6 * 48000) / 1024));
    const want = tf.tidy(() => Float32Array.from(tcnProbabilities(params, config, tf.tensor3d(x, [1, frames, config.inputs])).dataSync()));
    const model = await OnnxModel.load(onnxPath, { contract: CONTRACT });
    const whole = (await model.run({ spectrum: { data: x, dims: [1, frames, config.inputs] } })).activation?.data ?? new Float32Array();
    let diff = 0;
    for (let i = 0; i < want.length; i++) diff = Math.max(diff, Math.abs((whole[i] ?? NaN) - (want[i] ?? NaN)));
    expect(diff).toBeLessThan(1e-4);
    // Streaming as the daemon runs it: the exported network stepped one hop at a time gives the whole-track answer.
    const network = await loadBeatNetwork(onnxPath, CONTRACT);
    expect(network.receptiveField).toBe(1 + 2 * (1 + 1 + 2 + 4));
    const stream = network.open();
    let streamed = 0;
    for (let t = 0; t < frames; t++) {
      const out = stream.step(x.subarray(t * config.inputs, (t + 1) * config.inputs));
      for (let c = 0; c < 3; c++) streamed = Math.max(streamed, Math.abs((out[c] ?? NaN) - (whole[t * 3 + c] ?? NaN)));
    }
    expect(streamed).toBeLessThan(1e-5);
    await model.close();

    // The gate itself: outputs off by 1e-3 are refused.
    const off = Float32Array.from(want, (v) => v + 1e-3);
    await expect(checkParity(onnxPath, join(dir, 'beat_activation.card.json'), CONTRACT, [{ feeds: { spectrum: { data: x, dims: [1, frames, config.inputs] } }, expected: { activation: off } }])).rejects.toThrow(
      /ONNX export refused: .* differs from TensorFlow\.js by up to 1\.0\d*e-3 \(tolerance 0\.0001\)/,
    );
  }, 30_000);

  it('overfit sanity check: a handful of windows drives the loss clearly down', async () => {
    const result = await trainBeat({ ...base, manifest: manifestPath, outDir: join(dir, 'overfit'), epochs: 1, batchesPerEpoch: 40, learningRate: 0.01, overfit: 4 });
    const last = result.history.epochs.at(-1)?.val_loss ?? Infinity;
    expect(last).toBeLessThan(0.5 * result.initialLoss);
  }, 30_000);
});
