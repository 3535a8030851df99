import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OfflineAudioContext } from 'node-web-audio-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudioHeader } from '../../src/audio/audio-file-header.js';
import { decodeAudioFile } from '../../src/audio/file-decode.js';
import { fitSine, zeroCrossingFrequency } from '../support/sine-fit.js';
import { sineWave, wavBytes, writeWav } from '../support/wav.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fs-decode-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const hasSox = ((): boolean => {
  try {
    execFileSync('sox', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Fit over the middle 80 %, away from the edges. */
const fitMiddle = (x: Float32Array, freq: number) => fitSine(x, freq, 48000, Math.floor(x.length * 0.1), Math.floor(x.length * 0.9));

describe('decodeAudioFile', () => {
  it('decodes a 48 kHz float WAV sample for sample', async () => {
    const sine = sineWave(440, 0.5, 1, 48000);
    const decoded = await decodeAudioFile(writeWav(join(dir, 'a48.wav'), [sine], 48000, 'float32'));
    expect(decoded.nativeSampleRate).toBe(48000);
    expect(decoded.channels).toBe(1);
    expect(decoded.duration).toBeCloseTo(1, 9);
    expect(decoded.samples.length).toBe(48000);
    let maxError = 0;
    sine.forEach((x, n) => (maxError = Math.max(maxError, Math.abs(x - (decoded.samples[n] ?? 0)))));
    expect(maxError).toBeLessThan(1e-6);
  });

  it('converts 44.1 kHz to 48 kHz at the right frequency and level', async () => {
    const decoded = await decodeAudioFile(writeWav(join(dir, 'a44.wav'), [sineWave(1000, 0.5, 2, 44100)], 44100));
    expect(decoded.nativeSampleRate).toBe(44100);
    expect(decoded.duration).toBeCloseTo(2, 9);
    expect(decoded.samples.length).toBe(96000);
    expect(Math.abs(zeroCrossingFrequency(decoded.samples, 48000) - 1000)).toBeLessThan(0.5);
    const fit = fitMiddle(decoded.samples, 1000);
    expect(Math.abs(fit.amplitude - 0.5)).toBeLessThan(0.002);
    expect(fit.residualDb).toBeLessThan(-70); // 16-bit quantisation is about -90 dB
  });

  it('resamples far more cleanly than the library does on a 48 kHz context (why we resample ourselves)', async () => {
    const path = writeWav(join(dir, 'a44-10k.wav'), [sineWave(10000, 0.5, 1, 44100)], 44100, 'float32');
    const ours = fitMiddle((await decodeAudioFile(path)).samples, 10000);
    const bytes = readFileSync(path);
    const theirs = await new OfflineAudioContext(1, 1, 48000).decodeAudioData(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const library = fitMiddle(theirs.getChannelData(0), 10000);
    expect(ours.residualDb).toBeLessThan(-70);
    expect(Math.abs(ours.amplitude - 0.5)).toBeLessThan(0.002);
    expect(library.residualDb).toBeGreaterThan(ours.residualDb + 40);
  });

  describe('a stereo file with a different tone on each channel', () => {
    let path = '';
    beforeAll(() => {
      path = writeWav(join(dir, 'stereo.wav'), [sineWave(1000, 0.5, 1, 48000), sineWave(3000, 0.25, 1, 48000)], 48000, 'float32');
    });

    it('mixes down to the mean of the channels', async () => {
      const decoded = await decodeAudioFile(path);
      expect(decoded.channels).toBe(2);
      expect(fitMiddle(decoded.samples, 1000).amplitude).toBeCloseTo(0.25, 4);
      expect(fitMiddle(decoded.samples, 3000).amplitude).toBeCloseTo(0.125, 4);
    });

    it('selects one channel', async () => {
      const right = await decodeAudioFile(path, { channel: 1 });
      expect(fitMiddle(right.samples, 3000).amplitude).toBeCloseTo(0.25, 4);
      expect(fitMiddle(right.samples, 1000).amplitude).toBeLessThan(1e-4);
    });

    it('names a channel that does not exist', async () => {
      await expect(decodeAudioFile(path, { channel: 2 })).rejects.toThrow(
        `channel 2 is out of range for audio file ${path}, which has 2 channels: use 'mix' or 0..1`,
      );
    });
  });

  it.skipIf(!hasSox)('decodes FLAC, Ogg Vorbis and AIFF at their native rates (files made by sox)', async () => {
    for (const ext of ['flac', 'ogg', 'aiff']) {
      const path = join(dir, `tone.${ext}`);
      execFileSync('sox', ['-n', '-r', '22050', '-c', '2', path, 'synth', '1', 'sine', '440', 'vol', '0.5']);
      const decoded = await decodeAudioFile(path);
      expect(decoded.nativeSampleRate, ext).toBe(22050);
      expect(decoded.channels, ext).toBe(2);
      expect(decoded.samples.length, ext).toBe(48000);
      expect(Math.abs(fitMiddle(decoded.samples, 440).amplitude - 0.5), ext).toBeLessThan(0.01); // Vorbis is lossy
    }
  });

  describe('errors name the file and the reason', () => {
    it('a missing file', async () => {
      const path = join(dir, 'nope.wav');
      await expect(decodeAudioFile(path)).rejects.toThrow(`audio file not found: ${path}`);
    });

    it('random bytes', async () => {
      const path = join(dir, 'noise.wav');
      writeFileSync(path, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)));
      await expect(decodeAudioFile(path)).rejects.toThrow(`cannot decode audio file ${path}: not a recognised audio file (supported: WAV`);
    });

    it('a text file named .wav', async () => {
      const path = join(dir, 'notes.wav');
      writeFileSync(path, 'setlist: 1. intro 2. drop\n');
      await expect(decodeAudioFile(path)).rejects.toThrow(`cannot decode audio file ${path}: not a recognised audio file`);
    });

    it('a WAV cut inside its header', async () => {
      const path = join(dir, 'cut-header.wav');
      writeFileSync(path, wavBytes([sineWave(440, 0.5, 0.1, 48000)], 48000).subarray(0, 30));
      await expect(decodeAudioFile(path)).rejects.toThrow(`cannot decode audio file ${path}: truncated WAV: no complete fmt chunk`);
    });

    it('a WAV cut inside its audio data', async () => {
      const path = join(dir, 'cut-data.wav');
      writeFileSync(path, wavBytes([sineWave(440, 0.5, 0.1, 48000)], 48000).subarray(0, 1000));
      await expect(decodeAudioFile(path)).rejects.toThrow(
        `cannot decode audio file ${path}: truncated WAV: the data chunk declares 9600 bytes but only 956 are present`,
      );
    });

    it('a WAV with no audio frames', async () => {
      const path = join(dir, 'empty-data.wav');
      writeFileSync(path, wavBytes([new Float32Array(0)], 48000));
      await expect(decodeAudioFile(path)).rejects.toThrow(`cannot decode audio file ${path}: it contains no audio frames (WAV)`);
    });

    it('a file whose codec the decoder rejects, with the decoder\'s reason', async () => {
      const path = join(dir, 'bad-codec.wav');
      const bytes = wavBytes([sineWave(440, 0.5, 0.1, 48000)], 48000);
      bytes.writeUInt16LE(0x55, 20); // format tag: MPEG layer 3 inside WAV, with PCM bytes
      writeFileSync(path, bytes);
      await expect(decodeAudioFile(path)).rejects.toThrow(new RegExp(`^cannot decode audio file ${path}: .+ \\(WAV, 48000 Hz\\)$`));
    });

    it('an empty file and a directory', async () => {
      const empty = join(dir, 'empty.mp3');
      writeFileSync(empty, '');
      await expect(decodeAudioFile(empty)).rejects.toThrow(`cannot decode audio file ${empty}: the file is empty`);
      const folder = join(dir, 'folder.wav');
      mkdirSync(folder);
      await expect(decodeAudioFile(folder)).rejects.toThrow(`cannot decode audio file ${folder}: it is a directory`);
    });
  });
});

describe('readAudioHeader', () => {
  it('reads an MP3 frame header after an ID3v2 tag (MPEG-1 at 44.1 kHz, MPEG-2 at 22.05 kHz)', () => {
    const id3 = [0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 5, 1, 2, 3, 4, 5];
    expect(readAudioHeader(Uint8Array.from([...id3, 0xff, 0xfb, 0x90, 0x64]))).toEqual({ ok: true, container: 'MP3', sampleRate: 44100 });
    expect(readAudioHeader(Uint8Array.from([0xff, 0xf3, 0x90, 0x64]))).toEqual({ ok: true, container: 'MP3', sampleRate: 22050 });
  });

  it('reads an AAC ADTS header', () => {
    // Sampling frequency index 4 (44.1 kHz) in bits 2..5 of the third byte.
    expect(readAudioHeader(Uint8Array.from([0xff, 0xf1, 0x50, 0x80]))).toEqual({ ok: true, container: 'AAC (ADTS)', sampleRate: 44100 });
  });

  it('refuses Ogg Opus, which the decoder cannot decode', () => {
    const page = new Uint8Array(27 + 1 + 19 + 16);
    page.set([0x4f, 0x67, 0x67, 0x53]);
    page[26] = 1;
    page.set(Buffer.from('OpusHead'), 28);
    const result = readAudioHeader(page);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('Ogg Opus is not supported');
  });
});
