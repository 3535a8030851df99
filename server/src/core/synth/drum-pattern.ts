/**
 * Drum hits of one pass, section by section. Every hit sits on the beat grid: its sample is
 * sampleAt(beatTime(beat)), with `beat` an integer for beats and a fraction for off-beats and rolls.
 */
import type { Bpm, Hz, Samples } from '../units.js';
import type { Prng } from './prng.js';
import { BEATS_PER_BAR, beatTime, sampleAt } from './timeline.js';
import type { SectionSpan } from './timeline.js';

export const DRUM_SOUNDS = ['kick', 'snare', 'clap', 'closedHat', 'openHat', 'crash', 'sweep'] as const;
export type DrumSound = (typeof DRUM_SOUNDS)[number];

export interface DrumHit {
  sound: DrumSound;
  start: Samples;
  gain: number;
  /** Which round-robin recording of the sound to play; the kit takes it modulo its variant count. */
  variant: number;
}

interface PatternContext {
  bpm: Bpm;
  sampleRate: Hz;
  rng: Prng;
  hits: DrumHit[];
}

function hit(ctx: PatternContext, sound: DrumSound, beat: number, gain: number): void {
  // A little seeded velocity jitter keeps repeated hats from sounding like one copied sample.
  const humanGain = sound === 'closedHat' || sound === 'openHat' ? gain * (0.8 + 0.4 * ctx.rng()) : gain;
  ctx.hits.push({ sound, start: sampleAt(beatTime(beat, ctx.bpm), ctx.sampleRate), gain: humanGain, variant: Math.floor(ctx.rng() * 1024) });
}

function intro(ctx: PatternContext, first: number, bars: number): void {
  for (let b = 0; b < bars * BEATS_PER_BAR; b++) {
    hit(ctx, 'closedHat', first + b + 0.5, 0.2);
    // The kick enters halfway through the intro.
    if (b >= (bars / 2) * BEATS_PER_BAR) hit(ctx, 'kick', first + b, 0.3);
  }
}

function verse(ctx: PatternContext, first: number, bars: number): void {
  for (let b = 0; b < bars * BEATS_PER_BAR; b++) {
    const beat = first + b;
    hit(ctx, 'kick', beat, 0.34);
    if (b % 2 === 1) hit(ctx, 'snare', beat, 0.3);
    hit(ctx, 'closedHat', beat, 0.09);
    hit(ctx, 'closedHat', beat + 0.5, 0.2);
    // An open hat closes every fourth bar, a small fill that marks the phrase.
    if (b % 16 === 15) hit(ctx, 'openHat', beat + 0.5, 0.18);
  }
}

/** Snare hits per beat in each bar of the build: the roll doubles its rate every two bars. */
const ROLL_RATE = [1, 1, 2, 2, 4, 4, 8, 8] as const;

function build(ctx: PatternContext, first: number, bars: number): void {
  hit(ctx, 'sweep', first, 0.3);
  for (let bar = 0; bar < bars; bar++) {
    const rate = ROLL_RATE[Math.min(bar, ROLL_RATE.length - 1)] ?? 1;
    for (let b = 0; b < BEATS_PER_BAR; b++) {
      const beat = first + bar * BEATS_PER_BAR + b;
      const progress = (bar * BEATS_PER_BAR + b) / (bars * BEATS_PER_BAR);
      // No kick in the last bar: the floor drops out before the drop.
      if (bar < bars - 1) hit(ctx, 'kick', beat, 0.36);
      for (let r = 0; r < rate; r++) hit(ctx, 'snare', beat + r / rate, (0.12 + 0.2 * progress) / Math.sqrt(rate));
      for (let s = 0; s < 4; s++) hit(ctx, 'closedHat', beat + s / 4, s === 2 ? 0.16 : 0.07 + 0.06 * progress);
    }
  }
}

function drop(ctx: PatternContext, first: number, bars: number): void {
  for (let b = 0; b < bars * BEATS_PER_BAR; b++) {
    const beat = first + b;
    if (b % 32 === 0) hit(ctx, 'crash', beat, 0.3);
    hit(ctx, 'kick', beat, 0.64);
    if (b % 2 === 1) {
      hit(ctx, 'snare', beat, 0.3);
      hit(ctx, 'clap', beat, 0.3);
    }
    hit(ctx, 'closedHat', beat, 0.14);
    hit(ctx, 'closedHat', beat + 0.25, 0.12);
    hit(ctx, 'openHat', beat + 0.5, 0.3);
    hit(ctx, 'closedHat', beat + 0.75, 0.12);
  }
}

/** Drum hits for the whole pass. The breakdown has none: the grid runs on in silence for the beat tracker. */
export function drumPattern(spans: readonly SectionSpan[], bpm: Bpm, sampleRate: Hz, rng: Prng): DrumHit[] {
  const ctx: PatternContext = { bpm, sampleRate, rng, hits: [] };
  for (const span of spans) {
    const first = span.startBar * BEATS_PER_BAR;
    if (span.name === 'intro') intro(ctx, first, span.bars);
    else if (span.name === 'verse') verse(ctx, first, span.bars);
    else if (span.name === 'build') build(ctx, first, span.bars);
    else if (span.name === 'drop') drop(ctx, first, span.bars);
  }
  return ctx.hits;
}
