import { describe, expect, it } from 'vitest';
import { FrameRing } from '../../src/core/hop/frame-ring.js';
import { withDeltas } from '../../src/core/hop/deltas.js';
import { HopFramer } from '../../src/core/hop/hop-framer.js';

describe('FrameRing', () => {
  it('reads windows without advancing, whatever the polling', () => {
    const ring = new FrameRing(2, 8);
    for (let hop = 1; hop <= 5; hop++) ring.append(Float32Array.from([hop, -hop]));
    const first = ring.window(3);
    const second = ring.window(3);
    expect(Array.from(first)).toEqual([3, -3, 4, -4, 5, -5]);
    expect(Array.from(second)).toEqual(Array.from(first));
    expect(ring.count).toBe(5);
  });

  it('pads before the stream with zeros and forgets rows past its capacity', () => {
    const ring = new FrameRing(1, 4);
    ring.append(Float32Array.from([7]));
    expect(Array.from(ring.window(3))).toEqual([0, 0, 7]);
    for (let hop = 2; hop <= 10; hop++) ring.append(Float32Array.from([hop]));
    expect(ring.row(6)).toBeUndefined();
    expect(ring.row(7)?.[0]).toBe(7);
    expect(ring.row(11)).toBeUndefined();
  });

  it('names the problem with a bad row or window', () => {
    const ring = new FrameRing(3, 4);
    expect(() => { ring.append(new Float32Array(2)); }).toThrow(/2 values; this ring holds rows of 3/);
    expect(() => ring.window(5)).toThrow(/window of 5 frames is not available; expected 1 to 4/);
  });
});

describe('withDeltas', () => {
  it('stacks first and second differences per frame', () => {
    const window = Float32Array.from([1, 10, 3, 10, 6, 13]);
    expect(Array.from(withDeltas(window, 3, 2, 'delta'))).toEqual([1, 10, 0, 0, 3, 10, 2, 0, 6, 13, 3, 3]);
    const dd = withDeltas(window, 3, 2, 'delta-delta');
    expect(Array.from(dd.subarray(12, 18))).toEqual([6, 13, 3, 3, 1, 3]);
    expect(Array.from(withDeltas(window, 3, 2, 'none'))).toEqual(Array.from(window));
  });
});

describe('HopFramer', () => {
  it('refuses a hop longer than its frame', () => {
    expect(() => new HopFramer(512, 1024)).toThrow(/hop 1024, frame 512/);
  });

  it('counts stream time in samples', () => {
    const framer = new HopFramer(8, 4);
    const windows: number[][] = [];
    framer.push(Float32Array.from([1, 2, 3, 4, 5, 6]), (_, w) => windows.push(Array.from(w)));
    expect(framer.samplesConsumed).toBe(6);
    framer.push(Float32Array.from([7, 8]), (_, w) => windows.push(Array.from(w)));
    expect(windows).toEqual([
      [0, 0, 0, 0, 1, 2, 3, 4],
      [1, 2, 3, 4, 5, 6, 7, 8],
    ]);
  });
});
