/**
 * Renders a GrooveSpec to audio with its exact ground truth. Every hit and note starts at the rounded sample of its
 * (swung) grid time, computed from the same tempo integral as the beats, so audio and truth cannot disagree.
 */
import { createPrng, hashSeed } from '@fractalsync/server/core/synth/prng';
import { addBassNote, addPadNote } from '@fractalsync/server/core/synth/voices/tone';
import type { ToneNote } from '@fractalsync/server/core/synth/voices/tone';
import { ToneTables } from '@fractalsync/server/core/synth/wavetable';
import type { Samples } from '@fractalsync/server/core/units';
import { barDrumHits, drawFlavor, swungPosition, VOICE_INSTRUMENT } from './drum-patterns.js';
import type { DrumVoice } from './drum-patterns.js';
import { GrooveKit } from './groove-kit.js';
import { grooveGrid } from './groove-grid.js';
import type { GridBeat, GridEvent } from './groove-grid.js';
import { validateGrooveSpec } from './groove-spec.js';
import type { GrooveSpec } from './groove-spec.js';
import { drawTimbre } from './timbre.js';
import type { Timbre } from './timbre.js';
import { HIGHEST_TONE_HZ, tonalNotes } from './tonal-parts.js';

export interface RenderedHit {
  sound: DrumVoice;
  /** First sample of the one-shot. */
  sample: Samples;
  gain: number;
}

export interface GrooveRender {
  /** The mix: drums + bass + pad, scaled to the seeded peak level. */
  audio: Float32Array;
  /** The same parts apart, at the mix's scale (audio = drums + bass + pad). */
  stems: { drums: Float32Array; bass: Float32Array; pad: Float32Array };
  beats: GridBeat[];
  events: GridEvent[];
  hits: RenderedHit[];
  timbre: Timbre;
}

const SALT = { pattern: 0x51, harmony: 0x52 };

export function renderGroove(spec: GrooveSpec): GrooveRender {
  validateGrooveSpec(spec);
  const sr = spec.sampleRate;
  const length = Math.round(spec.duration * sr);
  const grid = grooveGrid(spec);
  const timbre = drawTimbre(spec.seed);
  const kit = new GrooveKit(sr, spec.seed, timbre);
  const position = (at: number): number => swungPosition(at, spec.swing);

  const drums = new Float64Array(length);
  const hits: RenderedHit[] = [];
  const rng = createPrng(hashSeed(spec.seed, SALT.pattern));
  const flavor = drawFlavor(rng);
  for (const bar of grid.bars) {
    for (const hit of barDrumHits(spec.family, bar, flavor, rng)) {
      const variant = Math.floor(rng() * 1024);
      const instrument = VOICE_INSTRUMENT[hit.sound];
      if (!bar.instruments.includes(instrument)) continue;
      const sample = Math.round(grid.timeOfBeat(bar.firstBeat + position(hit.at)) * sr);
      if (sample >= length) continue;
      const gain = hit.gain * timbre.levels[instrument];
      mixInto(drums, kit.buffer(hit.sound, variant), sample, gain);
      hits.push({ sound: hit.sound, sample, gain });
    }
  }

  const tables = new ToneTables(sr, HIGHEST_TONE_HZ);
  const notes = tonalNotes(spec.family, grid, timbre, createPrng(hashSeed(spec.seed, SALT.harmony)), sr, position);
  const bass = renderNotes(notes.bass, length, (out, note, hi) => {
    addBassNote(out, 0, note.start, hi, note, tables, sr);
  });
  const pad = renderNotes(notes.pad, length, (out, note, hi) => {
    addPadNote(out, 0, note.start, hi, note, tables, sr);
  });

  let max = 0;
  for (let i = 0; i < length; i++) max = Math.max(max, Math.abs((drums[i] ?? 0) + (bass[i] ?? 0) + (pad[i] ?? 0)));
  const scale = max > 0 ? timbre.peak / max : 1;
  const stems = { drums: scaled(drums, scale), bass: scaled(bass, scale), pad: scaled(pad, scale) };
  const audio = new Float32Array(length);
  for (let i = 0; i < length; i++) audio[i] = (stems.drums[i] ?? 0) + (stems.bass[i] ?? 0) + (stems.pad[i] ?? 0);
  return { audio, stems, beats: grid.beats, events: grid.events, hits, timbre };
}

function mixInto(out: Float64Array, buffer: Float32Array, start: Samples, gain: number): void {
  const end = Math.min(out.length, start + buffer.length);
  for (let i = start; i < end; i++) out[i] = (out[i] ?? 0) + gain * (buffer[i - start] ?? 0);
}

function renderNotes(notes: readonly ToneNote[], length: Samples, add: (out: Float64Array, note: ToneNote, hi: Samples) => void): Float64Array {
  const out = new Float64Array(length);
  for (const note of notes) if (note.start < length) add(out, note, Math.min(note.end, length));
  return out;
}

function scaled(input: Float64Array, scale: number): Float32Array {
  const out = new Float32Array(input.length);
  for (let i = 0; i < input.length; i++) out[i] = (input[i] ?? 0) * scale;
  return out;
}
