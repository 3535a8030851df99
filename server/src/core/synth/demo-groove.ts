/**
 * The built-in demo source: a deterministic four-to-the-floor groove with an exact, known beat grid and song
 * form. Used when no sound card is present and as ground truth for beat-tracker and section-detector tests.
 */
import type { Bpm, Hz, Samples } from '../units.js';
import { arrange } from './arrangement.js';
import { EventTrack } from './event-track.js';
import { HIGHEST_PAD_HZ } from './harmony.js';
import { addHit } from './sampler.js';
import type { SampleHit } from './sampler.js';
import type { GrooveTimeline } from './timeline.js';
import { addBassNote, addPadNote } from './voices/tone.js';
import type { ToneNote } from './voices/tone.js';
import { ToneTables } from './wavetable.js';

export type { DemoSectionName, GrooveBeat, GrooveSection, GrooveTimeline } from './timeline.js';

export interface DemoGrooveOptions {
  seed?: number;
  bpm?: Bpm;
  sampleRate?: Hz;
}

export const BPM_RANGE = { min: 60, max: 200 } as const;
export const SAMPLE_RATE_RANGE = { min: 22050, max: 192000 } as const;
const MAX_SEED = 0xffffffff;

/** Work is done in sub-blocks of at most this many samples, so the scratch buffer never grows. */
const SCRATCH_SAMPLES = 4096;
/** Headroom for the rare moments when kick, bass, pad and clap peaks line up. */
const MASTER_GAIN = 0.85;
/** Soft limiter: linear below the knee, tanh above it, never reaching the ceiling. */
const LIMIT_KNEE = 0.8;
const LIMIT_CEILING = 0.95;

export function softLimit(x: number): number {
  const a = Math.abs(x);
  if (a <= LIMIT_KNEE) return x;
  const room = LIMIT_CEILING - LIMIT_KNEE;
  return Math.sign(x) * (LIMIT_KNEE + room * Math.tanh((a - LIMIT_KNEE) / room));
}

function checkOptions(o: Required<DemoGrooveOptions>): void {
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > MAX_SEED) {
    throw new Error(`DemoGroove: seed must be an integer in [0, ${MAX_SEED}], got ${o.seed}`);
  }
  if (!Number.isFinite(o.bpm) || o.bpm < BPM_RANGE.min || o.bpm > BPM_RANGE.max) {
    throw new Error(`DemoGroove: bpm must be a number in [${BPM_RANGE.min}, ${BPM_RANGE.max}], got ${o.bpm}`);
  }
  if (!Number.isInteger(o.sampleRate) || o.sampleRate < SAMPLE_RATE_RANGE.min || o.sampleRate > SAMPLE_RATE_RANGE.max) {
    throw new Error(`DemoGroove: sampleRate must be an integer in [${SAMPLE_RATE_RANGE.min}, ${SAMPLE_RATE_RANGE.max}] Hz, got ${o.sampleRate}`);
  }
}

export class DemoGroove {
  static getDefaults(): Required<DemoGrooveOptions> {
    return { seed: 1, bpm: 124, sampleRate: 48000 };
  }

  /** One pass of the song. Frozen: it is shared ground truth. */
  readonly timeline: GrooveTimeline;
  /** Samples in one pass; render loops back to sample 0 after this many. */
  readonly lengthSamples: Samples;
  readonly sampleRate: Hz;

  private readonly drums: EventTrack<SampleHit>[];
  private readonly pad: EventTrack<ToneNote>;
  private readonly bass: EventTrack<ToneNote>;
  private readonly tables: ToneTables;
  private readonly scratch = new Float64Array(SCRATCH_SAMPLES);
  /** Next sample to render, within the pass. The only state: every voice is a function of it. */
  private position: Samples = 0;

  constructor(options: DemoGrooveOptions = {}) {
    const defaults = DemoGroove.getDefaults();
    const o: Required<DemoGrooveOptions> = {
      seed: options.seed ?? defaults.seed,
      bpm: options.bpm ?? defaults.bpm,
      sampleRate: options.sampleRate ?? defaults.sampleRate,
    };
    checkOptions(o);
    const arrangement = arrange(o.seed, o.bpm, o.sampleRate);
    this.timeline = deepFreeze(arrangement.timeline);
    this.lengthSamples = arrangement.lengthSamples;
    this.sampleRate = o.sampleRate;
    this.drums = arrangement.drums.map((hits) => new EventTrack(hits));
    this.pad = new EventTrack(arrangement.pad);
    this.bass = new EventTrack(arrangement.bass);
    this.tables = new ToneTables(o.sampleRate, HIGHEST_PAD_HZ);
  }

  /** Writes the next out.length mono samples in [-0.95, 0.95], looping after lengthSamples. */
  render(out: Float32Array): void {
    let written = 0;
    while (written < out.length) {
      const count = Math.min(out.length - written, SCRATCH_SAMPLES, this.lengthSamples - this.position);
      this.mix(this.position, count);
      for (let j = 0; j < count; j++) out[written + j] = softLimit(MASTER_GAIN * (this.scratch[j] ?? 0));
      written += count;
      this.position += count;
      if (this.position === this.lengthSamples) this.position = 0;
    }
  }

  /** Back to sample 0 of the pass. */
  reset(): void {
    this.position = 0;
  }

  /** Sums every voice over [from, from + count) into the scratch buffer, in a fixed voice order. */
  private mix(from: Samples, count: number): void {
    const to = from + count;
    this.mixFrom = from;
    // A plain loop: TypedArray.fill costs about a microsecond per call, which dominates 1-sample blocks.
    for (let j = 0; j < count; j++) this.scratch[j] = 0;
    for (const track of this.drums) track.forEachActive(from, to, this.addHit);
    this.bass.forEachActive(from, to, this.addBass);
    this.pad.forEachActive(from, to, this.addPad);
  }

  // Visitors made once, not per block: they read the block start from mixFrom.
  private mixFrom: Samples = 0;
  private readonly addHit = (hit: SampleHit, lo: Samples, hi: Samples): void => {
    addHit(this.scratch, this.mixFrom, lo, hi, hit);
  };
  private readonly addBass = (note: ToneNote, lo: Samples, hi: Samples): void => {
    addBassNote(this.scratch, this.mixFrom, lo, hi, note, this.tables, this.sampleRate);
  };
  private readonly addPad = (note: ToneNote, lo: Samples, hi: Samples): void => {
    addPadNote(this.scratch, this.mixFrom, lo, hi, note, this.tables, this.sampleRate);
  };
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child as object);
  }
  return Object.freeze(value);
}
