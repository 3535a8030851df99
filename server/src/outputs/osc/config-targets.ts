/**
 * OSC targets from the config file (snake_case keys, as every config key) and from `--osc HOST:PORT[:PROFILE]`
 * flags, in the shape the OSC output takes. Validation stays with the OSC output (validateOscTargets), so the
 * rules live in one place.
 */
const camel = (key: string): string => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Converts snake_case keys (as in config files) to the OSC output's camelCase, recursively; camelCase stays. */
export function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [camel(k), camelKeys(v)]));
}

/** Config entries with ids filled in (osc-1, osc-2, ...) where none is given. */
export function oscTargetsFromConfig(entries: readonly Record<string, unknown>[]): unknown[] {
  return entries.map((entry, i) => ({ id: `osc-${i + 1}`, ...(camelKeys(entry) as Record<string, unknown>) }));
}

const PROFILES = ['generic', 'touchdesigner', 'resolume'];

/** Parses `--osc HOST:PORT[:PROFILE]` into a config entry; throws naming the flag value and the expected form. */
export function parseOscFlag(text: string): Record<string, unknown> {
  const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})(?::([a-z]+))?$/.exec(text);
  const profile = match?.[3] ?? 'generic';
  if (!match || !PROFILES.includes(profile)) {
    throw new Error(`--osc ${text} is not allowed; expected HOST:PORT or HOST:PORT:PROFILE with PROFILE one of ${PROFILES.join(', ')}`);
  }
  const host = (match[1] ?? '').replace(/^\[|\]$/g, '');
  return { host, port: Number(match[2]), profile };
}
