/**
 * The drum one-shots, rendered once per groove from the seed. Noisy sounds get several round-robin variants
 * (as a sampler would), so a different seed gives a different texture while every hit stays on the same sample.
 */
import type { Hz, Samples } from '../units.js';
import type { DrumSound } from './drum-pattern.js';
import { createPrng, hashSeed } from './prng.js';
import type { Prng } from './prng.js';
import { renderClosedHat, renderCrash, renderOpenHat } from './voices/hats.js';
import { renderKick } from './voices/kick.js';
import { renderClap, renderSnare } from './voices/snare.js';
import { renderSweep } from './voices/sweep.js';

const VARIANTS: Record<DrumSound, number> = { kick: 2, snare: 4, clap: 3, closedHat: 6, openHat: 4, crash: 2, sweep: 1 };

/** A distinct salt per sound, so each draws its own noise from the seed. */
const SALT: Record<DrumSound, number> = { kick: 1, snare: 2, clap: 3, closedHat: 4, openHat: 5, crash: 6, sweep: 7 };

export class DrumKit {
  private readonly buffers: Record<DrumSound, Float32Array[]>;

  constructor(sampleRate: Hz, seed: number, sweepLength: Samples) {
    const make = (sound: DrumSound, render: (rng: Prng) => Float32Array): Float32Array[] => {
      const rng = createPrng(hashSeed(seed, SALT[sound]));
      return Array.from({ length: VARIANTS[sound] }, () => render(rng));
    };
    this.buffers = {
      kick: make('kick', (rng) => renderKick(sampleRate, rng)),
      snare: make('snare', (rng) => renderSnare(sampleRate, rng)),
      clap: make('clap', (rng) => renderClap(sampleRate, rng)),
      closedHat: make('closedHat', (rng) => renderClosedHat(sampleRate, rng)),
      openHat: make('openHat', (rng) => renderOpenHat(sampleRate, rng)),
      crash: make('crash', (rng) => renderCrash(sampleRate, rng)),
      sweep: make('sweep', (rng) => renderSweep(sampleRate, rng, sweepLength)),
    };
  }

  buffer(sound: DrumSound, variant: number): Float32Array {
    const list = this.buffers[sound];
    const buffer = list[variant % list.length];
    if (buffer === undefined) throw new Error(`drum kit has no variant ${variant} of '${sound}' (it has ${list.length})`);
    return buffer;
  }
}
