import type { BeatState, FeatureState, StructureState } from '../state/slow-state.js';
import type { Seconds } from '../units.js';
import { buildUp } from './build-up.js';
import { BAND_COUNT, type ControlVector } from './control-vector.js';

/**
 * The hand-written control mapping: audio features (and beat confidence and boundary hazard when present) to
 * the control vector, used until a controller model runs and whenever the VJ picks "manual". Each formula
 * is documented in docs/VISUALS.md; the constants below are its only tuning.
 */
export const MAPPING = {
  /** Loudness: slow RMS level mapped from this many dBFS (0) ... */
  loudFloorDb: -48,
  /** ... to this many (1). */
  loudCeilDb: -12,
  loudTau: 2 as Seconds,
  /** Brightness: log2 of the spectral centroid over this, divided by brightOctaves. */
  brightRefHz: 200,
  brightOctaves: 5,
  brightTau: 1 as Seconds,
  /** Band gates: a band's level within this many dB below its own recent peak opens its gate. */
  gateRangeDb: 24,
  gateAttackTau: 0.03 as Seconds,
  gateReleaseTau: 0.12 as Seconds,
  /** A band's recent peak falls this many dB per second, so a quiet passage re-scales. */
  peakFallDbPerS: 3,
  /** Below this a band counts as silent whatever its recent peak. */
  silenceDb: -90,
  /** Activity: onset strength over its recent peak, averaged over activityTau. */
  activityTau: 1 as Seconds,
} as const;

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
const db = (power: number): number => 10 * Math.log10(Math.max(power, 1e-15));

/** One step of a first-order follower with separate attack (rising) and release (falling) time constants. */
function follow(previous: number, x: number, attack: Seconds, release: Seconds, dt: Seconds): number {
  const tau = x > previous ? attack : release;
  return x + (previous - x) * Math.exp(-dt / tau);
}

interface BandTracker {
  level: number;
  peak: number;
}

export class ManualMapping {
  #loud: number | null = null;
  #bright: number | null = null;
  #activity = 0;
  #onsetPeak = 0;
  #bands: BandTracker[] = [];

  reset(): void {
    this.#loud = null;
    this.#bright = null;
    this.#activity = 0;
    this.#onsetPeak = 0;
    this.#bands = [];
  }

  /** One hop of features, `dt` seconds after the previous one. */
  process(features: FeatureState, beat: BeatState | undefined, structure: StructureState | undefined, dt: Seconds): ControlVector {
    if (!Number.isFinite(dt) || dt <= 0) throw new Error(`manual mapping needs dt > 0 seconds, got ${String(dt)}`);
    if (features.bands.length !== BAND_COUNT) {
      throw new Error(`manual mapping needs ${BAND_COUNT} band energies, got ${features.bands.length}`);
    }
    const m = MAPPING;
    const smooth = (previous: number | null, x: number, tau: Seconds): number => (previous === null ? x : x + (previous - x) * Math.exp(-dt / tau));
    const loudDb = 20 * Math.log10(Math.max(features.rms, 1e-9));
    this.#loud = smooth(this.#loud, clamp01((loudDb - m.loudFloorDb) / (m.loudCeilDb - m.loudFloorDb)), m.loudTau);
    const bright = clamp01(Math.log2(Math.max(features.centroid, 1) / m.brightRefHz) / m.brightOctaves);
    this.#bright = smooth(this.#bright, bright, m.brightTau);

    // Onset strength relative to its own recent peak, so the mapping does not depend on the input's gain.
    this.#onsetPeak = Math.max(features.onset, this.#onsetPeak * Math.exp(-dt / 4));
    const onsetShare = this.#onsetPeak > 0 ? features.onset / this.#onsetPeak : 0;
    this.#activity = smooth(this.#activity, onsetShare, m.activityTau);

    const bandGates = features.bands.map((power, k) => this.#gate(k, db(power), dt));
    const build = buildUp(structure?.hazard);
    const conf = beat?.conf ?? 0;
    return {
      sTarget: clamp01(0.2 + 0.4 * this.#loud + 0.2 * this.#activity + 0.2 * build),
      alpha: clamp01(0.85 - 0.6 * this.#activity),
      omegaScale: (0.5 + 0.75 * this.#loud + 0.5 * this.#bright) * (0.5 + 0.5 * clamp01(conf)) * (1 + build),
      bandGates,
    };
  }

  /** Band gate: its level's envelope placed within gateRangeDb below the band's recent peak. */
  #gate(k: number, levelDb: number, dt: Seconds): number {
    const m = MAPPING;
    const tracker = (this.#bands[k] ??= { level: levelDb, peak: levelDb });
    // The peak takes the raw level, so a first hit after silence still opens the gate at the attack's pace.
    tracker.peak = Math.max(levelDb, tracker.peak - m.peakFallDbPerS * dt);
    // Below the gate's range the depth does not matter; flooring there keeps the attack's glide within the range.
    const floor = tracker.peak - m.gateRangeDb;
    tracker.level = Math.max(tracker.level, floor - 1);
    tracker.level = follow(tracker.level, Math.max(levelDb, floor), m.gateAttackTau, m.gateReleaseTau, dt);
    if (tracker.level < m.silenceDb) return 0;
    return clamp01((tracker.level - (tracker.peak - m.gateRangeDb)) / m.gateRangeDb);
  }
}
