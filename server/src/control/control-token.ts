import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from '../log.js';
import { JsonStore } from '../store/json-store.js';

/** Where the token came from: the config (control.token, --control-token), the state folder, or made just now. */
export type TokenSource = 'config' | 'stored' | 'generated';

export interface ControlToken {
  token: string;
  source: TokenSource;
  /** The file that keeps a generated token, so the VJ can look it up. */
  path: string;
}

export const TOKEN_PATTERN = /^[\x21-\x7e]{6,128}$/;
export const TOKEN_RULE = '6 to 128 printable characters without spaces';
export const PIN_DIGITS = 8;

/** Eight random digits: easy to type on a tablet keypad, and with the lock-out after wrong guesses, years to guess. */
export function generatePin(random: (max: number) => number = (max) => randomInt(max)): string {
  return String(random(10 ** PIN_DIGITS)).padStart(PIN_DIGITS, '0');
}

function parseStored(value: unknown): { token: string } {
  const token = typeof value === 'object' && value !== null ? (value as { token?: unknown }).token : undefined;
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) throw new Error(`expected { "token": ${TOKEN_RULE} }`);
  return { token };
}

/**
 * The control token: the configured one when set, else the one kept in STATE_DIR/control.json, else a new PIN
 * written there atomically (so it stays the same from gig to gig until the file is deleted).
 */
export async function resolveControlToken(configured: string | undefined, stateDir: string, log: Logger): Promise<ControlToken> {
  const path = join(stateDir, 'control.json');
  if (configured !== undefined) return { token: configured, source: 'config', path };
  const store = new JsonStore(path, parseStored, { mode: 0o600 });
  const stored = await store.read();
  if (stored.problem !== undefined) log.warn(`control token: ${stored.problem}`);
  if (stored.value !== undefined) return { token: stored.value.token, source: 'stored', path };
  const token = generatePin();
  await store.write({ token });
  log.info(`control token: generated a new PIN and kept it in ${path}`);
  return { token, source: 'generated', path };
}
