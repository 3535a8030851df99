/**
 * Versions of what compiled server code computes: a SHA-256 over the code itself, so a cache keyed on it is
 * rebuilt by any change to that code (the feature cache, the structure set and its feature rows).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { REPO_ROOT } from '../repo-paths.js';

export const SERVER_DIST = join(REPO_ROOT, 'server', 'dist');

/**
 * The compiled code of server/dist that computes the features: folders, and single files of dsp/ (the beat
 * kernels there are the tracker's, not the features').
 */
export const FEATURE_CODE = ['core/features', 'core/hop', 'core/pipeline', 'core/dsp', 'dsp/backends.js', 'dsp/kernel-module.js', 'dsp/pffft.js', 'dsp/wasm-kernels.js'];

function readOrExplain<T>(path: string, read: (path: string) => T): T {
  try {
    return read(path);
  } catch (err) {
    throw new Error(`${path} cannot be read (${err instanceof Error ? err.message : String(err)}); npm run build first`, { cause: err });
  }
}

/**
 * SHA-256 over `base` (another version this one builds on), `files`, the compiled code under `entries` of
 * server/dist (folders, whose .js files count, or single .js files) and the feature kernels' WebAssembly.
 */
export function codeVersion(files: readonly string[], entries: readonly string[], serverDist = SERVER_DIST, base = ''): string {
  const hash = createHash('sha256').update(base);
  const paths = [...files, join(serverDist, '..', 'wasm', 'vector-kernels.wasm')];
  for (const entry of entries) {
    const path = join(serverDist, entry);
    if (entry.endsWith('.js')) paths.push(path);
    else paths.push(...readOrExplain(path, (dir) => readdirSync(dir)).filter((n) => n.endsWith('.js')).sort().map((n) => join(path, n)));
  }
  for (const path of paths) hash.update(basename(path)).update(readOrExplain(path, (file) => readFileSync(file)));
  return hash.digest('hex');
}
