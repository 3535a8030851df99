import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import { OnnxModel } from '@fractalsync/server/models/onnx-model';
import { CONTROL_SCALE, createControllerNet } from '../../src/controller/controller-net.js';
import type { ControllerConfig } from '../../src/controller/controller-net.js';
import { exportController } from '../../src/controller/export-controller.js';
import { exportFixture, TEST_PROVENANCE } from '../support/export-fixture.js';

const { dir, checkpoint: writeCheckpoint } = exportFixture('fs-controller-export-');

describe('controller export', () => {
  it('writes an ONNX file the daemon loader accepts, matching TensorFlow.js, with every output in its range', async () => {
    const config: ControllerConfig = { audioDim: 16, hidden: 8, windowFrames: 10, order: 'none', mean: Array.from({ length: 16 }, () => 0.1), invStd: Array.from({ length: 16 }, () => 2) };
    const checkpoint = writeCheckpoint('checkpoint.json', config, createControllerNet(config, 4));
    const onnx = join(dir, 'controller.onnx');
    const { card, parity } = await exportController(checkpoint, onnx, CONTRACT, TEST_PROVENANCE);
    expect(parity).toBeLessThan(1e-4);
    expect(card.dims.audio_feature_dim).toBe(16);
    const model = await OnnxModel.load(onnx, { contract: CONTRACT });
    const batch = 4;
    const audio = Float32Array.from({ length: batch * 16 }, (_, i) => 50 * Math.sin(i));
    const out = await model.run({ audio: { data: audio, dims: [batch, 16] }, beat: { data: new Float32Array(batch * 5), dims: [batch, 5] }, structure: { data: new Float32Array(batch * 13).fill(1), dims: [batch, 13] } });
    await model.close();
    const control = out.control?.data ?? new Float32Array(0);
    expect(control.length).toBe(batch * 9);
    control.forEach((v, i) => {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(CONTROL_SCALE[i % 9] ?? 0);
    });
  });
});
