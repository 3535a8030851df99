import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { YAMLMap } from 'yaml';
import type { ConfigProblem } from './errors.js';
import { allowedNamesAt, formatPath } from './keys.js';
import { isPlainObject } from './layers.js';
import type { Layer } from './layers.js';

/** Reads the YAML (or JSON, which is YAML) config file into a layer that knows each key's line. */

export interface FileResult {
  readonly layer?: Layer;
  readonly problems: readonly ConfigProblem[];
}

function errnoCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function readProblem(file: string, namedBy: string | undefined, error: unknown): ConfigProblem {
  const absolute = resolve(file);
  const details = [namedBy === undefined ? '' : `named by ${namedBy}`, absolute === file ? '' : `looked for ${absolute}`];
  const context = details.filter((d) => d !== '').join('; ');
  const where = context === '' ? file : `${file} (${context})`;
  switch (errnoCode(error)) {
    case 'ENOENT':
      return { path: '', message: `config file not found: ${where}` };
    case 'EISDIR':
      return { path: '', message: `config file is a directory, not a file: ${where}` };
    default: {
      const reason = error instanceof Error ? error.message : String(error);
      return { path: '', message: `cannot read config file ${where}: ${reason}` };
    }
  }
}

// Records "file:line" for every key, so a bad value can be found in the file at once.
function collectSources(map: YAMLMap, prefix: readonly string[], file: string, lines: LineCounter, out: Map<string, string>): void {
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const path = [...prefix, key];
    const offset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    out.set(formatPath(path), offset === undefined ? file : `${file}:${lines.linePos(offset).line}`);
    if (isMap(pair.value)) collectSources(pair.value, path, file, lines, out);
  }
}

// "log:" with every key under it commented out is null in YAML; it means "all defaults", not an error.
function emptySectionsAsMappings(values: Record<string, unknown>, prefix: readonly string[]): void {
  for (const [key, value] of Object.entries(values)) {
    const path = [...prefix, key];
    if (value === null && allowedNamesAt(path) !== undefined) values[key] = {};
    else if (isPlainObject(value)) emptySectionsAsMappings(value, path);
  }
}

/**
 * @param file path as given (relative to the working directory)
 * @param namedBy where the path came from, for messages, e.g. 'FRACTALSYNC_CONFIG'
 */
export function readConfigFile(file: string, namedBy?: string): FileResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { problems: [readProblem(file, namedBy, error)] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error): ConfigProblem => {
      const at = error.linePos?.[0];
      const where = at === undefined ? '' : ` at line ${at.line}, column ${at.col}`;
      const what = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '');
      return { path: '', message: `YAML syntax error in ${file}${where}: ${what}` };
    });
    return { problems };
  }
  // A file holding only comments is an empty configuration, not an error.
  if (doc.contents === null) return { layer: { values: {}, sources: new Map() }, problems: [] };
  const values = doc.toJS() as unknown;
  if (!isMap(doc.contents) || !isPlainObject(values)) {
    const got = isSeq(doc.contents) ? 'a list' : `the value ${JSON.stringify(values)}`;
    const message = `config file ${file} must be a mapping of sections (like "server:" with keys indented under it), but it holds ${got}`;
    return { problems: [{ path: '', message }] };
  }
  emptySectionsAsMappings(values, []);
  const sources = new Map<string, string>();
  collectSources(doc.contents, [], file, lines, sources);
  return { layer: { values, sources }, problems: [] };
}
