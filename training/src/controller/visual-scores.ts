/**
 * Scores of a c sequence against the music: correlations between audio energy/onsets and the Julia frame
 * metrics, jerk (third difference of c per hop) and speed, and per section where c lies (inside M = connected
 * Julia set). Pure functions of the series, so the evaluation's numbers can be checked on hand-made input.
 */
import type { Complex } from '@fractalsync/server/core/visual/orbit';

export interface Series {
  c: [number, number][];
  energy: number[];
  onset: number[];
  section: number[];
}

export interface SeriesScore {
  frames: number;
  corrEnergyEdges: number;
  /** Energy averaged over the last second (47 hops), against the frame's edge density. */
  corrEnergySmoothEdges: number;
  corrOnsetEdges: number;
  corrEnergyBrightness: number;
  /** |c[t] - 3c[t-1] + 3c[t-2] - c[t-3]| per hop, complex units. */
  jerkP99: number;
  jerkMax: number;
  speedMean: number;
  chorusOutside: number;
  verseInside: number;
}

export const CHORUS = 4;
export const VERSE = 2;
const SMOOTH_HOPS = 47;

export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = Math.min(x.length, y.length);
  if (n < 2) return NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] ?? 0;
    my += y[i] ?? 0;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] ?? 0) - mx;
    const dy = (y[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

type Metrics = (c: Complex) => { brightness: number; edgeDensity: number; connected: boolean };

/** Pools songs; frame metrics are measured every `stride` hops, jerk and speed on every hop. */
export function cSeriesScore(songs: readonly Series[], stride: number, metrics: Metrics): SeriesScore {
  if (!(Number.isInteger(stride) && stride >= 1)) throw new Error(`stride ${stride} is invalid; expected an integer >= 1`);
  const energy: number[] = [];
  const smooth: number[] = [];
  const onset: number[] = [];
  const edges: number[] = [];
  const bright: number[] = [];
  const jerk: number[] = [];
  let speed = 0;
  let steps = 0;
  const counts = { chorus: 0, chorusOut: 0, verse: 0, verseIn: 0 };
  for (const s of songs) {
    let run = 0;
    s.c.forEach((c, t) => {
      run += (s.energy[t] ?? 0) - (t >= SMOOTH_HOPS ? (s.energy[t - SMOOTH_HOPS] ?? 0) : 0);
      const prev = s.c[t - 1];
      if (prev !== undefined) {
        speed += Math.hypot(c[0] - prev[0], c[1] - prev[1]);
        steps++;
      }
      const [a, b, d] = [s.c[t - 1], s.c[t - 2], s.c[t - 3]];
      if (a !== undefined && b !== undefined && d !== undefined) jerk.push(Math.hypot(c[0] - 3 * a[0] + 3 * b[0] - d[0], c[1] - 3 * a[1] + 3 * b[1] - d[1]));
      if (t % stride !== 0) return;
      const m = metrics({ re: c[0], im: c[1] });
      energy.push(s.energy[t] ?? 0);
      smooth.push(run / Math.min(t + 1, SMOOTH_HOPS));
      onset.push(s.onset[t] ?? 0);
      edges.push(m.edgeDensity);
      bright.push(m.brightness);
      if (s.section[t] === CHORUS) {
        counts.chorus++;
        if (!m.connected) counts.chorusOut++;
      } else if (s.section[t] === VERSE) {
        counts.verse++;
        if (m.connected) counts.verseIn++;
      }
    });
  }
  return {
    frames: energy.length,
    corrEnergyEdges: pearson(energy, edges),
    corrEnergySmoothEdges: pearson(smooth, edges),
    corrOnsetEdges: pearson(onset, edges),
    corrEnergyBrightness: pearson(energy, bright),
    jerkP99: quantile(jerk, 0.99),
    jerkMax: jerk.reduce((a, b) => Math.max(a, b), 0),
    speedMean: steps > 0 ? speed / steps : 0,
    chorusOutside: counts.chorus > 0 ? counts.chorusOut / counts.chorus : NaN,
    verseInside: counts.verse > 0 ? counts.verseIn / counts.verse : NaN,
  };
}
