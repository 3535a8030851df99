/**
 * Builds the beat-tracking evaluation set: every planned clean track and its room variant, as 16-bit 48 kHz WAVs
 * beside a manifest of exact ground truth. Each track also gets a `<id>.truth.json` sidecar holding its manifest
 * entry; a track whose sidecar carries the same spec hash (and whose WAV exists) is reused, not rebuilt.
 */
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@fractalsync/server/log';
import type { Seconds } from '@fractalsync/server/core/units';
import { parseTrackSet } from '../eval/track-set.js';
import type { GroundTruthTrack, TrackSetManifest } from '../eval/track-set.js';
import { devSetPlan, evalSetPlan, SAMPLE_RATE } from './eval-set-plan.js';
import type { PlannedTrack } from './eval-set-plan.js';
import { findMidiTools } from './midi-render.js';
import type { MidiTools, SoundfontName } from './midi-render.js';
import { renderRoom, roomParams } from './room.js';
import { specHash } from './spec-hash.js';
import { measureSynthLatency } from './synth-latency.js';
import type { SynthLatency } from './synth-latency.js';
import { GENERATOR_VERSION, renderGrooveTrack, renderMmaTrack } from './track-renderers.js';
import type { CleanRender } from './track-renderers.js';
import { writeWav } from './wav.js';

export interface BuildEvalSetOptions {
  set: string;
  seconds: Seconds;
  outDir: string;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Builds only the planned tracks whose clean id passes (default: all). */
  filter?: (cleanId: string) => boolean;
  /** Leave out the MMA songs even when mma and fluidsynth are installed. */
  skipMidi?: boolean;
  /** Which plan: the held-out evaluation set (default) or the development set to tune on. */
  plan?: 'eval' | 'dev';
  /** Copies of the development plan (see devSetPlan); 1 unless given. */
  devCopies?: number;
}

export interface BuildEvalSetResult {
  manifestPath: string;
  manifest: TrackSetManifest;
  built: number;
  reused: number;
  /** Why the MMA songs were left out, if they were. */
  midiMissing?: string;
  /** Latency measured for each soundfont used in this run (none when every MMA track was reused). */
  latency: Partial<Record<SoundfontName, SynthLatency>>;
  elapsed: Seconds;
}

export const CREATED_BY = `FractalSync training/src/data/build-eval-set.ts (generator v${GENERATOR_VERSION})`;

export function roomId(cleanId: string): string {
  return cleanId.replace('-clean-', '-room-');
}

async function cached(outDir: string, id: string, hash: string): Promise<GroundTruthTrack | undefined> {
  try {
    const entry = JSON.parse(await readFile(join(outDir, `${id}.truth.json`), 'utf8')) as GroundTruthTrack;
    await access(join(outDir, entry.audio));
    return entry.generator.hash === hash ? entry : undefined;
  } catch {
    return undefined;
  }
}

async function save(outDir: string, entry: GroundTruthTrack, audio: Float32Array): Promise<void> {
  await writeWav(join(outDir, entry.audio), audio, entry.sample_rate);
  await writeFile(join(outDir, `${entry.id}.truth.json`), `${JSON.stringify(entry)}\n`);
}

function entryOf(id: string, variant: 'clean' | 'room', style: string, sampleRate: number, render: CleanRender, generator: Record<string, unknown>): GroundTruthTrack {
  return { id, audio: `${id}.wav`, sample_rate: sampleRate, duration: render.duration, style, variant, beats: render.beats, events: render.events, generator };
}

export async function buildEvalSet(options: BuildEvalSetOptions): Promise<BuildEvalSetResult> {
  const started = performance.now();
  const { outDir, log } = options;
  await mkdir(join(outDir, 'work'), { recursive: true });
  let plan = (options.plan === 'dev' ? devSetPlan(options.seconds, options.devCopies) : evalSetPlan(options.seconds)).filter((t) => options.filter?.(t.id) ?? true);
  let midiMissing: string | undefined;
  let tools: MidiTools | undefined;
  if (plan.some((t) => t.kind === 'mma')) {
    const found = options.skipMidi === true ? { missing: 'left out on request (--no-midi)' } : await findMidiTools();
    if ('missing' in found) {
      midiMissing = found.missing;
      log.warn(`MMA songs left out: ${found.missing}`);
      plan = plan.filter((t) => t.kind !== 'mma');
    } else tools = found;
  }
  const latency: Partial<Record<SoundfontName, SynthLatency>> = {};
  const latencyFor = async (soundfont: SoundfontName): Promise<SynthLatency> => {
    const known = latency[soundfont];
    if (known !== undefined) return known;
    const measured = await measureSynthLatency(soundfont, join(outDir, 'work'), SAMPLE_RATE);
    latency[soundfont] = measured;
    log.info(`fluidsynth latency with ${soundfont}: ${(measured.offset * 1000).toFixed(2)} ms (${(measured.min * 1000).toFixed(2)}..${(measured.max * 1000).toFixed(2)} ms over ${measured.clicks} clicks)`);
    return measured;
  };

  const tracks: GroundTruthTrack[] = [];
  let built = 0;
  let reused = 0;
  for (const [i, planned] of plan.entries()) {
    const t0 = performance.now();
    const base = { kind: planned.kind, version: GENERATOR_VERSION, seed: planned.spec.seed, spec: planned.spec };
    const cleanHash = specHash(base);
    const room = roomParams(planned.spec.seed);
    const roomHash = specHash({ clean: cleanHash, room });
    const rid = roomId(planned.id);
    const hit = [await cached(outDir, planned.id, cleanHash), await cached(outDir, rid, roomHash)] as const;
    if (hit[0] !== undefined && hit[1] !== undefined) {
      tracks.push(hit[0], hit[1]);
      reused += 2;
      log.info(`[${i + 1}/${plan.length}] ${planned.id} (+ room): cached`);
      continue;
    }
    const render = await renderClean(planned, outDir, tools, latencyFor);
    const generator = { ...base, hash: cleanHash, ...render.details };
    const clean = hit[0] ?? entryOf(planned.id, 'clean', planned.spec.style, planned.spec.sampleRate, render, generator);
    if (hit[0] === undefined) await save(outDir, clean, render.audio);
    const roomEntry = hit[1] ?? entryOf(rid, 'room', planned.spec.style, planned.spec.sampleRate, render, { ...generator, hash: roomHash, clean_id: planned.id, room });
    if (hit[1] === undefined) await save(outDir, roomEntry, (await renderRoom(render.audio, planned.spec.sampleRate, room)).audio);
    tracks.push(clean, roomEntry);
    built += (hit[0] === undefined ? 1 : 0) + (hit[1] === undefined ? 1 : 0);
    reused += (hit[0] === undefined ? 0 : 1) + (hit[1] === undefined ? 0 : 1);
    log.info(`[${i + 1}/${plan.length}] ${planned.id} (+ room): built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }

  const manifestPath = join(outDir, 'manifest.json');
  const manifest: TrackSetManifest = { set: options.set, created_by: CREATED_BY, tracks };
  parseTrackSet(manifest, manifestPath);
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 1)}\n`);
  const elapsed = (performance.now() - started) / 1000;
  log.info(`${manifestPath}: ${tracks.length} tracks (${built} built, ${reused} cached) in ${elapsed.toFixed(1)} s`);
  return { manifestPath, manifest, built, reused, latency, elapsed, ...(midiMissing === undefined ? {} : { midiMissing }) };
}

async function renderClean(
  planned: PlannedTrack,
  outDir: string,
  tools: MidiTools | undefined,
  latencyFor: (soundfont: SoundfontName) => Promise<SynthLatency>,
): Promise<CleanRender> {
  if (planned.kind === 'groove') return renderGrooveTrack(planned.spec);
  if (tools === undefined) throw new Error(`${planned.id} needs mma and fluidsynth, which were not found`);
  return renderMmaTrack(planned.spec, { workDir: join(outDir, 'work'), name: planned.id, tools, latency: await latencyFor(planned.spec.soundfont) });
}
