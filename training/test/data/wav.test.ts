import { describe, expect, it } from 'vitest';
import { decodeWav, encodeWav } from '../../src/data/wav.js';

describe('WAV writer and reader', () => {
  const samples = Float32Array.from({ length: 1000 }, (_, i) => 0.8 * Math.sin(i / 7));

  it('round-trips 16-bit PCM within two quantisation steps, and clips instead of wrapping', () => {
    const bytes = encodeWav(Float32Array.from([...samples, 1.5, -2]), 48000);
    expect(bytes.length).toBe(44 + 2 * 1002);
    const wav = decodeWav(bytes, 't.wav');
    expect(wav.sampleRate).toBe(48000);
    expect(wav.channels).toBe(1);
    let err = 0;
    samples.forEach((v, i) => (err = Math.max(err, Math.abs(v - (wav.samples[i] ?? NaN)))));
    // Half a step of rounding, plus the 32767 (write) vs 32768 (read) full-scale convention.
    expect(err).toBeLessThan(2 / 32768);
    expect(wav.samples[1000]).toBeCloseTo(32767 / 32768, 6);
    expect(wav.samples[1001]).toBeCloseTo(-32767 / 32768, 6);
  });

  it('round-trips 32-bit float exactly', () => {
    const wav = decodeWav(encodeWav(samples, 44100, 'float32'), 'f.wav');
    expect(wav.sampleRate).toBe(44100);
    expect(Buffer.from(wav.samples.buffer).equals(Buffer.from(samples.buffer))).toBe(true);
  });

  it('mixes a stereo file down to mono and skips unknown chunks', () => {
    const mono = encodeWav(Float32Array.from([0, 0]), 48000, 'float32');
    // Rewrite as 2 channels x 1 frame, with a LIST chunk before the data.
    const fmt = Buffer.from(mono.subarray(12, 36));
    fmt.writeUInt16LE(2, 10);
    fmt.writeUInt32LE(48000 * 8, 16);
    fmt.writeUInt16LE(8, 20);
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([3, 0, 0, 0, 1, 2, 3, 0])]);
    const data = Buffer.alloc(16);
    data.write('data', 0, 'ascii');
    data.writeUInt32LE(8, 4);
    data.writeFloatLE(0.5, 8);
    data.writeFloatLE(-0.25, 12);
    const body = Buffer.concat([Buffer.from('WAVE'), fmt, list, data]);
    const head = Buffer.alloc(8);
    head.write('RIFF', 0, 'ascii');
    head.writeUInt32LE(body.length, 4);
    const wav = decodeWav(Buffer.concat([head, body]), 's.wav');
    expect(wav.channels).toBe(2);
    expect(wav.samples).toHaveLength(1);
    expect(wav.samples[0]).toBeCloseTo(0.125, 9);
  });

  it('rejects what it cannot read, naming the file and the problem', () => {
    expect(() => decodeWav(Buffer.from('not a wav file at all'), 'x.wav')).toThrow(/x.wav is not a RIFF\/WAVE file/);
    const eightBit = encodeWav(samples, 48000);
    eightBit.writeUInt16LE(8, 34);
    expect(() => decodeWav(eightBit, 'e.wav')).toThrow(/e.wav: WAV format 1 with 8 bits is not supported/);
    expect(() => encodeWav(samples, 0)).toThrow(/sample rate 0 is invalid/);
  });
});
