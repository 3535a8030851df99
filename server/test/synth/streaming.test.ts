import { beforeAll, describe, expect, it } from 'vitest';
import { DemoGroove } from '../../src/core/synth/demo-groove.js';
import { createPrng } from '../../src/core/synth/prng.js';
import { firstDifference, renderFresh } from './helpers.js';

// One pass plus one second, so every block size also crosses the loop point.
const LENGTH = new DemoGroove().lengthSamples + 48000;
let reference: Float32Array;

beforeAll(() => {
  reference = renderFresh({}, LENGTH);
});

describe('demo groove streaming', () => {
  // Five million 1-sample calls take several seconds on a busy 2-core machine: allow for it.
  it.each([1, 128, 1000, 4096])(
    'gives the same samples in blocks of %i as in one block',
    (blockSize) => {
      expect(firstDifference(renderFresh({}, LENGTH, blockSize), reference)).toBe(-1);
    },
    60_000,
  );

  it('gives the same samples for a random mix of block lengths from 1 sample to 1 s', () => {
    const groove = new DemoGroove();
    const rng = createPrng(42);
    const out = new Float32Array(LENGTH);
    for (let pos = 0; pos < LENGTH; ) {
      const n = Math.min(LENGTH - pos, 1 + Math.floor(rng() * 48000));
      groove.render(out.subarray(pos, pos + n));
      pos += n;
    }
    expect(firstDifference(out, reference)).toBe(-1);
  });

  it('loops: two passes are the first pass twice', () => {
    const length = new DemoGroove().lengthSamples;
    const two = renderFresh({}, 2 * length);
    expect(firstDifference(two.subarray(length), two.subarray(0, length))).toBe(-1);
    expect(firstDifference(two.subarray(0, length), reference.subarray(0, length))).toBe(-1);
  });

  it('joins passes without a click: the step across the loop point is like its neighbours', () => {
    const length = new DemoGroove().lengthSamples;
    const near = 480; // 10 ms either side
    let typical = 0;
    for (let i = length - near; i < length + near; i++) {
      if (i !== length) typical = Math.max(typical, Math.abs((reference[i] ?? 0) - (reference[i - 1] ?? 0)));
    }
    const step = Math.abs((reference[length] ?? 0) - (reference[length - 1] ?? 0));
    expect(typical).toBeGreaterThan(0);
    expect(step).toBeLessThanOrEqual(typical);
  });

  it('reset goes back to sample 0', () => {
    const groove = new DemoGroove();
    groove.render(new Float32Array(123_457));
    groove.reset();
    const out = new Float32Array(96000);
    groove.render(out);
    expect(firstDifference(out, reference.subarray(0, 96000))).toBe(-1);
  });

  it('does nothing for an empty block', () => {
    const groove = new DemoGroove();
    groove.render(new Float32Array(0));
    const out = new Float32Array(1000);
    groove.render(out);
    expect(firstDifference(out, reference.subarray(0, 1000))).toBe(-1);
  });
});
