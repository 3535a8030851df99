import { CONTRACT } from '../core/contract/contract.js';
import { DemoGroove } from '../core/synth/demo-groove.js';
import { HopProcessor } from '../engine/hop-processor.js';
import { percentile } from './stats.js';

/**
 * `node server/dist/bench/prediction-error.js [BPM]`: how the beat clock's prediction error grows with the
 * anticipation a. On the demo groove's drummed sections (verse, build, drop), after 10 s, every hop compares
 * phaseAt(a) and barPhaseAt(a) with the exact beat and bar phase at t + a. Errors in milliseconds.
 */
const bpm = Number(process.argv[2] ?? 124);
const groove = new DemoGroove({ bpm });
const audio = new Float32Array(groove.lengthSamples);
groove.render(audio);
const beats = groove.timeline.beats;
const drummed = groove.timeline.sections.filter((s) => ['verse', 'build', 'drop'].includes(s.name));
const anticipations = [0, 0.1, 0.2, 0.3, 0.4, 0.5];
const beatErrors = anticipations.map(() => [] as number[]);
const barErrors = anticipations.map(() => [] as number[]);
const spb = 60 / bpm;

/** Exact beat phase (beats since the first beat) at time x, from the timeline. */
function truePhase(x: number): { beat: number; bar: number } {
  const first = beats[0]?.time ?? 0;
  const beat = (x - first) / spb;
  return { beat, bar: beat / groove.timeline.beatsPerBar };
}

const processor = await HopProcessor.create(CONTRACT, () => 0);
for (let offset = 0; offset < audio.length; offset += 4096) {
  processor.push(audio.subarray(offset, offset + 4096), (state) => {
    if (state.t < 10) return;
    anticipations.forEach((a, i) => {
      const at = state.t + a;
      if (!drummed.some((s) => at >= s.start && at < s.end)) return;
      const truth = truePhase(at);
      const wrap = (x: number): number => Math.abs(x - Math.round(x));
      beatErrors[i]?.push(wrap(processor.tracker.phaseAt(a) - truth.beat) * spb * 1000);
      barErrors[i]?.push(wrap(processor.tracker.barPhaseAt(a) - truth.bar) * spb * groove.timeline.beatsPerBar * 1000);
    });
  });
}
process.stdout.write(`prediction error on the demo groove at ${bpm} BPM, drummed sections, after 10 s (ms)\n`);
process.stdout.write('| a (s) | beat phase median | beat phase p95 | bar phase median | bar phase p95 |\n|---|---|---|---|---|\n');
anticipations.forEach((a, i) => {
  const b = beatErrors[i] ?? [];
  const r = barErrors[i] ?? [];
  process.stdout.write(`| ${a.toFixed(1)} | ${percentile(b, 50).toFixed(1)} | ${percentile(b, 95).toFixed(1)} | ${percentile(r, 50).toFixed(1)} | ${percentile(r, 95).toFixed(1)} |\n`);
});
