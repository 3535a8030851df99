/**
 * Bar-phase error on an evaluation set, per meter, at anticipations 0, 0.1, 0.3 and 0.5 s: the bar_phase model
 * against the tracker's own extrapolation (barPhaseAt). Error is the circular distance to the true bar phase at
 * t + a, in fractions of a bar (0 to 0.5); hops in the first 5 s (lock-on) are left out, as in the beat scores.
 */
import type { Contract } from '@fractalsync/server/core/contract/contract';
import type { Seconds } from '@fractalsync/server/core/units';
import { OnnxModel } from '@fractalsync/server/models/onnx-model';
import { barLengths } from '../dataset/hop-labels.js';
import { trackAudioPath } from '../eval/track-set.js';
import type { TrackSet } from '../eval/track-set.js';
import { copyWindow, truthAt } from './bar-phase-data.js';
import type { BarPhaseTrack } from './bar-phase-data.js';
import { FEATURE_DIM, trackerRun } from './tracker-states.js';

export const EVAL_ANTICIPATIONS: readonly Seconds[] = [0, 0.1, 0.3, 0.5];
export const EVAL_TRIM: Seconds = 5;

export interface ErrorStats {
  n: number;
  model: number;
  extrapolation: number;
}

/** Circular distance between two phases in [0, 1), in [0, 0.5]. */
export function circularDistance(a: number, b: number): number {
  const d = (((a - b) % 1) + 1) % 1;
  return Math.min(d, 1 - d);
}

export interface BarPhaseReport {
  set: string;
  tracks: number;
  /** meter -> anticipation (as text) -> mean errors. */
  byMeter: Record<string, Record<string, ErrorStats>>;
  all: Record<string, ErrorStats>;
}

export async function evaluateBarPhase(set: TrackSet, modelPath: string, contract: Contract, log?: { info(msg: string): void }): Promise<BarPhaseReport> {
  const model = await OnnxModel.load(modelPath, { contract });
  const window = model.card.dims.window_frames ?? contract.features.window_frames;
  const sums: Record<string, Record<string, ErrorStats>> = {};
  const add = (meter: string, a: string, model: number, extrapolation: number): void => {
    const byA = (sums[meter] ??= {});
    const s = (byA[a] ??= { n: 0, model: 0, extrapolation: 0 });
    s.n++;
    s.model += model;
    s.extrapolation += extrapolation;
  };
  try {
    for (const [i, entry] of set.manifest.tracks.entries()) {
      const run = await trackerRun(trackAudioPath(set, entry), EVAL_ANTICIPATIONS);
      const track: BarPhaseTrack = { id: entry.id, run, beats: entry.beats, lengths: barLengths(entry.beats) };
      for (const [k, a] of EVAL_ANTICIPATIONS.entries()) {
        const hops: number[] = [];
        for (let h = window - 1; h < run.hops; h++) if ((run.t[h] ?? 0) >= EVAL_TRIM && truthAt(track, (run.t[h] ?? 0) + a) !== undefined) hops.push(h);
        if (hops.length === 0) continue;
        const features = new Float32Array(hops.length * window * FEATURE_DIM);
        hops.forEach((h, j) => {
          copyWindow(track, h, window, features, j);
        });
        const out = await model.run({ features: { data: features, dims: [hops.length, window, FEATURE_DIM] }, anticipation: { data: new Float32Array(hops.length).fill(a), dims: [hops.length, 1] } });
        const pred = out.bar_phase?.data ?? new Float32Array();
        hops.forEach((h, j) => {
          const truth = truthAt(track, (run.t[h] ?? 0) + a);
          if (truth === undefined) return;
          const phase = Math.atan2(pred[2 * j] ?? 0, pred[2 * j + 1] ?? 1) / (2 * Math.PI);
          const extrapolated = run.extrapolated[h * EVAL_ANTICIPATIONS.length + k] ?? 0;
          add(String(truth.meter), a.toFixed(1), circularDistance(phase, truth.phase), circularDistance(extrapolated, truth.phase));
        });
      }
      log?.info(`[${i + 1}/${set.manifest.tracks.length}] ${entry.id}`);
    }
  } finally {
    await model.close();
  }
  const all: Record<string, ErrorStats> = {};
  const byMeter: Record<string, Record<string, ErrorStats>> = {};
  for (const [meter, byA] of Object.entries(sums)) {
    for (const [a, s] of Object.entries(byA)) {
      (byMeter[meter] ??= {})[a] = { n: s.n, model: s.model / s.n, extrapolation: s.extrapolation / s.n };
      const t = (all[a] ??= { n: 0, model: 0, extrapolation: 0 });
      t.n += s.n;
      t.model += s.model;
      t.extrapolation += s.extrapolation;
    }
  }
  for (const s of Object.values(all)) {
    s.model /= s.n;
    s.extrapolation /= s.n;
  }
  return { set: set.manifest.set, tracks: set.manifest.tracks.length, byMeter, all };
}

/** Markdown: one row per meter, model / extrapolation mean error (% of a bar) per anticipation. */
export function formatBarPhaseReport(r: BarPhaseReport): string {
  const as = EVAL_ANTICIPATIONS.map((a) => a.toFixed(1));
  const cell = (s: ErrorStats | undefined): string => (s === undefined ? '-' : `${(100 * s.model).toFixed(1)} / ${(100 * s.extrapolation).toFixed(1)}`);
  const lines = [
    `Bar-phase error on \`${r.set}\` (${r.tracks} tracks): mean circular error in % of a bar, **model / tracker extrapolation**, hops after the first ${EVAL_TRIM} s.`,
    '',
    `| meter (beats per bar) | hops | ${as.map((a) => `a = ${a} s`).join(' | ')} |`,
    `|---|---|${as.map(() => '---').join('|')}|`,
  ];
  const meters = Object.keys(r.byMeter).sort((x, y) => Number(x) - Number(y));
  for (const m of meters) lines.push(`| ${m} | ${r.byMeter[m]?.['0.0']?.n ?? 0} | ${as.map((a) => cell(r.byMeter[m]?.[a])).join(' | ')} |`);
  lines.push(`| all | ${r.all['0.0']?.n ?? 0} | ${as.map((a) => cell(r.all[a])).join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}
