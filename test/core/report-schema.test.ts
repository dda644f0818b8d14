import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { reportJsonSchema } from '../../src/engine/json-schema.js';
import { evaluate } from '../../src/engine/runner.js';
import { baselineSnapshot } from '../fixtures/m365-snapshot.js';
import { NOW } from '../fixtures/m365-baseline.js';

const shipped = JSON.parse(readFileSync(new URL('../../schema/report.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(shipped);

describe('the shipped report JSON Schema', () => {
  it('is the one generated from the zod schema (run `npm run schema` after changing it)', () => {
    expect(shipped).toEqual(reportJsonSchema());
  });

  it('accepts a real report', () => {
    const report = evaluate(baselineSnapshot(), { now: NOW, breakGlassAccounts: ['breakglass@contoso-clinic.example'] });
    const valid = validate(JSON.parse(JSON.stringify(report)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects a finding with an unknown status', () => {
    const report = JSON.parse(JSON.stringify(evaluate(baselineSnapshot(), { now: NOW }))) as { findings: { status: string }[] };
    report.findings[0]!.status = 'ok';
    expect(validate(report)).toBe(false);
  });
});
