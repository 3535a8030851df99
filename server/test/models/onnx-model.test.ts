import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTRACT } from '../../src/core/contract/contract.js';
import { cardPathFor, OnnxModel } from '../../src/models/onnx-model.js';

const FIXTURE = new URL('./fixtures/beat_activation.onnx', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'fs-onnx-model-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const card = (): Record<string, unknown> => JSON.parse(readFileSync(cardPathFor(FIXTURE), 'utf8')) as Record<string, unknown>;

/** A copy of the fixture under `name` with its card edited by `edit` (and the model bytes replaced if given). */
function variant(name: string, edit: (c: Record<string, unknown>) => void, bytes?: Uint8Array): string {
  const path = join(dir, `${name}.onnx`);
  if (bytes === undefined) copyFileSync(FIXTURE, path);
  else writeFileSync(path, bytes);
  const c = card();
  edit(c);
  writeFileSync(cardPathFor(path), JSON.stringify(c));
  return path;
}

describe('OnnxModel', () => {
  it('loads a model with its card and runs a batch: [batch, frames, 80] -> [batch, frames, 3] probabilities', async () => {
    const model = await OnnxModel.load(FIXTURE, { contract: CONTRACT });
    expect(model.card.model).toBe('beat_activation');
    expect(model.inputShape('spectrum')).toEqual(['batch', 'frames', 80]);
    const data = Float32Array.from({ length: 2 * 7 * 80 }, (_, i) => Math.sin(i) * 2 + 2);
    const out = await model.run({ spectrum: { data, dims: [2, 7, 80] } });
    expect(out.activation?.dims).toEqual([2, 7, 3]);
    const probs = out.activation?.data ?? new Float32Array();
    for (let f = 0; f < 14; f++) expect((probs[f * 3] ?? 0) + (probs[f * 3 + 1] ?? 0) + (probs[f * 3 + 2] ?? 0)).toBeCloseTo(1, 5);
    await model.close();
  });

  it('names a missing model file and a missing card', async () => {
    await expect(OnnxModel.load(join(dir, 'nothing.onnx'), { contract: CONTRACT })).rejects.toThrow(/model card .*nothing\.card\.json does not exist/);
    const noModel = variant('gone', () => undefined);
    rmSync(noModel);
    await expect(OnnxModel.load(noModel, { contract: CONTRACT })).rejects.toThrow(/model file .*gone\.onnx does not exist/);
  });

  it('refuses a corrupt model file', async () => {
    const path = variant('corrupt', () => undefined, Uint8Array.from({ length: 300 }, (_, i) => (i * 37) % 256));
    await expect(OnnxModel.load(path, { contract: CONTRACT })).rejects.toThrow(/corrupt\.onnx is not a valid ONNX model/);
  });

  it('refuses a card naming another contract version, or a model the contract lacks, or invalid JSON', async () => {
    const v2 = variant('v2', (c) => {
      c.contract_version = 2;
    });
    await expect(OnnxModel.load(v2, { contract: CONTRACT })).rejects.toThrow(/names contract version 2; this build runs contract version 1/);
    const other = variant('other', (c) => {
      c.model = 'tempo_net';
    });
    await expect(OnnxModel.load(other, { contract: CONTRACT })).rejects.toThrow(/model "tempo_net" is not in the contract; expected one of beat_activation, bar_phase/);
    const bad = variant('badjson', () => undefined);
    writeFileSync(cardPathFor(bad), '{ not json');
    await expect(OnnxModel.load(bad, { contract: CONTRACT })).rejects.toThrow(/badjson\.card\.json is not valid JSON/);
    const missingField = variant('nofield', (c) => {
      delete c.inputs;
    });
    await expect(OnnxModel.load(missingField, { contract: CONTRACT })).rejects.toThrow(/model card .*nofield\.card\.json is invalid:\ninputs/);
  });

  it('refuses tensor names or shapes that differ from the contract, or from the file', async () => {
    const renamed = variant('renamed', (c) => {
      c.inputs = { spec: ['batch', 'frames', 80] };
    });
    await expect(OnnxModel.load(renamed, { contract: CONTRACT })).rejects.toThrow(/input tensors are \[spec\]; contract model "beat_activation" has \[spectrum\]/);
    const rank = variant('rank', (c) => {
      c.outputs = { activation: ['batch', 'frames', 4] };
    });
    await expect(OnnxModel.load(rank, { contract: CONTRACT })).rejects.toThrow(/output "activation" has shape \[batch, frames, 4\]; the contract requires \[batch, frames, 3\]/);
    const bins = variant('bins', (c) => {
      c.dims = { beat_spectrum_bins: 96 };
      c.inputs = { spectrum: ['batch', 'frames', 96] };
    });
    await expect(OnnxModel.load(bins, { contract: CONTRACT })).rejects.toThrow(/model file .*bins\.onnx: input "spectrum" has shape \[batch, frames, 80\]; its card and the contract say \[batch, frames, 96\]/);
  });

  it('refuses feeds of the wrong shape or name before running', async () => {
    const model = await OnnxModel.load(FIXTURE, { contract: CONTRACT });
    await expect(model.run({ spectrum: { data: new Float32Array(10 * 79), dims: [1, 10, 79] } })).rejects.toThrow(/input "spectrum" has shape \[1, 10, 79\]; the model takes \[batch, frames, 80\]/);
    await expect(model.run({ spectrum: { data: new Float32Array(5), dims: [1, 10, 80] } })).rejects.toThrow(/holds 5 values; shape \[1, 10, 80\] needs 800/);
    await expect(model.run({})).rejects.toThrow(/input "spectrum" is missing/);
    await model.close();
  });
});
