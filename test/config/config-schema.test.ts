import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { configJsonSchema } from '../../src/engine/json-schema.js';

const shipped = JSON.parse(readFileSync(new URL('../../schema/config.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(shipped);
const examplesDir = new URL('../../examples/configs/', import.meta.url);
const examples = readdirSync(examplesDir).filter((name) => /\.ya?ml$/.test(name));

describe('the shipped configuration JSON Schema', () => {
  it('is the one generated from the zod schema (run `npm run schema` after changing it)', () => {
    expect(shipped).toEqual(configJsonSchema());
  });

  it.each(examples)('accepts the example %s, as the library does', async (name) => {
    const text = readFileSync(new URL(name, examplesDir), 'utf8');
    const valid = validate(parse(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    await expect(parseConfig(text, name)).resolves.toBeTypeOf('object');
  });

  it('rejects, in editors as in the library, a misspelt field', async () => {
    const text = 'breakGlassAcounts: [a@b.example]\n';
    expect(validate(parse(text))).toBe(false);
    await expect(parseConfig(text, 'typo.yaml')).rejects.toThrow(/typo\.yaml.*breakGlassAcounts/);
  });
});
