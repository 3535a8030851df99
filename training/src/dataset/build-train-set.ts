/**
 * Builds the training set: every planned track rendered clean (procedural grid or MMA + fluidsynth), augmented,
 * written as a 48 kHz WAV with per-hop labels beside it, and listed in a manifest with its seed, generator,
 * augmentation, label source and the WAV's SHA-256 (so a rebuild can be checked byte for byte).
 */
import { createHash } from 'node:crypto';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import type { Seconds } from '@fractalsync/server/core/units';
import { assertDisjoint } from '../data/eval-seeds.js';
import { evalSetPlan, SAMPLE_RATE } from '../data/eval-set-plan.js';
import { grooveGrid } from '../data/groove-grid.js';
import { findMidiTools } from '../data/midi-render.js';
import type { MidiTools } from '../data/midi-render.js';
import { specHash } from '../data/spec-hash.js';
import { measureSynthLatency } from '../data/synth-latency.js';
import type { SynthLatency } from '../data/synth-latency.js';
import { GENERATOR_VERSION, renderGrooveTrack, renderMmaTrack } from '../data/track-renderers.js';
import type { CleanRender } from '../data/track-renderers.js';
import type { GroundTruthTrack } from '../eval/track-set.js';
import { encodeWav } from '../data/wav.js';
import { applyAugment, cleanSecondsFor, effectiveSpeed } from './augment.js';
import type { AugmentSpec } from './augment.js';
import { hopLabels } from './hop-labels.js';
import type { SectionSpan } from './hop-labels.js';
import { trainPlan } from './train-plan.js';
import type { TrainPlanOptions, TrainTrack } from './train-plan.js';

export const TRAIN_SET_VERSION = 1;

export interface TrainTrackEntry extends GroundTruthTrack {
  seed: number;
  kind: 'groove' | 'mma';
  labels: string;
  label_source: string;
  sections: SectionSpan[];
  augment: AugmentSpec;
  sha256: string;
}

export interface TrainManifest {
  set: string;
  created_by: string;
  plan: TrainPlanOptions;
  tracks: TrainTrackEntry[];
}

export interface BuildTrainSetOptions extends TrainPlanOptions {
  set: string;
  outDir: string;
  log: { info(msg: string): void; warn(msg: string): void };
  skipMidi?: boolean;
}

const LABEL_SOURCE = {
  groove: 'procedural groove grid (training/src/data/groove-grid.ts): the renderer places every hit on it',
  mma: 'the MMA song\'s own MIDI (tempo map and time signatures, training/src/data/midi-truth.ts) + measured fluidsynth latency',
} as const;

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function cachedEntry(outDir: string, id: string, hash: string): Promise<TrainTrackEntry | undefined> {
  try {
    const entry = JSON.parse(await readFile(join(outDir, `${id}.truth.json`), 'utf8')) as TrainTrackEntry;
    await access(join(outDir, entry.audio));
    await access(join(outDir, entry.labels));
    return entry.generator.hash === hash ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** Section spans of the clean render, in clean time. */
function cleanSections(planned: TrainTrack, render: CleanRender): SectionSpan[] {
  if (planned.kind === 'groove') {
    const grid = grooveGrid(planned.spec);
    const spans: SectionSpan[] = [];
    for (const bar of grid.bars) {
      const name = planned.sectionNames[bar.section] ?? 'inst';
      if (spans.at(-1)?.name !== name || bar.barInSection === 0) spans.push({ start: grid.timeOfBeat(bar.firstBeat), name });
    }
    return spans;
  }
  const downbeats = render.beats.filter((b) => b.position === 1).map((b) => b.time);
  return planned.spec.grooves.flatMap((g, i) => {
    const start = downbeats[g.fromBar];
    return start === undefined ? [] : [{ start: i === 0 ? 0 : start, name: planned.sectionNames[i] ?? 'inst' }];
  });
}

/** One of `count` processes building a set side by side: it builds the tracks whose plan index is `index` mod `count`. */
export interface TrainShard {
  index: number;
  count: number;
}

/** The plan (MMA songs left out when their tools are missing) and a builder that reuses or renders one planned track. */
async function prepare(options: BuildTrainSetOptions, shard?: TrainShard): Promise<{ plan: TrainTrack[]; track: (planned: TrainTrack, i: number) => Promise<{ entry: TrainTrackEntry; built: boolean }> }> {
  const { outDir, log } = options;
  // Each shard renders its MIDI in a folder of its own, so processes side by side never share a scratch file.
  const workDir = shard === undefined ? join(outDir, 'work') : join(outDir, 'work', `shard-${shard.index}-of-${shard.count}`);
  await mkdir(workDir, { recursive: true });
  const planOptions = { grooves: options.grooves, songs: options.songs, seconds: options.seconds };
  let plan = trainPlan(planOptions);
  assertDisjoint(evalSetPlan(30).map((t) => t.id), plan.map((t) => t.id));
  let tools: MidiTools | undefined;
  if (plan.some((t) => t.kind === 'mma')) {
    const found = options.skipMidi === true ? { missing: 'left out on request (--no-midi)' } : await findMidiTools();
    if ('missing' in found) {
      log.warn(`MMA songs left out: ${found.missing}`);
      plan = plan.filter((t) => t.kind !== 'mma');
    } else tools = found;
  }
  let latency: SynthLatency | undefined;
  const total = plan.length;
  const track = async (planned: TrainTrack, i: number): Promise<{ entry: TrainTrackEntry; built: boolean }> => {
    const cleanSeconds = cleanSecondsFor(options.seconds, planned.augment);
    const spec = { ...planned.spec, duration: cleanSeconds };
    const hash = specHash({ kind: planned.kind, version: GENERATOR_VERSION, set_version: TRAIN_SET_VERSION, spec, augment: planned.augment, seconds: options.seconds, names: planned.sectionNames });
    const hit = await cachedEntry(outDir, planned.id, hash);
    if (hit !== undefined) return { entry: hit, built: false };
    const t0 = performance.now();
    let render: CleanRender;
    if (planned.kind === 'groove') render = renderGrooveTrack({ ...planned.spec, duration: cleanSeconds });
    else {
      if (tools === undefined) throw new Error(`${planned.id} needs mma and fluidsynth, which were not found`);
      latency ??= await measureSynthLatency('FluidR3_GM', workDir, SAMPLE_RATE);
      render = await renderMmaTrack({ ...planned.spec, duration: cleanSeconds }, { workDir, name: planned.id, tools, latency });
    }
    const speed = effectiveSpeed(planned.augment, SAMPLE_RATE);
    const length = Math.round(options.seconds * SAMPLE_RATE);
    const audio = await applyAugment(render.audio, SAMPLE_RATE, planned.augment, length);
    const inTrack = <T extends { time: Seconds }>(items: readonly T[]): T[] =>
      items.map((x) => ({ ...x, time: x.time / speed })).filter((x) => x.time < options.seconds);
    const beats = inTrack(render.beats);
    const sections = cleanSections(planned, render).map((s) => ({ ...s, start: s.start / speed })).filter((s) => s.start < options.seconds);
    const labels = hopLabels({ beats, sections, duration: options.seconds, hopSize: CONTRACT.audio.hop, sampleRate: SAMPLE_RATE });
    const wav = encodeWav(audio, SAMPLE_RATE);
    const entry: TrainTrackEntry = {
      id: planned.id,
      audio: `${planned.id}.wav`,
      labels: `${planned.id}.labels.json`,
      sample_rate: SAMPLE_RATE,
      duration: options.seconds,
      style: planned.spec.style,
      variant: planned.augment.room === null ? 'clean' : 'room',
      beats,
      events: inTrack(render.events),
      seed: planned.spec.seed,
      kind: planned.kind,
      label_source: LABEL_SOURCE[planned.kind],
      sections,
      augment: planned.augment,
      sha256: sha256(wav),
      generator: { hash, version: GENERATOR_VERSION, spec, ...render.details },
    };
    await writeFile(join(outDir, entry.audio), wav);
    await writeFile(join(outDir, entry.labels), `${JSON.stringify(labels)}\n`);
    await writeFile(join(outDir, `${entry.id}.truth.json`), `${JSON.stringify(entry)}\n`);
    log.info(`[${i + 1}/${total}] ${planned.id}: built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return { entry, built: true };
  };
  return { plan, track };
}

/** Builds the tracks of one shard (the last process, unsharded, reuses them and writes the manifest). */
export async function buildTrainShard(options: BuildTrainSetOptions, shard: TrainShard): Promise<{ built: number; elapsed: Seconds }> {
  if (!(Number.isInteger(shard.count) && shard.count >= 1 && Number.isInteger(shard.index) && shard.index >= 0 && shard.index < shard.count)) {
    throw new Error(`shard ${shard.index}/${shard.count} is invalid; expected I/N with N >= 1 and 0 <= I < N`);
  }
  const started = performance.now();
  const { plan, track } = await prepare(options, shard);
  let built = 0;
  for (const [i, planned] of plan.entries()) {
    if (i % shard.count !== shard.index) continue;
    if ((await track(planned, i)).built) built++;
  }
  const elapsed = (performance.now() - started) / 1000;
  options.log.info(`shard ${shard.index}/${shard.count} of ${options.set}: ${built} tracks built in ${elapsed.toFixed(1)} s; no manifest (a run without --shard writes it, reusing every track)`);
  return { built, elapsed };
}

export async function buildTrainSet(options: BuildTrainSetOptions): Promise<{ manifestPath: string; manifest: TrainManifest; built: number; elapsed: Seconds }> {
  const started = performance.now();
  const { outDir, log } = options;
  const planOptions = { grooves: options.grooves, songs: options.songs, seconds: options.seconds };
  const { plan, track } = await prepare(options);
  const tracks: TrainTrackEntry[] = [];
  let built = 0;
  for (const [i, planned] of plan.entries()) {
    const result = await track(planned, i);
    tracks.push(result.entry);
    if (result.built) built++;
  }
  const manifest: TrainManifest = { set: options.set, created_by: `FractalSync training/src/dataset/build-train-set.ts (train set v${TRAIN_SET_VERSION})`, plan: planOptions, tracks };
  const manifestPath = join(outDir, 'manifest.json');
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 1)}\n`);
  const elapsed = (performance.now() - started) / 1000;
  log.info(`${manifestPath}: ${tracks.length} tracks (${built} built, ${tracks.length - built} cached) in ${elapsed.toFixed(1)} s`);
  return { manifestPath, manifest, built, elapsed };
}

/** SHA-256 of a manifest file: what a model card names as its data. */
export async function manifestHash(manifestPath: string): Promise<string> {
  return sha256(await readFile(manifestPath));
}
