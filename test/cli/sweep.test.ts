/**
 * The MSP commands end to end on simulated tenants: `sweep` over a tenants file with one app's
 * secret from the environment, `demo --sweep`, `consent-url` and `check`.
 */
import { existsSync, readdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { PortfolioSummary } from '../../src/sweep/portfolio.js';
import {
  compliantPractice,
  delegatedToServiceAccountOf,
  googleCompliantPractice,
  googleLargeTenant,
  googleSuperAdmin,
  googleTypicalPractice,
  largeTenant,
  simulatedApp,
  simulatedClientSecret,
  simulatedServiceAccountKey,
  typicalPractice,
  type M365TenantModel,
} from '../../src/testing/index.js';
import { NOW, simulatorPerTest } from '../fixtures/simulator-per-test.js';

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.MSP_AUDITOR_SECRET;
});

const simulator = simulatorPerTest();
const dir = mkdtempSync(join(tmpdir(), 'tenant-audit-cli-sweep-'));
const msp = largeTenant(3, { now: NOW, tenantKey: 'cli-msp', displayName: 'CLI MSP' });
const app = simulatedApp({ homeTenantId: msp.tenantId, multiTenant: true, displayName: 'CLI MSP auditor' });
const secret = simulatedClientSecret(app, Date.now());
const compliant = compliantPractice({ now: NOW });
const typical = typicalPractice({ now: NOW });
const unconsented: M365TenantModel = { ...largeTenant(4, { now: NOW, tenantKey: 'cli-c', displayName: 'Cypress Clinic' }), servicePrincipals: [] };

function tenantsFile(tenants: object[], name = `tenants-${Math.random().toString(36).slice(2)}.json`): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ defaults: { m365: { clientId: app.appId, tenantId: msp.tenantId, clientSecretEnv: 'MSP_AUDITOR_SECRET' } }, tenants }));
  return file;
}

describe('tenant-audit sweep', () => {
  it('audits every tenant of the file with one app, writes the folder, names the tenant it could not audit and exits 1', async () => {
    simulator.serve({ m365: [msp, compliant, typical, unconsented], entra: { apps: [app] } });
    process.env.MSP_AUDITOR_SECRET = secret;
    const file = tenantsFile([
      { provider: 'm365', tenantId: compliant.tenantId, name: 'Harbour View', breakGlassAccounts: ['breakglass@harbourviewmedical.example'] },
      { provider: 'm365', tenantId: typical.tenantId, name: 'Riverside' },
      { provider: 'm365', tenantId: unconsented.tenantId, name: 'Cypress' },
    ]);
    const folder = join(dir, 'run-1');
    expect(await runCli(['sweep', file, '--out', folder, '--concurrency', '2'])).toBe(1);
    const summary = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')) as PortfolioSummary;
    expect(summary.tenants.map((row) => [row.name, row.ok])).toEqual([
      ['Harbour View', true],
      ['Riverside', true],
      ['Cypress', false],
    ]);
    expect(existsSync(join(folder, 'harbour-view', 'report.json'))).toBe(true);
    // The portfolio's cells link to a report a person can read, written beside the JSON one.
    expect(readFileSync(join(folder, 'riverside', 'report.html'), 'utf8')).toMatch(/<html/);
    expect(readFileSync(join(folder, 'summary.html'), 'utf8')).toContain('href="riverside/report.html"');
    expect(out).toContain('COULD NOT AUDIT  Cypress');
    expect(err).toMatch(/\[3\/3\] .*·/);
    expect(err).toContain(`tenant-audit: could not audit Cypress (${unconsented.tenantId})`);
    expect(err).toContain(`https://login.microsoftonline.com/${unconsented.tenantId}/adminconsent?client_id=${app.appId}`);
    expect(`${out}${err}${readFileSync(join(folder, 'summary.json'), 'utf8')}`).not.toContain(secret);
  });

  it('writes each tenant\'s reports in the formats --report-formats names, the HTML page first for the portfolio', async () => {
    simulator.serve({ m365: [msp, typical], entra: { apps: [app] } });
    process.env.MSP_AUDITOR_SECRET = secret;
    const file = tenantsFile([{ provider: 'm365', tenantId: typical.tenantId, name: 'Riverside' }]);
    const folder = join(dir, 'run-formats');
    expect(await runCli(['sweep', file, '--out', folder, '--report-formats', 'sarif,csv,html'])).toBe(1);
    expect(readdirSync(join(folder, 'riverside')).sort()).toEqual(['report.csv', 'report.html', 'report.json', 'report.sarif', 'snapshot.json']);
    expect(JSON.parse(readFileSync(join(folder, 'riverside', 'report.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(join(folder, 'summary.html'), 'utf8')).toContain('href="riverside/report.html"');
    expect(await runCli(['sweep', file, '--out', join(dir, 'run-bad-format'), '--report-formats', 'pdf'])).toBe(2);
    expect(err).toContain('--report-formats');
  });

  it('audits both clouds from one file: one app for the Microsoft tenants, one key file for the Google customers', async () => {
    const googleMsp = googleCompliantPractice({ now: NOW });
    const customers = [delegatedToServiceAccountOf(googleTypicalPractice({ now: NOW }), googleMsp), delegatedToServiceAccountOf(googleLargeTenant(12, { now: NOW }), googleMsp)];
    simulator.serve({ m365: [msp, typical], entra: { apps: [app] }, google: [googleMsp, ...customers] });
    process.env.MSP_AUDITOR_SECRET = secret;
    const keyFile = join(dir, 'google-key.json');
    const key = simulatedServiceAccountKey(googleMsp);
    writeFileSync(keyFile, JSON.stringify(key));
    const file = join(dir, 'both.yaml');
    writeFileSync(
      file,
      [
        'defaults:',
        `  m365: { clientId: ${app.appId}, tenantId: ${msp.tenantId}, clientSecretEnv: MSP_AUDITOR_SECRET }`,
        `  google: { keyFile: ${JSON.stringify(keyFile)} }`,
        'tenants:',
        `  - { provider: m365, tenantId: ${typical.tenantId}, name: Riverside }`,
        ...customers.map((customer, index) => `  - { provider: google, customerId: ${customer.customer.id}, subject: ${googleSuperAdmin(customer)}, name: Customer ${index + 1} }`),
      ].join('\n'),
    );
    const folder = join(dir, 'both');
    expect(await runCli(['sweep', file, '--out', folder, '--format', 'json'])).toBe(1);
    const summary = JSON.parse(out) as PortfolioSummary;
    expect(summary.tenants.map((row) => [row.name, row.provider, row.ok])).toEqual([
      ['Riverside', 'm365', true],
      ['Customer 1', 'google-workspace', true],
      ['Customer 2', 'google-workspace', true],
    ]);
    // Each Google report is its own customer's.
    for (const [index, customer] of customers.entries()) {
      const report = JSON.parse(readFileSync(join(folder, `customer-${index + 1}`, 'report.json'), 'utf8')) as { tenant: { id: string } };
      expect(report.tenant.id).toBe(customer.customer.id);
    }
    const written = ['summary.json', 'summary.html', 'customer-1/report.json', 'customer-1/snapshot.json'].map((name) => readFileSync(join(folder, name), 'utf8')).join('');
    expect(written).not.toContain(key.private_key.split('\n')[1]!);
    expect(written).not.toContain(secret);
  });

  it('exits 0 when no tenant fails at or above --fail-on, and prints summary.json with --format json', async () => {
    simulator.serve({ m365: [msp, compliant], entra: { apps: [app] } });
    process.env.MSP_AUDITOR_SECRET = secret;
    const file = tenantsFile([{ provider: 'm365', tenantId: compliant.tenantId, name: 'Harbour View', breakGlassAccounts: ['breakglass@harbourviewmedical.example'] }]);
    const code = await runCli(['sweep', file, '--out', join(dir, 'run-2'), '--format', 'json', '--fail-on', 'critical']);
    const summary = JSON.parse(out) as PortfolioSummary;
    expect(summary.totals).toMatchObject({ tenants: 1, audited: 1, couldNotAudit: 0 });
    expect(code).toBe(summary.tenants.some((row) => row.ok && row.gate === 'failed') ? 1 : 0);
    expect(code).toBe(0);
  });

  it('exits 2 naming the file, the tenant and the field of a bad entry, before auditing anything', async () => {
    const file = tenantsFile([{ provider: 'm365', tenantId: compliant.tenantId, name: 'Harbour View', thresholds: { inactiveDays: 'ninety' } }], 'bad.json');
    const folder = join(dir, 'never');
    expect(await runCli(['sweep', file, '--out', folder])).toBe(2);
    expect(err).toContain('bad.json tenants[0] (Harbour View) at thresholds.inactiveDays');
    expect(existsSync(folder)).toBe(false);
  });

  it('exits 2 when the environment variable named for the secret is not set', async () => {
    const file = tenantsFile([{ provider: 'm365', tenantId: compliant.tenantId }]);
    expect(await runCli(['sweep', file, '--out', join(dir, 'never-2')])).toBe(2);
    expect(err).toContain('MSP_AUDITOR_SECRET');
  });

  it('exits 2 on --resume in a folder with no run', async () => {
    process.env.MSP_AUDITOR_SECRET = secret;
    const file = tenantsFile([{ provider: 'm365', tenantId: compliant.tenantId }]);
    expect(await runCli(['sweep', file, '--out', mkdtempSync(join(dir, 'empty-')), '--resume'])).toBe(2);
    expect(err).toContain('Nothing to resume');
  });
});

describe('tenant-audit demo --sweep', () => {
  it('sweeps the simulated portfolio on both clouds into the folder and writes the portfolio page', async () => {
    const folder = join(dir, 'demo');
    expect(await runCli(['demo', '--sweep', folder])).toBe(0);
    const summary = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')) as PortfolioSummary;
    expect(new Set(summary.tenants.map((row) => row.provider))).toEqual(new Set(['m365', 'google-workspace']));
    expect(summary.tenants.filter((row) => !row.ok).map((row) => row.ok ? '' : row.failure.kind)).toEqual(['not_consented']);
    expect(readFileSync(join(folder, 'summary.html'), 'utf8')).toContain('Google Workspace');
  }, 60_000);
});

describe('tenant-audit consent-url and check', () => {
  it('prints the admin-consent URL for a tenant, and refuses a client id that is not a GUID', async () => {
    expect(await runCli(['consent-url', 'm365', '--client-id', app.appId, '--tenant', 'clinic.onmicrosoft.com'])).toBe(0);
    expect(out.trim()).toBe(`https://login.microsoftonline.com/clinic.onmicrosoft.com/adminconsent?client_id=${app.appId}`);
    expect(await runCli(['consent-url', 'm365', '--client-id', 'my-app', '--tenant', 'clinic.onmicrosoft.com'])).toBe(2);
    expect(err).toContain('--client-id');
    out = '';
    expect(await runCli(['consent-url', 'm365', '--client-id', app.appId, '--tenant', 'clinic.onmicrosoft.com', '--redirect-uri', 'https://msp.example/consented?from=audit'])).toBe(0);
    expect(out.trim()).toBe(`https://login.microsoftonline.com/clinic.onmicrosoft.com/adminconsent?client_id=${app.appId}&redirect_uri=https%3A%2F%2Fmsp.example%2Fconsented%3Ffrom%3Daudit`);
    expect(await runCli(['consent-url', 'm365', '--client-id', app.appId, '--tenant', 'clinic.onmicrosoft.com', '--redirect-uri', 'http://msp.example'])).toBe(2);
    expect(err).toContain('--redirect-uri');
  });

  it('check m365 says what is in place for a consented tenant, and exits 1 with the consent URL for one that is not', async () => {
    simulator.serve({ m365: [msp, compliant, unconsented], entra: { apps: [app] } });
    expect(await runCli(['check', 'm365', '--tenant', compliant.tenantId, '--client-id', app.appId, '--client-secret', secret]), out).toBe(0);
    expect(out).toMatch(/^ok {4}consent: /m);
    expect(out).toMatch(/^ok {4}Graph permissions: /m);
    expect(out).toMatch(/^ok {4}Exchange role: /m);
    expect(out).toMatch(/^ok {4}Entra ID P1\/P2: /m);
    // Only optional evidence needs Directory.Read.All (consented apps): a warning, not a failure.
    expect(out).toMatch(/^warn {2}optional evidence: not granted: .*Directory\.Read\.All/m);
    out = '';
    expect(await runCli(['check', 'm365', '--tenant', unconsented.tenantId, '--client-id', app.appId, '--client-secret', secret])).toBe(1);
    expect(out).toMatch(/^FAIL {2}consent: not_consented: /m);
    expect(out).toContain(`https://login.microsoftonline.com/${unconsented.tenantId}/adminconsent?client_id=${app.appId}`);
    expect(out).not.toContain(secret);
  });

  it('check google says the delegation, the customer, every scope and the licences are in place', async () => {
    const practice = googleTypicalPractice({ now: NOW });
    simulator.serve({ google: [practice] });
    const keyFile = join(dir, 'check-key.json');
    writeFileSync(keyFile, JSON.stringify(simulatedServiceAccountKey(practice)));
    expect(await runCli(['check', 'google', '--key-file', keyFile, '--subject', googleSuperAdmin(practice)]), out).toBe(0);
    expect(out).toMatch(/^ok {4}delegation: /m);
    expect(out).toMatch(new RegExp(`^ok {4}customer: ${practice.customer.id} `, 'm'));
    expect(out).toMatch(/^ok {4}scopes: all \d+ delegated/m);
    expect(out).toMatch(/^ok {4}licences: /m);
  });
});
