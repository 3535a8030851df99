import type { Hz, Milliseconds } from '../../core/units.js';
import { validateMapping, type OscMapping } from './mapping.js';

export const PROFILES = ['generic', 'touchdesigner', 'resolume'] as const;
export type OscProfileName = (typeof PROFILES)[number];

/** One OSC destination, as the lead's config layer passes it in. */
export interface OscTargetOptions {
  /** 1-64 characters of [A-Za-z0-9_.-]; names the target in status and logs. */
  id: string;
  host: string;
  port: number;
  profile: OscProfileName;
  /** Continuous values per second, 1 to 46.875 (every hop). Events are not rate-limited. */
  rateHz?: Hz;
  /** How long the receiver takes to show a message; beat events go out this much before the predicted beat. */
  latencyMs?: Milliseconds;
  enabled?: boolean;
  /** Wrap each send in an OSC bundle; beat bundles carry the send time as their timetag. */
  bundles?: boolean;
  /** resolume only: send the tempo resync on every Nth downbeat (bar_count divisible by N). */
  resyncEveryBars?: number;
  /** resolume only: signal -> address mappings. */
  mappings?: OscMapping[];
}

export type OscTarget = Required<OscTargetOptions>;

export const HOP_RATE_HZ: Hz = 46.875;
export const OSC_TARGET_DEFAULTS = { rateHz: 30, latencyMs: 0, enabled: true, bundles: false, resyncEveryBars: 1 } as const;
const ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
const FIELDS = ['id', 'host', 'port', 'profile', 'rateHz', 'latencyMs', 'enabled', 'bundles', 'resyncEveryBars', 'mappings'];

function numberIn(where: string, value: unknown, min: number, max: number, integer: boolean): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
  if (!ok) throw new Error(`${where} must be ${integer ? 'an integer' : 'a number'} from ${String(min)} to ${String(max)}, got ${JSON.stringify(value)}`);
  return value;
}

function bool(where: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new Error(`${where} must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

/** Validates one target and fills defaults; the error names the bad field, its value and what is allowed. */
export function validateOscTarget(value: unknown, where = 'osc target'): OscTarget {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where} must be an object`);
  const t = value as Record<string, unknown>;
  for (const key of Object.keys(t)) if (!FIELDS.includes(key)) throw new Error(`${where}.${key} is not a target field (allowed: ${FIELDS.join(', ')})`);
  if (typeof t.id !== 'string' || !ID_PATTERN.test(t.id)) throw new Error(`${where}.id must be 1-64 characters of [A-Za-z0-9_.-], got ${JSON.stringify(t.id)}`);
  if (typeof t.host !== 'string' || t.host.length === 0 || t.host.length > 253) throw new Error(`${where}.host must be a host name or IP address, got ${JSON.stringify(t.host)}`);
  const port = numberIn(`${where}.port`, t.port, 1, 65535, true);
  const profile = t.profile;
  if (typeof profile !== 'string' || !(PROFILES as readonly string[]).includes(profile)) throw new Error(`${where}.profile must be one of ${PROFILES.join(', ')}, got ${JSON.stringify(profile)}`);
  const isResolume = profile === 'resolume';
  // Only values that would do something are refused, so a validated target validates again unchanged.
  if (!isResolume && Array.isArray(t.mappings) ? t.mappings.length > 0 : !isResolume && t.mappings !== undefined) {
    throw new Error(`${where}.mappings apply to the resolume profile only, not ${profile}`);
  }
  if (!isResolume && t.resyncEveryBars !== undefined && t.resyncEveryBars !== OSC_TARGET_DEFAULTS.resyncEveryBars) {
    throw new Error(`${where}.resyncEveryBars applies to the resolume profile only, not ${profile}`);
  }
  const mappings = t.mappings ?? [];
  if (!Array.isArray(mappings)) throw new Error(`${where}.mappings must be an array`);
  return {
    id: t.id,
    host: t.host,
    port,
    profile: profile as OscProfileName,
    rateHz: numberIn(`${where}.rateHz`, t.rateHz ?? OSC_TARGET_DEFAULTS.rateHz, 1, HOP_RATE_HZ, false),
    latencyMs: numberIn(`${where}.latencyMs`, t.latencyMs ?? OSC_TARGET_DEFAULTS.latencyMs, 0, 500, false),
    enabled: bool(`${where}.enabled`, t.enabled ?? OSC_TARGET_DEFAULTS.enabled),
    bundles: bool(`${where}.bundles`, t.bundles ?? OSC_TARGET_DEFAULTS.bundles),
    resyncEveryBars: numberIn(`${where}.resyncEveryBars`, t.resyncEveryBars ?? OSC_TARGET_DEFAULTS.resyncEveryBars, 1, 64, true),
    mappings: mappings.map((m: unknown, i) => validateMapping(m, `${where}.mappings[${String(i)}]`)),
  };
}

/** Validates a list of targets; ids must be unique. */
export function validateOscTargets(values: readonly unknown[]): OscTarget[] {
  const targets = values.map((v, i) => validateOscTarget(v, `osc.targets[${String(i)}]`));
  const seen = new Set<string>();
  for (const t of targets) {
    if (seen.has(t.id)) throw new Error(`osc target id ${JSON.stringify(t.id)} is used twice; ids must be unique`);
    seen.add(t.id);
  }
  return targets;
}
