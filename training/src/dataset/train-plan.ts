/**
 * The training set, track by track, drawn from one seed: procedural grooves in song forms (named sections, meter
 * changes, ramps, breakdowns) and MMA songs with a verse/chorus form, FluidR3 only, since eval-v1 also uses
 * TimGM6mb. Seeds come from TRAIN_SEEDS, outside the evaluation block; ids carry "-train-".
 */
import { createPrng, hashSeed } from '@fractalsync/server/core/synth/prng';
import type { Prng } from '@fractalsync/server/core/synth/prng';
import type { Bpm, Seconds } from '@fractalsync/server/core/units';
import { assertTrainingSeed } from '../data/eval-seeds.js';
import { SAMPLE_RATE, rampPoints } from '../data/eval-set-plan.js';
import { meter } from '../data/groove-spec.js';
import type { GrooveSpec, Instrument, Meter, PatternFamily, Section } from '../data/groove-spec.js';
import type { MmaSongSpec } from '../data/mma-song.js';
import { drawAugment } from './augment.js';
import type { AugmentSpec } from './augment.js';

/** Training seeds: beside dev-v1 (100000+) and far from eval (900000+). */
export const TRAIN_SEEDS = { procedural: 200_000, mma: 210_000 } as const;

export type TrainTrack =
  | { kind: 'groove'; id: string; spec: GrooveSpec; sectionNames: string[]; augment: AugmentSpec }
  | { kind: 'mma'; id: string; spec: MmaSongSpec; sectionNames: string[]; augment: AugmentSpec };

const ALL: readonly Instrument[] = ['kick', 'snare', 'hats', 'bass', 'pad'];
const REST = 999;

interface FamilyUse {
  family: PatternFamily;
  meters: readonly Meter[];
  bpm: [Bpm, Bpm];
  swing?: [number, number];
}
const FAMILIES: readonly FamilyUse[] = [
  { family: 'four-on-the-floor', meters: [meter(4)], bpm: [110, 140] },
  { family: 'drum-and-bass', meters: [meter(4)], bpm: [160, 180] },
  { family: 'hip-hop', meters: [meter(4)], bpm: [75, 100], swing: [0.5, 0.66] },
  { family: 'waltz', meters: [meter(3)], bpm: [80, 190] },
  { family: 'grouped', meters: [meter(5), meter(7, 8), meter(6, 8, [3, 3]), meter(7, 8, [3, 2, 2])], bpm: [60, 220] },
  { family: 'march', meters: [meter(2)], bpm: [100, 210] },
  { family: 'backbeat', meters: [meter(4), meter(3)], bpm: [70, 160] },
];

const pick = <T>(rng: Prng, items: readonly T[]): T => {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
};
const between = (rng: Prng, [lo, hi]: readonly [number, number]): number => lo + (hi - lo) * rng();

/** A song form: intro (no kick), verses and choruses, a breakdown without drums, a last chorus to the end. */
function grooveForm(rng: Prng, main: Meter, other: Meter | undefined): { sections: Section[]; names: string[] } {
  const intro: readonly Instrument[] = rng() < 0.5 ? ['hats', 'bass', 'pad'] : ['pad', 'bass'];
  const bars = (): number => pick(rng, [4, 8]);
  const sections: Section[] = [
    { bars: pick(rng, [2, 4]), meter: main, instruments: intro },
    { bars: bars(), meter: main, instruments: rng() < 0.5 ? ALL : ['kick', 'hats', 'bass', 'pad'] },
    { bars: bars(), meter: other ?? main, instruments: ALL },
    { bars: pick(rng, [2, 4]), meter: main, instruments: ['bass', 'pad'] },
    { bars: REST, meter: main, instruments: ALL },
  ];
  return { sections, names: ['intro', 'verse', other === undefined ? 'chorus' : 'bridge', 'inst', 'chorus'] };
}

function grooveTrack(seed: number, seconds: Seconds): TrainTrack {
  assertTrainingSeed(seed);
  const rng = createPrng(hashSeed(seed, 0x7a11));
  const use = pick(rng, FAMILIES);
  const main = pick(rng, use.meters);
  const other = rng() < 0.25 ? pick(rng, [meter(3), meter(4), meter(5)].filter((m) => m.beats !== main.beats)) : undefined;
  const bpm = Math.round(between(rng, use.bpm));
  const startOffset = Math.round((0.05 + 0.9 * rng()) * 1000) / 1000;
  const ramp = main.beats === 4 && rng() < 0.2 ? Math.round(bpm * (rng() < 0.5 ? 0.93 : 1.07)) : undefined;
  const { sections, names } = grooveForm(rng, main, other);
  const spec: GrooveSpec = {
    style: `${use.family}-${main.beats}-${main.unit}`,
    seed,
    sampleRate: SAMPLE_RATE,
    duration: seconds,
    startOffset,
    tempo: ramp === undefined ? [{ time: 0, bpm }] : rampPoints(startOffset, bpm, ramp),
    swing: use.swing === undefined ? 0.5 : Math.round(between(rng, use.swing) * 100) / 100,
    family: use.family,
    sections,
  };
  const id = `${use.family}-${main.beats}-${main.unit}-${bpm}-train-s${seed}`;
  return { kind: 'groove', id, spec, sectionNames: names, augment: drawAugment(seed) };
}

/** MMA grooves not used by eval-v1, each with a plain and a fuller variant for verse and chorus. */
const MMA_GROOVES: readonly { lib: string; verse: string; chorus: string; beats: number; bpm: [Bpm, Bpm] }[] = [
  { lib: 'basicrock', verse: 'BasicRock', chorus: 'BasicRockSus', beats: 4, bpm: [100, 150] },
  { lib: 'ballad', verse: 'Ballad', chorus: 'BalladSus', beats: 4, bpm: [60, 90] },
  { lib: 'folk', verse: 'Folk', chorus: 'FolkWalk', beats: 4, bpm: [90, 130] },
  { lib: 'bluegrass', verse: 'BlueGrass', chorus: 'BlueGrassClap', beats: 4, bpm: [120, 180] },
  { lib: 'beguine', verse: 'Beguine', chorus: 'BeguineSus', beats: 4, bpm: [100, 130] },
  { lib: 'chacha', verse: 'ChaCha', chorus: 'ChaCha1', beats: 4, bpm: [110, 130] },
  { lib: 'mambo', verse: 'Mambo', chorus: 'Mambo1', beats: 4, bpm: [150, 200] },
  { lib: 'polka', verse: 'Polka', chorus: 'PolkaSus', beats: 4, bpm: [100, 140] },
  { lib: 'ska', verse: 'Ska', chorus: 'Ska1', beats: 4, bpm: [100, 160] },
  { lib: 'jive', verse: 'Jive', chorus: 'JiveClap', beats: 4, bpm: [140, 180] },
  { lib: '50srock', verse: '50sRock', chorus: '50sRockSus', beats: 4, bpm: [130, 180] },
  { lib: 'popballad', verse: 'PopBallad', chorus: 'PopBallad1', beats: 4, bpm: [65, 95] },
  { lib: 'countrywaltz', verse: 'CountryWaltz', chorus: 'CountryWaltzSus', beats: 3, bpm: [90, 150] },
  { lib: 'rockwaltz', verse: 'RockWaltz', chorus: 'RockWaltzSus', beats: 3, bpm: [120, 180] },
  { lib: 'frenchwaltz', verse: 'FrenchWaltz', chorus: 'FrenchWaltzSus', beats: 3, bpm: [140, 190] },
];

function mmaTrack(seed: number, seconds: Seconds): TrainTrack {
  assertTrainingSeed(seed);
  const rng = createPrng(hashSeed(seed, 0x7a12));
  const g = pick(rng, MMA_GROOVES);
  const tempo = Math.round(between(rng, g.bpm));
  const bars = Math.ceil(((seconds + 2) * tempo) / 60 / g.beats);
  const length = pick(rng, [4, 8]);
  // Verse, chorus, verse, ...: one groove switch every `length` bars (the switches carry the section names).
  const count = Math.max(1, Math.ceil(bars / length));
  const grooves = Array.from({ length: count }, (_, i) => ({ lib: `stdlib/${g.lib}`, groove: i % 2 === 0 ? g.verse : g.chorus, beatsPerBar: g.beats, fromBar: i * length }));
  const spec: MmaSongSpec = { style: `mma:${g.verse}`, seed, sampleRate: SAMPLE_RATE, duration: seconds, soundfont: 'FluidR3_GM', tempo, grooves, bars: Math.max(bars, 1) };
  const names = grooves.map((_, i) => (i % 2 === 0 ? 'verse' : 'chorus'));
  return { kind: 'mma', id: `mma-${g.verse.toLowerCase()}-${tempo}-train-s${seed}`, spec, sectionNames: names, augment: drawAugment(seed) };
}

export interface TrainPlanOptions {
  grooves: number;
  songs: number;
  seconds: Seconds;
}

/** Every planned track; the same options give the same plan on every machine. */
export function trainPlan(options: TrainPlanOptions): TrainTrack[] {
  if (!(options.seconds >= 4 && options.seconds <= 600)) throw new Error(`track length ${options.seconds} s is out of range; expected 4 to 600 seconds`);
  for (const [name, n] of [['grooves', options.grooves], ['songs', options.songs]] as const) {
    if (!Number.isInteger(n) || n < 0 || n > 5000) throw new Error(`${name} ${n} is invalid; expected an integer from 0 to 5000`);
  }
  const grooves = Array.from({ length: options.grooves }, (_, i) => grooveTrack(TRAIN_SEEDS.procedural + i, options.seconds));
  const songs = Array.from({ length: options.songs }, (_, i) => mmaTrack(TRAIN_SEEDS.mma + i, options.seconds));
  return [...grooves, ...songs];
}
