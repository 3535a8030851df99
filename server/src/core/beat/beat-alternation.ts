/**
 * How evenly the activation marks the clock's beats, odd against even. A clock counting eighths of music whose
 * beat is the quarter (a hip-hop groove at 80 BPM read at 160) sees the activation peak on every other beat: the
 * beat network was trained on annotated beats and marks those, and the onsets between them are quieter. Per
 * parity, the mean of the activation's peak within `reach` hops of each beat; the ratio of the weaker mean to the
 * stronger is near 1 at the music's own level (0.67 or more on dev-v2) and about half at a double reading.
 */
export class BeatAlternation {
  readonly #reach: number;
  readonly #rate: number;
  readonly #means = [0, 0];
  readonly #counts = [0, 0];
  /** The beat whose neighbourhood the current hops are in, and its peak so far. */
  #index = -1;
  #peak = -Infinity;

  /** `reach`: hops either side of a beat; `beats`: beats of one parity the means remember (exponential). */
  constructor(reach = 2, beats = 16) {
    if (!(reach >= 0 && beats >= 1)) throw new Error(`beat alternation: reach ${reach} and beats ${beats} are invalid; expected reach >= 0 and beats >= 1`);
    this.#reach = reach;
    this.#rate = 1 / beats;
  }

  /** Forgets the means (a new tempo or level: the parities no longer mean what they did). */
  restart(): void {
    this.#means.fill(0);
    this.#counts.fill(0);
    this.#index = -1;
    this.#peak = -Infinity;
  }

  /** One hop: the activation, and the clock's phase and beat count after the hop, with its period in hops. */
  add(activation: number, phase: number, beatCount: number, period: number): void {
    const nearest = phase < 0.5 ? beatCount : beatCount + 1;
    if (nearest !== this.#index) {
      if (this.#index >= 0 && this.#peak > -Infinity) this.#close(this.#index % 2, this.#peak);
      this.#index = nearest;
      this.#peak = -Infinity;
    }
    if (Math.min(phase, 1 - phase) * period <= this.#reach) this.#peak = Math.max(this.#peak, activation);
  }

  /** The weaker parity's mean peak over the stronger's; undefined until each parity has 4 beats. */
  ratio(): number | undefined {
    const [even = 0, odd = 0] = this.#means;
    if ((this.#counts[0] ?? 0) < 4 || (this.#counts[1] ?? 0) < 4) return undefined;
    const strong = Math.max(even, odd);
    return strong > 0 ? Math.min(even, odd) / strong : 1;
  }

  /** The parity (beat count mod 2) of the beats the activation marks more strongly. */
  strongParity(): 0 | 1 {
    return (this.#means[1] ?? 0) > (this.#means[0] ?? 0) ? 1 : 0;
  }

  #close(parity: number, peak: number): void {
    const count = (this.#counts[parity] ?? 0) + 1;
    this.#counts[parity] = count;
    // A plain mean for the first beats, then exponential.
    const rate = Math.max(this.#rate, 1 / count);
    this.#means[parity] = (this.#means[parity] ?? 0) + rate * (peak - (this.#means[parity] ?? 0));
  }
}
