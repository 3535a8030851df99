import { writeFileSync } from 'node:fs';
import { encodeWav } from '../../src/audio/wav-encode.js';

/** WAV bytes for tests: the project's one encoder. */
export const wavBytes = encodeWav;

export function writeWav(path: string, channels: readonly Float32Array[], sampleRate: number, format: 'pcm16' | 'float32' = 'pcm16'): string {
  writeFileSync(path, encodeWav(channels, sampleRate, format));
  return path;
}

export function sineWave(freq: number, amplitude: number, seconds: number, sampleRate: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  for (let n = 0; n < out.length; n++) out[n] = amplitude * Math.sin((2 * Math.PI * freq * n) / sampleRate);
  return out;
}
