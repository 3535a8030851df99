/**
 * Bass and chord pad over a seeded chord progression, one chord per bar, so every groove is music and bars are
 * audible from harmony too. Notes start on the same exact beat grid as the drums.
 */
import { midiToHz } from '@fractalsync/server/core/synth/harmony';
import type { Prng } from '@fractalsync/server/core/synth/prng';
import { toneNote } from '@fractalsync/server/core/synth/voices/tone';
import type { ToneNote } from '@fractalsync/server/core/synth/voices/tone';
import type { Hz } from '@fractalsync/server/core/units';
import type { GridBar, GrooveGrid } from './groove-grid.js';
import type { PatternFamily } from './groove-spec.js';
import type { Timbre } from './timbre.js';

interface Chord {
  /** Semitones above the key's root. */
  degree: number;
  minor: boolean;
}

const PROGRESSIONS: readonly (readonly Chord[])[] = [
  [{ degree: 0, minor: true }, { degree: 8, minor: false }, { degree: 3, minor: false }, { degree: 10, minor: false }],
  [{ degree: 0, minor: false }, { degree: 7, minor: false }, { degree: 9, minor: true }, { degree: 5, minor: false }],
  [{ degree: 0, minor: true }, { degree: 5, minor: true }, { degree: 7, minor: true }, { degree: 0, minor: true }],
  [{ degree: 0, minor: false }, { degree: 5, minor: false }, { degree: 0, minor: false }, { degree: 7, minor: false }],
  [{ degree: 0, minor: true }, { degree: 10, minor: false }, { degree: 8, minor: false }, { degree: 10, minor: false }],
];

/** Highest pad note (MIDI 52 + 11 + 7), so the tone tables stay below Nyquist. */
export const HIGHEST_TONE_HZ: Hz = midiToHz(70);

/** Bass steps within a bar: start and held length in beats, and a shift in semitones (12 = an octave up). */
interface BassStep {
  at: number;
  hold: number;
  shift: number;
}

function bassSteps(family: PatternFamily, bar: GridBar): BassStep[] {
  const n = bar.meter.beats;
  const groupSteps = (): BassStep[] => {
    let at = 0;
    return bar.meter.groups.map((g) => {
      const step = { at, hold: g - 0.15, shift: 0 };
      at += g;
      return step;
    });
  };
  if (!bar.drums) return [{ at: 0, hold: n - 0.05, shift: 0 }];
  if (n !== 4 && (family === 'four-on-the-floor' || family === 'drum-and-bass' || family === 'hip-hop')) return groupSteps();
  switch (family) {
    case 'four-on-the-floor':
      return [0, 1, 2, 3].map((b) => ({ at: b + 0.5, hold: 0.4, shift: b === 3 ? 12 : 0 }));
    case 'drum-and-bass':
      return [
        { at: 0, hold: 2.4, shift: 0 },
        { at: 2.5, hold: 1.4, shift: 0 },
      ];
    case 'hip-hop':
      return [
        { at: 0, hold: 0.7, shift: 0 },
        { at: 2.5, hold: 0.45, shift: 0 },
        { at: 3.25, hold: 0.3, shift: 12 },
      ];
    case 'waltz':
      return [{ at: 0, hold: 0.9, shift: 0 }];
    case 'march':
      return Array.from({ length: n }, (_, b) => ({ at: b, hold: 0.45, shift: b % 2 === 1 ? 7 : 0 }));
    case 'grouped':
    case 'backbeat':
      return groupSteps();
  }
}

export interface TonalNotes {
  bass: ToneNote[];
  pad: ToneNote[];
}

/** Bass and pad notes of every bar that has them; `position` maps a straight beat position to its swung one. */
export function tonalNotes(
  family: PatternFamily,
  grid: GrooveGrid,
  timbre: Timbre,
  rng: Prng,
  sampleRate: Hz,
  position: (at: number) => number,
): TonalNotes {
  const key = Math.floor(rng() * 12);
  const progression = PROGRESSIONS[Math.floor(rng() * PROGRESSIONS.length)] ?? PROGRESSIONS[0] ?? [];
  const sample = (beat: number): number => Math.round(grid.timeOfBeat(beat) * sampleRate);
  const out: TonalNotes = { bass: [], pad: [] };
  for (const bar of grid.bars) {
    const chord = progression[bar.index % progression.length] ?? { degree: 0, minor: true };
    const rootClass = (key + chord.degree) % 12;
    if (bar.instruments.includes('bass')) {
      for (const step of bassSteps(family, bar)) {
        const start = sample(bar.firstBeat + position(step.at));
        const end = sample(bar.firstBeat + position(step.at) + step.hold);
        out.bass.push(
          toneNote({
            start,
            freq: midiToHz(28 + rootClass + step.shift),
            gain: timbre.levels.bass,
            brightness: timbre.bassBrightness,
            attack: Math.round(0.004 * sampleRate),
            hold: end - start,
            release: Math.round(0.03 * sampleRate),
            decay: bar.drums && family !== 'drum-and-bass' ? timbre.bassDecay * sampleRate : Infinity,
          }),
        );
      }
    }
    if (bar.instruments.includes('pad')) out.pad.push(...padNotes(family, bar, 52 + rootClass, chord.minor, timbre, sample, sampleRate));
  }
  return out;
}

function padNotes(family: PatternFamily, bar: GridBar, root: number, minor: boolean, timbre: Timbre, sample: (beat: number) => number, sampleRate: Hz): ToneNote[] {
  const triad = [root, root + (minor ? 3 : 4), root + 7];
  // A waltz's pad plays "oom-pah-pah" stabs on beats 2 and 3; elsewhere it holds the chord through the bar.
  const spans = family === 'waltz' && bar.drums ? [1, 2].filter((b) => b < bar.meter.beats).map((b) => ({ at: b, hold: 0.5 })) : [{ at: 0, hold: bar.meter.beats }];
  return spans.flatMap((span) =>
    triad.map((note) => {
      const start = sample(bar.firstBeat + span.at);
      return toneNote({
        start,
        freq: midiToHz(note),
        gain: timbre.levels.pad,
        brightness: timbre.padBrightness,
        attack: Math.round((span.hold < 1 ? 0.01 : timbre.padAttack) * sampleRate),
        hold: sample(bar.firstBeat + span.at + span.hold) - start,
        release: Math.round(0.25 * sampleRate),
        decay: Infinity,
      });
    }),
  );
}
