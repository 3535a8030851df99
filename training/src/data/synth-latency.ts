/**
 * Measures how late fluidsynth's audio is relative to the MIDI times: renders woodblock clicks at known, deliberately
 * unaligned times and finds where each note starts (first sample above 0.1 %, -60 dB, of the click's peak).
 * fluidsynth appears to dispatch MIDI events per 64-sample audio block (its smallest period) on a millisecond
 * player clock: single notes scatter about ±1 ms around the median, and the median is the offset added to MIDI times.
 */
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import type { Hz, Seconds } from '@fractalsync/server/core/units';
import { renderMidiFile } from './midi-render.js';
import type { SoundfontName } from './midi-render.js';
import { tempoEvent, writeMidi } from './midi-writer.js';
import type { MidiWriteEvent } from './midi-writer.js';

export interface SynthLatency {
  /** Median onset minus MIDI time: add it to MIDI times to get audio times. */
  offset: Seconds;
  /** Smallest and largest of the individual measurements. */
  min: Seconds;
  max: Seconds;
  clicks: number;
}

const PPQ = 960;
/** 120 BPM: one tick is 1/1920 s. */
const TICK_S = 0.5 / PPQ;
/** Click ticks, spread over different sub-block phases of the synthesiser. */
const CLICK_TICKS = [1920, 2900, 3877, 4861, 5843, 6829, 7811, 8797, 9781, 10760, 11743, 12731];
/** GM percussion on channel 10: 76 = hi wood block, a sharp attack in every GM set. */
const WOOD_BLOCK = 76;

export function latencyProbeMidi(): Uint8Array {
  const events: MidiWriteEvent[] = [tempoEvent(0, 120)];
  for (const tick of CLICK_TICKS) {
    events.push({ tick, data: [0x99, WOOD_BLOCK, 127] }, { tick: tick + 120, data: [0x89, WOOD_BLOCK, 0] });
  }
  return writeMidi(PPQ, events);
}

/** First sample from `from` whose magnitude reaches `fraction` of the peak within [from, to). */
export function onsetSample(x: Float32Array, from: number, to: number, fraction: number): number | undefined {
  let peak = 0;
  for (let i = Math.max(0, from); i < Math.min(x.length, to); i++) peak = Math.max(peak, Math.abs(x[i] ?? 0));
  if (peak === 0) return undefined;
  for (let i = Math.max(0, from); i < Math.min(x.length, to); i++) if (Math.abs(x[i] ?? 0) >= fraction * peak) return i;
  return undefined;
}

export async function measureSynthLatency(soundfont: SoundfontName, workDir: string, sampleRate: Hz): Promise<SynthLatency> {
  const midPath = join(workDir, `latency-probe.mid`);
  await writeFile(midPath, latencyProbeMidi());
  const audio = await renderMidiFile(midPath, soundfont, join(workDir, `latency-probe-${soundfont}.wav`), sampleRate);
  const delays: Seconds[] = [];
  for (const tick of CLICK_TICKS) {
    const expected = tick * TICK_S;
    // Search from 5 ms before to 80 ms after: the clicks are 0.5 s apart, so windows never overlap.
    const onset = onsetSample(audio.samples, Math.round((expected - 0.005) * sampleRate), Math.round((expected + 0.08) * sampleRate), 0.001);
    if (onset === undefined) throw new Error(`latency probe: no click found near ${expected.toFixed(3)} s in the ${soundfont} render`);
    delays.push(onset / sampleRate - expected);
  }
  const sorted = [...delays].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const offset = ((sorted[Math.floor(mid - 0.5)] ?? 0) + (sorted[Math.ceil(mid - 0.5)] ?? 0)) / 2;
  return { offset, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0, clicks: delays.length };
}
