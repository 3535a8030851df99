import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import { OnnxModel } from '@fractalsync/server/models/onnx-model';
import { barPhaseForward, circularLoss, createBarPhaseNet } from '../../src/barphase/bar-phase-net.js';
import { barPhaseConfig } from '../../src/barphase/bar-phase-train.js';
import { circularDistance } from '../../src/barphase/eval-bar-phase.js';
import { FEATURE_DIM } from '../../src/barphase/tracker-states.js';
import { exportBarPhaseModel } from '../../src/export/export-bar-phase.js';
import { saveParams } from '../../src/train/params.js';

const dir = mkdtempSync(join(tmpdir(), 'fs-bar-phase-'));
beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const config = barPhaseConfig(16);

/** One window of a steady tracker state: 120 BPM (spb 0.5), 4/4, bar phase `bar` at the current hop. */
function steady(bar: number): Float32Array {
  const out = new Float32Array(config.windowFrames * FEATURE_DIM);
  for (let f = 0; f < config.windowFrames; f++) out.set([0, 1, Math.log(0.5), 0.9, 0.5, Math.sin(2 * Math.PI * bar), Math.cos(2 * Math.PI * bar), 4 / 8], f * FEATURE_DIM);
  return out;
}

describe('bar-phase model', () => {
  it('starts as the tracker extrapolation: a quarter bar ahead after one beat at 120 BPM in 4/4', () => {
    const params = createBarPhaseNet(config, 1);
    const out = barPhaseForward(params, config, tf.tensor3d(steady(0.1), [1, config.windowFrames, FEATURE_DIM]), tf.tensor2d([0.5], [1, 1])).dataSync();
    const phase = (Math.atan2(out[0] ?? 0, out[1] ?? 1) / (2 * Math.PI) + 1) % 1;
    expect(phase).toBeCloseTo(0.35, 5);
    expect(Math.hypot(out[0] ?? 0, out[1] ?? 0)).toBeCloseTo(1, 5);
  });

  it('circular loss is 0 on target, 2 opposite; distance wraps around the bar', () => {
    const p = tf.tensor2d([[0, 1], [1, 0]]);
    expect(circularLoss(p, tf.tensor2d([[0, 1], [1, 0]])).dataSync()[0]).toBeCloseTo(0, 6);
    expect(circularLoss(p, tf.tensor2d([[0, -1], [-1, 0]])).dataSync()[0]).toBeCloseTo(2, 6);
    expect(circularDistance(0.95, 0.05)).toBeCloseTo(0.1, 9);
    expect(circularDistance(0.2, 0.7)).toBeCloseTo(0.5, 9);
  });

  it('exports with parity (weights off zero) and loads against the contract\'s bar_phase tensors', async () => {
    const params = createBarPhaseNet(config, 2);
    const out = params.get('out.w');
    out?.assign(tf.randomNormal(out.shape, 0, 0.3, 'float32', 5));
    const checkpoint = join(dir, 'checkpoint.json');
    writeFileSync(checkpoint, JSON.stringify({ config, weights: saveParams(params) }));
    const onnxPath = join(dir, 'bar_phase.onnx');
    const { parity, card } = await exportBarPhaseModel(checkpoint, onnxPath, CONTRACT, { manifest: 'm', manifestHash: 'h', trainingCommand: 'test', metrics: {} });
    expect(parity).toBeLessThan(1e-4);
    expect(card.inputs.features).toEqual(['batch', 10, FEATURE_DIM]);
    const model = await OnnxModel.load(onnxPath, { contract: CONTRACT });
    const result = await model.run({ features: { data: steady(0.3), dims: [1, 10, FEATURE_DIM] }, anticipation: { data: Float32Array.of(0.2), dims: [1, 1] } });
    expect(result.bar_phase?.dims).toEqual([1, 2]);
    await model.close();
  });
});
