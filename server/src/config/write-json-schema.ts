import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONFIG_JSON_SCHEMA_PATH, configJsonSchemaText } from './json-schema.js';

// Regenerates config/fractalsync.schema.json from the zod schema:
//   npx tsc -b && node server/dist/config/write-json-schema.js
// This file sits at server/{src,dist}/config/, three levels below the repository root.
const target = fileURLToPath(new URL(`../../../${CONFIG_JSON_SCHEMA_PATH}`, import.meta.url));
writeFileSync(target, configJsonSchemaText());
process.stdout.write(`wrote ${target}\n`);
