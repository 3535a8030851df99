import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeWav } from '../../../server/test/support/wav.js';
import type { GroundTruthTrack, TrackSetManifest } from '../../src/eval/track-set.js';
import { seededUniform } from './beat-grid.js';

const SAMPLE_RATE = 48000;

interface Segment {
  bpm: number;
  beatsPerBar: number;
  bars: number;
}

/** Beats of consecutive constant-tempo segments from `start`; every beat time lies on the 48 kHz sample grid. */
function segmentBeats(start: number, segments: readonly Segment[]): GroundTruthTrack['beats'] {
  const beats: GroundTruthTrack['beats'] = [];
  let segmentStart = start;
  for (const s of segments) {
    const count = s.bars * s.beatsPerBar;
    for (let k = 0; k < count; k++) beats.push({ time: segmentStart + (k * 60) / s.bpm, position: (k % s.beatsPerBar) + 1 });
    segmentStart += (count * 60) / s.bpm;
  }
  return beats;
}

/**
 * A click track: a 40 ms decaying noise burst on every beat (louder on downbeats) over a quiet noise floor.
 * The floor matters: aubio reports no beats in digital silence.
 */
function renderClicks(beats: GroundTruthTrack['beats'], duration: number, seed: number): Float32Array {
  const rand = seededUniform(seed);
  const out = new Float32Array(Math.round(duration * SAMPLE_RATE));
  for (let n = 0; n < out.length; n++) out[n] = 0.003 * (2 * rand() - 1);
  const length = Math.round(0.04 * SAMPLE_RATE);
  for (const beat of beats) {
    const at = Math.round(beat.time * SAMPLE_RATE);
    const gain = beat.position === 1 ? 0.8 : 0.45;
    for (let i = 0; i < length && at + i < out.length; i++) {
      out[at + i] = (out[at + i] ?? 0) + gain * (2 * rand() - 1) * Math.exp(-i / (0.008 * SAMPLE_RATE));
    }
  }
  return out;
}

/**
 * Writes a two-track click set with exact beats into `dir` and returns its manifest path:
 * 120 BPM in 4/4 for 24 s, and 96 BPM in 3/4 changing to 128 BPM at 11.75 s (a tempo_change event).
 */
export function writeClickSet(dir: string): string {
  mkdirSync(join(dir, 'audio'), { recursive: true });
  const specs: { id: string; style: string; duration: number; segments: Segment[]; seed: number }[] = [
    { id: 'click-120-4-4', style: 'four-on-the-floor', duration: 24, segments: [{ bpm: 120, beatsPerBar: 4, bars: 11 }], seed: 1 },
    { id: 'click-96-to-128-3-4', style: 'tempo-change', duration: 26, segments: [{ bpm: 96, beatsPerBar: 3, bars: 6 }, { bpm: 128, beatsPerBar: 3, bars: 9 }], seed: 2 },
  ];
  const tracks = specs.map((s): GroundTruthTrack => {
    const beats = segmentBeats(0.5, s.segments);
    const audio = `audio/${s.id}.wav`;
    writeWav(join(dir, audio), [renderClicks(beats, s.duration, s.seed)], SAMPLE_RATE);
    const change = s.segments.length > 1 ? beats[(s.segments[0]?.bars ?? 0) * (s.segments[0]?.beatsPerBar ?? 0)] : undefined;
    return {
      id: s.id,
      audio,
      sample_rate: SAMPLE_RATE,
      duration: s.duration,
      style: s.style,
      variant: 'clean',
      beats,
      events: change === undefined ? [] : [{ time: change.time, kind: 'tempo_change' }],
      generator: { kind: 'test click track', seed: s.seed, segments: s.segments },
    };
  });
  const manifest: TrackSetManifest = { set: 'clicks', created_by: 'training/test/eval/click-set.ts', tracks };
  const path = join(dir, 'manifest.json');
  writeFileSync(path, JSON.stringify(manifest, null, 1));
  return path;
}
