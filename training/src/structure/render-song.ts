/**
 * Renders a generated song: drums from the procedural groove renderer (one render per pattern family, each
 * playing only its own sections, so the kit stays the song's while the groove changes), snare fills into
 * sections, bass/pad/lead from song-parts.ts, and a level per section. The grid that places every hit is also
 * the truth for beats and section starts.
 */
import { createPrng, hashSeed } from '@fractalsync/server/core/synth/prng';
import type { Hz, Seconds } from '@fractalsync/server/core/units';
import { GrooveKit } from '../data/groove-kit.js';
import { grooveGrid } from '../data/groove-grid.js';
import type { GridBeat, GrooveGrid } from '../data/groove-grid.js';
import { meter } from '../data/groove-spec.js';
import type { GrooveSpec, PatternFamily, Section } from '../data/groove-spec.js';
import { renderGroove } from '../data/render-groove.js';
import { dbToGain, drawTimbre } from '../data/timbre.js';
import type { LabelledSpan } from './hazard-labels.js';
import type { SectionLabel } from './section-labels.js';
import type { SectionStyle } from './section-style.js';
import { songParts } from './song-parts.js';
import type { Tonality } from './song-parts.js';

export interface SongSection {
  label: SectionLabel;
  bars: number;
  style: SectionStyle;
}

/** Plain JSON: it goes into the manifest, and the same spec always renders the same samples. */
export interface SongSpec {
  seed: number;
  template: string;
  sampleRate: Hz;
  /** Clean (un-augmented) length to render. */
  duration: Seconds;
  /** Time of beat 0, the first section's downbeat. */
  startOffset: Seconds;
  bpm: number;
  beatsPerBar: 3 | 4;
  swing: number;
  families: { plain: PatternFamily; dense: PatternFamily };
  tonality: Tonality;
  sections: SongSection[];
}

export interface SongRender {
  audio: Float32Array;
  /** The true beat grid within the rendered length. */
  beats: GridBeat[];
  /** Section spans in order; the first starts at 0, and silence follows the form's end. */
  spans: LabelledSpan[];
  formEnd: Seconds;
}

/** Bars of silence after the form, so the song's end is a boundary too. */
const TAIL_BARS = 999;
const PEAK = 0.9;

function grooveSpec(spec: SongSpec, family: PatternFamily, drumsOf: (s: SongSection) => Section['instruments']): GrooveSpec {
  const m = meter(spec.beatsPerBar);
  const sections: Section[] = spec.sections.map((s) => ({ bars: s.bars, meter: m, instruments: drumsOf(s) }));
  sections.push({ bars: TAIL_BARS, meter: m, instruments: [] });
  return { style: `structure-${spec.template}`, seed: spec.seed, sampleRate: spec.sampleRate, duration: spec.duration, startOffset: spec.startOffset, tempo: [{ time: 0, bpm: spec.bpm }], swing: spec.swing, family, sections };
}

/** Index of each section's first bar in the grid. */
function firstBars(grid: GrooveGrid): number[] {
  const out: number[] = [];
  for (const bar of grid.bars) if (bar.barInSection === 0) out[bar.section] = bar.index;
  return out;
}

export function renderSong(spec: SongSpec): SongRender {
  if (spec.sections.length === 0) throw new Error(`song ${spec.seed} has no sections`);
  const sr = spec.sampleRate;
  const length = Math.round(spec.duration * sr);
  const grid = grooveGrid(grooveSpec(spec, spec.families.plain, () => []));
  const starts = firstBars(grid);
  const startTime = (i: number): Seconds => {
    const bar = grid.bars[starts[i] ?? -1];
    return bar === undefined ? Infinity : grid.timeOfBeat(bar.firstBeat);
  };

  const drums = new Float64Array(length);
  for (const dense of [false, true]) {
    if (!spec.sections.some((s) => s.style.dense === dense && s.style.drums.length > 0)) continue;
    const r = renderGroove(grooveSpec(spec, dense ? spec.families.dense : spec.families.plain, (s) => (s.style.dense === dense ? s.style.drums : [])));
    // Each render is peak-normalised; one without a kick would bring its hats up to a kick's level, so it stays lower.
    const gain = (r.hits.some((h) => h.sound === 'kick') ? 0.8 : 0.3) / r.timbre.peak;
    for (let i = 0; i < length; i++) drums[i] = (drums[i] ?? 0) + gain * (r.audio[i] ?? 0);
  }
  addFills(drums, spec, grid, starts);

  const styles = [...spec.sections.map((s) => s.style)];
  const parts = songParts(grid, styles, spec.sections.map((s) => s.bars), spec.tonality, sr, length);
  const mix = new Float32Array(length);
  const level = levelEnvelope(spec, startTime, length);
  let peak = 0;
  for (let i = 0; i < length; i++) {
    const v = ((drums[i] ?? 0) + (parts.bass[i] ?? 0) + (parts.pad[i] ?? 0) + (parts.lead[i] ?? 0)) * (level[i] ?? 0);
    mix[i] = v;
    peak = Math.max(peak, Math.abs(v));
  }
  if (peak > 0) for (let i = 0; i < length; i++) mix[i] = ((mix[i] ?? 0) * PEAK) / peak;

  const formEnd = startTime(spec.sections.length);
  const spans: LabelledSpan[] = spec.sections.map((s, i) => ({ start: i === 0 ? 0 : startTime(i), label: s.label }));
  spans.push({ start: formEnd, label: 'silence' });
  return { audio: mix, beats: grid.beats.filter((b) => b.time < spec.duration), spans: spans.filter((s) => s.start < spec.duration), formEnd };
}

/** Snare sixteenths on a section's last beat (and eighths on the one before, going into a chorus). */
function addFills(out: Float64Array, spec: SongSpec, grid: GrooveGrid, starts: readonly number[]): void {
  const timbre = drawTimbre(spec.seed);
  const kit = new GrooveKit(spec.sampleRate, spec.seed, timbre);
  const rng = createPrng(hashSeed(spec.seed, 0x5f11));
  const scale = (0.8 * timbre.levels.snare) / timbre.levels.kick;
  spec.sections.forEach((s, i) => {
    const next = spec.sections[i + 1];
    const nextStart = grid.bars[starts[i + 1] ?? -1];
    if (!s.style.fill || s.style.drums.length === 0 || next === undefined || next.label === 'silence' || nextStart === undefined) return;
    const end = nextStart.firstBeat;
    const hits = [[-1, 0.35], [-0.75, 0.45], [-0.5, 0.6], [-0.25, 0.8]];
    if (next.label === 'chorus') hits.unshift([-2, 0.3], [-1.5, 0.35]);
    for (const [at = 0, gain = 0] of hits) {
      const buffer = kit.buffer('snare', Math.floor(rng() * 1024));
      const start = Math.round(grid.timeOfBeat(end + at) * spec.sampleRate);
      for (let k = 0; k < buffer.length && start + k < out.length; k++) out[start + k] = (out[start + k] ?? 0) + scale * gain * (buffer[k] ?? 0);
    }
  });
}

/** Per-sample gain: each section's level, a 20 ms ramp at each change, the outro's fade, silence after the form. */
function levelEnvelope(spec: SongSpec, startTime: (i: number) => Seconds, length: number): Float32Array {
  const sr = spec.sampleRate;
  const out = new Float32Array(length);
  const ramp = Math.round(0.02 * sr);
  let previousDb = -60;
  for (let i = 0; i <= spec.sections.length; i++) {
    const s = spec.sections[i];
    const from = i === 0 ? 0 : Math.min(length, Math.round(startTime(i) * sr));
    const to = Math.min(length, i + 1 <= spec.sections.length ? Math.round(startTime(i + 1) * sr) : length);
    const levelDb = s?.style.levelDb ?? -60;
    const fadeDb = s?.style.fadeDb ?? 0;
    for (let k = from; k < to; k++) {
      const progress = to > from ? (k - from) / (to - from) : 0;
      const targetDb = levelDb + fadeDb * progress;
      const db = k - from < ramp && i > 0 ? previousDb + ((targetDb - previousDb) * (k - from)) / ramp : targetDb;
      out[k] = db <= -59.9 ? 0 : dbToGain(db);
    }
    previousDb = levelDb + fadeDb;
  }
  return out;
}
