import { formatPath } from './keys.js';

/** Values from one source (file, environment, flags), and which source label set each key. */
export interface Layer {
  readonly values: Record<string, unknown>;
  /** Dotted key path -> where it was set ('FRACTALSYNC_SERVER_PORT', 'my.yaml:3', 'command line'). */
  readonly sources: ReadonlyMap<string, string>;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Sets a nested value, creating the sections on the way. */
export function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    if (isPlainObject(next)) node = next;
    else {
      const created: Record<string, unknown> = {};
      node[segment] = created;
      node = created;
    }
  }
  const last = path[path.length - 1];
  if (last !== undefined) node[last] = value;
}

export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment] as unknown;
    else if (isPlainObject(node) && typeof segment === 'string') node = node[segment];
    else return undefined;
  }
  return node;
}

/** Copies a value tree, leaving out undefined entries (an absent command-line flag is undefined). */
function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue;
    out[key] = isPlainObject(child) ? withoutUndefined(child) : child;
  }
  return out;
}

/** Every path in a value tree, sections included, so an unknown section is attributed too. */
function allPaths(value: Record<string, unknown>, prefix: readonly string[] = []): string[][] {
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...prefix, key];
    return isPlainObject(child) ? [path, ...allPaths(child, path)] : [path];
  });
}

/** A layer whose keys all come from one place, e.g. the command line. */
export function uniformLayer(values: Record<string, unknown>, source: string): Layer {
  const clean = withoutUndefined(values);
  return { values: clean, sources: new Map(allPaths(clean).map((path) => [formatPath(path), source])) };
}

function mergeInto(target: Record<string, unknown>, layer: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(layer)) {
    const existing = target[key];
    if (isPlainObject(existing) && isPlainObject(value)) mergeInto(existing, value);
    else target[key] = isPlainObject(value) ? structuredClone(value) : value;
  }
}

/** Later layers win key by key; lists and scalars replace, sections merge. */
export function mergeLayers(layers: readonly Layer[]): Layer {
  const values: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  for (const layer of layers) {
    mergeInto(values, layer.values);
    for (const [path, source] of layer.sources) sources.set(path, source);
  }
  return { values, sources };
}

/** Where the value at `path` (or its nearest set ancestor) came from. */
export function sourceOf(sources: ReadonlyMap<string, string>, path: readonly PropertyKey[]): string | undefined {
  for (let length = path.length; length > 0; length--) {
    const source = sources.get(formatPath(path.slice(0, length)));
    if (source !== undefined) return source;
  }
  return undefined;
}
