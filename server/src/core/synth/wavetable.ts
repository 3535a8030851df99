/**
 * Single-cycle wavetables. Tonal voices read a table at a phase computed directly from the sample index, so a
 * note's samples do not depend on how the stream is cut into blocks, and a lookup is much cheaper than Math.sin.
 */

const TABLE_SIZE = 2048;

/** One cycle of a waveform, with a guard sample so interpolation never wraps. */
export type Wavetable = Float64Array;

/** A band-limited sawtooth-like wave: harmonics 1..count at amplitude 1/n, normalised to peak 1. */
export function harmonicTable(count: number): Wavetable {
  const table = new Float64Array(TABLE_SIZE + 1);
  for (let n = 1; n <= count; n++) {
    const amp = 1 / n;
    for (let i = 0; i <= TABLE_SIZE; i++) {
      table[i] = (table[i] ?? 0) + amp * Math.sin((2 * Math.PI * n * i) / TABLE_SIZE);
    }
  }
  let peak = 0;
  for (const v of table) peak = Math.max(peak, Math.abs(v));
  for (let i = 0; i <= TABLE_SIZE; i++) table[i] = (table[i] ?? 0) / peak;
  return table;
}

/** Value of `table` at `phase` cycles (any real number; only its fractional part matters). */
export function readTable(table: Wavetable, phase: number): number {
  const x = (phase - Math.floor(phase)) * TABLE_SIZE;
  // x is in [0, TABLE_SIZE): truncation is the floor, and cheaper.
  const i = x | 0;
  const a = table[i] ?? 0;
  const b = table[i + 1] ?? 0;
  return a + (x - i) * (b - a);
}

/** Brightness is quantised to this many steps so the cache of blended tables stays small. */
const BLEND_STEPS = 32;

/**
 * The tables every tonal voice shares, built once per groove. A note blends a mellow table (few harmonics) toward a
 * bright one (many); blended tables are cached per brightness so a voice reads one table per oscillator, not two.
 */
export class ToneTables {
  readonly sine: Wavetable = harmonicTable(1);
  private readonly soft: Wavetable;
  private readonly bright: Wavetable;
  private readonly blends = new Map<number, Wavetable>();

  /** Harmonic counts are capped so the highest note stays below Nyquist at the given rate. */
  constructor(sampleRate: number, highestNote: number) {
    const maxHarmonics = Math.max(1, Math.floor((0.45 * sampleRate) / highestNote));
    this.soft = harmonicTable(Math.min(4, maxHarmonics));
    this.bright = harmonicTable(Math.min(24, maxHarmonics));
  }

  /** The soft table blended toward the bright one by `brightness` in [0, 1]. */
  blend(brightness: number): Wavetable {
    const step = Math.round(Math.min(1, Math.max(0, brightness)) * BLEND_STEPS);
    let table = this.blends.get(step);
    if (table === undefined) {
      const b = step / BLEND_STEPS;
      table = new Float64Array(this.soft.length);
      for (let i = 0; i < table.length; i++) {
        const soft = this.soft[i] ?? 0;
        table[i] = soft + b * ((this.bright[i] ?? 0) - soft);
      }
      this.blends.set(step, table);
    }
    return table;
  }
}
