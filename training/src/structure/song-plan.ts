/**
 * The structure set, song by song, from seeds: training songs from STRUCTURE_SEEDS.train, held-out songs from
 * STRUCTURE_SEEDS.heldout with other form templates and other tempi (odd BPM; training uses even BPM). Both blocks
 * are outside evaluation (900000+), dev (100000+) and the beat training set (200000+, 210000+).
 */
import { createPrng, hashSeed } from '@fractalsync/server/core/synth/prng';
import type { Seconds } from '@fractalsync/server/core/units';
import type { PatternFamily } from '../data/groove-spec.js';
import { assertTrainingSeed, inRange } from '../data/eval-seeds.js';
import type { SeedRange } from '../data/eval-seeds.js';
import { SAMPLE_RATE } from '../data/eval-set-plan.js';
import { cleanSecondsFor, drawAugment } from '../dataset/augment.js';
import type { AugmentSpec } from '../dataset/augment.js';
import { TRAIN_SEEDS } from '../dataset/train-plan.js';
import type { SongSpec } from './render-song.js';
import { drawStyle } from './section-style.js';
import { drawForm, pick } from './song-form.js';
import type { Split } from './song-form.js';

export const STRUCTURE_SEEDS = {
  train: { first: 300_000, last: 309_999 },
  heldout: { first: 310_000, last: 310_999 },
} as const satisfies Record<Split, SeedRange>;

/** Tempo range of every song; training takes the even BPM values in it, held-out songs the odd ones. */
export const BPM_RANGE = [84, 174] as const;

export interface PlannedSong {
  id: string;
  split: Split;
  /** Length of the finished (augmented) track. */
  seconds: Seconds;
  spec: SongSpec;
  augment: AugmentSpec;
}

export interface SongPlanOptions {
  train: number;
  heldout: number;
  /** Longest song; a longer form is cut here. */
  maxSeconds: Seconds;
  /** A few bars per section, for quick checks. */
  compact: boolean;
}

function assertStructureSeed(seed: number, split: Split): void {
  assertTrainingSeed(seed);
  if (!inRange(seed, STRUCTURE_SEEDS[split])) throw new Error(`seed ${seed} is outside the ${split} block ${STRUCTURE_SEEDS[split].first}..${STRUCTURE_SEEDS[split].last}`);
  const beatBlocks = Object.values(TRAIN_SEEDS);
  if (beatBlocks.some((first) => seed >= first && seed < first + 10_000)) throw new Error(`seed ${seed} lies in the beat training set's block; structure seeds must not`);
}

export function planSong(seed: number, split: Split, options: Pick<SongPlanOptions, 'maxSeconds' | 'compact'>): PlannedSong {
  assertStructureSeed(seed, split);
  const rng = createPrng(hashSeed(seed, 0x57c7));
  const form = drawForm(rng, split, options.compact);
  const beatsPerBar = rng() < 0.2 ? 3 : 4;
  const steps = Math.floor((BPM_RANGE[1] - BPM_RANGE[0]) / 2);
  const bpm = BPM_RANGE[0] + 2 * Math.floor(rng() * (steps + (split === 'train' ? 1 : 0))) + (split === 'train' ? 0 : 1);
  const families: { plain: PatternFamily; dense: PatternFamily } =
    beatsPerBar === 3
      ? { plain: 'waltz', dense: 'backbeat' }
      : { plain: bpm <= 110 ? pick(rng, ['backbeat', 'hip-hop'] as const) : 'backbeat', dense: bpm >= 140 ? pick(rng, ['four-on-the-floor', 'drum-and-bass'] as const) : 'four-on-the-floor' };
  const swing = families.plain === 'hip-hop' ? Math.round((0.5 + 0.12 * rng()) * 100) / 100 : 0.5;
  const startOffset = Math.round((0.05 + 0.9 * rng()) * 1000) / 1000;
  const tonality = { key: Math.floor(rng() * 12), mode: rng() < 0.5 ? ('major' as const) : ('minor' as const) };
  const sections = form.sections.map((s) => ({ ...s, style: drawStyle(s.label, rng) }));
  const augment = drawAugment(seed);
  const bars = sections.reduce((sum, s) => sum + s.bars, 0) + 2;
  const formSeconds = startOffset + (bars * beatsPerBar * 60) / bpm;
  const seconds = Math.min(options.maxSeconds, Math.floor((formSeconds / augment.speed) * 10) / 10);
  const spec: SongSpec = { seed, template: form.template, sampleRate: SAMPLE_RATE, duration: cleanSecondsFor(seconds, augment), startOffset, bpm, beatsPerBar, swing, families, tonality, sections };
  return { id: `song-${form.template}-${bpm}-${beatsPerBar}4-${split}-s${seed}`, split, seconds, spec, augment };
}

export function songPlan(options: SongPlanOptions): PlannedSong[] {
  if (!(options.maxSeconds >= 4 && options.maxSeconds <= 900)) throw new Error(`song length ${options.maxSeconds} s is out of range; expected 4 to 900 seconds`);
  for (const split of ['train', 'heldout'] as const) {
    const n = options[split];
    const room = STRUCTURE_SEEDS[split].last - STRUCTURE_SEEDS[split].first + 1;
    if (!Number.isInteger(n) || n < 0 || n > room) throw new Error(`${split} song count ${n} is invalid; expected an integer from 0 to ${room}`);
  }
  const make = (split: Split, n: number): PlannedSong[] => Array.from({ length: n }, (_, i) => planSong(STRUCTURE_SEEDS[split].first + i, split, options));
  return [...make('train', options.train), ...make('heldout', options.heldout)];
}
