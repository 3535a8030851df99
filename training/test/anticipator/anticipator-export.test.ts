import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import { OnnxModel } from '@fractalsync/server/models/onnx-model';
import { createAnticipatorNet } from '../../src/anticipator/anticipator-net.js';
import type { AnticipatorConfig } from '../../src/anticipator/anticipator-net.js';
import { exportAnticipator } from '../../src/anticipator/export-anticipator.js';
import { exportFixture, TEST_PROVENANCE } from '../support/export-fixture.js';

const { dir, checkpoint: writeCheckpoint } = exportFixture('fs-anticipator-export-');

describe('anticipator export', () => {
  it('writes an ONNX file and card that the daemon loader accepts, matching TensorFlow.js within 1e-4', async () => {
    const config: AnticipatorConfig = { audioDim: 20, hidden: 8, windowFrames: 10, order: 'none', mean: Array.from({ length: 20 }, (_, i) => i / 10), invStd: Array.from({ length: 20 }, (_, i) => 1 + i / 20) };
    const checkpoint = writeCheckpoint('checkpoint.json', config, createAnticipatorNet(config, 3));
    const onnx = join(dir, 'anticipator.onnx');
    const { card, parity } = await exportAnticipator(checkpoint, onnx, CONTRACT, TEST_PROVENANCE);
    expect(parity).toBeLessThan(1e-4);
    expect(card.dims.audio_feature_dim).toBe(20);
    const saved = JSON.parse(readFileSync(join(dir, 'anticipator.card.json'), 'utf8')) as { metrics: { onnx_parity_max_abs_diff: number } };
    expect(saved.metrics.onnx_parity_max_abs_diff).toBeCloseTo(parity, 12);
    const model = await OnnxModel.load(onnx, { contract: CONTRACT });
    const out = await model.run({ audio: { data: new Float32Array(20), dims: [1, 20] }, beat: { data: new Float32Array(5), dims: [1, 5] } });
    await model.close();
    expect(out.section_logits?.dims).toEqual([1, 8]);
    expect(out.hazard_logits?.dims).toEqual([1, 5]);
  });

  it('refuses a file that is not an anticipator checkpoint, naming it', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ weights: {} }));
    await expect(exportAnticipator(bad, join(dir, 'x.onnx'), CONTRACT, TEST_PROVENANCE)).rejects.toThrow(/bad\.json is not an anticipator checkpoint/);
  });
});
