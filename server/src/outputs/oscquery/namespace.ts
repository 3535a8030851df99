/** OSCQuery ACCESS bits: 1 the value can be read (we send it), 2 it can be written (we accept it). */
export type OscAccess = 0 | 1 | 2 | 3;

/** One argument's range: bounds (either may be absent when unbounded) or a list of allowed values. */
export type OscArgRange = { min?: number; max?: number } | { vals: readonly (number | string)[] };

/** One OSC method, as a module describes it; the namespace tree is built from a list of these. */
export interface OscParamDescription {
  path: string;
  /** OSC type tag string, one letter per argument ('N' for a method without a value). */
  type: string;
  access: Exclude<OscAccess, 0>;
  description: string;
  /** One entry per argument; omitted for a method without a value. */
  range?: readonly OscArgRange[];
}

export type OscQueryRange = { MIN?: number; MAX?: number } | { VALS: readonly (number | string)[] };

/** A node of the OSCQuery JSON tree (Vidvox OSCQueryProposal attribute names). */
export interface OscQueryNode {
  FULL_PATH: string;
  ACCESS: OscAccess;
  DESCRIPTION?: string;
  CONTENTS?: Record<string, OscQueryNode>;
  TYPE?: string;
  RANGE?: OscQueryRange[];
}

/** Attributes a client may ask for one at a time (`GET /path?TYPE`). */
export const NODE_ATTRIBUTES = ['FULL_PATH', 'CONTENTS', 'DESCRIPTION', 'TYPE', 'ACCESS', 'RANGE'] as const;
export type NodeAttribute = (typeof NODE_ATTRIBUTES)[number];

const SEGMENT = /^[A-Za-z0-9_.-]+$/;
const TYPE_TAGS = /^[ifsbhtdScrmTFNI]+$/;

function toRange(range: OscArgRange): OscQueryRange {
  if ('vals' in range) return { VALS: [...range.vals] };
  const out: { MIN?: number; MAX?: number } = {};
  if (range.min !== undefined) out.MIN = range.min;
  if (range.max !== undefined) out.MAX = range.max;
  return out;
}

function checkParam(param: OscParamDescription): string[] {
  const segments = param.path.split('/').slice(1);
  if (!param.path.startsWith('/') || segments.length === 0 || !segments.every((s) => SEGMENT.test(s))) {
    throw new Error(`OSCQuery path ${JSON.stringify(param.path)} is not valid; expected /segment/segment with letters, digits, _ . -`);
  }
  if (!TYPE_TAGS.test(param.type)) throw new Error(`OSCQuery type ${JSON.stringify(param.type)} at ${param.path} is not an OSC type tag string`);
  const valued = param.type !== 'N';
  const rangeCount = param.range?.length ?? 0;
  if (valued ? rangeCount !== param.type.length : rangeCount !== 0) {
    throw new Error(`OSCQuery range at ${param.path} has ${rangeCount} entries; expected ${valued ? param.type.length : 0}, one per argument of type ${param.type}`);
  }
  return segments;
}

/** Builds the namespace tree; throws on a bad path, type tag, range count, or a path given twice or under a method. */
export function buildNamespace(params: readonly OscParamDescription[], description = 'root'): OscQueryNode {
  const root: OscQueryNode = { FULL_PATH: '/', ACCESS: 0, DESCRIPTION: description, CONTENTS: {} };
  for (const param of params) {
    const segments = checkParam(param);
    let node = root;
    let path = '';
    for (const segment of segments.slice(0, -1)) {
      path += `/${segment}`;
      if (node.CONTENTS === undefined) throw new Error(`OSCQuery path ${param.path} lies under the method ${node.FULL_PATH}`);
      node.CONTENTS[segment] ??= { FULL_PATH: path, ACCESS: 0, CONTENTS: {} };
      node = node.CONTENTS[segment];
    }
    const contents = node.CONTENTS;
    const leaf = segments[segments.length - 1] ?? '';
    if (contents === undefined) throw new Error(`OSCQuery path ${param.path} lies under the method ${node.FULL_PATH}`);
    if (Object.hasOwn(contents, leaf)) throw new Error(`OSCQuery path ${param.path} is described twice (or is also a container)`);
    const method: OscQueryNode = { FULL_PATH: param.path, ACCESS: param.access, DESCRIPTION: param.description, TYPE: param.type };
    if (param.range !== undefined && param.range.length > 0) method.RANGE = param.range.map(toRange);
    contents[leaf] = method;
  }
  return root;
}

/** The node at an OSC path ('/' is the root; a trailing slash is ignored), or undefined. */
export function findNode(root: OscQueryNode, path: string): OscQueryNode | undefined {
  let node = root;
  for (const segment of path.split('/').filter((s) => s !== '')) {
    const next = node.CONTENTS !== undefined && Object.hasOwn(node.CONTENTS, segment) ? node.CONTENTS[segment] : undefined;
    if (next === undefined) return undefined;
    node = next;
  }
  return node;
}
