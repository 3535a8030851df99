/**
 * What the bar-phase model sees: per hop, the beat tracker's state as features (the contract's beat features,
 * then the bar phase as sin/cos and the meter), from the daemon's causal path (HopProcessor) over a file. The
 * tracker's own extrapolated bar phase at chosen anticipations is recorded beside it, as the baseline.
 */
import { OfflineSource } from '@fractalsync/server/audio/offline-source';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import type { BeatState } from '@fractalsync/server/core/state/slow-state';
import type { Seconds } from '@fractalsync/server/core/units';
import { HopProcessor } from '@fractalsync/server/engine/hop-processor';

/** Columns of one frame of the bar_phase model's `features` input (feature_dim = 8). */
export const BAR_FEATURES = ['sin_phase', 'cos_phase', 'log_spb', 'conf', 'downbeat_prob', 'sin_bar_phase', 'cos_bar_phase', 'beats_per_bar_over_8'] as const;
export const FEATURE_DIM = BAR_FEATURES.length;

export function stateFeatures(beat: BeatState, out: Float32Array, offset: number): void {
  const tau = 2 * Math.PI;
  out[offset] = Math.sin(tau * beat.phase);
  out[offset + 1] = Math.cos(tau * beat.phase);
  out[offset + 2] = Math.log(beat.spb);
  out[offset + 3] = beat.conf;
  out[offset + 4] = beat.downbeat_prob;
  out[offset + 5] = Math.sin(tau * beat.bar_phase);
  out[offset + 6] = Math.cos(tau * beat.bar_phase);
  out[offset + 7] = beat.beats_per_bar / 8;
}

export interface TrackerRun {
  hops: number;
  /** Stream time at the end of each hop. */
  t: Float64Array;
  /** hops x FEATURE_DIM. */
  features: Float32Array;
  /** hops x anticipations.length: the tracker's barPhaseAt(a) at each hop. */
  extrapolated: Float32Array;
}

export async function trackerRun(wavPath: string, anticipations: readonly Seconds[] = []): Promise<TrackerRun> {
  const source = await OfflineSource.open(wavPath, { channel: 'mix' });
  const processor = await HopProcessor.create(CONTRACT, () => 0);
  const t: number[] = [];
  const features: number[] = [];
  const extrapolated: number[] = [];
  const frame = new Float32Array(FEATURE_DIM);
  await source.start({
    audio: (block) => {
      processor.push(block, (state) => {
        // The engine's HopProcessor always tracks beats; a state without them would be a wiring error.
        if (state.beat === undefined) throw new Error(`${wavPath}: hop ${state.hop} has no beat state`);
        t.push(state.t);
        stateFeatures(state.beat, frame, 0);
        for (const v of frame) features.push(v);
        for (const a of anticipations) extrapolated.push(processor.tracker.barPhaseAt(a));
      });
    },
    event: () => undefined,
  });
  return { hops: t.length, t: Float64Array.from(t), features: Float32Array.from(features), extrapolated: Float32Array.from(extrapolated) };
}
