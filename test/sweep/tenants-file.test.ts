import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/options.js';
import { entryOptions, parseTenantsFile, tenantsJsonSchema } from '../../src/sweep/tenants-file.js';

const shipped = JSON.parse(readFileSync(new URL('../../schema/tenants.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(shipped);
const example = readFileSync(new URL('../../examples/msp/tenants.yaml', import.meta.url), 'utf8');

async function rejection(text: string, file = 'tenants.yaml'): Promise<ConfigError> {
  const error = await parseTenantsFile(text, file).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('the tenants file', () => {
  it('is described by the shipped JSON Schema, generated from the zod schema (run `npm run schema` after changing it)', () => {
    expect(shipped).toEqual(tenantsJsonSchema());
  });

  it('accepts the example in the library and in editors, splitting the defaults into options and credentials', async () => {
    expect(validate(parse(example))).toBe(true);
    const checked = await parseTenantsFile(example, 'tenants.yaml');
    expect(checked.m365).toEqual({ clientId: '00000000-0000-0000-0000-000000000000', tenantId: 'harbourit.onmicrosoft.com', clientSecretEnv: 'TENANT_AUDIT_CLIENT_SECRET' });
    expect(checked.google).toEqual({ keyFile: '/etc/tenant-audit/google-service-account.json' });
    expect(checked.options).toEqual({ thresholds: { inactiveDays: 90 } });
    expect(checked.tenants.map((tenant) => tenant.name)).toEqual(['Harbour View Medical Practice', 'Riverside Family Clinic', 'Cedar Creek Pediatrics']);
  });

  it('keeps only the thresholds a tenant writes, so the defaults block still gives it the others', async () => {
    const checked = await parseTenantsFile(example, 'tenants.yaml');
    expect(entryOptions(checked.tenants[1]!)).toEqual({ thresholds: { inactiveDays: 60 } });
  });

  it('names the file, the tenant’s index and name, and the field of a bad value', async () => {
    const text = example.replace('inactiveDays: 60', 'inactiveDays: -4');
    const error = await rejection(text);
    expect(error.message).toMatch(/^Invalid tenants\.yaml tenants\[1\] \(Riverside Family Clinic\) at thresholds\.inactiveDays: /);
    expect(error.field).toBe('tenants.yaml:tenants[1].thresholds.inactiveDays');
  });

  it('names a misspelt field of a tenant, and editors flag it too', async () => {
    const text = example.replace('breakGlassAccounts: [', 'breakGlassAcounts: [');
    expect(validate(parse(text))).toBe(false);
    expect((await rejection(text)).message).toContain('tenants[0] (Harbour View Medical Practice): unknown field breakGlassAcounts');
  });

  it('rejects an unknown provider, a tenant listed twice, a secret written into the file and a file with no tenant', async () => {
    expect((await rejection(example.replace('provider: google', 'provider: aws'))).message).toContain('tenants[2] (Cedar Creek Pediatrics) at provider: expected m365 or google, got "aws"');
    const twice = `${example}  - provider: m365\n    tenantId: HarbourViewMedical.onmicrosoft.com\n`;
    expect((await rejection(twice)).message).toContain('tenants[3]: the same tenant as tenants[0]');
    const secret = example.replace('clientSecretEnv: TENANT_AUDIT_CLIENT_SECRET', 'clientSecret: s3cr3t~value');
    const error = await rejection(secret);
    expect(error.message).toContain('at defaults.m365: unknown field clientSecret: put the secret in an environment variable and name it with clientSecretEnv');
    expect(error.message).not.toContain('s3cr3t~value');
    expect((await rejection('tenants: []\n')).message).toContain('at tenants: list at least one tenant');
    const noSubject = 'tenants:\n  - { provider: google, customerId: C03az79cb, name: Cedar Creek }\n';
    expect((await rejection(noSubject)).message).toMatch(/tenants\[0\] \(Cedar Creek\) at subject: missing \(expected string\)/);
  });

  it('names the file when it is not valid JSON or YAML', async () => {
    expect((await rejection('{ "tenants": [', 'clients.json')).message).toMatch(/^clients\.json is not valid JSON/);
    expect((await rejection('tenants: [a, b\n', 'clients.yml')).message).toMatch(/^clients\.yml is not valid YAML/);
  });
});
