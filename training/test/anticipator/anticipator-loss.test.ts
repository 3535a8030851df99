import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { anticipatorLoss, DEFAULT_WEIGHTS, type AnticipatorBatch } from '../../src/anticipator/anticipator-loss.js';
import { createAnticipatorNet, type AnticipatorConfig } from '../../src/anticipator/anticipator-net.js';

const AUDIO = 6;
const config: AnticipatorConfig = { audioDim: AUDIO, hidden: 8, windowFrames: 1, order: 'none', mean: new Array<number>(AUDIO).fill(0), invStd: new Array<number>(AUDIO).fill(1) };

/** Two examples whose previous slow step differs from the current one, so every output can change. */
function batch(): AnticipatorBatch {
  return {
    audio: tf.tensor2d([[1, 0, 0.5, 0, 0, 2], [0, 1, 0, 0.5, 1, 0]]),
    audioPrev: tf.tensor2d([[0, 1, 0, 0, 1, 0], [1, 0, 1, 0, 0, 1]]),
    beat: tf.tensor2d([[0, 1, 0, 0.5, 0.5], [1, 0, 0.3, 0, 0.2]]),
    beatPrev: tf.tensor2d([[1, 0, 0, 0, 0.5], [0, 1, 0, 0.3, 0]]),
    section: tf.tensor2d([[0, 0, 1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 1, 0, 0, 0]]),
    hazard: tf.tensor2d([[0, 0, 1, 1, 1], [0, 0, 0, 0, 1]]),
    train: false,
  };
}

describe('anticipator loss', () => {
  it('weighs the smoothness of the hazards on its own: less weight, lower loss, and zero weight removes it', () => {
    const params = createAnticipatorNet(config, 3);
    const loss = (smoothHazard: number): number => anticipatorLoss(params, config, batch(), { ...DEFAULT_WEIGHTS, smoothHazard }).dataSync()[0] ?? NaN;
    const [full, tenth, none] = [loss(4), loss(0.4), loss(0)];
    expect(full).toBeGreaterThan(tenth);
    expect(tenth).toBeGreaterThan(none);
    // Linear in the weight: the hazard term at weight 4 is ten times the one at 0.4 (to float32 precision).
    expect(Math.abs(full - none - 10 * (tenth - none))).toBeLessThan(1e-5 + 1e-3 * (full - none));
    // The section's own smoothness term does not move with the hazard weight.
    const noSection = anticipatorLoss(params, config, batch(), { ...DEFAULT_WEIGHTS, smooth: 0, smoothHazard: 0 }).dataSync()[0] ?? NaN;
    expect(none).toBeGreaterThan(noSection);
  });
});
