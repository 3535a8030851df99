/**
 * A small WAV writer and reader for the generated sets. 16-bit PCM is written because every reader accepts it;
 * the reader also takes 24/32-bit PCM and 32-bit float (fluidsynth writes float, stereo), and mixes down to mono.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { encodeWav as encodeChannels, type WavFormat } from '@fractalsync/server/audio/wav-encode';
import type { Hz } from '@fractalsync/server/core/units';

export type { WavFormat };

export interface WavAudio {
  sampleRate: Hz;
  /** Mono: the mean of all channels. */
  samples: Float32Array;
  channels: number;
}

/** WAV bytes of mono samples in [-1, 1] (the server's encoder, one channel). */
export function encodeWav(samples: Float32Array, sampleRate: Hz, format: WavFormat = 'pcm16'): Buffer {
  return encodeChannels([samples], sampleRate, format);
}

export async function writeWav(path: string, samples: Float32Array, sampleRate: Hz, format: WavFormat = 'pcm16'): Promise<void> {
  await writeFile(path, encodeWav(samples, sampleRate, format));
}

interface FmtChunk {
  format: number;
  channels: number;
  sampleRate: number;
  bits: number;
}

/** Decodes WAV bytes; `source` names the file in errors. */
export function decodeWav(bytes: Uint8Array, source: string): WavAudio {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`${source} is not a RIFF/WAVE file`);
  }
  let fmt: FmtChunk | undefined;
  let pos = 12;
  while (pos + 8 <= buf.length) {
    const id = buf.toString('ascii', pos, pos + 4);
    const size = buf.readUInt32LE(pos + 4);
    const body = pos + 8;
    if (id === 'fmt ') {
      const tag = buf.readUInt16LE(body);
      // WAVE_FORMAT_EXTENSIBLE keeps the real format tag in the first two bytes of its sub-format GUID.
      const format = tag === 0xfffe && size >= 26 ? buf.readUInt16LE(body + 24) : tag;
      fmt = { format, channels: buf.readUInt16LE(body + 2), sampleRate: buf.readUInt32LE(body + 4), bits: buf.readUInt16LE(body + 14) };
    } else if (id === 'data') {
      if (fmt === undefined) throw new Error(`${source}: data chunk comes before the fmt chunk`);
      const end = Math.min(buf.length, body + size);
      return { sampleRate: fmt.sampleRate, channels: fmt.channels, samples: decodeSamples(buf.subarray(body, end), fmt, source) };
    }
    pos = body + size + (size % 2);
  }
  throw new Error(`${source} has no data chunk`);
}

function decodeSamples(data: Buffer, fmt: FmtChunk, source: string): Float32Array {
  const { format, channels, bits } = fmt;
  let read: (at: number) => number;
  if (format === 1 && bits === 16) read = (at) => data.readInt16LE(at) / 32768;
  else if (format === 1 && bits === 24) read = (at) => data.readIntLE(at, 3) / 8388608;
  else if (format === 1 && bits === 32) read = (at) => data.readInt32LE(at) / 2147483648;
  else if (format === 3 && bits === 32) read = (at) => data.readFloatLE(at);
  else throw new Error(`${source}: WAV format ${format} with ${bits} bits is not supported; expected 16/24/32-bit PCM or 32-bit float`);
  if (channels < 1) throw new Error(`${source}: WAV has ${channels} channels`);
  const bytes = bits / 8;
  const frames = Math.floor(data.length / (bytes * channels));
  const out = new Float32Array(frames);
  for (let n = 0; n < frames; n++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += read((n * channels + c) * bytes);
    out[n] = sum / channels;
  }
  return out;
}

export async function readWav(path: string): Promise<WavAudio> {
  return decodeWav(await readFile(path), path);
}
