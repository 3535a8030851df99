/**
 * The export gate: the ONNX file, loaded through the daemon's own wrapper (server/src/models), must give the
 * TensorFlow.js model's outputs on random inputs to within 1e-4 (max abs difference), or the export is refused.
 */
import type { Contract } from '@fractalsync/server/core/contract/contract';
import { OnnxModel } from '@fractalsync/server/models/onnx-model';
import type { TensorData } from '@fractalsync/server/models/onnx-model';

export const PARITY_TOLERANCE = 1e-4;

export interface ParityCase {
  feeds: Record<string, TensorData>;
  /** The TensorFlow.js outputs for the same feeds. */
  expected: Record<string, Float32Array>;
}

/** Runs every case; returns the largest difference, throwing when it reaches the tolerance. */
export async function checkParity(onnxPath: string, cardPath: string, contract: Contract, cases: readonly ParityCase[], tolerance = PARITY_TOLERANCE): Promise<number> {
  const model = await OnnxModel.load(onnxPath, { contract, cardPath });
  let worst = 0;
  try {
    for (const [i, c] of cases.entries()) {
      const got = await model.run(c.feeds);
      for (const [name, want] of Object.entries(c.expected)) {
        const out = got[name];
        if (out === undefined) throw new Error(`parity case ${i}: the ONNX model has no output "${name}"`);
        if (out.data.length !== want.length) throw new Error(`parity case ${i}: output "${name}" has ${out.data.length} values; TensorFlow.js gave ${want.length}`);
        for (let k = 0; k < want.length; k++) {
          const d = Math.abs((out.data[k] ?? NaN) - (want[k] ?? NaN));
          worst = Number.isNaN(d) ? Infinity : Math.max(worst, d);
        }
      }
    }
  } finally {
    await model.close();
  }
  if (!(worst < tolerance)) throw new Error(`ONNX export refused: ${onnxPath} differs from TensorFlow.js by up to ${worst.toExponential(3)} (tolerance ${tolerance})`);
  return worst;
}
