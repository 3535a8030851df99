/**
 * MIDI songs to audio with Debian's tools: `mma` writes the song's MIDI from a text file, `fluidsynth` renders it
 * with a GM soundfont (built-in reverb and chorus off: the room variant adds the room). Both run as child
 * processes with fixed arguments, so the same inputs give the same samples.
 */
import { execFile } from 'node:child_process';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Hz } from '@fractalsync/server/core/units';
import { readWav } from './wav.js';
import type { WavAudio } from './wav.js';

const run = promisify(execFile);

export const SOUNDFONTS = {
  FluidR3_GM: '/usr/share/sounds/sf2/FluidR3_GM.sf2',
  TimGM6mb: '/usr/share/sounds/sf2/TimGM6mb.sf2',
} as const;
export type SoundfontName = keyof typeof SOUNDFONTS;

export interface MidiTools {
  mma: string;
  fluidsynth: string;
  /** The soundfonts that are installed. */
  soundfonts: SoundfontName[];
  versions: { mma: string; fluidsynth: string };
}

/** Finds mma, fluidsynth and the soundfonts, or says what is missing (and how to install it). */
export async function findMidiTools(): Promise<MidiTools | { missing: string }> {
  const soundfonts: SoundfontName[] = [];
  for (const name of Object.keys(SOUNDFONTS) as SoundfontName[]) {
    if (await exists(SOUNDFONTS[name])) soundfonts.push(name);
  }
  try {
    const fs = await run('fluidsynth', ['--version']);
    const mma = await run('mma', ['-v']);
    if (soundfonts.length === 0) return { missing: 'no GM soundfont in /usr/share/sounds/sf2 (apt-get install fluid-soundfont-gm)' };
    const fluidsynth = /runtime version (\S+)/.exec(fs.stdout)?.[1] ?? fs.stdout.trim().split('\n')[0] ?? 'unknown';
    return { mma: 'mma', fluidsynth: 'fluidsynth', soundfonts, versions: { mma: (mma.stdout + mma.stderr).trim().split('\n').pop() ?? 'unknown', fluidsynth } };
  } catch (err) {
    return { missing: `mma or fluidsynth cannot run (${err instanceof Error ? err.message : String(err)}); apt-get install mma fluidsynth fluid-soundfont-gm` };
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Compiles MMA source text to MIDI bytes in `workDir` (kept there as <name>.mma and <name>.mid). */
export async function compileMma(source: string, workDir: string, name: string): Promise<Uint8Array> {
  await mkdir(workDir, { recursive: true });
  const mmaPath = join(workDir, `${name}.mma`);
  const midPath = join(workDir, `${name}.mid`);
  await writeFile(mmaPath, source);
  try {
    // -xNOCREDIT keeps MMA's credit text out of the file; -w silences its warnings about missing plugins.
    await run('mma', ['-w', '-xNOCREDIT', '-f', midPath, mmaPath], { cwd: workDir });
  } catch (err) {
    const detail = err instanceof Error && 'stdout' in err ? String((err as { stdout: unknown }).stdout) : String(err);
    throw new Error(`mma failed on ${mmaPath}: ${detail.trim()}`, { cause: err });
  }
  return readFile(midPath);
}

/** Renders a MIDI file with fluidsynth at `sampleRate` into `wavPath` (32-bit float) and reads it back as mono. */
export async function renderMidiFile(midPath: string, soundfont: SoundfontName, wavPath: string, sampleRate: Hz): Promise<WavAudio> {
  const args = ['-ni', '-q', '-R', '0', '-C', '0', '-g', '0.5', '-r', String(sampleRate), '-O', 'float', '-T', 'wav', '-F', wavPath, SOUNDFONTS[soundfont], midPath];
  try {
    await run('fluidsynth', args);
  } catch (err) {
    throw new Error(`fluidsynth failed on ${midPath}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const audio = await readWav(wavPath);
  if (audio.sampleRate !== sampleRate) throw new Error(`fluidsynth wrote ${wavPath} at ${audio.sampleRate} Hz; expected ${sampleRate}`);
  return audio;
}
