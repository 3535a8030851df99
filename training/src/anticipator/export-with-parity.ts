/**
 * Writes an ONNX file and its model card only after the parity gate passes: the bytes go to a temporary file,
 * the daemon's loader checks card and contract, onnxruntime-node must match TensorFlow.js, then both are moved
 * into place. Shared by the anticipator and controller exporters.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Contract } from '@fractalsync/server/core/contract/contract';
import { cardPathFor } from '@fractalsync/server/models/onnx-model';
import type { ModelCard } from '@fractalsync/server/models/model-card';
import { checkParity } from '../export/parity.js';
import type { ParityCase } from '../export/parity.js';

export async function fileSha256(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

export async function exportWithParity(bytes: Uint8Array, card: ModelCard, onnxPath: string, contract: Contract, cases: readonly ParityCase[]): Promise<{ card: ModelCard; parity: number }> {
  const tmpModel = `${onnxPath}.tmp.onnx`;
  const tmpCard = cardPathFor(tmpModel);
  await writeFile(tmpModel, bytes);
  let parity: number;
  try {
    await writeFile(tmpCard, `${JSON.stringify({ ...card, file: basename(tmpModel) }, null, 1)}\n`);
    parity = await checkParity(tmpModel, tmpCard, contract, cases);
  } catch (err) {
    await rm(tmpModel, { force: true });
    await rm(tmpCard, { force: true });
    throw err;
  }
  const final: ModelCard = { ...card, file: basename(onnxPath), metrics: { ...card.metrics, onnx_parity_max_abs_diff: parity } };
  await rename(tmpModel, onnxPath);
  await rm(tmpCard, { force: true });
  await writeFile(cardPathFor(onnxPath), `${JSON.stringify(final, null, 1)}\n`);
  return { card: final, parity };
}
