/**
 * Picks the fastest TensorFlow.js backend present: tfjs-node-gpu, tfjs-node (native, optional packages), then the
 * wasm backend (SIMD; 10-20x the cpu backend), then cpu. The caller prints which one runs.
 */
import * as tf from '@tensorflow/tfjs';

export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

/** Native packages are optional and absent offline: a failed import just moves on to the next. */
async function tryNative(pkg: string): Promise<boolean> {
  try {
    await import(pkg);
    return await tf.setBackend('tensorflow');
  } catch {
    return false;
  }
}

export interface BackendChoice {
  name: BackendName;
  /** What was tried and why each earlier one was skipped. */
  tried: string[];
}

export async function selectBackend(prefer?: BackendName): Promise<BackendChoice> {
  const tried: string[] = [];
  const order: BackendName[] = prefer === undefined ? ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] : [prefer];
  for (const name of order) {
    let ok: boolean;
    if (name === 'tensorflow-gpu') ok = await tryNative('@tensorflow/tfjs-node-gpu');
    else if (name === 'tensorflow') ok = await tryNative('@tensorflow/tfjs-node');
    else if (name === 'wasm') {
      try {
        await import('@tensorflow/tfjs-backend-wasm');
        ok = await tf.setBackend('wasm');
      } catch {
        ok = false;
      }
    } else ok = await tf.setBackend('cpu');
    if (ok) {
      await tf.ready();
      return { name, tried };
    }
    tried.push(`${name}: not available`);
  }
  throw new Error(`no TensorFlow.js backend could start (${tried.join('; ')})`);
}
