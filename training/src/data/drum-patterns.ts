/**
 * Drum patterns per family, one bar at a time, in beats from the bar's downbeat on a straight grid (swing is
 * applied afterwards). Odd meters take their kicks and accents from the meter's accent groups.
 */
import type { Prng } from '@fractalsync/server/core/synth/prng';
import type { GridBar } from './groove-grid.js';
import type { Instrument, PatternFamily } from './groove-spec.js';

export type DrumVoice = 'kick' | 'snare' | 'clap' | 'closedHat' | 'openHat' | 'crash';

export interface PatternHit {
  sound: DrumVoice;
  /** Beats after the bar's downbeat, before swing. */
  at: number;
  gain: number;
}

/** Which instrument switch (per section) lets a sound play. */
export const VOICE_INSTRUMENT: Record<DrumVoice, Instrument> = {
  kick: 'kick',
  snare: 'snare',
  clap: 'snare',
  closedHat: 'hats',
  openHat: 'hats',
  crash: 'hats',
};

/** Per-track choices drawn once from the seed, so bars of one track agree with each other. */
export interface PatternFlavor {
  sixteenthHats: boolean;
  openHats: boolean;
  ghostNotes: boolean;
  clapWithSnare: boolean;
}

export function drawFlavor(rng: Prng): PatternFlavor {
  return { sixteenthHats: rng() < 0.5, openHats: rng() < 0.5, ghostNotes: rng() < 0.6, clapWithSnare: rng() < 0.5 };
}

type Pattern = (bar: GridBar, flavor: PatternFlavor, rng: Prng, out: PatternHit[]) => void;

export function barDrumHits(family: PatternFamily, bar: GridBar, flavor: PatternFlavor, rng: Prng): PatternHit[] {
  const out: PatternHit[] = [];
  const fourFour = bar.meter.beats === 4 && bar.meter.unit === 4;
  const pattern = fourFour || family === 'waltz' || family === 'march' || family === 'backbeat' ? PATTERNS[family] : grouped;
  pattern(bar, flavor, rng, out);
  // A crash marks the first bar of each section after the first: real arrangements do, and it tests downbeats.
  if (bar.barInSection === 0 && bar.section > 0) out.push({ sound: 'crash', at: 0, gain: 0.45 });
  return out;
}

function hats(bar: GridBar, step: number, accentGroups: boolean, flavor: PatternFlavor, rng: Prng, out: PatternHit[]): void {
  const starts = groupStarts(bar.meter.groups);
  for (let at = 0; at < bar.meter.beats - 1e-9; at += step) {
    const onBeat = Math.abs(at - Math.round(at)) < 1e-9;
    const accent = accentGroups && onBeat && starts.includes(Math.round(at));
    const gain = (accent ? 0.7 : onBeat ? 0.45 : 0.3) * (0.85 + 0.3 * rng());
    out.push({ sound: 'closedHat', at, gain });
  }
  if (flavor.sixteenthHats && step >= 0.5) {
    for (let at = 0.25; at < bar.meter.beats; at += 0.5) out.push({ sound: 'closedHat', at, gain: 0.15 * (0.8 + 0.4 * rng()) });
  }
}

function groupStarts(groups: readonly number[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const g of groups) {
    starts.push(at);
    at += g;
  }
  return starts;
}

function backbeatSnare(at: number, flavor: PatternFlavor, out: PatternHit[]): void {
  out.push({ sound: 'snare', at, gain: 0.9 });
  if (flavor.clapWithSnare) out.push({ sound: 'clap', at, gain: 0.5 });
}

const fourOnTheFloor: Pattern = (bar, flavor, rng, out) => {
  for (let b = 0; b < bar.meter.beats; b++) {
    out.push({ sound: 'kick', at: b, gain: 1 });
    if (b % 2 === 1) out.push({ sound: 'clap', at: b, gain: 0.85 }, ...(flavor.clapWithSnare ? [{ sound: 'snare' as const, at: b, gain: 0.35 }] : []));
    out.push({ sound: flavor.openHats && b % 2 === 1 ? 'openHat' : 'closedHat', at: b + 0.5, gain: 0.55 * (0.85 + 0.3 * rng()) });
    if (flavor.sixteenthHats) out.push({ sound: 'closedHat', at: b + 0.25, gain: 0.15 }, { sound: 'closedHat', at: b + 0.75, gain: 0.2 });
  }
};

const drumAndBass: Pattern = (bar, flavor, rng, out) => {
  out.push({ sound: 'kick', at: 0, gain: 1 }, { sound: 'kick', at: 2.5, gain: 0.9 });
  if (bar.barInSection % 2 === 1) out.push({ sound: 'kick', at: 1.75, gain: 0.55 });
  backbeatSnare(1, flavor, out);
  backbeatSnare(3, flavor, out);
  if (flavor.ghostNotes) out.push({ sound: 'snare', at: 2.75, gain: 0.2 }, { sound: 'snare', at: 3.75, gain: 0.15 });
  hats(bar, 0.5, false, flavor, rng, out);
};

const hipHop: Pattern = (bar, flavor, rng, out) => {
  out.push({ sound: 'kick', at: 0, gain: 1 }, { sound: 'kick', at: 2.5, gain: 0.85 });
  out.push({ sound: 'kick', at: bar.barInSection % 2 === 0 ? 0.75 : 2.25, gain: 0.6 });
  backbeatSnare(1, flavor, out);
  backbeatSnare(3, flavor, out);
  if (flavor.ghostNotes) out.push({ sound: 'snare', at: 3.75, gain: 0.2 });
  hats(bar, flavor.sixteenthHats ? 0.25 : 0.5, false, flavor, rng, out);
};

const waltz: Pattern = (bar, flavor, rng, out) => {
  out.push({ sound: 'kick', at: 0, gain: 1 });
  for (let b = 1; b < bar.meter.beats; b++) out.push({ sound: 'snare', at: b, gain: 0.45 });
  if (flavor.ghostNotes) out.push({ sound: 'kick', at: bar.meter.beats - 0.5, gain: 0.35 });
  hats(bar, 0.5, true, flavor, rng, out);
};

/** Kick on the first group, snare and kick alternating on later group starts, accented hats on every beat. */
const grouped: Pattern = (bar, flavor, rng, out) => {
  const starts = groupStarts(bar.meter.groups);
  starts.forEach((s, g) => {
    if (g === 0) out.push({ sound: 'kick', at: s, gain: 1 });
    else if (g % 2 === 1) backbeatSnare(s, flavor, out);
    else out.push({ sound: 'kick', at: s, gain: 0.8 });
  });
  const lastGroup = bar.meter.groups[bar.meter.groups.length - 1] ?? 0;
  if (lastGroup >= 3 && starts.length > 1) out.push({ sound: 'snare', at: bar.meter.beats - 1, gain: flavor.ghostNotes ? 0.45 : 0.3 });
  hats(bar, bar.meter.unit === 8 ? 1 : 0.5, true, flavor, rng, out);
};

/** Bass drum on the beats, snare on the off-beats with a sixteenth pickup into the next bar, cymbal on one. */
const march: Pattern = (bar, flavor, rng, out) => {
  for (let b = 0; b < bar.meter.beats; b++) {
    out.push({ sound: 'kick', at: b, gain: b === 0 ? 1 : 0.6 });
    out.push({ sound: 'snare', at: b + 0.5, gain: 0.6 });
  }
  const last = bar.meter.beats - 1;
  out.push({ sound: 'snare', at: last + 0.75, gain: 0.45 });
  if (flavor.ghostNotes) out.push({ sound: 'snare', at: last + 0.25, gain: 0.3 });
  out.push({ sound: 'openHat', at: 0, gain: 0.5 });
  hats(bar, 0.5, true, flavor, rng, out);
};

/** Pop/rock backbeat that fits any meter: kick on even beats, snare on odd ones (3/4: kick, snare, snare). */
const backbeat: Pattern = (bar, flavor, rng, out) => {
  const n = bar.meter.beats;
  for (let b = 0; b < n; b++) {
    if (n === 3 ? b === 0 : b % 2 === 0) out.push({ sound: 'kick', at: b, gain: b === 0 ? 1 : 0.8 });
    else backbeatSnare(b, flavor, out);
  }
  if (flavor.ghostNotes && n >= 4) out.push({ sound: 'kick', at: n - 1.5, gain: 0.6 });
  hats(bar, 0.5, false, flavor, rng, out);
};

const PATTERNS: Record<PatternFamily, Pattern> = {
  'four-on-the-floor': fourOnTheFloor,
  'drum-and-bass': drumAndBass,
  'hip-hop': hipHop,
  waltz,
  grouped,
  march,
  backbeat,
};

/** Swing delays the second sixteenth of each eighth to `swing` of the eighth (0.5 = straight). */
export function swungPosition(at: number, swing: number): number {
  const sixteenths = at * 4;
  const k = Math.round(sixteenths);
  if (Math.abs(sixteenths - k) > 1e-9 || k % 2 === 0) return at;
  return (k - 1) / 4 + swing * 0.5;
}
