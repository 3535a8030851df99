import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { TrainHistory } from '../../src/train/train-loop.js';
import { trainLoop } from '../../src/train/train-loop.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** One weight w from 1, trained on loss w (a constant gradient, so each Adam step moves w by the learning rate). */
async function run(halveAfter: number | undefined): Promise<{ history: TrainHistory; w: number; saved: TrainHistory }> {
  const outDir = await mkdtemp(join(tmpdir(), 'fs-train-loop-'));
  dirs.push(outDir);
  const w = tf.variable(tf.scalar(1), true);
  // Validation never improves after the first epoch: it reads a constant.
  const loss = (batch: 'train' | 'val'): tf.Scalar => (batch === 'train' ? tf.sum(w) : tf.add(tf.scalar(5), tf.mul(w, 0)));
  const history = await trainLoop<'train' | 'val'>({
    name: 'probe',
    params: new Map([['w', w]]),
    loss,
    nextBatch: () => 'train',
    validation: ['val'],
    epochs: 7,
    batchesPerEpoch: 1,
    learningRate: 0.1,
    patience: 10,
    ...(halveAfter === undefined ? {} : { halveAfter }),
    outDir,
    checkpointExtra: {},
    runInfo: {},
    log: { info: () => undefined },
    progress: false,
  });
  const value = (await w.data())[0] ?? NaN;
  w.dispose();
  const saved = JSON.parse(await readFile(join(outDir, 'training_history.json'), 'utf8')) as TrainHistory;
  return { history, w: value, saved };
}

describe('training loop learning rate', () => {
  it('halves the learning rate after halveAfter epochs without a better validation loss, and records it', async () => {
    const { history, w, saved } = await run(2);
    expect(history.epochs.map((e) => e.learning_rate)).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025]);
    expect(saved.epochs.map((e) => e.learning_rate)).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025]);
    // The optimizer took the smaller steps: 3 × 0.1 + 2 × 0.05 + 2 × 0.025 = 0.45.
    expect(w).toBeCloseTo(1 - 0.45, 3);
  });

  it('keeps the learning rate and records none without halveAfter', async () => {
    const { history, w } = await run(undefined);
    expect(history.epochs.every((e) => e.learning_rate === undefined)).toBe(true);
    expect(w).toBeCloseTo(1 - 0.7, 3);
  });
});
