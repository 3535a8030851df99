import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;

function valueInfo(name: string, dims: (number | string)[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  };
}

/**
 * Writes a tiny "anticipator" (contract v1 tensor names) and its card: section_logits = [audio, beat] · W1 and
 * hazard_logits = [audio, beat] · W2, with W filled from `scale` so tests can tell two models apart.
 */
export function writeAnticipatorFixture(dir: string, name: string, options: { audioDim?: number; scale?: number; contractVersion?: number } = {}): string {
  const audioDim = options.audioDim ?? 6;
  const scale = options.scale ?? 1;
  const inputs = audioDim + 5;
  const weights = (outputs: number, salt: number): onnxProto.onnx.ITensorProto => ({
    name: `w${salt}`,
    dims: [inputs, outputs],
    dataType: FLOAT,
    floatData: Array.from({ length: inputs * outputs }, (_, i) => scale * Math.sin(i + salt)),
  });
  const graph: onnxProto.onnx.IGraphProto = {
    name: 'anticipator-fixture',
    node: [
      { opType: 'Concat', input: ['audio', 'beat'], output: ['x'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }] },
      { opType: 'MatMul', input: ['x', 'w1'], output: ['section_logits'] },
      { opType: 'MatMul', input: ['x', 'w2'], output: ['hazard_logits'] },
    ],
    initializer: [weights(8, 1), weights(5, 2)],
    input: [valueInfo('audio', ['batch', audioDim]), valueInfo('beat', ['batch', 5])],
    output: [valueInfo('section_logits', ['batch', 8]), valueInfo('hazard_logits', ['batch', 5])],
  };
  const model = onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ domain: '', version: 17 }], producerName: 'fractalsync-test', graph });
  const path = join(dir, `${name}.onnx`);
  writeFileSync(path, onnx.ModelProto.encode(model).finish());
  const card = {
    model: 'anticipator',
    contract_version: options.contractVersion ?? 1,
    file: `${name}.onnx`,
    dims: { audio_feature_dim: audioDim },
    inputs: { audio: ['batch', 'audio_feature_dim'], beat: ['batch', 5] },
    outputs: { section_logits: ['batch', 8], hazard_logits: ['batch', 5] },
    data: { manifest: 'none', manifest_hash: 'none' },
    training_command: 'test fixture',
    metrics: {},
  };
  writeFileSync(join(dir, `${name}.card.json`), JSON.stringify(card));
  return path;
}

/** What the fixture computes, in plain TypeScript, to check the runtime's answers. */
export function anticipatorFixtureOutput(audio: readonly number[], beat: readonly number[], scale = 1): { section: number[]; hazard: number[] } {
  const x = [...audio, ...beat];
  const product = (outputs: number, salt: number): number[] =>
    Array.from({ length: outputs }, (_, o) => x.reduce((sum, v, i) => sum + v * scale * Math.sin(i * outputs + o + salt), 0));
  return { section: product(8, 1), hazard: product(5, 2) };
}
