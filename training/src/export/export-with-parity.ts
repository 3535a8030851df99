/**
 * The one export path every model shares: load a checkpoint, then write the ONNX file and its model card only
 * after the parity gate passes. The bytes go to a temporary file, the daemon's loader checks card and contract,
 * onnxruntime-node must match TensorFlow.js, then both are moved into place.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Contract } from '@fractalsync/server/core/contract/contract';
import { cardPathFor } from '@fractalsync/server/models/onnx-model';
import type { ModelCard } from '@fractalsync/server/models/model-card';
import { loadParams } from '../train/params.js';
import type { Params, SavedTensor } from '../train/params.js';
import { checkParity } from './parity.js';
import type { ParityCase } from './parity.js';

/** Where the training data came from and how the model was trained, recorded in every card. */
export interface ExportProvenance {
  manifest: string;
  manifestHash: string;
  trainingCommand: string;
  metrics: Record<string, unknown>;
}

/** The card's closing fields, in the order every card writes them. */
export function provenanceFields(p: ExportProvenance): Pick<ModelCard, 'data' | 'training_command' | 'metrics'> {
  return { data: { manifest: p.manifest, manifest_hash: p.manifestHash }, training_command: p.trainingCommand, metrics: p.metrics };
}

export async function fileSha256(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

/** Reads a `{ config, weights }` checkpoint; `what` names the model in the error when the file is something else. */
export async function loadCheckpoint<C>(path: string, what: string, create: (config: C, seed: number) => Params): Promise<{ config: C; params: Params }> {
  const saved = JSON.parse(await readFile(path, 'utf8')) as { config?: C; weights?: Record<string, SavedTensor> };
  if (saved.config === undefined || saved.weights === undefined) throw new Error(`${path} is not ${what} checkpoint (no config or weights)`);
  const params = create(saved.config, 0);
  loadParams(params, saved.weights);
  return { config: saved.config, params };
}

/**
 * `daemonCheck`, when given, loads the temporary file the way the daemon will (the beat network: stepped per hop,
 * held to onnxruntime); a model the daemon would refuse is not exported.
 */
export async function exportWithParity(
  bytes: Uint8Array,
  card: ModelCard,
  onnxPath: string,
  contract: Contract,
  cases: readonly ParityCase[],
  daemonCheck?: (tmpModel: string) => Promise<void>,
): Promise<{ card: ModelCard; parity: number }> {
  const tmpModel = `${onnxPath}.tmp.onnx`;
  const tmpCard = cardPathFor(tmpModel);
  await writeFile(tmpModel, bytes);
  let parity: number;
  try {
    await writeFile(tmpCard, `${JSON.stringify({ ...card, file: basename(tmpModel) }, null, 1)}\n`);
    parity = await checkParity(tmpModel, tmpCard, contract, cases);
    await daemonCheck?.(tmpModel);
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
