/**
 * One pass of the song as event lists: drum hits bound to their kit buffers, pad notes and bass notes, each
 * made periodic (tails past the end also sound at the start) so passes join seamlessly.
 */
import type { Bpm, Hz, Samples } from '../units.js';
import { DrumKit } from './drum-kit.js';
import { DRUM_SOUNDS, drumPattern } from './drum-pattern.js';
import { wrapTails } from './event-track.js';
import { harmony } from './harmony.js';
import { createPrng, hashSeed } from './prng.js';
import { sampleHit } from './sampler.js';
import type { SampleHit } from './sampler.js';
import { BEATS_PER_BAR, beatTime, buildTimeline, sampleAt, sectionSpans } from './timeline.js';
import type { GrooveTimeline } from './timeline.js';
import type { ToneNote } from './voices/tone.js';

export interface Arrangement {
  timeline: GrooveTimeline;
  lengthSamples: Samples;
  /** Drum hits, one list per sound: a track of similar lengths keeps the active-event lookup short. */
  drums: SampleHit[][];
  pad: ToneNote[];
  bass: ToneNote[];
}

/** Salt of the pattern's own random stream (velocity jitter, variant choice), apart from the kit's noise. */
const PATTERN_SALT = 100;

export function arrange(seed: number, bpm: Bpm, sampleRate: Hz): Arrangement {
  const timeline = buildTimeline(bpm);
  const lengthSamples = sampleAt(timeline.duration, sampleRate);
  const spans = sectionSpans();
  const build = spans.find((s) => s.name === 'build');
  if (build === undefined) throw new Error('the demo song form has no build section for the riser');
  const sweepLength =
    sampleAt(beatTime((build.startBar + build.bars) * BEATS_PER_BAR, bpm), sampleRate) - sampleAt(beatTime(build.startBar * BEATS_PER_BAR, bpm), sampleRate);
  const kit = new DrumKit(sampleRate, seed, sweepLength);
  const pattern = drumPattern(spans, bpm, sampleRate, createPrng(hashSeed(seed, PATTERN_SALT)));
  const drums = DRUM_SOUNDS.map((sound) =>
    wrapTails(
      pattern.filter((h) => h.sound === sound).map((h) => sampleHit(h.start, kit.buffer(h.sound, h.variant), h.gain)),
      lengthSamples,
    ),
  );
  const { pad, bass } = harmony(spans, bpm, sampleRate);
  return {
    timeline,
    lengthSamples,
    drums,
    pad: wrapTails(pad, lengthSamples),
    bass: wrapTails(bass, lengthSamples),
  };
}
