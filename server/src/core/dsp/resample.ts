/**
 * Band-limited sample-rate conversion: a polyphase windowed-sinc (Kaiser) filter, streaming and delay-free.
 * node-web-audio-api's decoder resamples by interpolation (about -2 dB and a -10 dB error at 10 kHz for 44.1 -> 48 kHz),
 * too coarse for spectral features, so files and 44.1 kHz devices are converted here.
 */
import type { Hz, Samples } from '../units.js';

export interface ResamplerOptions {
  /** Filter half-length in input samples when upsampling (scaled up by the ratio when downsampling). */
  halfTaps?: number;
  /** Kaiser window shape: 8.6 gives about 90 dB of stopband attenuation. */
  kaiserBeta?: number;
  /** Cutoff as a fraction of the lower Nyquist frequency (the -6 dB point). */
  rolloff?: number;
}

/** Above this many exact phases (odd rate pairs), the phase is rounded to one of this many: under 1/8192-sample jitter. */
const MAX_PHASES = 4096;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Zeroth-order modified Bessel function of the first kind (power series). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

function checkRate(name: string, rate: Hz): void {
  if (!Number.isInteger(rate) || rate <= 0) throw new Error(`resampler: ${name} must be a positive whole number of Hz, got ${rate}`);
}

export class Resampler {
  static getDefaults(): Required<ResamplerOptions> {
    return { halfTaps: 24, kaiserBeta: 8.6, rolloff: 0.92 };
  }

  private readonly up: number;
  private readonly down: number;
  private readonly phases: number;
  private readonly half: number;
  private readonly taps: number;
  private readonly bank: Float32Array;
  /** Input samples from absolute index `bufStart` on; indices before 0 are the zeros that precede the stream. */
  private buf: Float32Array;
  private bufStart = 0;
  private bufLength = 0;
  /** Next output's position in input samples: `pos + rem / up`. */
  private pos = 0;
  private rem = 0;
  private received = 0;

  constructor(
    readonly fromRate: Hz,
    readonly toRate: Hz,
    options: ResamplerOptions = {},
  ) {
    checkRate('fromRate', fromRate);
    checkRate('toRate', toRate);
    const { halfTaps, kaiserBeta, rolloff } = { ...Resampler.getDefaults(), ...options };
    if (!Number.isInteger(halfTaps) || halfTaps < 2) throw new Error(`resampler: halfTaps must be a whole number >= 2, got ${halfTaps}`);
    if (!(rolloff > 0 && rolloff <= 1)) throw new Error(`resampler: rolloff must be in (0, 1], got ${rolloff}`);
    const g = gcd(fromRate, toRate);
    this.up = toRate / g;
    this.down = fromRate / g;
    this.phases = Math.min(this.up, MAX_PHASES);
    // Downsampling lowers the cutoff, so the filter spans proportionally more input samples.
    const scale = Math.min(1, this.up / this.down);
    this.half = Math.ceil(halfTaps / scale);
    this.taps = 2 * this.half;
    this.bank = this.designBank(0.5 * scale * rolloff, kaiserBeta);
    this.buf = new Float32Array(this.taps * 4);
    this.bufStart = -this.half;
    this.bufLength = this.half; // the zeros before the stream
  }

  /** Converts the next input chunk; returns the output samples that are now complete (possibly none). */
  process(input: Float32Array): Float32Array {
    this.append(input);
    this.received += input.length;
    return this.emit(this.received);
  }

  /** Ends the stream: returns the remaining outputs, so a whole input of n samples gives ceil(n * to / from) outputs. */
  flush(): Float32Array {
    const total = Math.ceil((this.received * this.up) / this.down);
    const produced = this.outputsBefore();
    const remaining = total - produced;
    if (remaining <= 0) return new Float32Array(0);
    this.append(new Float32Array(this.half + 1));
    const out = this.emit(this.received + this.half + 1);
    return out.subarray(0, remaining);
  }

  reset(): void {
    this.bufStart = -this.half;
    this.bufLength = this.half;
    this.buf.fill(0, 0, this.half);
    this.pos = 0;
    this.rem = 0;
    this.received = 0;
  }

  private outputsBefore(): number {
    return Math.round(((this.pos * this.up + this.rem) / this.down));
  }

  private designBank(cutoff: number, beta: number): Float32Array {
    const { phases, taps, half } = this;
    const bank = new Float32Array(phases * taps);
    const i0Beta = besselI0(beta);
    for (let p = 0; p < phases; p++) {
      let sum = 0;
      for (let k = 0; k < taps; k++) {
        const tau = p / phases + half - 1 - k; // distance from the output instant to input tap k
        const x = tau / half;
        const window = Math.abs(x) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - x * x)) / i0Beta;
        const arg = 2 * Math.PI * cutoff * tau;
        const sinc = tau === 0 ? 1 : Math.sin(arg) / arg;
        const h = 2 * cutoff * sinc * window;
        bank[p * taps + k] = h;
        sum += h;
      }
      // Unit DC gain on every phase: no phase-dependent ripple on slow signals.
      for (let k = 0; k < taps; k++) bank[p * taps + k] = (bank[p * taps + k] ?? 0) / sum;
    }
    return bank;
  }

  private append(input: Float32Array): void {
    const needed = this.bufLength + input.length;
    if (needed > this.buf.length) {
      const grown = new Float32Array(Math.max(needed, this.buf.length * 2));
      grown.set(this.buf.subarray(0, this.bufLength));
      this.buf = grown;
    }
    this.buf.set(input, this.bufLength);
    this.bufLength = needed;
  }

  /** Emits every output whose last tap index is below `available` (absolute input index). */
  private emit(available: Samples): Float32Array {
    const { up, down, phases, taps, half, bank, buf } = this;
    const count = Math.max(0, Math.ceil(((available - half - this.pos) * up - this.rem) / down) + 1);
    const out = new Float32Array(count);
    let n = 0;
    let pos = this.pos;
    let rem = this.rem;
    while (n < count) {
      let index = pos;
      let phase = phases === up ? rem : Math.round((rem * phases) / up);
      if (phase === phases) {
        index += 1;
        phase = 0;
      }
      const first = index - half + 1; // absolute index of tap 0
      if (first + taps > available) break;
      let acc = 0;
      const offset = first - this.bufStart;
      const row = phase * taps;
      for (let k = 0; k < taps; k++) acc += (buf[offset + k] ?? 0) * (bank[row + k] ?? 0);
      out[n++] = acc;
      rem += down;
      pos += Math.floor(rem / up);
      rem %= up;
    }
    this.pos = pos;
    this.rem = rem;
    this.trim();
    return n === count ? out : out.slice(0, n);
  }

  /** Drops input samples no future output needs. */
  private trim(): void {
    const keepFrom = this.pos - this.half; // one spare sample for phase rounding to the next index
    const drop = keepFrom - this.bufStart;
    if (drop <= 0) return;
    this.buf.copyWithin(0, drop, this.bufLength);
    this.bufLength -= drop;
    this.bufStart = keepFrom;
  }
}

/** Converts a whole signal, delay-compensated: n input samples give ceil(n * to / from) outputs. */
export function resample(input: Float32Array, fromRate: Hz, toRate: Hz, options: ResamplerOptions = {}): Float32Array {
  if (fromRate === toRate) {
    checkRate('fromRate', fromRate);
    return input.slice();
  }
  const resampler = new Resampler(fromRate, toRate, options);
  const head = resampler.process(input);
  const tail = resampler.flush();
  const out = new Float32Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
