/** One thing wrong with the configuration. */
export interface ConfigProblem {
  /** Dotted key path ('server.port'), or '' for problems with a whole file or variable. */
  readonly path: string;
  /** What is wrong and what is allowed, without the path. */
  readonly message: string;
  /** Which layer set the value: 'FRACTALSYNC_SERVER_PORT', 'fractalsync.yaml:3', 'command line'. */
  readonly source?: string;
}

/** One line per problem: "server.port (from FRACTALSYNC_SERVER_PORT): 70000 is not allowed; ...". */
export function formatProblem(problem: ConfigProblem): string {
  if (problem.path === '') return problem.message;
  const from = problem.source === undefined ? '' : ` (from ${problem.source})`;
  return `${problem.path}${from}: ${problem.message}`;
}

/** Every configuration problem found at start-up, reported together so one restart fixes them all. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const MAX_VALUE_CHARS = 60;

/** A value as the user wrote it: strings quoted, structures as short JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) return typeof value;
  return json.length > MAX_VALUE_CHARS ? `${json.slice(0, MAX_VALUE_CHARS - 3)}...` : json;
}
