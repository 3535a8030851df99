import { createHash, timingSafeEqual } from 'node:crypto';
import type { Milliseconds } from '../core/units.js';
import type { Logger } from '../log.js';

export type AuthResult = { ok: true } | { ok: false; code: 'bad_token' | 'rate_limited'; error: string; retryAfterMs?: Milliseconds };

export interface ControlAuthStats {
  required: boolean;
  accepted: number;
  refused: number;
  rate_limited: number;
  /** Hosts refused right now because of repeated wrong tokens. */
  locked_out: string[];
}

export interface ControlAuth {
  /** False when control.require_token is off: every client may control. */
  readonly required: boolean;
  /** Checks a token offered by `host` (an address, without the port, so reconnecting does not reset the count). */
  check(token: unknown, host: string): AuthResult;
  stats(): ControlAuthStats;
}

export interface ControlAuthOptions {
  token: string;
  required: boolean;
  /** Wrong tokens a host may offer in a row before it is locked out. */
  maxFailures?: number;
  lockoutMs?: Milliseconds;
  /** Monotonic clock; injected so tests can step time. */
  now?: () => Milliseconds;
}

interface Failures {
  count: number;
  lockedUntil: Milliseconds;
}

/** Hosts remembered at most; the oldest entry goes first, so a flood of addresses cannot grow memory. */
const MAX_HOSTS = 1024;

// Comparing digests of equal length in constant time: the answer's timing says nothing about the token.
const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Who may control the show. A host that offers wrong tokens `maxFailures` times in a row is refused for
 * `lockoutMs` without the token being checked, so guessing a PIN takes years rather than minutes.
 */
export function createControlAuth(options: ControlAuthOptions, log: Logger): ControlAuth {
  const maxFailures = options.maxFailures ?? 5;
  const lockoutMs = options.lockoutMs ?? 30_000;
  const now = options.now ?? (() => performance.now());
  if (options.token.length === 0) throw new Error('control token must not be empty');
  if (!Number.isInteger(maxFailures) || maxFailures < 1) throw new Error(`control auth maxFailures must be an integer of at least 1, got ${String(maxFailures)}`);
  if (!(lockoutMs > 0)) throw new Error(`control auth lockoutMs must be a positive number, got ${String(lockoutMs)}`);
  const expected = digest(options.token);
  const failures = new Map<string, Failures>();
  const counts = { accepted: 0, refused: 0, rate_limited: 0 };

  return {
    required: options.required,
    check(token, host) {
      const t = now();
      const record = failures.get(host);
      if (record !== undefined && record.lockedUntil > t) {
        counts.rate_limited++;
        const retryAfterMs = record.lockedUntil - t;
        return { ok: false, code: 'rate_limited', error: `too many wrong tokens from ${host}; try again in ${Math.ceil(retryAfterMs / 1000)} s`, retryAfterMs };
      }
      if (typeof token === 'string' && timingSafeEqual(digest(token), expected)) {
        failures.delete(host);
        counts.accepted++;
        return { ok: true };
      }
      counts.refused++;
      const next = { count: (record?.count ?? 0) + 1, lockedUntil: 0 };
      if (next.count >= maxFailures) {
        next.lockedUntil = t + lockoutMs;
        next.count = 0;
        log.warn(`control: ${maxFailures} wrong tokens in a row from ${host}; refusing it for ${lockoutMs / 1000} s`);
      }
      failures.delete(host);
      if (failures.size >= MAX_HOSTS) {
        const oldest = failures.keys().next();
        if (oldest.done !== true) failures.delete(oldest.value);
      }
      failures.set(host, next);
      return { ok: false, code: 'bad_token', error: 'wrong control token (PIN); it is printed when the daemon starts and kept in the state folder as control.json' };
    },
    stats: () => {
      const t = now();
      return { required: options.required, ...counts, locked_out: [...failures].filter(([, f]) => f.lockedUntil > t).map(([host]) => host) };
    },
  };
}
