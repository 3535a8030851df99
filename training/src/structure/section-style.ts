/**
 * How each section sounds, the way real arrangements differ: which drums play and how busy their pattern is,
 * which parts play, the register, the chord loop and the level. Per song some choices are drawn, so a label is
 * never one fixed sound.
 */
import type { Prng } from '@fractalsync/server/core/synth/prng';
import type { Instrument } from '../data/groove-spec.js';
import type { SectionLabel } from './section-labels.js';

export type BassLine = 'none' | 'roots' | 'pulse' | 'drive';
export type LoopName = 'home' | 'lift' | 'refrain' | 'contrast';

export interface SectionStyle {
  /** Drum instruments (a subset of kick, snare, hats); empty for none. */
  drums: Instrument[];
  /** Whether the drums use the song's busy pattern family rather than its plain one. */
  dense: boolean;
  bass: BassLine;
  /** Pad level (0 = none) and brightness; `rise` opens the pad up through the section (a build). */
  pad: { gain: number; brightness: number; rise: boolean };
  /** Lead arpeggio: notes per beat (0 = none). */
  lead: 0 | 2 | 4;
  /** Semitones added to pad and lead: where the section sits. */
  register: number;
  loop: LoopName;
  /** Section level in dB; the outro fades a further `fadeDb` to its end. */
  levelDb: number;
  fadeDb: number;
  /** A snare fill on the section's last beat(s) when the next section plays. */
  fill: boolean;
}

const SILENT: SectionStyle = { drums: [], dense: false, bass: 'none', pad: { gain: 0, brightness: 0, rise: false }, lead: 0, register: 0, loop: 'home', levelDb: -60, fadeDb: 0, fill: false };

/** One section's style; `rng` draws the per-song variations. */
export function drawStyle(label: SectionLabel, rng: Prng): SectionStyle {
  const jitter = (db: number): number => Math.round((db + (rng() - 0.5) * 3) * 10) / 10;
  switch (label) {
    case 'silence':
      return SILENT;
    case 'intro':
      return { ...SILENT, drums: rng() < 0.5 ? ['hats'] : [], bass: rng() < 0.5 ? 'roots' : 'none', pad: { gain: 0.9, brightness: 0.15, rise: false }, loop: 'home', levelDb: jitter(-9) };
    case 'verse':
      return { ...SILENT, drums: rng() < 0.5 ? ['kick', 'hats'] : ['kick', 'snare', 'hats'], bass: 'pulse', pad: { gain: 0.5, brightness: 0.3, rise: false }, loop: 'home', levelDb: jitter(-5), fill: rng() < 0.7 };
    case 'pre-chorus':
      return { ...SILENT, drums: ['kick', 'snare'], bass: 'drive', pad: { gain: 0.7, brightness: 0.3, rise: true }, register: 5, loop: 'lift', levelDb: jitter(-3), fill: true };
    case 'chorus':
      return { ...SILENT, drums: ['kick', 'snare', 'hats'], dense: true, bass: 'drive', pad: { gain: 0.8, brightness: 0.9, rise: false }, lead: 2, register: 12, loop: 'refrain', levelDb: jitter(0), fill: rng() < 0.6 };
    case 'bridge':
      return { ...SILENT, drums: rng() < 0.5 ? ['hats'] : ['kick', 'hats'], bass: 'roots', pad: { gain: 0.8, brightness: 0.5, rise: false }, register: -5, loop: 'contrast', levelDb: jitter(-7), fill: true };
    case 'inst':
      return { ...SILENT, drums: ['kick', 'snare', 'hats'], dense: true, bass: 'pulse', pad: { gain: 0.3, brightness: 0.6, rise: false }, lead: 4, register: 7, loop: rng() < 0.5 ? 'home' : 'contrast', levelDb: jitter(-2), fill: true };
    case 'outro':
      return { ...SILENT, drums: rng() < 0.5 ? ['hats'] : [], bass: 'roots', pad: { gain: 0.9, brightness: 0.2, rise: false }, loop: 'home', levelDb: jitter(-8), fadeDb: -14 };
  }
}
