/**
 * Regenerates the committed TypeScript types derived from JSON Schemas: engine/format/program.v1.ts (the program
 * format's types, from engine/format/program.v1.json) and web/src/shared/api-types.ts (the API's types, from
 * runtime/openapi/schemas.ts).
 * Run: npm run generate:types
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatTypesSource } from '../engine/format/format-types.ts';
import { apiTypesSource } from '../runtime/openapi/api-types.ts';

for (const [file, source] of [
  ['../engine/format/program.v1.ts', formatTypesSource],
  ['../web/src/shared/api-types.ts', apiTypesSource],
] as const) {
  const target = fileURLToPath(new URL(file, import.meta.url));
  writeFileSync(target, await source());
  console.log(`wrote ${target}`);
}
