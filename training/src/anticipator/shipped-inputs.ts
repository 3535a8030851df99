import { readFile } from 'node:fs/promises';
import type { DeltaOrder } from '@fractalsync/server/core/hop/deltas';
import { parseModelCard } from '@fractalsync/server/models/model-card';
import { cardPathFor } from '@fractalsync/server/models/onnx-model';
import { DELTA_ORDERS } from '../cli/cli-args.js';
import { audioDim, type InputOptions } from './anticipator-data.js';

/** What scoring an exported anticipator needs, read from its card instead of its training run folder. */
export interface AnticipatorScoring {
  inputs: InputOptions;
  thresholds: (number | null)[];
}

/**
 * The input layout and alarm thresholds of an exported anticipator, from its card: the window from
 * `dims.window_frames`, the delta order as the one whose input width is `dims.audio_feature_dim`, and the alarm
 * thresholds the daemon uses. Lets a shipped model be scored on a rebuilt structure set after its run folder is gone.
 */
export async function shippedAnticipator(modelPath: string): Promise<AnticipatorScoring> {
  const path = cardPathFor(modelPath);
  const card = parseModelCard(JSON.parse(await readFile(path, 'utf8')) as unknown, path);
  const windowFrames = card.dims.window_frames;
  const width = card.dims.audio_feature_dim;
  if (windowFrames === undefined || width === undefined) throw new Error(`${path}: the card needs dims.window_frames and dims.audio_feature_dim`);
  const orders = DELTA_ORDERS.filter((order: DeltaOrder) => audioDim({ windowFrames, order }) === width);
  const order = orders[0];
  if (order === undefined || orders.length > 1) {
    throw new Error(`${path}: audio_feature_dim ${width} fits ${orders.length} delta orders for a window of ${windowFrames} frames; expected exactly one`);
  }
  if (card.alarm_thresholds === undefined) throw new Error(`${path}: the card has no alarm_thresholds`);
  return { inputs: { windowFrames, order }, thresholds: [...card.alarm_thresholds] };
}
