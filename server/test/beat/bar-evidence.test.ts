import { describe, expect, it } from 'vitest';
import { BarEvidence } from '../../src/core/beat/bar-evidence.js';
import type { HopActivation } from '../../src/core/beat/activation.js';

const chroma = new Float32Array(12).fill(1);
const hop = (downbeat?: number): HopActivation => ({ beat: 0.5, bass: 0.2, chroma, presence: 1, ...(downbeat === undefined ? {} : { downbeat }) });

/** Four-hop beats, harmony and bass alike on every beat; the network says "downbeat" at the start of every `bar`-th. */
function evidences(evidence: BarEvidence, beats: number, bar: number, withNetwork = true): (number | undefined)[] {
  const out: (number | undefined)[] = [];
  for (let b = 0; b < beats; b++) {
    for (let h = 0; h < 4; h++) evidence.addHop(hop(withNetwork ? (h === 1 && b % bar === 0 ? 0.8 : 0.05) : undefined));
    out.push(evidence.endBeat());
  }
  return out;
}

describe('bar evidence', () => {
  it('with no network share, harmony and bass alike on every beat favour none of them', () => {
    const e = evidences(new BarEvidence({ downbeatShare: 0 }), 16, 4).slice(4);
    for (const x of e) expect(x).toBeCloseTo(e[0] ?? NaN, 6);
  });

  it('with a share, the learned downbeat at a beat start votes for that beat (its evidence arrives when the beat ends)', () => {
    const e = evidences(new BarEvidence({ downbeatShare: 0.5 }), 24, 4);
    // Beat b's evidence is returned by the b-th endBeat (index b): beats 8, 12, 16, 20 began bars.
    const late = e.slice(8).map((x, i) => ({ x: x ?? NaN, first: (i + 8) % 4 === 0 }));
    const others = Math.max(...late.filter((b) => !b.first).map((b) => b.x));
    for (const b of late.filter((b) => b.first)) expect(b.x).toBeGreaterThan(3 * others);
  });

  it('hops without a network answer leave the evidence as harmony and bass alone', () => {
    const a = evidences(new BarEvidence({ downbeatShare: 0.5 }), 16, 4, false);
    const b = evidences(new BarEvidence({ downbeatShare: 0 }), 16, 4, false);
    expect(a).toEqual(b);
  });

  it('refuses a share outside [0, 1], naming it', () => {
    expect(() => new BarEvidence({ downbeatShare: 1.5 })).toThrow('bar evidence: downbeatShare 1.5 is invalid');
  });
});
