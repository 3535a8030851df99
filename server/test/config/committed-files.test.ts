import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIG_JSON_SCHEMA_PATH, configJsonSchema, configJsonSchemaText } from '../../src/config/json-schema.js';
import { configKeys } from '../../src/config/keys.js';
import { loadConfig } from '../../src/config/load.js';
import { defaultConfig } from '../../src/config/schema.js';

// The documented files are committed; these tests keep them from drifting away from the schema.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const defaultYamlPath = `${repoRoot}config/fractalsync.default.yaml`;
const schemaJsonPath = `${repoRoot}${CONFIG_JSON_SCHEMA_PATH}`;

describe('config/fractalsync.default.yaml', () => {
  it('loads to exactly defaultConfig()', () => {
    const hint = 'config/fractalsync.default.yaml no longer matches the defaults in server/src/config/schema.ts; update the file';
    expect(loadConfig({ file: defaultYamlPath, env: {} }), hint).toStrictEqual(defaultConfig());
  });

  it('sets every key that has a default, and documents every key with its schema description', () => {
    const text = readFileSync(defaultYamlPath, 'utf8');
    for (const key of configKeys()) {
      const leaf = key.path[key.path.length - 1] ?? '';
      const line = key.schema.default === undefined ? `# ${leaf}: ` : `  ${leaf}: `;
      expect(text, `${key.name} missing`).toContain(line);
      expect(text, `${key.name} description missing`).toContain(`# ${String(key.schema.description)}\n`);
    }
  });
});

describe('config/fractalsync.schema.json', () => {
  it('equals configJsonSchema()', () => {
    // Regenerate with: UPDATE_SCHEMA=1 npx vitest run server/test/config
    // (or: npx tsc -b && node server/dist/config/write-json-schema.js)
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(schemaJsonPath, configJsonSchemaText());
    const committed = readFileSync(schemaJsonPath, 'utf8');
    const hint = `${CONFIG_JSON_SCHEMA_PATH} is out of date with server/src/config/schema.ts; regenerate it with UPDATE_SCHEMA=1 npx vitest run server/test/config`;
    expect(JSON.parse(committed), hint).toStrictEqual(JSON.parse(JSON.stringify(configJsonSchema())));
    expect(committed, hint).toBe(configJsonSchemaText());
  });
});
