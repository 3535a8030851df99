/**
 * Renders one planned clean track, procedural or MMA, to audio plus ground truth and the generator record that
 * goes into the manifest.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createPrng, hashSeed } from '@fractalsync/server/core/synth/prng';
import type { Seconds } from '@fractalsync/server/core/units';
import type { GridBeat, GridEvent } from './groove-grid.js';
import type { GrooveSpec } from './groove-spec.js';
import { compileMma, renderMidiFile } from './midi-render.js';
import type { MidiTools } from './midi-render.js';
import { readMidi } from './midi-reader.js';
import { midiTruth } from './midi-truth.js';
import { mmaSource } from './mma-song.js';
import type { MmaSongSpec } from './mma-song.js';
import { renderGroove } from './render-groove.js';
import type { SynthLatency } from './synth-latency.js';
import { dbToGain } from './timbre.js';

/** Bump when rendering changes, so cached tracks are rebuilt. */
export const GENERATOR_VERSION = 1;

export interface CleanRender {
  audio: Float32Array;
  duration: Seconds;
  beats: GridBeat[];
  events: GridEvent[];
  /** Derived values worth recording beside the spec (timbre, synthesiser latency, MMA source). */
  details: Record<string, unknown>;
}

export function renderGrooveTrack(spec: GrooveSpec): CleanRender {
  const r = renderGroove(spec);
  return { audio: r.audio, duration: spec.duration, beats: r.beats, events: r.events, details: { timbre: r.timbre } };
}

export interface MmaContext {
  workDir: string;
  name: string;
  tools: MidiTools;
  latency: SynthLatency;
}

/** Compiles and renders an MMA song, cuts it to length at a seeded peak level, and reads the truth from its MIDI. */
export async function renderMmaTrack(spec: MmaSongSpec, ctx: MmaContext): Promise<CleanRender> {
  const source = mmaSource(spec);
  const midi = await compileMma(source, ctx.workDir, ctx.name);
  const song = readMidi(midi, `${ctx.name}.mid`);
  const declared = [...new Set(spec.grooves.map((g) => g.beatsPerBar))].sort();
  const written = [...new Set(song.timeSignatures.map((t) => t.numerator))].sort();
  if (declared.join() !== written.join()) {
    throw new Error(`${ctx.name}: MMA wrote time signatures with [${written.join(', ')}] beats per bar; the song declares [${declared.join(', ')}]`);
  }
  const renderPath = join(ctx.workDir, `${ctx.name}.fluidsynth.wav`);
  const rendered = await renderMidiFile(join(ctx.workDir, `${ctx.name}.mid`), spec.soundfont, renderPath, spec.sampleRate);
  await rm(renderPath);

  const length = Math.round(spec.duration * spec.sampleRate);
  const audio = new Float32Array(length);
  audio.set(rendered.samples.subarray(0, length));
  let max = 0;
  for (const v of audio) max = Math.max(max, Math.abs(v));
  const peak = dbToGain(-9 + 8 * createPrng(hashSeed(spec.seed, 0x1e7e1))());
  if (max > 0) for (let i = 0; i < length; i++) audio[i] = (audio[i] ?? 0) * (peak / max);

  const truth = midiTruth(song, { offset: ctx.latency.offset, duration: spec.duration });
  if (truth.end < spec.duration) throw new Error(`${ctx.name}: the song ends at ${truth.end.toFixed(2)} s, before the track's ${spec.duration} s; give it more bars`);
  return {
    audio,
    duration: spec.duration,
    beats: truth.beats,
    events: truth.events,
    details: { mma_source: source, synth_latency: ctx.latency, tools: ctx.tools.versions, ppq: song.ppq },
  };
}
