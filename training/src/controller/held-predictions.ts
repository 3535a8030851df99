/**
 * The anticipator's own outputs on a cached song, per hop, as the daemon would hold them between slow steps
 * (8 section probabilities then 5 hazards): the structure input of the controller's second training stage.
 */
import * as tf from '@tensorflow/tfjs';
import { audioInput, beatInput } from '../anticipator/anticipator-data.js';
import { anticipatorForward } from '../anticipator/anticipator-net.js';
import type { AnticipatorConfig } from '../anticipator/anticipator-net.js';
import type { CachedSong } from '../anticipator/feature-store.js';
import { runHops } from '../anticipator/predict-anticipator.js';
import type { Params } from '../train/params.js';

export function heldPredictions(params: Params, config: AnticipatorConfig, song: CachedSong): Float32Array {
  const hops = song.labels.hops;
  const at = runHops(hops);
  const inputs = { windowFrames: config.windowFrames, order: config.order };
  const audio = new Float32Array(at.length * config.audioDim);
  const beat = new Float32Array(at.length * 5);
  at.forEach((h, k) => {
    audioInput(song, h, inputs, audio, k * config.audioDim);
    beatInput(song, h, beat, k * 5);
  });
  const probs = tf.tidy(() => {
    const logits = anticipatorForward(params, config, tf.tensor2d(audio, [at.length, config.audioDim]), tf.tensor2d(beat, [at.length, 5]));
    return tf.concat([tf.softmax(logits.slice([0, 0], [-1, 8])), tf.sigmoid(logits.slice([0, 8], [-1, 5]))], 1).dataSync() as Float32Array;
  });
  const out = new Float32Array(hops * 13);
  let k = 0;
  for (let h = 0; h < hops; h++) {
    while (k + 1 < at.length && (at[k + 1] ?? Infinity) <= h) k++;
    out.set(probs.subarray(k * 13, k * 13 + 13), h * 13);
  }
  return out;
}
