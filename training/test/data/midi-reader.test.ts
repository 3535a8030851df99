import { describe, expect, it } from 'vitest';
import { readMidi } from '../../src/data/midi-reader.js';
import type { MidiSong } from '../../src/data/midi-reader.js';
import { meterBeats, midiTruth, tempoChangeTicks } from '../../src/data/midi-truth.js';
import { tempoEvent, timeSignatureEvent, varLen, writeMidi } from '../../src/data/midi-writer.js';

const ascii = (s: string): number[] => Array.from(Buffer.from(s, 'latin1'));
const u32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const chunk = (id: string, body: number[]): number[] => [...ascii(id), ...u32(body.length), ...body];

/** Format 1, 96 ticks per quarter: 4/4 at 120 BPM, 90 BPM from tick 384, 3/4 from tick 768, end at 1344. */
const META_TRACK = [
  ...[0x00, 0xff, 0x58, 0x04, 0x04, 0x02, 0x18, 0x08],
  ...[0x00, 0xff, 0x51, 0x03, 0x07, 0xa1, 0x20],
  ...[0x83, 0x00, 0xff, 0x51, 0x03, 0x0a, 0x2c, 0x2a], // +384: 666666 µs per quarter
  ...[0x83, 0x00, 0xff, 0x58, 0x04, 0x03, 0x02, 0x18, 0x08], // +384: 3/4
  ...[0x84, 0x40, 0xff, 0x2f, 0x00], // +576
];
const NOTE_TRACK = [
  ...[0x00, 0x90, 0x3c, 0x64], // note on
  ...[0x60, 0x3c, 0x00], // +96, running status: note on with velocity 0 (off)
  ...[0x00, 0x3e, 0x64], // running status: note on
  ...[0x83, 0x60, 0x80, 0x3e, 0x40], // +480: note off
  ...[0x00, 0xc0, 0x05], // program change: one data byte
  ...[0x00, 0xf0, 0x03, 0x7e, 0x7f, 0xf7], // sysex
  ...[0x81, 0x00, 0xff, 0x2f, 0x00], // +128: end of track
];

function file(division = 96, tracks: number[][] = [META_TRACK, NOTE_TRACK], declared = tracks.length): Uint8Array {
  const header = chunk('MThd', [0, 1, (declared >> 8) & 0xff, declared & 0xff, (division >> 8) & 0xff, division & 0xff]);
  return Uint8Array.from([...header, ...tracks.flatMap((t) => chunk('MTrk', t))]);
}

describe('readMidi', () => {
  it('reads the header, tempo map, time signatures and notes of a hand-built file', () => {
    const song = readMidi(file());
    expect(song.format).toBe(1);
    expect(song.trackCount).toBe(2);
    expect(song.ppq).toBe(96);
    expect(song.tempos).toEqual([
      { tick: 0, microsPerQuarter: 500000 },
      { tick: 384, microsPerQuarter: 666666 },
    ]);
    expect(song.timeSignatures).toEqual([
      { tick: 0, numerator: 4, denominator: 4 },
      { tick: 768, numerator: 3, denominator: 4 },
    ]);
    expect(song.noteCount).toBe(2);
    expect(song.firstNoteTick).toBe(0);
    expect(song.lastTick).toBe(1344);
  });

  it('gives beats, positions and events from the tempo map and meter, shifted by the latency offset', () => {
    const truth = midiTruth(readMidi(file()), { offset: 0.01, duration: 100 });
    const expected = [0, 0.5, 1, 1.5, 2, ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => 2 + k * 0.666666)];
    expect(truth.beats).toHaveLength(expected.length);
    truth.beats.forEach((beat, n) => {
      expect(beat.time).toBeCloseTo((expected[n] ?? NaN) + 0.01, 9);
    });
    expect(truth.beats.map((b) => b.position)).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 1, 2, 3]);
    expect(truth.events.map((e) => e.kind)).toEqual(['tempo_change', 'meter_change']);
    expect(truth.events[0]?.time).toBeCloseTo(2.01, 9);
    expect(truth.events[1]?.time).toBeCloseTo(2 + 4 * 0.666666 + 0.01, 9);
    expect(truth.end).toBeCloseTo(2 + 10 * 0.666666 + 0.01, 9);
  });

  it('leaves out beats and events at or after the duration', () => {
    const truth = midiTruth(readMidi(file()), { offset: 0, duration: 2 });
    expect(truth.beats.map((b) => b.position)).toEqual([1, 2, 3, 4]);
    expect(truth.events).toHaveLength(0);
  });

  it('rejects malformed files, naming what is wrong', () => {
    expect(() => readMidi(Uint8Array.from(ascii('RIFF0000WAVEfmt ')), 'x.mid')).toThrow(/x.mid is not a Standard MIDI File/);
    expect(() => readMidi(file(0xe728))).toThrow(/time division 0xe728 is SMPTE/);
    expect(() => readMidi(file(96, [META_TRACK], 2))).toThrow(/promises 2 tracks but the file ends after 1/);
    expect(() => readMidi(file(96, [[0x00, 0x3c, 0x64]]))).toThrow(/data byte 0x3c at byte \d+ with no running status/);
    const truncated = file().slice(0, 40);
    expect(() => readMidi(truncated)).toThrow(/claims \d+ bytes but only \d+ remain/);
  });
});

describe('meters and tempo ramps', () => {
  it('counts compound meters in dotted quarters and others in their note value', () => {
    expect(meterBeats({ tick: 0, numerator: 6, denominator: 8 }, 96)).toEqual({ beats: 2, beatTicks: 144 });
    expect(meterBeats({ tick: 0, numerator: 7, denominator: 8 }, 96)).toEqual({ beats: 7, beatTicks: 48 });
    expect(meterBeats({ tick: 0, numerator: 5, denominator: 4 }, 96)).toEqual({ beats: 5, beatTicks: 96 });
  });

  it('reports a stepped ramp as one change from its first to its last step', () => {
    const song: MidiSong = {
      format: 1,
      trackCount: 1,
      ppq: 96,
      tempos: [0, 1000, 1096, 1192, 5000].map((tick, i) => ({ tick, microsPerQuarter: 500000 - i * 1000 })),
      timeSignatures: [],
      firstNoteTick: 0,
      lastTick: 6000,
      noteCount: 1,
    };
    expect(tempoChangeTicks(song)).toEqual([1000, 1192, 5000]);
  });
});

describe('writeMidi', () => {
  it('encodes variable-length numbers and round-trips through the reader', () => {
    expect(varLen(0)).toEqual([0]);
    expect(varLen(127)).toEqual([0x7f]);
    expect(varLen(128)).toEqual([0x81, 0x00]);
    expect(varLen(0x0fffffff)).toEqual([0xff, 0xff, 0xff, 0x7f]);
    expect(() => varLen(-1)).toThrow(/-1 is out of range/);
    const bytes = writeMidi(480, [tempoEvent(0, 100), timeSignatureEvent(0, 5, 4), { tick: 960, data: [0x99, 76, 127] }, { tick: 1000, data: [0x89, 76, 0] }]);
    const song = readMidi(bytes);
    expect(song.tempos).toEqual([{ tick: 0, microsPerQuarter: 600000 }]);
    expect(song.timeSignatures).toEqual([{ tick: 0, numerator: 5, denominator: 4 }]);
    expect(song.firstNoteTick).toBe(960);
    expect(song.noteCount).toBe(1);
    expect(() => timeSignatureEvent(0, 3, 6)).toThrow(/denominator 6 is not a power of two/);
  });
});
