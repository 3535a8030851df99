/**
 * A causal, dilated 1-D convolution that trains on every tfjs backend: tfjs refuses gradients through dilated
 * conv1d, has no causal padding, and on wasm conv1d has no filter gradient. Left zero-padding, k shifted slices
 * concatenated on the channel axis, one matMul: output t sees inputs t, t-d, ..., t-(k-1)d only.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * x: [batch, frames, cin]; w: [k * cin, cout] with rows ordered (tap j, channel c) -> j * cin + c, tap j reading
 * x[t - (k - 1 - j) * d]; b: [cout]. That is ONNX Conv's order with pads [(k - 1) d, 0] once w is transposed.
 */
export function causalConv(x: tf.Tensor3D, w: tf.Tensor2D, b: tf.Tensor1D, kernel: number, dilation: number): tf.Tensor3D {
  return tf.tidy(() => {
    const [batch, frames, cin] = x.shape;
    const pad = (kernel - 1) * dilation;
    const padded = pad > 0 ? tf.pad(x, [[0, 0], [pad, 0], [0, 0]]) : x;
    const taps: tf.Tensor3D[] = [];
    for (let j = 0; j < kernel; j++) taps.push(tf.slice(padded, [0, j * dilation, 0], [batch, frames, cin]));
    const stacked = taps.length === 1 ? padded : tf.concat(taps, 2);
    const y = tf.add(tf.matMul(tf.reshape(stacked, [batch * frames, kernel * cin]), w), b);
    return tf.reshape(y, [batch, frames, w.shape[1]]);
  });
}
