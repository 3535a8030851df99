import type { BeatCommand } from '../core/beat/commands.js';
import type { SceneCommand } from '../core/scene/scene-commands.js';
import type { Milliseconds } from '../core/units.js';
import type { Logger } from '../log.js';
import { commandTypeOf, isBeatCommand, isTransportCommand, parseControlCommand, type ControlCommand, type ControlCommandType } from './control-command.js';
import type { TransportCommand } from './transport-command.js';

/** When a command happened by its sender's account, on the server clock; undefined when it did not say, or was not believable. */
export interface CommandTiming {
  at: Milliseconds | undefined;
}

/** Where accepted commands go: the beat tracker, the scene and the MIDI clock's transport. */
export interface CommandTargets {
  beat: (command: BeatCommand, timing: CommandTiming) => void;
  scene: (command: SceneCommand) => void;
  /** Absent: there is no MIDI clock output, and a transport command is refused saying so. */
  transport?: (command: TransportCommand) => void;
}

/** Thrown by a target for a valid command that cannot apply now (the sender's doing): refused, not logged as a failure. */
export class CommandRefused extends Error {}

export type CommandResult = { ok: true } | { ok: false; error: string };

export interface CommandHandlerOptions {
  /** Sustained commands per second allowed from one source. */
  ratePerSecond?: number;
  /** Commands one source may send at once before the rate applies. */
  burst?: number;
  /** Monotonic clock; injected so tests can step time. */
  now?: () => Milliseconds;
  /** Server clock in ms since the epoch (the base of a tap's `at`); injected for tests. */
  wallNow?: () => Milliseconds;
}

/** A tap's own time is believed back to this far (a tap that waited longer is of no use for tempo) ... */
export const TAP_AT_MAX_AGE_MS = 2000;
/** ... and this far ahead (the sender's clock sync may be a little off). */
export const TAP_AT_MAX_LEAD_MS = 100;

export interface CommandStats {
  accepted: Partial<Record<ControlCommandType, number>>;
  /** Keyed by command type; 'unknown' when the command had no known type. */
  rejected: Partial<Record<ControlCommandType | 'unknown', number>>;
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

/** Past this many sources, buckets that have refilled are dropped: a full bucket is the same as a new one. */
const MAX_IDLE_SOURCES = 256;

/**
 * The one entry point for control commands from every path (OSC input, control surface, REST): validates beat and
 * scene commands, rate-limits each source with a token bucket, counts, and forwards to the target.
 */
export function createCommandHandler(targets: CommandTargets, log: Logger, options: CommandHandlerOptions = {}): CommandHandler {
  const rate = options.ratePerSecond ?? 50;
  const burst = options.burst ?? 100;
  const now = options.now ?? (() => performance.now());
  const wallNow = options.wallNow ?? (() => performance.timeOrigin + performance.now());
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

  // A tap may say when the finger touched (`at`, server clock), so tap tempo does not inherit network jitter.
  const timingOf = (command: unknown): CommandTiming => {
    const at = (command as { at?: unknown }).at;
    if (typeof at !== 'number' || !Number.isFinite(at)) return { at: undefined };
    const age = wallNow() - at;
    return age <= TAP_AT_MAX_AGE_MS && age >= -TAP_AT_MAX_LEAD_MS ? { at } : { at: undefined };
  };

  const reject = (command: unknown, error: string): CommandResult => {
    const type = commandTypeOf(command);
    rejected[type] = (rejected[type] ?? 0) + 1;
    return { ok: false, error };
  };

  return {
    handle(command, source) {
      if (!take(source)) {
        rateLimited += 1;
        return reject(command, `command from ${source} refused: over the limit of ${rate} commands/s (burst ${burst})`);
      }
      let parsed: ControlCommand;
      try {
        parsed = parseControlCommand(command);
      } catch (error) {
        return reject(command, error instanceof Error ? error.message : String(error));
      }
      try {
        if (isBeatCommand(parsed)) targets.beat(parsed, parsed.type === 'tap' ? timingOf(command) : { at: undefined });
        else if (isTransportCommand(parsed)) {
          if (targets.transport === undefined) throw new CommandRefused(`transport ${parsed.action}: there is no MIDI clock output (set midi.port or start with --midi virtual|NAME)`);
          targets.transport(parsed);
        } else targets.scene(parsed);
      } catch (error) {
        if (error instanceof CommandRefused) return reject(command, error.message);
        // A failing target (engine stopping) must not take down the socket or request that carried the command.
        const message = `${isBeatCommand(parsed) ? 'beat' : isTransportCommand(parsed) ? 'transport' : 'scene'} command ${parsed.type} failed: ${error instanceof Error ? error.message : String(error)}`;
        log.error(message);
        return reject(command, message);
      }
      accepted[parsed.type] = (accepted[parsed.type] ?? 0) + 1;
      return { ok: true };
    },
    stats: () => ({ accepted: { ...accepted }, rejected: { ...rejected }, rateLimited }),
  };
}
