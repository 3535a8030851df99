/**
 * Bass, pad and lead of a generated song. The key stays; each section plays its own chord loop (restarting at the
 * section's first bar), bass line, register and lead, on the same beat grid as the drums.
 */
import { midiToHz } from '@fractalsync/server/core/synth/harmony';
import { addBassNote, addPadNote, toneNote } from '@fractalsync/server/core/synth/voices/tone';
import type { ToneNote } from '@fractalsync/server/core/synth/voices/tone';
import { ToneTables } from '@fractalsync/server/core/synth/wavetable';
import type { Hz } from '@fractalsync/server/core/units';
import type { GrooveGrid } from '../data/groove-grid.js';
import type { LoopName, SectionStyle } from './section-style.js';

interface Chord {
  degree: number;
  minor: boolean;
}
const c = (degree: number, minor = false): Chord => ({ degree, minor });

export const CHORD_LOOPS: Record<'major' | 'minor', Record<LoopName, readonly Chord[]>> = {
  major: { home: [c(0), c(9, true), c(5), c(7)], lift: [c(5), c(7), c(5), c(7)], refrain: [c(0), c(7), c(9, true), c(5)], contrast: [c(9, true), c(5), c(2, true), c(7)] },
  minor: { home: [c(0, true), c(8), c(3), c(10)], lift: [c(5, true), c(7, true), c(5, true), c(7)], refrain: [c(8), c(10), c(0, true), c(0, true)], contrast: [c(3), c(10), c(5, true), c(7)] },
};

export interface Tonality {
  key: number;
  mode: 'major' | 'minor';
}

/** Highest note any part plays (lead top: 64 + 11 + 12), so the tables stay below Nyquist. */
const HIGHEST_HZ: Hz = midiToHz(88);
const GAIN = { bass: 0.35, pad: 0.1, lead: 0.16 };

export interface SongParts {
  bass: Float64Array;
  pad: Float64Array;
  lead: Float64Array;
}

export function songParts(grid: GrooveGrid, styles: readonly SectionStyle[], barsPerSection: readonly number[], tonality: Tonality, sampleRate: Hz, length: number): SongParts {
  const sample = (beat: number): number => Math.round(grid.timeOfBeat(beat) * sampleRate);
  const sec = (s: number): number => Math.max(1, Math.round(s * sampleRate));
  const bass: ToneNote[] = [];
  const pad: ToneNote[] = [];
  const lead: ToneNote[] = [];
  for (const bar of grid.bars) {
    const style = styles[bar.section];
    if (style === undefined) continue;
    const loop = CHORD_LOOPS[tonality.mode][style.loop];
    const chord = loop[bar.barInSection % loop.length] ?? c(0);
    const root = (tonality.key + chord.degree) % 12;
    const n = bar.meter.beats;
    const at = (beat: number): number => bar.firstBeat + beat;
    const note = (start: number, end: number, midi: number, gain: number, brightness: number, decay: number, attack = 0.005, release = 0.04): ToneNote =>
      toneNote({ start: sample(start), freq: midiToHz(midi), gain, brightness, attack: sec(attack), hold: Math.max(1, sample(end) - sample(start)), release: sec(release), decay: decay === Infinity ? Infinity : sec(decay) });

    const steps = style.bass === 'roots' ? [0] : style.bass === 'pulse' ? range(n, 1) : style.bass === 'drive' ? range(n, 0.5) : [];
    const hold = style.bass === 'roots' ? n - 0.1 : style.bass === 'pulse' ? 0.8 : 0.4;
    steps.forEach((s, i) => {
      const octave = style.bass === 'drive' && i % 4 === 3 ? 12 : 0;
      bass.push(note(at(s), at(s + hold), 28 + root + octave, GAIN.bass, 0.3, style.bass === 'roots' ? Infinity : 0.3));
    });

    if (style.pad.gain > 0) {
      const bars = barsPerSection[bar.section] ?? 1;
      const progress = style.pad.rise ? bar.barInSection / Math.max(1, bars - 1) : 0;
      const brightness = style.pad.brightness + (1 - style.pad.brightness) * progress;
      const gain = GAIN.pad * style.pad.gain * (1 + 0.6 * progress);
      const triad = [0, chord.minor ? 3 : 4, 7];
      for (const t of triad) pad.push(note(at(0), at(n), 52 + root + style.register + t, gain, brightness, Infinity, 0.06, 0.3));
    }

    if (style.lead > 0) {
      // An arpeggio over the chord's tones, up then down, an octave above the pad.
      const tones = [0, chord.minor ? 3 : 4, 7, 12, 7, chord.minor ? 3 : 4];
      const step = 1 / style.lead;
      range(n, step).forEach((s, i) => {
        lead.push(note(at(s), at(s + step * 0.8), 64 + root + (tones[i % tones.length] ?? 0), GAIN.lead, 0.7, 0.15));
      });
    }
  }
  const tables = new ToneTables(sampleRate, HIGHEST_HZ);
  const render = (notes: readonly ToneNote[], add: typeof addBassNote): Float64Array => {
    const out = new Float64Array(length);
    for (const x of notes) if (x.start < length) add(out, 0, x.start, Math.min(x.end, length), x, tables, sampleRate);
    return out;
  };
  return { bass: render(bass, addBassNote), pad: render(pad, addPadNote), lead: render(lead, addBassNote) };
}

/** 0, step, 2·step, ... below n. */
function range(n: number, step: number): number[] {
  const out: number[] = [];
  for (let x = 0; x < n - 1e-9; x += step) out.push(x);
  return out;
}
