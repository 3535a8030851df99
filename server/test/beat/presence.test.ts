import { describe, expect, it } from 'vitest';
import { DspActivation } from '../../src/core/beat/activation.js';
import { CONTRACT } from '../../src/core/contract/contract.js';
import { AnalysisPipeline } from '../../src/core/pipeline/analysis-pipeline.js';
import { createAnalysisBackends } from '../../src/dsp/backends.js';
import { beatGrid, renderBeats } from '../support/beat-signals.js';

/** Presence per hop (with its time) of the DSP activation over `audio`, through the daemon's feature pipeline. */
async function presence(audio: Float32Array): Promise<{ t: number; presence: number }[]> {
  const pipeline = new AnalysisPipeline(CONTRACT, await createAnalysisBackends(CONTRACT));
  const activation = new DspActivation(CONTRACT, pipeline.layout);
  const out: { t: number; presence: number }[] = [];
  pipeline.push(audio, ({ row, t }) => out.push({ t, presence: activation.process(row).presence }));
  return out;
}

describe('presence (is there a rhythm to follow?)', () => {
  it('stays up through a groove, between hits too; falls within 1.5 s when the music stops; returns with it', async () => {
    const beats = beatGrid(60, () => 96, () => 4);
    const hops = await presence(renderBeats(beats, 30, { silent: [[12, 18]] }));
    const during = (a: number, b: number): number[] => hops.filter((h) => h.t >= a && h.t < b).map((h) => h.presence);
    const groove = during(3, 12);
    // Every hop of the groove, including the ones half a beat (0.31 s) after a kick with no hit of their own.
    expect(Math.min(...groove)).toBeGreaterThan(0.6);
    expect(groove.filter((p) => p > 0.9).length / groove.length).toBeGreaterThan(0.8);
    expect(Math.max(...during(13.5, 18))).toBeLessThan(0.25);
    expect(Math.min(...during(18.9, 29))).toBeGreaterThan(0.6);
  });

  it('is not held down for long by one loud first onset (music starting from silence)', async () => {
    const beats = beatGrid(60, () => 128, () => 4, 1);
    const audio = renderBeats(beats, 14);
    // A burst of loud broadband noise out of silence at the start: every band rises at once, a far larger onset
    // than any kick after it.
    let seed = 7;
    for (let n = Math.round(0.5 * 48000); n < Math.round(0.6 * 48000); n++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      audio[n] = 1.6 * (seed / 0x7fffffff - 0.5);
    }
    const hops = await presence(audio);
    const settled = hops.filter((h) => h.t >= 4 && h.t < 14).map((h) => h.presence);
    expect(settled.filter((p) => p > 0.9).length / settled.length).toBeGreaterThan(0.8);
  });
});
