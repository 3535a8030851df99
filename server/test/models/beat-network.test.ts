import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTRACT } from '../../src/core/contract/contract.js';
import { SHIPPED_MODELS_DIR } from '../../src/engine/hop-models.js';
import { BEAT_NETWORK_PARITY, loadBeatNetwork } from '../../src/models/beat-network.js';
import { cardPathFor } from '../../src/models/onnx-model.js';
import { readTcnWeights } from '../../src/models/tcn-onnx-reader.js';

const { onnx } = onnxProto;
const SHIPPED = join(SHIPPED_MODELS_DIR, 'beat_activation.onnx');
const FIXTURE = new URL('./fixtures/beat_activation.onnx', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'fs-beat-network-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The shipped model with its graph edited by `edit`, under `name`, with the shipped card beside it. */
function edited(name: string, edit: (graph: onnxProto.onnx.IGraphProto) => void): string {
  const model = onnx.ModelProto.decode(readFileSync(SHIPPED));
  if (!model.graph) throw new Error('shipped model has no graph');
  edit(model.graph);
  const path = join(dir, `${name}.onnx`);
  writeFileSync(path, onnx.ModelProto.encode(model).finish());
  copyFileSync(cardPathFor(SHIPPED), cardPathFor(path));
  return path;
}

describe('the beat network as the hop path steps it', () => {
  it('reads the shipped TCN (8 causal convolutions, 257 frames of context, as its card says) and matches onnxruntime on the load probe', async () => {
    const weights = readTcnWeights(readFileSync(SHIPPED), SHIPPED);
    expect(weights.layers.map((l) => l.dilation)).toEqual([1, 1, 2, 4, 8, 16, 32, 64]);
    expect(weights.layers.map((l) => l.residual)).toEqual([false, true, true, true, true, true, true, true]);
    expect(weights.mean.length).toBe(80);
    const network = await loadBeatNetwork(SHIPPED, CONTRACT);
    expect(network.card.model).toBe('beat_activation');
    expect(network.receptiveField).toBe(257);
    expect(network.card.input_notes?.['receptive_field_hops']).toBe(network.receptiveField);
    expect(network.parity).toBeLessThan(1e-5);
    const fixture = await loadBeatNetwork(FIXTURE, CONTRACT);
    expect(fixture.parity).toBeLessThan(1e-5);
  });

  it('refuses a graph the streaming network would run differently from onnxruntime, with the difference', async () => {
    // Sub(mean, x) instead of Sub(x, mean): the same weights, another function. The reader takes the initialiser
    // either way; the probe against onnxruntime is what catches it.
    const swapped = edited('swapped', (graph) => {
      const sub = graph.node?.[0];
      if (sub?.input) sub.input = [...sub.input].reverse();
    });
    await expect(loadBeatNetwork(swapped, CONTRACT)).rejects.toThrow(/stepped one hop at a time the network differs from onnxruntime by \S+ \(at most 0.0001 allowed\); refused/);
    expect(BEAT_NETWORK_PARITY).toBe(1e-4);
  });

  it('refuses a graph that is not the exported TCN, naming the node', async () => {
    const acausal = edited('acausal', (graph) => {
      const conv = graph.node?.find((n) => n.opType === 'Conv');
      const pads = conv?.attribute?.find((a) => a.name === 'pads');
      if (pads) pads.ints = [1, 1];
    });
    await expect(loadBeatNetwork(acausal, CONTRACT)).rejects.toThrow(/Conv with pads \[1, 1\], stride 1, group 1 is not causal \(pads \[2, 0\]/);
    const controller = readFileSync(join(SHIPPED_MODELS_DIR, 'controller.onnx'));
    expect(() => readTcnWeights(controller, 'controller.onnx')).toThrow(/controller.onnx: expected Transpose at node 2, found Concat \(node 2\); not the TCN graph training exports/);
    // A field that says 5 bytes follow where 1 does: protobuf refuses it. No bytes at all decode to a model with no graph.
    expect(() => readTcnWeights(Uint8Array.from([0x0a, 0x05, 0x01]), 'junk.onnx')).toThrow(/junk.onnx is not a valid ONNX file: /);
    expect(() => readTcnWeights(new Uint8Array(0), 'empty.onnx')).toThrow(/empty.onnx: the file holds no graph/);
  });

  it('refuses another model in the beat slot and a corrupt file, by name', async () => {
    await expect(loadBeatNetwork(join(SHIPPED_MODELS_DIR, 'controller.onnx'), CONTRACT)).rejects.toThrow(/is a "controller" model \(its card says so\); this slot takes "beat_activation"/);
    const corrupt = join(dir, 'corrupt.onnx');
    writeFileSync(corrupt, readFileSync(SHIPPED).subarray(0, 5000));
    copyFileSync(cardPathFor(SHIPPED), cardPathFor(corrupt));
    await expect(loadBeatNetwork(corrupt, CONTRACT)).rejects.toThrow(/corrupt.onnx is not a valid ONNX model/);
  });
});
