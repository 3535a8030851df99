/**
 * Labels per analysis hop, from a track's exact beats and sections. Hop h (counted from 1, as the pipeline does)
 * covers stream time (t(h-1), t(h)]; a beat at time b is labelled on the first hop whose end reaches it, the
 * first hop that can have heard it.
 */
import type { Seconds } from '@fractalsync/server/core/units';

export const BEAT_CLASSES = ['beat', 'downbeat', 'none'] as const;
/** Class indices as the contract orders the beat_activation outputs. */
export const CLASS = { beat: 0, downbeat: 1, none: 2 } as const;

export interface SectionSpan {
  start: Seconds;
  name: string;
}

export interface HopLabels {
  fps: number;
  hops: number;
  /** Per hop: CLASS.beat, CLASS.downbeat or CLASS.none. */
  beatClass: number[];
  /** Beats per bar of the bar the hop is in (0 outside the beats). */
  meter: number[];
  /** Bar phase at the hop's end time, [0, 1), or -1 before the first or after the last beat. */
  barPhase: number[];
  /** Beat phase at the hop's end time, [0, 1), or -1 where it is undefined. */
  beatPhase: number[];
  /** Index into `sectionNames`, or -1 where the form names no section. */
  section: number[];
  sectionNames: string[];
}

export interface LabelInput {
  beats: readonly { time: Seconds; position: number }[];
  sections: readonly SectionSpan[];
  duration: Seconds;
  hopSize: number;
  sampleRate: number;
}

/** Beats per bar for each beat: its bar's last position (an unfinished last bar takes the previous bar's). */
export function barLengths(beats: LabelInput['beats']): number[] {
  const out = new Array<number>(beats.length).fill(0);
  let start = 0;
  let previous = 0;
  for (let i = 0; i <= beats.length; i++) {
    if (i === beats.length || (i > start && beats[i]?.position === 1)) {
      const last = beats[i - 1]?.position ?? 0;
      const complete = i < beats.length;
      const length = complete || previous === 0 ? last : Math.max(last, previous);
      for (let j = start; j < i; j++) out[j] = length;
      previous = length;
      start = i;
    }
  }
  return out;
}

export function hopLabels(input: LabelInput): HopLabels {
  const { beats, hopSize, sampleRate } = input;
  const fps = sampleRate / hopSize;
  const hops = Math.floor((input.duration * sampleRate) / hopSize);
  const beatClass = new Array<number>(hops).fill(CLASS.none);
  for (const beat of beats) {
    const h = Math.ceil(beat.time * fps - 1e-9);
    // Hop h is stored at index h - 1; a beat at time 0 belongs to the first hop.
    const index = Math.max(0, h - 1);
    if (index < hops) beatClass[index] = beat.position === 1 ? CLASS.downbeat : Math.min(beatClass[index] ?? CLASS.none, CLASS.beat);
  }
  const lengths = barLengths(beats);
  const meter = new Array<number>(hops).fill(0);
  const barPhase = new Array<number>(hops).fill(-1);
  const beatPhase = new Array<number>(hops).fill(-1);
  let j = 0;
  for (let i = 0; i < hops; i++) {
    const t = ((i + 1) * hopSize) / sampleRate;
    while (j + 1 < beats.length && (beats[j + 1]?.time ?? Infinity) <= t) j++;
    const a = beats[j];
    const b = beats[j + 1];
    if (a === undefined || b === undefined || t < a.time) continue;
    const phase = (t - a.time) / (b.time - a.time);
    const length = lengths[j] ?? 0;
    beatPhase[i] = phase;
    meter[i] = length;
    barPhase[i] = length > 0 ? (a.position - 1 + phase) / length : -1;
  }
  const sectionNames = [...new Set(input.sections.map((s) => s.name))];
  const section = new Array<number>(hops).fill(-1);
  let k = -1;
  for (let i = 0; i < hops; i++) {
    const t = ((i + 1) * hopSize) / sampleRate;
    while (k + 1 < input.sections.length && (input.sections[k + 1]?.start ?? Infinity) <= t) k++;
    const span = input.sections[k];
    if (span !== undefined) section[i] = sectionNames.indexOf(span.name);
  }
  return { fps, hops, beatClass, meter, barPhase, beatPhase, section, sectionNames };
}

/**
 * Bar phase and meter at any time between the first and the last beat, by linear interpolation between beats
 * (what the labels hold at hop ends); undefined outside. `lengths` from barLengths(beats).
 */
export function barPhaseAtTime(beats: LabelInput['beats'], lengths: readonly number[], t: Seconds): { phase: number; meter: number } | undefined {
  let lo = 0;
  let hi = beats.length - 1;
  if (hi < 1 || t < (beats[0]?.time ?? Infinity) || t >= (beats[hi]?.time ?? -Infinity)) return undefined;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((beats[mid]?.time ?? Infinity) <= t) lo = mid;
    else hi = mid;
  }
  const a = beats[lo];
  const b = beats[lo + 1];
  const meter = lengths[lo] ?? 0;
  if (a === undefined || b === undefined || meter === 0) return undefined;
  return { phase: (a.position - 1 + (t - a.time) / (b.time - a.time)) / meter, meter };
}
