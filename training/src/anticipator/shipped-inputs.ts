import { readFile } from 'node:fs/promises';
import type { DeltaOrder } from '@fractalsync/server/core/hop/deltas';
import { parseModelCard, type ModelCard } from '@fractalsync/server/models/model-card';
import { cardPathFor } from '@fractalsync/server/models/onnx-model';
import { DELTA_ORDERS } from '../cli/cli-args.js';
import { audioDim, type InputOptions } from './anticipator-data.js';

/** What scoring an exported anticipator needs, read from its card instead of its training run folder. */
export interface AnticipatorScoring {
  inputs: InputOptions;
  thresholds: (number | null)[];
}

/**
 * The input layout of an exported model from its card: the window from `dims.window_frames`, the delta order as the
 * one whose input width plus `extraWidth` (columns the model has beyond the feature window and context, such as the
 * controller's orbit state) is `dims.audio_feature_dim`.
 */
export async function cardInputs(modelPath: string, extraWidth = 0): Promise<{ inputs: InputOptions; card: ModelCard; path: string }> {
  const path = cardPathFor(modelPath);
  const card = parseModelCard(JSON.parse(await readFile(path, 'utf8')) as unknown, path);
  const windowFrames = card.dims.window_frames;
  const width = card.dims.audio_feature_dim;
  if (windowFrames === undefined || width === undefined) throw new Error(`${path}: the card needs dims.window_frames and dims.audio_feature_dim`);
  const orders = DELTA_ORDERS.filter((order: DeltaOrder) => audioDim({ windowFrames, order }) + extraWidth === width);
  const order = orders[0];
  if (order === undefined || orders.length > 1) {
    throw new Error(`${path}: audio_feature_dim ${width} fits ${orders.length} delta orders for a window of ${windowFrames} frames; expected exactly one`);
  }
  return { inputs: { windowFrames, order }, card, path };
}

/**
 * The input layout and alarm thresholds of an exported anticipator, from its card (the thresholds the daemon uses).
 * Lets a shipped model be scored on a rebuilt structure set after its run folder is gone.
 */
export async function shippedAnticipator(modelPath: string): Promise<AnticipatorScoring> {
  const { inputs, card, path } = await cardInputs(modelPath);
  if (card.alarm_thresholds === undefined) throw new Error(`${path}: the card has no alarm_thresholds`);
  return { inputs, thresholds: [...card.alarm_thresholds] };
}
