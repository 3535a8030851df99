import type { Hz } from '../core/units.js';

export type WavFormat = 'pcm16' | 'float32';

/**
 * WAV bytes of per-channel samples in [-1, 1] (interleaved in the file): 16-bit PCM, clipped so a sample never
 * wraps around, or 32-bit float, kept as is. The one WAV writer for the generated data sets and the tests.
 */
export function encodeWav(channels: readonly Float32Array[], sampleRate: Hz, format: WavFormat = 'pcm16'): Buffer {
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) throw new Error(`WAV sample rate ${sampleRate} is invalid; expected a positive integer`);
  if (channels.length === 0) throw new Error('a WAV file needs at least one channel');
  const frames = channels[0]?.length ?? 0;
  if (channels.some((c) => c.length !== frames)) throw new Error('WAV channels must all have the same length');
  const bytesPerSample = format === 'pcm16' ? 2 : 4;
  const blockAlign = channels.length * bytesPerSample;
  const dataSize = frames * blockAlign;
  const out = Buffer.alloc(44 + dataSize);
  out.write('RIFF', 0, 'ascii');
  out.writeUInt32LE(36 + dataSize, 4);
  out.write('WAVE', 8, 'ascii');
  out.write('fmt ', 12, 'ascii');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(format === 'pcm16' ? 1 : 3, 20);
  out.writeUInt16LE(channels.length, 22);
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * blockAlign, 28);
  out.writeUInt16LE(blockAlign, 32);
  out.writeUInt16LE(bytesPerSample * 8, 34);
  out.write('data', 36, 'ascii');
  out.writeUInt32LE(dataSize, 40);
  channels.forEach((data, c) => {
    for (let n = 0; n < frames; n++) {
      const x = data[n] ?? 0;
      const at = 44 + n * blockAlign + c * bytesPerSample;
      if (format === 'pcm16') out.writeInt16LE(Math.round(Math.max(-1, Math.min(1, x)) * 32767), at);
      else out.writeFloatLE(x, at);
    }
  });
  return out;
}
