import { coerceText } from './allowed.js';
import type { ConfigProblem } from './errors.js';
import { CONFIG_FILE_ENV, configKeys, ENV_PREFIX } from './keys.js';
import { setAt } from './layers.js';
import type { Layer } from './layers.js';
import { closestMatch } from './suggest.js';

/** FRACTALSYNC_<SECTION>_<KEY> variables, mapped from the schema's keys (never listed by hand). */

export interface EnvResult {
  readonly layer: Layer;
  readonly problems: readonly ConfigProblem[];
}

function unknownVariable(name: string, known: readonly string[]): ConfigProblem {
  const suffixes = known.map((k) => k.slice(ENV_PREFIX.length));
  const guess = closestMatch(name.slice(ENV_PREFIX.length), suffixes);
  const hint = guess === undefined ? `known: ${known.join(', ')}` : `did you mean ${ENV_PREFIX}${guess}?`;
  return { path: '', message: `unknown environment variable ${name}; ${hint}` };
}

export function readEnv(env: Readonly<Record<string, string | undefined>>): EnvResult {
  const keys = new Map(configKeys().map((key) => [key.envVar, key]));
  const values: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  const names = Object.keys(env)
    .filter((name) => name.startsWith(ENV_PREFIX) && name !== CONFIG_FILE_ENV)
    .sort();
  for (const name of names) {
    const text = env[name];
    // Launch scripts clear a variable with `export X=`; treat it as unset rather than as "".
    if (text === undefined || text === '') continue;
    const key = keys.get(name);
    if (key === undefined) {
      problems.push(unknownVariable(name, [CONFIG_FILE_ENV, ...keys.keys()]));
      continue;
    }
    setAt(values, key.path, coerceText(key.schema, text));
    sources.set(key.name, name);
  }
  return { layer: { values, sources }, problems };
}
