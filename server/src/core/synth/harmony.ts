/**
 * The chord loop (Am - F - C - G, one chord per bar) and the pad and bass notes each section plays over it.
 * Notes start on the beat grid like the drums; their tails may ring into the next bar.
 */
import type { Bpm, Hz } from '../units.js';
import { BEATS_PER_BAR, beatTime, sampleAt } from './timeline.js';
import type { SectionSpan } from './timeline.js';
import { toneNote } from './voices/tone.js';
import type { ToneNote } from './voices/tone.js';

/** MIDI note numbers: pad voicing (three notes) and bass root of each chord. */
const CHORDS: readonly { pad: readonly number[]; root: number }[] = [
  { pad: [57, 60, 64], root: 33 }, // A minor
  { pad: [57, 60, 65], root: 29 }, // F major
  { pad: [55, 60, 64], root: 36 }, // C major
  { pad: [55, 59, 62], root: 31 }, // G major
];

/** The highest pad note, so wavetables can stay below Nyquist. */
export const HIGHEST_PAD_HZ: Hz = midiToHz(65);

export function midiToHz(note: number): Hz {
  return 440 * Math.pow(2, (note - 69) / 12);
}

interface PadStyle {
  gain: number;
  brightness: number;
  attackS: number;
  releaseS: number;
}

interface BassStep {
  /** Start within the bar, in beats. */
  at: number;
  octave: number;
}

interface BassStyle {
  steps: readonly BassStep[];
  /** Held length in beats; a whole bar for the breakdown's sustained notes. */
  holdBeats: number;
  gain: number;
  brightness: number;
  attackS: number;
  releaseS: number;
  decayS: number;
}

const PAD: Record<SectionSpan['name'], PadStyle> = {
  intro: { gain: 0.1, brightness: 0.15, attackS: 0.5, releaseS: 0.6 },
  verse: { gain: 0.065, brightness: 0.35, attackS: 0.08, releaseS: 0.4 },
  build: { gain: 0.08, brightness: 0.35, attackS: 0.05, releaseS: 0.3 },
  drop: { gain: 0.13, brightness: 1, attackS: 0.02, releaseS: 0.3 },
  breakdown: { gain: 0.09, brightness: 0.1, attackS: 0.6, releaseS: 0.9 },
};

/** The same steps (offsets within a beat) repeated on each beat of the bar. */
function everyBeat(steps: readonly BassStep[]): BassStep[] {
  return Array.from({ length: BEATS_PER_BAR }, (_, beat) => steps.map((s) => ({ at: beat + s.at, octave: s.octave }))).flat();
}

/** House bass on the off-beat; straight eighths; a rolling line that leaves each beat to the kick. */
const OFFBEAT = everyBeat([{ at: 0.5, octave: 0 }]);
const EIGHTHS = everyBeat([
  { at: 0, octave: 0 },
  { at: 0.5, octave: 0 },
]);
const ROLLING = everyBeat([
  { at: 0.25, octave: 0 },
  { at: 0.5, octave: 1 },
  { at: 0.75, octave: 0 },
]);

const BASS: Partial<Record<SectionSpan['name'], BassStyle>> = {
  verse: { steps: OFFBEAT, holdBeats: 0.35, gain: 0.25, brightness: 0.35, attackS: 0.004, releaseS: 0.03, decayS: 0.15 },
  build: { steps: EIGHTHS, holdBeats: 0.3, gain: 0.26, brightness: 0.45, attackS: 0.004, releaseS: 0.03, decayS: 0.12 },
  drop: { steps: ROLLING, holdBeats: 0.2, gain: 0.36, brightness: 0.5, attackS: 0.003, releaseS: 0.025, decayS: 0.12 },
  breakdown: { steps: [{ at: 0, octave: 0 }], holdBeats: BEATS_PER_BAR, gain: 0.2, brightness: 0.1, attackS: 0.15, releaseS: 0.35, decayS: Infinity },
};

function chordOfBar(bar: number): { pad: readonly number[]; root: number } {
  const chord = CHORDS[bar % CHORDS.length];
  if (chord === undefined) throw new Error(`no chord for bar ${bar} (the loop has ${CHORDS.length} chords)`);
  return chord;
}

/** Pad and bass notes for the whole pass. */
export function harmony(spans: readonly SectionSpan[], bpm: Bpm, sampleRate: Hz): { pad: ToneNote[]; bass: ToneNote[] } {
  const pad: ToneNote[] = [];
  const bass: ToneNote[] = [];
  const samples = (seconds: number): number => Math.max(1, Math.round(seconds * sampleRate));
  const barSamples = (bar: number): number => sampleAt(beatTime(bar * BEATS_PER_BAR, bpm), sampleRate);
  for (const span of spans) {
    const padStyle = PAD[span.name];
    const bassStyle = BASS[span.name];
    for (let bar = span.startBar; bar < span.startBar + span.bars; bar++) {
      const chord = chordOfBar(bar);
      // In the build the pad opens up bar by bar toward the drop's brightness.
      const rise = span.name === 'build' ? (bar - span.startBar) / span.bars : 0;
      const start = barSamples(bar);
      for (const note of chord.pad) {
        pad.push(
          toneNote({
            start,
            freq: midiToHz(note),
            gain: padStyle.gain * (1 + 0.5 * rise),
            brightness: padStyle.brightness + (1 - padStyle.brightness) * rise,
            attack: samples(padStyle.attackS),
            hold: barSamples(bar + 1) - start,
            release: samples(padStyle.releaseS),
            decay: Infinity,
          }),
        );
      }
      if (bassStyle === undefined) continue;
      for (const step of bassStyle.steps) {
        const beat = bar * BEATS_PER_BAR + step.at;
        const noteStart = sampleAt(beatTime(beat, bpm), sampleRate);
        bass.push(
          toneNote({
            start: noteStart,
            freq: midiToHz(chord.root + 12 * step.octave),
            gain: bassStyle.gain,
            brightness: bassStyle.brightness + (1 - bassStyle.brightness) * rise * 0.5,
            attack: samples(bassStyle.attackS),
            hold: sampleAt(beatTime(beat + bassStyle.holdBeats, bpm), sampleRate) - noteStart,
            release: samples(bassStyle.releaseS),
            decay: bassStyle.decayS === Infinity ? Infinity : samples(bassStyle.decayS),
          }),
        );
      }
    }
  }
  return { pad, bass };
}
