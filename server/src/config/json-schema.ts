import { z } from 'zod';
import type { core } from 'zod';
import { configSchema } from './schema.js';

/** A JSON Schema node, as z.toJSONSchema produces it. */
export type JsonSchemaNode = core.JSONSchema.BaseSchema;

/**
 * JSON Schema (draft 2020-12) of the config file, for editors and for the committed
 * config/fractalsync.schema.json. The input side: keys with defaults are optional.
 */
export function configJsonSchema(): JsonSchemaNode {
  return z.toJSONSchema(configSchema, { io: 'input' });
}

/** The exact text of config/fractalsync.schema.json. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

/** Path of the committed schema file, relative to the repository root. */
export const CONFIG_JSON_SCHEMA_PATH = 'config/fractalsync.schema.json';
