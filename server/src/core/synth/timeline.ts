/**
 * The demo's song form and its exact beat grid. Everything else (hits, notes, tests of the beat tracker and the
 * section detector) is derived from this, so the ground truth and the audio can never disagree.
 */
import contract from '@fractalsync/config/model_contract.v1.json' with { type: 'json' };
import type { Bpm, Hz, Samples, Seconds } from '../units.js';

export type DemoSectionName = 'intro' | 'verse' | 'build' | 'drop' | 'breakdown';

export interface GrooveBeat {
  time: Seconds;
  /** 1 = downbeat, then 2, 3, 4. */
  position: number;
  /** 0-based bar index within the pass. */
  bar: number;
}

export interface GrooveSection {
  /** The demo's own name: 'intro' | 'verse' | 'build' | 'drop' | 'breakdown'. */
  name: string;
  /** The model contract's section label for it. */
  label: string;
  start: Seconds;
  end: Seconds;
}

export interface GrooveTimeline {
  bpm: Bpm;
  beatsPerBar: number;
  duration: Seconds;
  beats: GrooveBeat[];
  sections: GrooveSection[];
}

export const BEATS_PER_BAR = 4;

/** The song form, in whole bars. 56 bars: 108.4 s at 124 BPM, then the song loops. */
export const SECTION_PLAN: readonly { name: DemoSectionName; bars: number }[] = [
  { name: 'intro', bars: 8 },
  { name: 'verse', bars: 16 },
  { name: 'build', bars: 8 },
  { name: 'drop', bars: 16 },
  { name: 'breakdown', bars: 8 },
];

export const TOTAL_BARS = SECTION_PLAN.reduce((sum, s) => sum + s.bars, 0);

const CONTRACT_LABEL_FOR: Record<DemoSectionName, string> = {
  intro: 'intro',
  verse: 'verse',
  build: 'pre-chorus',
  drop: 'chorus',
  breakdown: 'bridge',
};

/** The contract label of a demo section, checked against the frozen contract so a renamed label fails loudly. */
export function contractLabel(name: DemoSectionName): string {
  const label = CONTRACT_LABEL_FOR[name];
  const labels: readonly string[] = contract.sections;
  if (!labels.includes(label)) {
    throw new Error(`demo section '${name}' maps to '${label}', which is not a contract section label (${labels.join(', ')})`);
  }
  return label;
}

/** Time of beat number `beat` (fractional for off-beats) from the start of the pass. */
export function beatTime(beat: number, bpm: Bpm): Seconds {
  return (beat * 60) / bpm;
}

/** The sample at which an event at `time` starts: the one rounding rule every hit and note uses. */
export function sampleAt(time: Seconds, sampleRate: Hz): Samples {
  return Math.round(time * sampleRate);
}

export function buildTimeline(bpm: Bpm): GrooveTimeline {
  const beats: GrooveBeat[] = [];
  for (let n = 0; n < TOTAL_BARS * BEATS_PER_BAR; n++) {
    beats.push({ time: beatTime(n, bpm), position: (n % BEATS_PER_BAR) + 1, bar: Math.floor(n / BEATS_PER_BAR) });
  }
  const sections: GrooveSection[] = [];
  let bar = 0;
  for (const { name, bars } of SECTION_PLAN) {
    const start = beatTime(bar * BEATS_PER_BAR, bpm);
    bar += bars;
    sections.push({ name, label: contractLabel(name), start, end: beatTime(bar * BEATS_PER_BAR, bpm) });
  }
  return { bpm, beatsPerBar: BEATS_PER_BAR, duration: beatTime(TOTAL_BARS * BEATS_PER_BAR, bpm), beats, sections };
}

/** A section of the plan located in bars: where the arrangement writes its hits and notes. */
export interface SectionSpan {
  name: DemoSectionName;
  startBar: number;
  bars: number;
}

export function sectionSpans(): SectionSpan[] {
  let startBar = 0;
  return SECTION_PLAN.map(({ name, bars }) => {
    const span = { name, startBar, bars };
    startBar += bars;
    return span;
  });
}
