import { readEnv } from './env.js';
import { ConfigError } from './errors.js';
import type { ConfigProblem } from './errors.js';
import { readConfigFile } from './file.js';
import { issuesToProblems } from './issues.js';
import { CONFIG_FILE_ENV } from './keys.js';
import { mergeLayers, uniformLayer } from './layers.js';
import type { Layer } from './layers.js';
import { configSchema } from './schema.js';
import type { Config, DeepPartial } from './schema.js';

export interface LoadConfigOptions {
  /** Config file path (YAML or JSON). When absent, FRACTALSYNC_CONFIG names it; when neither, no file. */
  file?: string;
  /** Environment to read FRACTALSYNC_* variables from; defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Values from command-line flags; undefined entries (flags not given) are ignored. */
  flags?: DeepPartial<Config>;
}

/** Label used in messages for values set by command-line flags. */
export const FLAGS_SOURCE = 'command line';

/**
 * The daemon's configuration: schema defaults < config file < environment < flags.
 * Throws one ConfigError listing every problem in every layer, so one restart fixes them all.
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const problems: ConfigProblem[] = [];
  const layers: Layer[] = [];

  const fromEnv = env[CONFIG_FILE_ENV];
  const file = options.file ?? (fromEnv === '' ? undefined : fromEnv);
  if (file !== undefined) {
    const result = readConfigFile(file, options.file === undefined ? CONFIG_FILE_ENV : undefined);
    problems.push(...result.problems);
    if (result.layer !== undefined) layers.push(result.layer);
  }

  const envResult = readEnv(env);
  problems.push(...envResult.problems);
  layers.push(envResult.layer);

  if (options.flags !== undefined) layers.push(uniformLayer(options.flags, FLAGS_SOURCE));

  // Validate what the readable layers give even when a layer failed, to report everything at once.
  const merged = mergeLayers(layers);
  const parsed = configSchema.safeParse(merged.values);
  if (!parsed.success) problems.push(...issuesToProblems(parsed.error.issues, merged.values, merged.sources));
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return parsed.data;
}
