// Regenerates schema/report.json from the zod schema (a test fails if the committed file is stale).
import { writeFileSync } from 'node:fs';
import { reportJsonSchema } from '../src/engine/json-schema.js';

writeFileSync(new URL('../schema/report.json', import.meta.url), `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
console.log('wrote schema/report.json');
