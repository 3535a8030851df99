import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Seconds } from '@fractalsync/server/core/units';
import type { EvalSystem } from './system.js';

const run = promisify(execFile);

/** An installed aubio command line (Debian aubio-tools). */
export interface AubioInfo {
  binary: string;
  /** e.g. "aubio version 0.4.9". */
  version: string;
}

/** The aubio binary and its version, or null when it is not installed. */
export async function findAubio(binary = 'aubio'): Promise<AubioInfo | null> {
  try {
    const { stdout, stderr } = await run(binary, ['-V'], { timeout: 30_000 });
    const version = `${stdout}${stderr}`.trim().split('\n')[0] ?? '';
    if (version === '') throw new Error(`${binary} -V printed nothing`);
    return { binary, version };
  } catch (err) {
    if (isMissing(err)) return null;
    throw new Error(`${binary} is installed but "${binary} -V" failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/** Beat times from `aubio beat` output: one time in seconds per line (aubio adds a trailing tab). */
export function parseAubioBeats(stdout: string): Seconds[] {
  const times: Seconds[] = [];
  stdout.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const t = Number(line);
    if (!Number.isFinite(t)) throw new Error(`aubio beat output line ${i + 1} is "${line}"; expected a time in seconds`);
    times.push(t);
  });
  return times;
}

/** Runs `aubio beat <wav>` and returns its beat times. */
export async function aubioBeats(wavPath: string, binary = 'aubio'): Promise<Seconds[]> {
  try {
    const { stdout } = await run(binary, ['beat', wavPath], { timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
    return parseAubioBeats(stdout);
  } catch (err) {
    throw new Error(`aubio beat ${wavPath} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/** aubio as an evaluated system: beats only, no downbeats and no meter. */
export function aubioSystem(info: AubioInfo): EvalSystem {
  return {
    name: 'aubio',
    version: info.version,
    givesDownbeats: false,
    async track(wavPath) {
      return { times: await aubioBeats(wavPath, info.binary), positioned: null };
    },
  };
}

function isMissing(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT';
}
