/**
 * What a procedural groove is made of. A spec is plain JSON: it goes into the manifest as the track's generator
 * record, and the same spec always renders the same samples.
 */
import type { Hz, Seconds } from '@fractalsync/server/core/units';
import type { TempoPoint } from './tempo-curve.js';

export const INSTRUMENTS = ['kick', 'snare', 'hats', 'bass', 'pad'] as const;
export type Instrument = (typeof INSTRUMENTS)[number];
export const DRUM_INSTRUMENTS: readonly Instrument[] = ['kick', 'snare', 'hats'];

export const PATTERN_FAMILIES = ['four-on-the-floor', 'drum-and-bass', 'hip-hop', 'waltz', 'grouped', 'march', 'backbeat'] as const;
export type PatternFamily = (typeof PATTERN_FAMILIES)[number];

export interface Meter {
  /** Beats per bar; the beat is the note value `unit` (7/8 counts seven eighth-note beats). */
  beats: number;
  unit: 4 | 8;
  /** Accent groups summing to `beats`, e.g. [2, 2, 3] for 7/8: kicks and accents fall on group starts. */
  groups: readonly number[];
}

export interface Section {
  bars: number;
  meter: Meter;
  instruments: readonly Instrument[];
}

export interface GrooveSpec {
  style: string;
  seed: number;
  sampleRate: Hz;
  duration: Seconds;
  /** Time of beat 0 (a downbeat); a lead-in so a track does not start exactly on a beat. */
  startOffset: Seconds;
  tempo: readonly TempoPoint[];
  /** Where the second sixteenth of each eighth falls, as a fraction of the eighth: 0.5 straight, 0.55–0.66 swung. */
  swing: number;
  family: PatternFamily;
  /** Played in order; the last section continues to the end of the track. */
  sections: readonly Section[];
}

/** A meter with default accent groups: 2+2 for 4/4, 3+2 for 5/4, 2+2+3 for 7/8, otherwise one group. */
export function meter(beats: number, unit: 4 | 8 = 4, groups?: readonly number[]): Meter {
  const defaults: Record<number, readonly number[]> = { 4: [2, 2], 5: [3, 2], 6: [3, 3], 7: [2, 2, 3] };
  return { beats, unit, groups: groups ?? defaults[beats] ?? [beats] };
}

export function hasDrums(section: Section): boolean {
  return section.instruments.some((i) => DRUM_INSTRUMENTS.includes(i));
}

/** Throws an error naming the first invalid field. */
export function validateGrooveSpec(spec: GrooveSpec): void {
  const where = `groove "${spec.style}" (seed ${spec.seed})`;
  if (!Number.isInteger(spec.seed) || spec.seed < 0) throw new Error(`${where}: seed ${spec.seed} is invalid; expected an integer >= 0`);
  if (!Number.isInteger(spec.sampleRate) || spec.sampleRate < 8000) throw new Error(`${where}: sampleRate ${spec.sampleRate} is invalid; expected an integer >= 8000`);
  if (!(spec.duration > 0)) throw new Error(`${where}: duration ${spec.duration} is invalid; expected seconds > 0`);
  if (!(spec.startOffset >= 0 && spec.startOffset < spec.duration)) {
    throw new Error(`${where}: startOffset ${spec.startOffset} is invalid; expected 0 <= startOffset < duration (${spec.duration})`);
  }
  if (!(spec.swing >= 0.5 && spec.swing < 0.75)) throw new Error(`${where}: swing ${spec.swing} is invalid; expected 0.5 (straight) up to 0.75`);
  if (!PATTERN_FAMILIES.includes(spec.family)) throw new Error(`${where}: family "${spec.family}" is unknown; expected one of ${PATTERN_FAMILIES.join(', ')}`);
  if (spec.sections.length === 0) throw new Error(`${where}: has no sections`);
  spec.sections.forEach((s, i) => {
    if (!Number.isInteger(s.bars) || s.bars < 1) throw new Error(`${where}: section ${i} bars ${s.bars} is invalid; expected an integer >= 1`);
    const m = s.meter;
    if (!Number.isInteger(m.beats) || m.beats < 1 || m.beats > 16) throw new Error(`${where}: section ${i} meter has ${m.beats} beats; expected 1 to 16`);
    const sum = m.groups.reduce((a, b) => a + b, 0);
    if (sum !== m.beats || m.groups.some((g) => !Number.isInteger(g) || g < 1)) {
      throw new Error(`${where}: section ${i} accent groups [${m.groups.join(', ')}] must be positive integers summing to ${m.beats}`);
    }
    const unknown = s.instruments.find((x) => !INSTRUMENTS.includes(x));
    if (unknown !== undefined) throw new Error(`${where}: section ${i} instrument "${unknown}" is unknown; expected ${INSTRUMENTS.join(', ')}`);
  });
}
