import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav } from '../audio/wav-encode.js';
import { CONTRACT } from '../core/contract/contract.js';
import { DemoGroove } from '../core/synth/demo-groove.js';
import { HopModels, OFFLINE_MODEL_TIMEOUT_MS, SHIPPED_MODELS_DIR } from '../engine/hop-models.js';
import { silentLogger } from '../log.js';
import { aubioPass } from './aubio-pass.js';
import { daemonHopPass, featurePass, trackingPass, type Pass } from './pipeline-passes.js';
import { percentile } from './stats.js';

/**
 * `npm run bench`: offline speed (real-time factor) and per-hop cost (median, p99), one thread, on the demo
 * groove: the feature pipeline; beat tracking (features + activation + tracker, issue 3's speed floor) with the
 * DSP activation and with the shipped beat network; the daemon's whole hop (SlowState and its JSON too); and
 * aubio on the same audio in the same run, as a yardstick of how fast this machine is right now. This VM's speed
 * wanders by up to 1.6x between runs, so the measurements are interleaved, repeated (BENCH_PASSES, default 5),
 * and the median pass is reported with the slowest and fastest beside it.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const PASSES = Number(process.env.BENCH_PASSES ?? 5);
if (!(SECONDS >= 5 && Number.isInteger(PASSES) && PASSES >= 1)) throw new Error('BENCH_SECONDS must be at least 5 and BENCH_PASSES a positive integer');

const audio = new Float32Array(Math.round(SECONDS * CONTRACT.audio.sample_rate));
new DemoGroove().render(audio);
const dir = mkdtempSync(join(tmpdir(), 'fractalsync-bench-'));
const wav = join(dir, 'demo.wav');
const shortWav = join(dir, 'short.wav');
writeFileSync(wav, encodeWav([audio], CONTRACT.audio.sample_rate));
writeFileSync(shortWav, encodeWav([audio.subarray(0, CONTRACT.audio.sample_rate / 10)], CONTRACT.audio.sample_rate));

/** The shipped beat network alone: no anticipator or controller, so nothing leaves this thread. */
const beatOnly = new HopModels(OFFLINE_MODEL_TIMEOUT_MS, silentLogger);
await beatOnly.load('beat_activation', join(SHIPPED_MODELS_DIR, 'beat_activation.onnx'));

const runs = {
  features: [] as Pass[],
  trackingDsp: [] as Pass[],
  trackingLearned: [] as Pass[],
  daemonDsp: [] as Pass[],
  daemonLearned: [] as Pass[],
};
const aubio: number[] = [];
try {
  for (let i = 0; i < PASSES; i++) {
    runs.features.push(await featurePass(CONTRACT, audio));
    runs.trackingDsp.push(await trackingPass(CONTRACT, audio));
    runs.trackingLearned.push(await trackingPass(CONTRACT, audio, beatOnly));
    runs.daemonDsp.push(await daemonHopPass(CONTRACT, audio));
    runs.daemonLearned.push(await daemonHopPass(CONTRACT, audio, beatOnly));
    const a = aubioPass(wav, shortWav, SECONDS);
    if (a !== null) aubio.push(a);
  }
} finally {
  await beatOnly.close();
  rmSync(dir, { recursive: true, force: true });
}

interface Summary {
  rtf: number;
  rtf_min: number;
  rtf_max: number;
  hop_median_us: number;
  hop_p99_us: number;
}
const round = (x: number): number => Math.round(x);
/** The median pass by speed, with the slowest and fastest passes' speeds beside it. */
function summary(passes: readonly Pass[]): Summary {
  const median = [...passes].sort((a, b) => a.rtf - b.rtf)[Math.floor(passes.length / 2)];
  if (!median) throw new Error('no passes');
  const rtfs = passes.map((p) => p.rtf);
  return { rtf: round(median.rtf), rtf_min: round(Math.min(...rtfs)), rtf_max: round(Math.max(...rtfs)), hop_median_us: Number(median.hopMedianUs.toFixed(1)), hop_p99_us: Number(median.hopP99Us.toFixed(1)) };
}
const result = {
  audio_seconds: SECONDS,
  passes: PASSES,
  feature_pipeline: summary(runs.features),
  tracking_dsp: summary(runs.trackingDsp),
  tracking_learned: summary(runs.trackingLearned),
  daemon_hop_dsp: summary(runs.daemonDsp),
  daemon_hop_learned: summary(runs.daemonLearned),
  aubio_rtf: aubio.length === 0 ? null : round(percentile(aubio, 50)),
  aubio_rtf_min: aubio.length === 0 ? null : round(Math.min(...aubio)),
  aubio_rtf_max: aubio.length === 0 ? null : round(Math.max(...aubio)),
  node: process.version,
};

const out = process.stdout;
const line = (name: string, r: Summary): string =>
  `  ${name.padEnd(58)} ${String(r.rtf).padStart(5)}x real time (passes ${r.rtf_min}x to ${r.rtf_max}x); per hop median ${r.hop_median_us} µs, p99 ${r.hop_p99_us} µs\n`;
out.write(`FractalSync benchmark: ${SECONDS} s of the demo groove, one thread, median of ${PASSES} interleaved passes (real time allows 21333 µs per hop)\n`);
out.write(line('feature pipeline', result.feature_pipeline));
out.write(line('beat tracking, DSP activation (features + tracker)', result.tracking_dsp));
out.write(line('beat tracking, shipped beat network (issue 3 floor: 500x)', result.tracking_learned));
out.write(line("daemon's whole hop + SlowState JSON, DSP activation", result.daemon_hop_dsp));
out.write(line("daemon's whole hop + SlowState JSON, shipped beat network", result.daemon_hop_learned));
out.write(
  result.aubio_rtf === null
    ? '  aubio: not installed (Debian aubio-tools), no yardstick this run\n'
    : `  ${'aubio beat on the same audio (the yardstick)'.padEnd(58)} ${String(result.aubio_rtf).padStart(5)}x real time (passes ${result.aubio_rtf_min}x to ${result.aubio_rtf_max}x)\n`,
);
out.write(`${JSON.stringify(result)}\n`);
