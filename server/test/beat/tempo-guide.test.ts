import { describe, expect, it } from 'vitest';
import { BeatFilter } from '../../src/core/beat/beat-filter.js';
import { loadBeatKernels } from '../../src/dsp/wasm-beat-kernels.js';

const kernels = await loadBeatKernels();

const FPS = 46.875;

/** Onsets every 22 hops, a little noise between. */
function activation(hop: number): number {
  return hop % 22 === 0 ? 0.8 : 0.05 + 0.02 * Math.sin(hop);
}

describe('beat filter tempo guidance', () => {
  it('follows a guide its owner updates in place, raised to the power, exactly as a pre-powered guide', () => {
    const guided = new BeatFilter(kernels, { fps: FPS });
    const reference = new BeatFilter(kernels, { fps: FPS });
    const k = guided.periods.length;
    const guide = new Float64Array(k).fill(1);
    const powered = new Float64Array(k).fill(1);
    guided.guideTempo(guide, 2.5);
    reference.guideTempo(powered, 1);
    for (let hop = 0; hop < 400; hop++) {
      if (hop === 100 || hop === 250) {
        // Induction rewrites its likelihood in place: favour a different period each time.
        const favourite = hop === 100 ? 22 : 44;
        for (let j = 0; j < k; j++) {
          guide[j] = Math.exp(-Math.abs((guided.periods[j] ?? 0) - favourite) / 4);
          powered[j] = (guide[j] ?? 0) ** 2.5;
        }
      }
      const a = guided.process(activation(hop));
      const b = reference.process(activation(hop));
      expect(a).toEqual(b);
    }
    // The second rewrite (towards 44 hops, half the pulse's tempo) moved the belief, so the update was not missed.
    expect(guided.process(activation(400)).period).toBeGreaterThan(30);
  });
});
