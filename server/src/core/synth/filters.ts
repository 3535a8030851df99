/**
 * Topology-preserving state-variable filter (Zavalishin). Chosen over a biquad because its cutoff can move every
 * sample (the build's noise riser) without blowing up, and one filter gives low, band and high outputs.
 */
import type { Hz } from '../units.js';

export type FilterMode = 'low' | 'band' | 'high';

export class StateVariableFilter {
  private ic1 = 0;
  private ic2 = 0;
  private a1 = 0;
  private a2 = 0;
  private a3 = 0;
  private k = 1;

  constructor(
    private readonly sampleRate: Hz,
    cutoff: Hz,
    q: number,
  ) {
    this.setCutoff(cutoff, q);
  }

  setCutoff(cutoff: Hz, q: number): void {
    // Clamp below Nyquist: tan() diverges at sampleRate / 2.
    const fc = Math.min(cutoff, this.sampleRate * 0.49);
    const g = Math.tan((Math.PI * fc) / this.sampleRate);
    this.k = 1 / q;
    this.a1 = 1 / (1 + g * (g + this.k));
    this.a2 = g * this.a1;
    this.a3 = g * this.a2;
  }

  process(x: number, mode: FilterMode): number {
    const v3 = x - this.ic2;
    const v1 = this.a1 * this.ic1 + this.a2 * v3;
    const v2 = this.ic2 + this.a2 * this.ic1 + this.a3 * v3;
    this.ic1 = 2 * v1 - this.ic1;
    this.ic2 = 2 * v2 - this.ic2;
    if (mode === 'low') return v2;
    if (mode === 'band') return v1;
    return x - this.k * v1 - v2;
  }
}

/** Filters a whole buffer in place with a fixed cutoff. */
export function filterInPlace(buffer: Float32Array, sampleRate: Hz, cutoff: Hz, q: number, mode: FilterMode): void {
  const filter = new StateVariableFilter(sampleRate, cutoff, q);
  for (let i = 0; i < buffer.length; i++) buffer[i] = filter.process(buffer[i] ?? 0, mode);
}
