/**
 * Reads an audio file's native sample rate from its container header. node-web-audio-api decodes to its context's
 * rate and does not report the file's own, so we read it here and decode at that rate (no resampling by the library).
 */
import type { Hz } from '../core/units.js';

export type HeaderResult = { ok: true; container: string; sampleRate: Hz } | { ok: false; reason: string };

const SUPPORTED = 'WAV, AIFF, FLAC, Ogg Vorbis, Ogg FLAC, MP3, AAC (ADTS)';
/** Data sizes that streaming writers put in a header they cannot seek back to fix (sox, ffmpeg). */
const STREAMING_SIZE = 0x7ffff000;

const ascii = (b: Uint8Array, at: number, length: number): string => String.fromCharCode(...b.subarray(at, at + length));
const u16be = (b: Uint8Array, at: number): number => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u32le = (b: Uint8Array, at: number): number => ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16) | ((b[at + 3] ?? 0) << 24)) >>> 0;
const u32be = (b: Uint8Array, at: number): number => (((b[at] ?? 0) << 24) | ((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0)) >>> 0;

const fail = (reason: string): HeaderResult => ({ ok: false, reason });
const found = (container: string, sampleRate: Hz): HeaderResult =>
  sampleRate > 0 ? { ok: true, container, sampleRate } : fail(`${container} header gives an invalid sample rate (${sampleRate})`);

function readWav(b: Uint8Array): HeaderResult {
  let rate: Hz | undefined;
  for (let at = 12; at + 8 <= b.length; ) {
    const id = ascii(b, at, 4);
    const size = u32le(b, at + 4);
    if (id === 'fmt ') {
      if (size < 16 || at + 8 + 16 > b.length) break;
      rate = u32le(b, at + 12);
    } else if (id === 'data') {
      if (rate === undefined) return fail('WAV data chunk comes before its fmt chunk');
      const present = b.length - at - 8;
      const placeholder = size === 0 || size >= STREAMING_SIZE || ascii(b, 0, 4) !== 'RIFF';
      if (!placeholder && size > present) return fail(`truncated WAV: the data chunk declares ${size} bytes but only ${present} are present`);
      return found('WAV', rate);
    }
    at += 8 + size + (size % 2);
  }
  return fail(rate === undefined ? 'truncated WAV: no complete fmt chunk' : 'truncated WAV: no data chunk');
}

/** 80-bit IEEE extended float, as AIFF stores its sample rate. */
function extended80(b: Uint8Array, at: number): number {
  const exponent = u16be(b, at) & 0x7fff;
  const mantissa = u32be(b, at + 2) * 2 ** 32 + u32be(b, at + 6);
  return mantissa * 2 ** (exponent - 16383 - 63);
}

function readAiff(b: Uint8Array): HeaderResult {
  for (let at = 12; at + 8 <= b.length; ) {
    const size = u32be(b, at + 4);
    if (ascii(b, at, 4) === 'COMM' && at + 8 + 18 <= b.length) return found('AIFF', Math.round(extended80(b, at + 16)));
    at += 8 + size + (size % 2);
  }
  return fail('truncated AIFF: no complete COMM chunk');
}

/** FLAC STREAMINFO: the sample rate is 20 bits, 10 bytes into the block body. */
const flacRate = (b: Uint8Array, body: number): Hz => ((b[body + 10] ?? 0) << 12) | ((b[body + 11] ?? 0) << 4) | ((b[body + 12] ?? 0) >> 4);

function readOgg(b: Uint8Array): HeaderResult {
  const segments = b[26] ?? 0;
  const packet = 27 + segments;
  if (packet + 30 > b.length) return fail('truncated Ogg file: no complete first packet');
  if (b[packet] === 1 && ascii(b, packet + 1, 6) === 'vorbis') return found('Ogg Vorbis', u32le(b, packet + 12));
  if (b[packet] === 0x7f && ascii(b, packet + 1, 4) === 'FLAC' && ascii(b, packet + 9, 4) === 'fLaC') return found('Ogg FLAC', flacRate(b, packet + 17));
  if (ascii(b, packet, 8) === 'OpusHead') return fail(`Ogg Opus is not supported by the decoder (supported: ${SUPPORTED})`);
  return fail(`unsupported Ogg codec (supported: ${SUPPORTED})`);
}

const MPEG_RATES = [44100, 48000, 32000];
const ADTS_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

/** An MPEG audio frame header (MP3) or an ADTS header (AAC) at `at`. */
function readMpegFrame(b: Uint8Array, at: number): HeaderResult | undefined {
  const b1 = b[at + 1] ?? 0;
  const b2 = b[at + 2] ?? 0;
  if (b[at] !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const layer = (b1 >> 1) & 3;
  if ((b1 & 0xf6) === 0xf0) {
    const rate = ADTS_RATES[(b2 >> 2) & 0xf];
    return rate === undefined ? undefined : found('AAC (ADTS)', rate);
  }
  const version = (b1 >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
  const rate = MPEG_RATES[(b2 >> 2) & 3];
  if (version === 1 || layer === 0 || (b2 >> 4) === 0xf || rate === undefined) return undefined;
  return found('MP3', version === 3 ? rate : version === 2 ? rate / 2 : rate / 4);
}

/** Identifies the container and reads its native sample rate; a failure says why the file cannot be decoded. */
export function readAudioHeader(bytes: Uint8Array): HeaderResult {
  if (bytes.length === 0) return fail('the file is empty');
  let at = 0;
  // ID3v2 tags (MP3, sometimes FLAC) precede the audio: 10-byte header, syncsafe size, optional 10-byte footer.
  if (ascii(bytes, 0, 3) === 'ID3' && bytes.length >= 10) {
    const size = (((bytes[6] ?? 0) & 0x7f) << 21) | (((bytes[7] ?? 0) & 0x7f) << 14) | (((bytes[8] ?? 0) & 0x7f) << 7) | ((bytes[9] ?? 0) & 0x7f);
    at = 10 + size + (((bytes[5] ?? 0) & 0x10) !== 0 ? 10 : 0);
    while (at < bytes.length && bytes[at] === 0) at++;
  }
  const b = at === 0 ? bytes : bytes.subarray(at);
  const magic = ascii(b, 0, 4);
  if ((magic === 'RIFF' || magic === 'RF64' || magic === 'BW64') && ascii(b, 8, 4) === 'WAVE') return readWav(b);
  if (magic === 'FORM' && (ascii(b, 8, 4) === 'AIFF' || ascii(b, 8, 4) === 'AIFC')) return readAiff(b);
  if (magic === 'fLaC') return b.length >= 8 + 14 ? found('FLAC', flacRate(b, 8)) : fail('truncated FLAC: no complete STREAMINFO block');
  if (magic === 'OggS') return readOgg(b);
  return readMpegFrame(b, 0) ?? fail(`not a recognised audio file (supported: ${SUPPORTED})`);
}
