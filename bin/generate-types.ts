/**
 * Regenerates engine/format/program.v1.ts, the program format's TypeScript types, from engine/format/program.v1.json.
 * Run: npm run generate:types
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatTypesSource } from '../engine/format/format-types.ts';

const target = fileURLToPath(new URL('../engine/format/program.v1.ts', import.meta.url));
writeFileSync(target, await formatTypesSource());
console.log(`wrote ${target}`);
