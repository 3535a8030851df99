import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPrng } from '@fractalsync/server/core/synth/prng';
import { parseControl } from '@fractalsync/server/core/visual/control-vector';
import { OrbitSynth } from '@fractalsync/server/core/visual/orbit-synth';
import { mirrorStep, stepBeats } from '../../src/controller/orbit-mirror.js';
import type { MirrorState } from '../../src/controller/orbit-mirror.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Random in-range control vectors and beat positions that advance 0..1.2 beats per step (the clamp is exercised). */
function randomRun(seed: number, batch: number, steps: number): { controls: number[][][]; beats: number[][] } {
  const rng = createPrng(seed);
  const controls: number[][][] = [];
  const beats: number[][] = [];
  const position = Array.from({ length: batch }, () => rng() * 300);
  for (let t = 0; t < steps; t++) {
    controls.push(Array.from({ length: batch }, () => [rng(), rng(), 4 * rng(), ...Array.from({ length: 6 }, () => rng())]));
    position.forEach((p, i) => (position[i] = p + (rng() < 0.1 ? 1.2 : 0.05 * rng())));
    beats.push([...position]);
  }
  return { controls, beats };
}

describe('orbit mirror', () => {
  it('gives the core OrbitSynth c within 1e-5 over random control sequences', () => {
    const batch = 8;
    const steps = 60;
    const dt = 1024 / 48000;
    const { controls, beats } = randomRun(3, batch, steps);
    const synths = Array.from({ length: batch }, () => new OrbitSynth());
    let state: MirrorState | undefined;
    let worst = 0;
    for (let t = 0; t < steps; t++) {
      const step = stepBeats(beats[t] ?? [], t === 0 ? undefined : beats[t - 1], dt);
      const control = tf.tensor2d(controls[t] ?? [], [batch, 9]);
      const out = mirrorStep(control, state, step, dt);
      if (state !== undefined) tf.dispose([state.s, state.theta]);
      state = out.state;
      const c = out.c.arraySync();
      synths.forEach((synth, i) => {
        const want = synth.step(parseControl(controls[t]?.[i] ?? []), beats[t]?.[i] ?? 0, dt).c;
        worst = Math.max(worst, Math.abs((c[i]?.[0] ?? NaN) - want.re), Math.abs((c[i]?.[1] ?? NaN) - want.im));
      });
      tf.dispose([control, out.c, step.advance, step.cos, step.sin]);
    }
    expect(worst).toBeLessThan(1e-5);
  });

  it('has a gradient of c with respect to s_target and omega_scale', () => {
    const step0 = stepBeats([10], undefined, 0.02);
    const step1 = stepBeats([10.1], [10], 0.02);
    const grads = tf.grads((control: tf.Tensor) => {
      const first = mirrorStep(control as tf.Tensor2D, undefined, step0, 0.02);
      return mirrorStep(control as tf.Tensor2D, first.state, step1, 0.02).c.sum();
    });
    const [g] = grads([tf.tensor2d([[0.5, 0.2, 2, 0, 0, 0, 0, 0, 0]])]);
    const values = g?.arraySync() as number[][];
    expect(Math.abs(values[0]?.[0] ?? 0)).toBeGreaterThan(1e-3);
    expect(Math.abs(values[0]?.[2] ?? 0)).toBeGreaterThan(1e-4);
  });
});
