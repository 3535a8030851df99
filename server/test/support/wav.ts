import { writeFileSync } from 'node:fs';

/** 16-bit PCM or 32-bit float WAV bytes from per-channel samples in [-1, 1]. */
export function wavBytes(channels: readonly Float32Array[], sampleRate: number, format: 'pcm16' | 'float32' = 'pcm16'): Buffer {
  const frames = channels[0]?.length ?? 0;
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
  for (let n = 0; n < frames; n++) {
    channels.forEach((data, c) => {
      const x = Math.max(-1, Math.min(1, data[n] ?? 0));
      const at = 44 + n * blockAlign + c * bytesPerSample;
      if (format === 'pcm16') out.writeInt16LE(Math.round(x * 32767), at);
      else out.writeFloatLE(x, at);
    });
  }
  return out;
}

export function writeWav(path: string, channels: readonly Float32Array[], sampleRate: number, format: 'pcm16' | 'float32' = 'pcm16'): string {
  writeFileSync(path, wavBytes(channels, sampleRate, format));
  return path;
}

export function sineWave(freq: number, amplitude: number, seconds: number, sampleRate: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  for (let n = 0; n < out.length; n++) out[n] = amplitude * Math.sin((2 * Math.PI * freq * n) / sampleRate);
  return out;
}
