/** Command-line arguments of build-eval-set-cli, parsed apart from the CLI so they can be tested. */
import { resolve } from 'node:path';
import { CACHE_DIR } from '../repo-paths.js';
import { DEV_TEMPI } from './eval-set-plan.js';

export const USAGE = 'usage: build-eval-set-cli [--set NAME] [--seconds S] [--out DIR] [--only TEXT] [--no-midi] [--dev [--copies N]]';

export interface CliOptions {
  set: string;
  seconds: number;
  outDir: string;
  only: string | undefined;
  skipMidi: boolean;
  /** Build the development set (tuning) instead of the held-out evaluation set. */
  dev: boolean;
  /** Copies of the development plan at further tempi and seeds (1 = dev-v1's tracks). */
  copies: number;
}

/** Parses the arguments; a bad or unknown one throws an error naming it. */
export function parseCliArgs(args: readonly string[]): CliOptions {
  let set = 'eval-v1';
  let seconds = 30;
  let outDir: string | undefined;
  let only: string | undefined;
  let skipMidi = false;
  let dev = false;
  let copies = 1;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${arg ?? ''} needs a value; ${USAGE}`);
      return v;
    };
    if (arg === '--set') {
      set = value();
      if (!/^[A-Za-z0-9._-]+$/.test(set)) throw new Error(`--set "${set}" is invalid; use letters, digits, '.', '_' and '-'`);
    } else if (arg === '--seconds') {
      const text = value();
      seconds = Number(text);
      if (!Number.isFinite(seconds) || seconds < 4 || seconds > 600) throw new Error(`--seconds "${text}" is invalid; expected a number from 4 to 600`);
    } else if (arg === '--out') outDir = resolve(value());
    else if (arg === '--only') only = value();
    else if (arg === '--no-midi') skipMidi = true;
    else if (arg === '--dev') dev = true;
    else if (arg === '--copies') {
      const text = value();
      copies = Number(text);
      if (!Number.isInteger(copies) || copies < 1 || copies > DEV_TEMPI.length) throw new Error(`--copies "${text}" is invalid; expected a whole number from 1 to ${DEV_TEMPI.length}`);
    }
    else throw new Error(`unknown argument "${arg ?? ''}"; ${USAGE}`);
  }
  if (copies > 1 && !dev) throw new Error(`--copies applies to the development set only; add --dev`);
  if (dev && set === 'eval-v1') {
    if (copies > 1) throw new Error(`--dev --copies ${copies}: name the set (--set), it is not dev-v1`);
    set = 'dev-v1';
  }
  return { set, seconds, outDir: outDir ?? `${CACHE_DIR}eval-beats/${set}`, only, skipMidi, dev, copies };
}
