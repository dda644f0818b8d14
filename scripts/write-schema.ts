// Regenerates schema/report.json, schema/config.json and schema/tenants.json from the zod schemas (a test fails if a
// committed file is stale).
import { writeFileSync } from 'node:fs';
import { configJsonSchema, reportJsonSchema } from '../src/engine/json-schema.js';
import { tenantsJsonSchema } from '../src/sweep/tenants-file.js';

writeFileSync(new URL('../schema/report.json', import.meta.url), `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
writeFileSync(new URL('../schema/config.json', import.meta.url), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
writeFileSync(new URL('../schema/tenants.json', import.meta.url), `${JSON.stringify(tenantsJsonSchema(), null, 2)}\n`);
console.log('wrote schema/report.json, schema/config.json and schema/tenants.json');
