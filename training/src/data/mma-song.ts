/**
 * Songs for MMA (Musical MIDI Accompaniment): a groove from its standard library (or several in turn, for a
 * meter change), a tempo with an optional ramp, and a seeded chord progression, one chord per bar.
 */
import { createPrng, hashSeed } from '@fractalsync/server/core/synth/prng';
import type { Bpm, Hz, Seconds } from '@fractalsync/server/core/units';
import type { SoundfontName } from './midi-render.js';

export interface MmaGrooveUse {
  /** Library file under MMA's lib dir, e.g. "stdlib/trance". */
  lib: string;
  /** Groove name defined there, e.g. "Trance". */
  groove: string;
  /** First bar (0-based) played with this groove. */
  fromBar: number;
  /** Beats per bar the groove should have; checked against the MIDI's time signature. */
  beatsPerBar: number;
}

export interface MmaSongSpec {
  style: string;
  seed: number;
  sampleRate: Hz;
  duration: Seconds;
  soundfont: SoundfontName;
  tempo: Bpm;
  /** A tempo ramp: MMA steps the tempo once per beat from `tempo` to `toBpm` over `overBeats` beats from bar `atBar`. */
  ramp?: { toBpm: Bpm; atBar: number; overBeats: number };
  grooves: readonly MmaGrooveUse[];
  bars: number;
}

const NOTE_NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B'] as const;

/** Progressions as [semitones above the key, chord suffix]. */
const PROGRESSIONS: readonly (readonly [number, string][])[] = [
  [[0, ''], [9, 'm'], [5, ''], [7, '']],
  [[2, 'm7'], [7, '7'], [0, 'maj7'], [0, 'maj7']],
  [[0, 'm'], [8, ''], [3, ''], [10, '']],
  [[0, ''], [5, ''], [0, ''], [7, '7']],
  [[0, 'm7'], [5, 'm7'], [10, '7'], [3, 'maj7']],
  [[0, ''], [7, ''], [9, 'm'], [5, '']],
];

/** The chord of each bar, drawn from the seed: a key and a progression, repeated. */
export function songChords(seed: number, bars: number): string[] {
  const rng = createPrng(hashSeed(seed, 0x3a3a));
  const key = Math.floor(rng() * 12);
  const progression = PROGRESSIONS[Math.floor(rng() * PROGRESSIONS.length)] ?? PROGRESSIONS[0] ?? [];
  return Array.from({ length: bars }, (_, bar) => {
    const [degree, suffix] = progression[bar % progression.length] ?? [0, ''];
    return `${NOTE_NAMES[(key + degree) % 12] ?? 'C'}${suffix}`;
  });
}

export function validateMmaSong(spec: MmaSongSpec): void {
  const where = `MMA song "${spec.style}" (seed ${spec.seed})`;
  if (!(spec.tempo >= 20 && spec.tempo <= 400)) throw new Error(`${where}: tempo ${spec.tempo} is out of range 20..400 BPM`);
  if (!Number.isInteger(spec.bars) || spec.bars < 1) throw new Error(`${where}: bars ${spec.bars} is invalid; expected an integer >= 1`);
  if (spec.grooves.length === 0 || spec.grooves[0]?.fromBar !== 0) throw new Error(`${where}: the first groove must start at bar 0`);
  spec.grooves.forEach((g, i) => {
    if (!/^[A-Za-z0-9_/-]+$/.test(g.lib) || !/^[A-Za-z0-9]+$/.test(g.groove)) throw new Error(`${where}: groove ${i} "${g.lib}" / "${g.groove}" has characters MMA cannot take`);
    const prev = spec.grooves[i - 1];
    if (prev !== undefined && g.fromBar <= prev.fromBar) throw new Error(`${where}: groove ${i} starts at bar ${g.fromBar}, not after groove ${i - 1} (bar ${prev.fromBar})`);
  });
  const ramp = spec.ramp;
  if (ramp !== undefined && (!Number.isInteger(ramp.atBar) || ramp.atBar < 0 || ramp.atBar >= spec.bars || !Number.isInteger(ramp.overBeats) || ramp.overBeats < 1)) {
    throw new Error(`${where}: ramp at bar ${ramp.atBar} over ${ramp.overBeats} beats is invalid; expected a bar in 0..${spec.bars - 1} and whole beats >= 1`);
  }
}

/** MMA source text of the song. RndSeed fixes MMA's own humanising randomness, so the MIDI is reproducible. */
export function mmaSource(spec: MmaSongSpec): string {
  validateMmaSong(spec);
  const chords = songChords(spec.seed, spec.bars);
  const lines = [`// ${spec.style}, seed ${spec.seed}: generated for the beat-tracking evaluation set`, `RndSeed ${spec.seed}`];
  for (const lib of new Set(spec.grooves.map((g) => g.lib))) lines.push(`Use ${lib}`);
  lines.push(`Tempo ${spec.tempo}`);
  chords.forEach((chord, bar) => {
    const groove = spec.grooves.find((g) => g.fromBar === bar);
    if (groove !== undefined) lines.push(`Groove ${groove.groove}`);
    if (spec.ramp !== undefined && spec.ramp.atBar === bar) lines.push(`Tempo ${spec.ramp.toBpm} ${spec.ramp.overBeats}`);
    lines.push(`${bar + 1} ${chord}`);
  });
  return `${lines.join('\n')}\n`;
}
