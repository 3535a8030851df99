import { configJsonSchema } from './json-schema.js';
import type { JsonSchemaNode } from './json-schema.js';

/** Every environment variable the daemon reads starts with this. */
export const ENV_PREFIX = 'FRACTALSYNC_';
/** Names the config file when no file is passed on the command line. */
export const CONFIG_FILE_ENV = 'FRACTALSYNC_CONFIG';

/** One settable key, derived from the schema (never listed by hand). */
export interface ConfigKey {
  /** Segments as in the file, e.g. ['server', 'port']. */
  readonly path: readonly string[];
  /** Dotted name used in messages and docs, e.g. 'server.port'. */
  readonly name: string;
  /** e.g. 'FRACTALSYNC_SERVER_PORT'. */
  readonly envVar: string;
  /** The key's JSON Schema node (type, bounds, default, description). */
  readonly schema: JsonSchemaNode;
}

function asNode(node: unknown): JsonSchemaNode | undefined {
  return typeof node === 'object' && node !== null ? (node as JsonSchemaNode) : undefined;
}

/** A section is an object with named properties; anything else (lists, records, scalars) is a key. */
function isSection(node: JsonSchemaNode): boolean {
  return node.type === 'object' && node.properties !== undefined;
}

let cachedRoot: JsonSchemaNode | undefined;
let cachedKeys: readonly ConfigKey[] | undefined;

function root(): JsonSchemaNode {
  cachedRoot ??= configJsonSchema();
  return cachedRoot;
}

/** Dotted display form of a path: strings joined by '.', list indices as [i]. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

export function envVarFor(path: readonly string[]): string {
  return ENV_PREFIX + path.join('_').toUpperCase();
}

function collect(node: JsonSchemaNode, path: readonly string[], out: ConfigKey[]): void {
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const childNode = asNode(child);
    if (childNode === undefined) continue;
    const childPath = [...path, name];
    if (isSection(childNode)) collect(childNode, childPath, out);
    else out.push({ path: childPath, name: formatPath(childPath), envVar: envVarFor(childPath), schema: childNode });
  }
}

/** All keys in schema order. Throws if two keys would share an environment variable. */
export function configKeys(): readonly ConfigKey[] {
  if (cachedKeys !== undefined) return cachedKeys;
  const keys: ConfigKey[] = [];
  collect(root(), [], keys);
  const seen = new Map<string, string>();
  for (const key of keys) {
    const other = seen.get(key.envVar);
    if (other !== undefined) throw new Error(`config keys ${other} and ${key.name} both map to ${key.envVar}; rename one`);
    seen.set(key.envVar, key.name);
  }
  cachedKeys = keys;
  return keys;
}

/** The schema node at a path (sections, keys, list items), or undefined where the schema has none. */
export function schemaAt(path: readonly PropertyKey[]): JsonSchemaNode | undefined {
  let node: JsonSchemaNode | undefined = root();
  for (const segment of path) {
    if (node === undefined) return undefined;
    if (typeof segment === 'number') node = Array.isArray(node.items) ? undefined : asNode(node.items);
    else node = asNode(node.properties?.[String(segment)]);
  }
  return node;
}

/** Names allowed directly under a section (or at the top level for []), or undefined if not a section. */
export function allowedNamesAt(path: readonly PropertyKey[]): string[] | undefined {
  const node = schemaAt(path);
  return node?.properties === undefined ? undefined : Object.keys(node.properties);
}
