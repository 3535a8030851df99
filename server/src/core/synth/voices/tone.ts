/**
 * Tonal notes (pad and bass). A note's sample k after its start is a pure function of k: the envelope and the
 * oscillator phase are computed from k directly, never accumulated, so any block split gives the same samples.
 */
import type { Hz, Samples } from '../../units.js';
import type { TimedEvent } from '../event-track.js';
import { readTable } from '../wavetable.js';
import type { ToneTables } from '../wavetable.js';

export interface ToneNote extends TimedEvent {
  freq: Hz;
  gain: number;
  /** 0 = mellow (few harmonics), 1 = bright (many harmonics). */
  brightness: number;
  attack: Samples;
  /** Samples from the start to the beginning of the release. */
  hold: Samples;
  release: Samples;
  /** Time constant of an exponential decay while held (a pluck); Infinity for a sustained note. */
  decay: Samples;
}

/** Builds a note whose `end` is consistent with its envelope. */
export function toneNote(fields: Omit<ToneNote, 'end'>): ToneNote {
  return { ...fields, end: fields.start + fields.hold + fields.release };
}

/** Envelope at sample k of a note: linear attack, optional exponential decay, linear release to exactly zero. */
export function envelopeAt(note: ToneNote, k: Samples): number {
  const attack = k < note.attack ? k / note.attack : 1;
  const decay = note.decay === Infinity ? 1 : Math.exp(-k / note.decay);
  const release = k < note.hold ? 1 : Math.max(0, 1 - (k - note.hold) / note.release);
  return attack * decay * release;
}

/** Detuned unison: three oscillators a few cents apart, with fixed phase offsets so they never start in step. */
const PAD_DETUNE = [Math.pow(2, -9 / 1200), 1, Math.pow(2, 7 / 1200)] as const;
const PAD_PHASE = [0, 0.37, 0.71] as const;

export function addPadNote(out: Float64Array, outStart: Samples, lo: Samples, hi: Samples, note: ToneNote, tables: ToneTables, sampleRate: Hz): void {
  const table = tables.blend(note.brightness);
  const gain = note.gain / PAD_DETUNE.length;
  const inc0 = (note.freq * PAD_DETUNE[0]) / sampleRate;
  const inc1 = (note.freq * PAD_DETUNE[1]) / sampleRate;
  const inc2 = (note.freq * PAD_DETUNE[2]) / sampleRate;
  for (let i = lo; i < hi; i++) {
    const k = i - note.start;
    const sum = readTable(table, k * inc0 + PAD_PHASE[0]) + readTable(table, k * inc1 + PAD_PHASE[1]) + readTable(table, k * inc2 + PAD_PHASE[2]);
    const j = i - outStart;
    out[j] = (out[j] ?? 0) + gain * envelopeAt(note, k) * sum;
  }
}

/** Bass: the mellow table, brighter as `brightness` rises; the pluck's decay keeps it tight under the kick. */
export function addBassNote(out: Float64Array, outStart: Samples, lo: Samples, hi: Samples, note: ToneNote, tables: ToneTables, sampleRate: Hz): void {
  const table = tables.blend(note.brightness);
  const inc = note.freq / sampleRate;
  for (let i = lo; i < hi; i++) {
    const k = i - note.start;
    const j = i - outStart;
    out[j] = (out[j] ?? 0) + note.gain * envelopeAt(note, k) * readTable(table, k * inc);
  }
}
