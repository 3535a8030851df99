import { fileURLToPath } from 'node:url';

/** The repository root, from this file's place in training/src or training/dist. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Generated data and caches live here, ignored by git. */
export const CACHE_DIR = `${REPO_ROOT}.cache/`;
