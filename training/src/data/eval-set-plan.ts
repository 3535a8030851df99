/**
 * The evaluation set, track by track: every procedural family at two tempi (55–215 BPM overall, meters 2, 3, 4, 5
 * and 7, a ramp each way, breakdowns, meter changes) and MMA songs in several grooves and meters. Seeds come from
 * EVAL_SEEDS in a fixed order, so the plan (and the set) is the same on every machine.
 */
import { createPrng, hashSeed } from '@fractalsync/server/core/synth/prng';
import type { Bpm, Seconds } from '@fractalsync/server/core/units';
import { EVAL_SEEDS } from './eval-seeds.js';
import { meter } from './groove-spec.js';
import type { GrooveSpec, Instrument, PatternFamily, Section } from './groove-spec.js';
import type { MmaGrooveUse, MmaSongSpec } from './mma-song.js';
import type { SoundfontName } from './midi-render.js';
import { TempoCurve } from './tempo-curve.js';
import type { TempoPoint } from './tempo-curve.js';

export const SAMPLE_RATE = 48000;
const ALL: readonly Instrument[] = ['kick', 'snare', 'hats', 'bass', 'pad'];
const TONAL: readonly Instrument[] = ['bass', 'pad'];
/** Bars enough for any track: the last section continues to the end. */
const REST = 999;

export type PlannedTrack = { kind: 'groove'; id: string; spec: GrooveSpec } | { kind: 'mma'; id: string; spec: MmaSongSpec };

interface GrooveEntry {
  name: string;
  style: string;
  family: PatternFamily;
  bpm: Bpm;
  swing?: number;
  sections: readonly Section[];
  /** A DJ-style ramp from `bpm` to `toBpm` over 16 bars of 4/4, after 2 bars. */
  toBpm?: Bpm;
}

const four = meter(4);
const GROOVES: readonly GrooveEntry[] = [
  { name: 'house', style: 'four-on-the-floor', family: 'four-on-the-floor', bpm: 122, sections: [{ bars: REST, meter: four, instruments: ALL }] },
  {
    name: 'house',
    style: 'four-on-the-floor',
    family: 'four-on-the-floor',
    bpm: 130,
    sections: [
      { bars: 2, meter: four, instruments: ['hats', 'bass', 'pad'] },
      { bars: REST, meter: four, instruments: ALL },
    ],
  },
  { name: 'dnb', style: 'drum-and-bass', family: 'drum-and-bass', bpm: 168, sections: [{ bars: REST, meter: four, instruments: ALL }] },
  { name: 'dnb', style: 'drum-and-bass', family: 'drum-and-bass', bpm: 176, sections: [{ bars: REST, meter: four, instruments: ALL }] },
  { name: 'hiphop', style: 'swung-hip-hop', family: 'hip-hop', bpm: 84, swing: 0.58, sections: [{ bars: REST, meter: four, instruments: ALL }] },
  { name: 'hiphop', style: 'swung-hip-hop', family: 'hip-hop', bpm: 95, swing: 0.65, sections: [{ bars: REST, meter: four, instruments: ALL }] },
  { name: 'waltz', style: 'waltz-3-4', family: 'waltz', bpm: 96, sections: [{ bars: REST, meter: meter(3), instruments: ALL }] },
  { name: 'waltz', style: 'waltz-3-4', family: 'waltz', bpm: 174, sections: [{ bars: REST, meter: meter(3), instruments: ALL }] },
  { name: 'seven-eight', style: 'seven-eight', family: 'grouped', bpm: 186, sections: [{ bars: REST, meter: meter(7, 8), instruments: ALL }] },
  { name: 'seven-eight', style: 'seven-eight', family: 'grouped', bpm: 212, sections: [{ bars: REST, meter: meter(7, 8), instruments: ALL }] },
  { name: 'five-four', style: 'five-four', family: 'grouped', bpm: 60, sections: [{ bars: REST, meter: meter(5), instruments: ALL }] },
  { name: 'five-four', style: 'five-four', family: 'grouped', bpm: 132, sections: [{ bars: REST, meter: meter(5), instruments: ALL }] },
  { name: 'march', style: 'two-four-march', family: 'march', bpm: 112, sections: [{ bars: REST, meter: meter(2), instruments: ALL }] },
  { name: 'march', style: 'two-four-march', family: 'march', bpm: 208, sections: [{ bars: REST, meter: meter(2), instruments: ALL }] },
  { name: 'ramp', style: 'tempo-ramp', family: 'four-on-the-floor', bpm: 120, toBpm: 128, sections: [{ bars: REST, meter: four, instruments: ALL }] },
  { name: 'ramp', style: 'tempo-ramp', family: 'four-on-the-floor', bpm: 132, toBpm: 124, sections: [{ bars: REST, meter: four, instruments: ALL }] },
  ...[
    { bpm: 124, family: 'four-on-the-floor' as const },
    { bpm: 172, family: 'drum-and-bass' as const },
  ].map(({ bpm, family }) => ({
    name: 'breakdown',
    style: 'breakdown',
    family,
    bpm,
    sections: [
      { bars: 4, meter: four, instruments: ALL },
      { bars: 8, meter: four, instruments: TONAL },
      { bars: REST, meter: four, instruments: ALL },
    ],
  })),
  {
    name: 'meter-change',
    style: 'meter-change',
    family: 'backbeat',
    bpm: 112,
    sections: [
      { bars: 8, meter: four, instruments: ALL },
      { bars: REST, meter: meter(3), instruments: ALL },
    ],
  },
  {
    name: 'meter-change',
    style: 'meter-change',
    family: 'backbeat',
    bpm: 150,
    sections: [
      { bars: 6, meter: four, instruments: ALL },
      { bars: 6, meter: meter(3), instruments: ALL },
      { bars: REST, meter: four, instruments: ALL },
    ],
  },
];

/** Tempo points of a ramp over 16 bars of 4/4 after 2 bars: 64 beats take 64·120 / (from + to) seconds. */
export function rampPoints(startOffset: Seconds, from: Bpm, to: Bpm): TempoPoint[] {
  const start = startOffset + (8 * 60) / from;
  return [
    { time: 0, bpm: from },
    { time: start, bpm: from },
    { time: start + (64 * 120) / (from + to), bpm: to },
  ];
}

function grooveTrack(entry: GrooveEntry, seed: number, seconds: Seconds): PlannedTrack {
  const rng = createPrng(hashSeed(seed, 0x0ff5));
  const startOffset = Math.round((0.1 + 0.8 * rng()) * 1000) / 1000;
  const tempo = entry.toBpm === undefined ? [{ time: 0, bpm: entry.bpm }] : rampPoints(startOffset, entry.bpm, entry.toBpm);
  // A ramp track runs two bars past the ramp's end, even when that is longer than `seconds`.
  const rampEnd = entry.toBpm === undefined ? 0 : Math.ceil(new TempoCurve(tempo).timeAtPhase(new TempoCurve(tempo).phaseAt(startOffset) + 80) + 0.5);
  const spec: GrooveSpec = {
    style: entry.style,
    seed,
    sampleRate: SAMPLE_RATE,
    duration: Math.max(seconds, rampEnd),
    startOffset,
    tempo,
    swing: entry.swing ?? 0.5,
    family: entry.family,
    sections: entry.sections,
  };
  const tempoName = entry.toBpm === undefined ? `${entry.bpm}` : `${entry.bpm}-${entry.toBpm}`;
  return { kind: 'groove', id: `${entry.name}-${tempoName}-clean-s${seed}`, spec };
}

interface MmaEntry {
  grooves: readonly Omit<MmaGrooveUse, 'fromBar'>[];
  tempo: Bpm;
  soundfont: SoundfontName;
  /** Bar where the second groove starts (a meter change). */
  switchBar?: number;
  ramp?: { toBpm: Bpm; atBar: number; overBeats: number };
}

const use = (lib: string, groove: string, beatsPerBar: number): Omit<MmaGrooveUse, 'fromBar'> => ({ lib: `stdlib/${lib}`, groove, beatsPerBar });
const MMA: readonly MmaEntry[] = [
  { grooves: [use('trance', 'Trance', 4)], tempo: 136, soundfont: 'FluidR3_GM' },
  { grooves: [use('swing', 'Swing', 4)], tempo: 152, soundfont: 'TimGM6mb' },
  { grooves: [use('bossanova', 'BossaNova', 4)], tempo: 126, soundfont: 'TimGM6mb' },
  { grooves: [use('jazzwaltz', 'JazzWaltz', 3)], tempo: 168, soundfont: 'FluidR3_GM' },
  { grooves: [use('waltz', 'Waltz', 3)], tempo: 92, soundfont: 'TimGM6mb' },
  { grooves: [use('jazz-54', 'Jazz54', 5)], tempo: 144, soundfont: 'FluidR3_GM' },
  { grooves: [use('rock-128', 'Rock128', 4)], tempo: 66, soundfont: 'FluidR3_GM' },
  { grooves: [use('samba', 'Samba', 4)], tempo: 100, soundfont: 'TimGM6mb' },
  { grooves: [use('8beat', '8Beat', 4)], tempo: 112, soundfont: 'FluidR3_GM', ramp: { toBpm: 122, atBar: 4, overBeats: 32 } },
  { grooves: [use('8beat', '8Beat', 4), use('waltz', 'Waltz', 3)], tempo: 120, soundfont: 'TimGM6mb', switchBar: 8 },
];

function mmaTrack(entry: MmaEntry, seed: number, seconds: Seconds): PlannedTrack {
  const grooves = entry.grooves.map((g, i) => ({ ...g, fromBar: i === 0 ? 0 : (entry.switchBar ?? 0) }));
  const slowest = Math.min(entry.tempo, entry.ramp?.toBpm ?? entry.tempo);
  const fewestBeats = Math.min(...grooves.map((g) => g.beatsPerBar));
  // Enough bars to outlast the track at its slowest tempo and shortest bar; the render is cut at `seconds`.
  const bars = Math.max((entry.switchBar ?? 0) + 1, Math.ceil(((seconds + 2) * slowest) / 60 / fewestBeats));
  const names = entry.grooves.map((g) => g.groove);
  const spec: MmaSongSpec = {
    style: `mma:${names.join('+')}`,
    seed,
    sampleRate: SAMPLE_RATE,
    duration: seconds,
    soundfont: entry.soundfont,
    tempo: entry.tempo,
    grooves,
    bars,
    ...(entry.ramp === undefined ? {} : { ramp: entry.ramp }),
  };
  const tempoName = entry.ramp === undefined ? `${entry.tempo}` : `${entry.tempo}-${entry.ramp.toBpm}`;
  return { kind: 'mma', id: `mma-${names.join('-').toLowerCase()}-${tempoName}-clean-s${seed}`, spec };
}

/** Every clean track of the evaluation set; each also gets a room variant when built. */
export function evalSetPlan(seconds: Seconds): PlannedTrack[] {
  if (!(seconds >= 4 && seconds <= 600)) throw new Error(`track length ${seconds} s is out of range; expected 4 to 600 seconds`);
  const grooves = GROOVES.map((entry, i) => grooveTrack(entry, EVAL_SEEDS.procedural.first + i, seconds));
  const songs = MMA.map((entry, i) => mmaTrack(entry, EVAL_SEEDS.mma.first + i, seconds));
  return [...grooves, ...songs];
}

/** Seeds of the development set (for tuning): outside the evaluation block, so never the same tracks. */
export const DEV_SEEDS = { procedural: 100_000, mma: 101_000 } as const;
/**
 * The development set plays the same families at other tempi, so tuning never sees an evaluation tempo: ×0.93
 * (dev-v1), and each further copy at the next factor with its own seeds. All stay within 55-215 BPM.
 */
export const DEV_TEMPI = [0.93, 0.96, 0.98, 0.95, 0.97, 0.945, 0.92, 0.965] as const;

/**
 * The development set: the evaluation families with other seeds and tempi, to tune on while eval-v1 stays held
 * out. `copies` > 1 adds the families again at the next tempo factors and seeds: the tracker's result on one track
 * can flip with a small change, so choosing between close settings needs more tracks than one copy has.
 */
export function devSetPlan(seconds: Seconds, copies = 1): PlannedTrack[] {
  if (!(seconds >= 4 && seconds <= 600)) throw new Error(`track length ${seconds} s is out of range; expected 4 to 600 seconds`);
  if (!(Number.isInteger(copies) && copies >= 1 && copies <= DEV_TEMPI.length)) throw new Error(`development set copies ${copies} is invalid; expected a whole number from 1 to ${DEV_TEMPI.length}`);
  return DEV_TEMPI.slice(0, copies).flatMap((factor, copy) => {
    const scale = (bpm: Bpm): Bpm => Math.round(bpm * factor);
    const grooves = GROOVES.map((entry, i) =>
      grooveTrack({ ...entry, bpm: scale(entry.bpm), ...(entry.toBpm === undefined ? {} : { toBpm: scale(entry.toBpm) }) }, DEV_SEEDS.procedural + copy * GROOVES.length + i, seconds),
    );
    const songs = MMA.map((entry, i) =>
      mmaTrack({ ...entry, tempo: scale(entry.tempo), ...(entry.ramp === undefined ? {} : { ramp: { ...entry.ramp, toBpm: scale(entry.ramp.toBpm) } }) }, DEV_SEEDS.mma + copy * MMA.length + i, seconds),
    );
    return [...grooves, ...songs];
  });
}
