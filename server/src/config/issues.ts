import type { core } from 'zod';
import { describeAllowed } from './allowed.js';
import { formatValue } from './errors.js';
import type { ConfigProblem } from './errors.js';
import { allowedNamesAt, configKeys, formatPath, schemaAt } from './keys.js';
import { sourceOf, valueAt } from './layers.js';
import { closestMatch } from './suggest.js';

/**
 * Turns zod's issues into one problem per key, phrased from the schema ("expected an integer
 * from 0 to 65535") rather than zod's generic wording, with the value and the layer that set it.
 */

function unknownKeyHint(parent: readonly PropertyKey[], key: string): string {
  const siblings = allowedNamesAt(parent) ?? [];
  const sibling = closestMatch(key, siblings);
  if (sibling !== undefined) return `did you mean ${formatPath([...parent, sibling])}?`;
  // A key put in the wrong section ("port" at the top, "level" under server) is a common slip.
  const elsewhere = configKeys().filter((k) => closestMatch(key, [k.path[k.path.length - 1] ?? '']) !== undefined);
  if (elsewhere.length > 0) return `did you mean ${elsewhere.map((k) => k.name).join(' or ')}?`;
  const where = parent.length === 0 ? 'at the top level' : `in ${formatPath(parent)}`;
  return `allowed ${where}: ${siblings.join(', ')}`;
}

function valueProblemMessage(issue: core.$ZodIssue, value: unknown): string {
  const node = schemaAt(issue.path);
  const allowed = node === undefined ? issue.message : describeAllowed(node);
  const head = value === undefined ? 'missing' : `${formatValue(value)} is not allowed`;
  let message = `${head}; expected ${allowed}`;
  const choices = node?.enum?.map(String);
  if (choices !== undefined && typeof value === 'string') {
    const guess = closestMatch(value, choices);
    if (guess !== undefined) message += `; did you mean ${guess}?`;
  }
  return message;
}

function withSource(path: readonly PropertyKey[], message: string, sources: ReadonlyMap<string, string>): ConfigProblem {
  const source = sourceOf(sources, path);
  const problem = { path: formatPath(path), message };
  return source === undefined ? problem : { ...problem, source };
}

export function issuesToProblems(
  issues: readonly core.$ZodIssue[],
  input: unknown,
  sources: ReadonlyMap<string, string>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const reported = new Set<string>();
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        problems.push(withSource(path, `unknown key; ${unknownKeyHint(issue.path, key)}`, sources));
      }
      continue;
    }
    // zod may raise several issues for one value (too short and wrong pattern); one line says it all.
    const name = formatPath(issue.path);
    if (reported.has(name)) continue;
    reported.add(name);
    problems.push(withSource(issue.path, valueProblemMessage(issue, valueAt(input, issue.path)), sources));
  }
  return problems;
}
