/**
 * Measures how many times faster than real time the demo groove renders, on one core. Run after a build:
 * `node server/dist/bench/demo-groove-speed.js [blockSize]`. Prints one line; no assertions (not a test).
 */
import { DemoGroove } from '../core/synth/demo-groove.js';

const blockSize = Number(process.argv[2] ?? '1024');
if (!Number.isInteger(blockSize) || blockSize < 1) throw new Error(`block size must be a positive integer, got ${process.argv[2] ?? ''}`);

const constructStart = performance.now();
const groove = new DemoGroove();
const constructMs = performance.now() - constructStart;

const block = new Float32Array(blockSize);
const passes = 2;
const total = groove.lengthSamples * passes;
const start = performance.now();
for (let done = 0; done < total; done += blockSize) groove.render(block);
const seconds = (performance.now() - start) / 1000;
const audioSeconds = total / groove.sampleRate;

process.stdout.write(
  `demo groove: ${audioSeconds.toFixed(1)} s of audio in ${seconds.toFixed(3)} s with ${blockSize}-sample blocks = ${(audioSeconds / seconds).toFixed(0)}x real time; construction ${constructMs.toFixed(0)} ms\n`,
);
