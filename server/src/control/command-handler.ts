import { parseBeatCommand, type BeatCommand } from '../core/beat/commands.js';
import type { Milliseconds } from '../core/units.js';
import type { Logger } from '../log.js';

/** Where accepted commands go; visual and scene targets join here in later issues. */
export interface CommandTargets {
  beat: (command: BeatCommand) => void;
}

export type CommandResult = { ok: true } | { ok: false; error: string };

export interface CommandHandlerOptions {
  /** Sustained commands per second allowed from one source. */
  ratePerSecond?: number;
  /** Commands one source may send at once before the rate applies. */
  burst?: number;
  /** Monotonic clock; injected so tests can step time. */
  now?: () => Milliseconds;
}

export interface CommandStats {
  accepted: Partial<Record<BeatCommand['type'], number>>;
  /** Keyed by command type; 'unknown' when the command had no known type. */
  rejected: Partial<Record<BeatCommand['type'] | 'unknown', number>>;
  /** Of the rejected, how many were over a source's rate limit. */
  rateLimited: number;
}

export interface CommandHandler {
  handle(command: unknown, source: string): CommandResult;
  stats(): CommandStats;
}

interface Bucket {
  tokens: number;
  at: Milliseconds;
  /** Whether this source is being refused now; its first refusal is logged, the rest only counted. */
  limited: boolean;
}

// Compile-time complete: adding a BeatCommand type without listing it here fails the type-check.
const BEAT_TYPES: Record<BeatCommand['type'], true> = { tap: true, nudge: true, downbeat: true, lock: true, double: true, half: true, meter: true };
/** Past this many sources, buckets that have refilled are dropped: a full bucket is the same as a new one. */
const MAX_IDLE_SOURCES = 256;

function typeOf(command: unknown): BeatCommand['type'] | 'unknown' {
  if (typeof command !== 'object' || command === null) return 'unknown';
  const type = (command as { type?: unknown }).type;
  return typeof type === 'string' && Object.hasOwn(BEAT_TYPES, type) ? (type as BeatCommand['type']) : 'unknown';
}

/**
 * The one entry point for control commands from every path (OSC input, control surface, REST): validates with
 * parseBeatCommand, rate-limits each source with a token bucket, counts, and forwards to the target.
 */
export function createCommandHandler(targets: CommandTargets, log: Logger, options: CommandHandlerOptions = {}): CommandHandler {
  const rate = options.ratePerSecond ?? 50;
  const burst = options.burst ?? 100;
  const now = options.now ?? (() => performance.now());
  if (!(rate > 0) || !Number.isFinite(rate)) throw new Error(`command ratePerSecond must be a positive number, got ${String(rate)}`);
  if (!Number.isInteger(burst) || burst < 1) throw new Error(`command burst must be an integer of at least 1, got ${String(burst)}`);

  const buckets = new Map<string, Bucket>();
  const accepted: CommandStats['accepted'] = {};
  const rejected: CommandStats['rejected'] = {};
  let rateLimited = 0;

  const refill = (bucket: Bucket, t: Milliseconds): void => {
    bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) * rate) / 1000);
    bucket.at = t;
  };

  const take = (source: string): boolean => {
    const t = now();
    let bucket = buckets.get(source);
    if (bucket === undefined) {
      if (buckets.size >= MAX_IDLE_SOURCES) {
        for (const [key, b] of buckets) {
          refill(b, t);
          if (b.tokens >= burst) buckets.delete(key);
        }
      }
      bucket = { tokens: burst, at: t, limited: false };
      buckets.set(source, bucket);
    }
    refill(bucket, t);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.limited = false;
      return true;
    }
    if (!bucket.limited) log.warn(`control commands from ${source} exceed ${rate}/s (burst ${burst}); dropping the excess`);
    bucket.limited = true;
    return false;
  };

  const reject = (command: unknown, error: string): CommandResult => {
    const type = typeOf(command);
    rejected[type] = (rejected[type] ?? 0) + 1;
    return { ok: false, error };
  };

  return {
    handle(command, source) {
      if (!take(source)) {
        rateLimited += 1;
        return reject(command, `command from ${source} refused: over the limit of ${rate} commands/s (burst ${burst})`);
      }
      let parsed: BeatCommand;
      try {
        parsed = parseBeatCommand(command);
      } catch (error) {
        return reject(command, error instanceof Error ? error.message : String(error));
      }
      try {
        targets.beat(parsed);
      } catch (error) {
        // A failing target (engine stopping) must not take down the socket or request that carried the command.
        const message = `beat command ${parsed.type} failed: ${error instanceof Error ? error.message : String(error)}`;
        log.error(message);
        return reject(command, message);
      }
      accepted[parsed.type] = (accepted[parsed.type] ?? 0) + 1;
      return { ok: true };
    },
    stats: () => ({ accepted: { ...accepted }, rejected: { ...rejected }, rateLimited }),
  };
}
