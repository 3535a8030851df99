import { parse as parseYaml } from 'yaml';
import type { JsonSchemaNode } from './json-schema.js';

/**
 * Reads a key's JSON Schema node to say in words what it allows, and to turn environment text
 * into the value the key expects. Driven by the schema so new keys need no code here.
 */

// zod writes ±MAX_SAFE_INTEGER as the bounds of an unbounded integer; they are not a real limit.
function realBound(bound: number | undefined): number | undefined {
  return bound === undefined || Math.abs(bound) >= Number.MAX_SAFE_INTEGER ? undefined : bound;
}

function describeRange(node: JsonSchemaNode, noun: string): string {
  const min = realBound(node.minimum);
  const max = realBound(node.maximum);
  if (min !== undefined && max !== undefined) return `${noun} from ${min} to ${max}`;
  const bounds: string[] = [];
  if (min !== undefined) bounds.push(`>= ${min}`);
  if (typeof node.exclusiveMinimum === 'number') bounds.push(`> ${node.exclusiveMinimum}`);
  if (max !== undefined) bounds.push(`<= ${max}`);
  if (typeof node.exclusiveMaximum === 'number') bounds.push(`< ${node.exclusiveMaximum}`);
  return bounds.length === 0 ? noun : `${noun} ${bounds.join(' and ')}`;
}

function joinOr(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1] ?? ''}`;
}

function typesOf(node: JsonSchemaNode): string[] {
  if (node.anyOf !== undefined) return node.anyOf.flatMap(typesOf);
  if (node.type === undefined) return [];
  return Array.isArray(node.type) ? [...node.type] : [node.type];
}

/** What a key allows, in words: "an integer from 0 to 65535", "one of pretty, json", ... */
export function describeAllowed(node: JsonSchemaNode): string {
  if (node.anyOf !== undefined) return joinOr(node.anyOf.map(describeAllowed));
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum !== undefined) return `one of ${node.enum.map(String).join(', ')}`;
  switch (node.type) {
    case 'integer':
      return describeRange(node, 'an integer');
    case 'number':
      return describeRange(node, 'a number');
    case 'boolean':
      return 'true or false';
    case 'string': {
      // patternErrorMessage is the editors' (VS Code) convention for a readable pattern.
      const readable = node.patternErrorMessage;
      if (typeof readable === 'string') return readable;
      if (node.pattern !== undefined) return `a string matching /${node.pattern}/`;
      return node.minLength !== undefined && node.minLength > 0 ? 'a non-empty string' : 'a string';
    }
    case 'object':
      return node.properties === undefined ? 'a mapping' : `a mapping with keys ${Object.keys(node.properties).join(', ')}`;
    case 'array':
      return 'a list';
    case 'null':
      return 'null';
    default:
      return 'a value described in config/fractalsync.schema.json';
  }
}

const INTEGER_TEXT = /^[+-]?\d+$/;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Environment values are text; give the key the type it expects where the text reads as one
 * ("9000" -> 9000, "false" -> false). Text that fits no type stays text, so validation names it.
 * A key that also takes text (a device name or index) only turns whole numbers into numbers.
 */
export function coerceText(node: JsonSchemaNode, text: string): unknown {
  const types = typesOf(node);
  const trimmed = text.trim();
  const takesText = types.includes('string');
  const takesNumber = types.includes('number') || types.includes('integer');
  if (takesNumber && INTEGER_TEXT.test(trimmed)) return Number(trimmed);
  if (takesNumber && !takesText && NUMBER_TEXT.test(trimmed)) return Number(trimmed);
  if (types.includes('boolean') && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
  if (!takesText && (types.includes('array') || types.includes('object'))) {
    try {
      return parseYaml(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
