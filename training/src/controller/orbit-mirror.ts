/**
 * A differentiable TensorFlow.js mirror of the daemon's orbit step (server/src/core/visual/orbit.ts and
 * OrbitSynth.step). It exists because the controller's loss is a function of c, and c comes from the control
 * vector through this formula: to train through it the formula must be tensor ops. The core stays the one
 * definition; a parity test holds this mirror to it (max abs diff of c < 1e-5).
 */
import * as tf from '@tensorflow/tfjs';
import { basePoint, beatAdvance, ORBIT, REFERENCE_BASE } from '@fractalsync/server/core/visual/orbit';

const BASE = basePoint(REFERENCE_BASE);
const TWO_PI = 2 * Math.PI;
const LOG_TAU_RATIO = Math.log(ORBIT.tauMax / ORBIT.tauMin);

/** Orbit state per sequence: s and θ, each [batch]. */
export interface MirrorState {
  s: tf.Tensor1D;
  theta: tf.Tensor1D;
}

/**
 * Per-step constants that depend only on the orbit's beat position (`orbit_beats`, not anything trained),
 * computed in float64: the clamped beat advance since the previous step and the unit phasors of each band's residual.
 */
export interface StepBeats {
  /** [batch]: beatAdvance(previous beats, beats, dt), as the core orbit advances; 0 on a sequence's first step. */
  advance: tf.Tensor1D;
  /** [batch, 6]: cos and sin of each band's residual angle at this beat position. */
  cos: tf.Tensor2D;
  sin: tf.Tensor2D;
}

export function stepBeats(beats: ArrayLike<number>, previous: ArrayLike<number> | undefined, dt: number): StepBeats {
  const n = beats.length;
  const k = ORBIT.residualAmplitude.length;
  const advance = new Float32Array(n);
  const cos = new Float32Array(n * k);
  const sin = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    const b = beats[i] ?? 0;
    advance[i] = beatAdvance(previous === undefined ? undefined : (previous[i] ?? b), b, dt);
    for (let j = 0; j < k; j++) {
      const angle = TWO_PI * ((ORBIT.residualRate[j] ?? 1) * b + j / k);
      cos[i * k + j] = (ORBIT.residualAmplitude[j] ?? 0) * Math.cos(angle);
      sin[i * k + j] = (ORBIT.residualAmplitude[j] ?? 0) * Math.sin(angle);
    }
  }
  return { advance: tf.tensor1d(advance), cos: tf.tensor2d(cos, [n, k]), sin: tf.tensor2d(sin, [n, k]) };
}

/**
 * One orbit step. `control` is [batch, 9] in range (s_target, alpha, omega_scale, gates); `state` undefined on
 * the first step (s starts on target, θ at 0, as OrbitSynth does). Returns the new state and c as [batch, 2].
 */
export function mirrorStep(control: tf.Tensor2D, state: MirrorState | undefined, beats: StepBeats, dt: number): { state: MirrorState; c: tf.Tensor2D } {
  return tf.tidy(() => {
    const target = control.slice([0, 0], [-1, 1]).reshape<tf.Tensor1D>([-1]);
    const alpha = control.slice([0, 1], [-1, 1]).reshape([-1]).clipByValue(0, 1);
    const omega = control.slice([0, 2], [-1, 1]).reshape([-1]);
    const gates = control.slice([0, 3], [-1, 6]);
    let s: tf.Tensor1D;
    let theta: tf.Tensor1D;
    if (state === undefined) {
      s = target;
      theta = tf.zerosLike(target);
    } else {
      // exp(-dt / tau) with tau = tauMin · (tauMax / tauMin)^alpha
      const decay = tf.exp(tf.exp(alpha.mul(-LOG_TAU_RATIO)).mul(-dt / ORBIT.tauMin));
      s = target.add(state.s.sub(target).mul(decay));
      theta = tf.mod(state.theta.add(omega.mul(beats.advance).mul(TWO_PI / ORBIT.beatsPerTurn)), TWO_PI);
    }
    const radius = s.mul(ORBIT.radius);
    const re = radius.mul(tf.cos(theta)).add(gates.mul(beats.cos).sum(1)).add(BASE.re);
    const im = radius.mul(tf.sin(theta)).add(gates.mul(beats.sin).sum(1)).add(BASE.im);
    return { state: { s, theta }, c: tf.stack([re, im], 1) as tf.Tensor2D };
  });
}

