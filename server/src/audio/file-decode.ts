import { readFile } from 'node:fs/promises';
import { CONTRACT } from '../core/contract/contract.js';
import { resample } from '../core/dsp/resample.js';
import type { Hz, Seconds } from '../core/units.js';
import type { AudioBuffer } from 'node-web-audio-api';
import { readAudioHeader } from './audio-file-header.js';
import { checkChannel, toMono, type ChannelSelect } from './channel-mix.js';

export interface DecodedAudio {
  /** Mono (mixed down or the selected channel) at the contract rate, 48 kHz. */
  samples: Float32Array;
  nativeSampleRate: Hz;
  channels: number;
  duration: Seconds;
}

export interface DecodeOptions {
  channel?: ChannelSelect;
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'ENOENT') throw new Error(`audio file not found: ${path}`, { cause: error });
    if (code === 'EISDIR') throw new Error(`cannot decode audio file ${path}: it is a directory`, { cause: error });
    throw new Error(`cannot read audio file ${path}: ${errorMessage(error)}`, { cause: error });
  }
}

/**
 * Decodes WAV, AIFF, FLAC, Ogg Vorbis, MP3 or AAC with node-web-audio-api at the file's own rate, then mixes down (or
 * selects a channel) and converts to 48 kHz with our band-limited resampler (the library's own resampling is coarse).
 */
export async function decodeAudioFile(path: string, options: DecodeOptions = {}): Promise<DecodedAudio> {
  const channel = options.channel ?? 'mix';
  const bytes = await readBytes(path);
  const header = readAudioHeader(bytes);
  if (!header.ok) throw new Error(`cannot decode audio file ${path}: ${header.reason}`);
  const { OfflineAudioContext } = await import('node-web-audio-api');
  let audio: AudioBuffer;
  try {
    const context = new OfflineAudioContext(1, 1, header.sampleRate);
    audio = await context.decodeAudioData(new Uint8Array(bytes).buffer);
  } catch (error) {
    const reason = errorMessage(error).replace(/^Failed to execute 'decodeAudioData': /, '');
    throw new Error(`cannot decode audio file ${path}: ${reason} (${header.container}, ${header.sampleRate} Hz)`, { cause: error });
  }
  if (audio.length === 0) throw new Error(`cannot decode audio file ${path}: it contains no audio frames (${header.container})`);
  const channels = audio.numberOfChannels;
  checkChannel(channel, channels, `audio file ${path}`);
  const data: Float32Array[] = [];
  for (let c = 0; c < channels; c++) data.push(audio.getChannelData(c));
  const mono = toMono(data, channel);
  const rate = CONTRACT.audio.sample_rate;
  return {
    samples: audio.sampleRate === rate ? mono : resample(mono, audio.sampleRate, rate),
    nativeSampleRate: audio.sampleRate,
    channels,
    duration: audio.length / audio.sampleRate,
  };
}
