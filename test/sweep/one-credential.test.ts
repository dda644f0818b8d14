/**
 * An MSP's set-up: one multi-tenant app registration, consented in each client tenant, and ONE
 * credential object (@azure/identity's own ClientSecretCredential, against the simulated Entra
 * token service) for every tenant of a sweep. Every token is asked for the target's tenant, and a
 * token that does not belong to the target is never used.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { ClientSecretCredential } from '@azure/identity';
import { describe, expect, it } from 'vitest';
import { TenantAccessError } from '../../src/core/errors.js';
import { audit, sweep, type AuditReport, type SweepResult } from '../../src/index.js';
import {
  compliantPractice,
  largeTenant,
  servicePrincipalFor,
  simulatedApp,
  simulatedClientSecret,
  simulatedCredential,
  typicalPractice,
  type M365TenantModel,
} from '../../src/testing/index.js';
import { NOW, simulatorPerTest } from '../fixtures/simulator-per-test.js';

const simulator = simulatorPerTest();

/** The MSP's own tenant, home of the app registration. */
const msp = largeTenant(4, { now: NOW, tenantKey: 'msp-home', displayName: 'Contoso MSP' });
/** The auditing app, multi-tenant (its default id is the one every simulated tenant has consented). */
const app = simulatedApp({ homeTenantId: msp.tenantId, multiTenant: true, displayName: 'Contoso MSP Auditor' });
const secret = simulatedClientSecret(app, NOW.getTime());

/** Four clinics with different data, and one whose admin never consented (no service principal). */
const clinics: M365TenantModel[] = [
  compliantPractice({ now: NOW }),
  typicalPractice({ now: NOW }),
  largeTenant(12, { now: NOW, tenantKey: 'clinic-a', displayName: 'Clinic A' }),
  largeTenant(31, { now: NOW, tenantKey: 'clinic-b', displayName: 'Clinic B' }),
];
const unconsented: M365TenantModel = { ...largeTenant(9, { now: NOW, tenantKey: 'clinic-c', displayName: 'Clinic C' }), servicePrincipals: [] };

const sharedCredential = () => new ClientSecretCredential(msp.tenantId, app.appId, secret, { additionallyAllowedTenants: ['*'] });
const verdicts = (report: AuditReport) => report.findings.map((finding) => `${finding.controlId} ${finding.status} ${finding.summary}`);

async function collectAll(results: AsyncIterable<SweepResult>): Promise<SweepResult[]> {
  const all: SweepResult[] = [];
  for await (const result of results) all.push(result);
  return all.sort((a, b) => a.target.index - b.target.index);
}

describe('one credential for many tenants', () => {
  it('sweeps every clinic with ONE shared ClientSecretCredential, each report holding its own tenant’s data', async () => {
    const served = simulator.serve({ m365: [msp, ...clinics, unconsented], entra: { apps: [app] } });
    const credential = sharedCredential();
    const targets = [...clinics, unconsented].map((model) => ({ provider: 'm365' as const, tenantId: model.tenantId, credential, name: model.displayName }));
    const results = await collectAll(sweep(targets, { now: NOW, concurrency: 3 }));

    // The truth for each clinic: an audit with a credential that can only ever reach that clinic.
    for (const [index, model] of clinics.entries()) {
      const result = results[index]!;
      expect(result.ok, model.displayName).toBe(true);
      if (!result.ok) continue;
      expect(result.report.tenant).toEqual({ id: model.tenantId, name: model.displayName });
      const alone = await audit({ provider: 'm365', tenantId: model.tenantId, credential: simulatedCredential(model) }, { now: NOW });
      expect(verdicts(result.report), model.displayName).toEqual(verdicts(alone));
    }
    // Distinct data, so the comparison above could have failed.
    expect(new Set(results.filter((r) => r.ok).map((r) => (r.ok ? verdicts(r.report).join('\n') : ''))).size).toBe(clinics.length);

    // Graph and the Exchange admin API were only ever called with a token of the tenant audited,
    // and the MSP's own tenant was never read.
    for (const request of served.requests.filter().filter((r) => r.host !== 'login.microsoftonline.com')) {
      expect(request.tenantId, `${request.host ?? 'graph'} ${request.path}`).not.toBe(msp.tenantId);
    }
    expect(served.requests.count({ tenantId: msp.tenantId })).toBe(0);
    for (const model of clinics.filter((m) => m.exchange)) expect(served.requests.count({ tenantId: model.tenantId, host: 'outlook.office365.com' })).toBeGreaterThan(0);

    const refused = results[clinics.length]!;
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.kind).toBe('not_consented');
      expect(refused.error.consentUrl).toBe(`https://login.microsoftonline.com/${unconsented.tenantId}/adminconsent?client_id=${app.appId}`);
      expect(refused.error.fix).toContain(refused.error.consentUrl);
      expect(refused.error.message).toContain('AADSTS7000229');
    }
  });

  it('without additionallyAllowedTenants, @azure/identity refuses before any request, and the failure says to set it', async () => {
    const served = simulator.serve({ m365: [msp, clinics[0]!], entra: { apps: [app] } });
    const credential = new ClientSecretCredential(msp.tenantId, app.appId, secret);
    const error = await audit({ provider: 'm365', tenantId: clinics[0]!.tenantId, credential }, { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantAccessError);
    expect((error as TenantAccessError).kind).toBe('wrong_tenant');
    expect((error as TenantAccessError).message).toContain("additionallyAllowedTenants: ['*']");
    expect((error as TenantAccessError).details.fix).toContain("additionallyAllowedTenants: ['*']");
    expect(served.requests.count()).toBe(0);
  });

  it('a token for another tenant than the target is a wrong_tenant failure, never a report', async () => {
    const served = simulator.serve({ m365: [msp, clinics[1]!], entra: { apps: [app] } });
    // A credential that ignores the tenant asked for, as a managed identity does.
    const inner = new ClientSecretCredential(msp.tenantId, app.appId, secret);
    const homeOnly: TokenCredential = { getToken: (scopes: string | string[], options?: GetTokenOptions) => inner.getToken(scopes, { ...options, tenantId: undefined }) };
    const error = await audit({ provider: 'm365', tenantId: clinics[1]!.tenantId, credential: homeOnly }, { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantAccessError);
    expect((error as TenantAccessError).kind).toBe('wrong_tenant');
    expect((error as TenantAccessError).message).toContain(`a token for tenant ${msp.tenantId}, not ${clinics[1]!.tenantId}`);
    // No service was asked for data with the home tenant's token.
    expect(served.requests.filter().filter((r) => r.host !== 'login.microsoftonline.com')).toEqual([]);
  });

  it('a target named by domain is matched through the organisation’s verified domains', async () => {
    const clinic = clinics[0]!;
    const served = simulator.serve({ m365: [msp, clinic], entra: { apps: [app] } });
    const report = await audit({ provider: 'm365', tenantId: clinic.primaryDomain, credential: sharedCredential() }, { now: NOW, controls: ['m365.mfa.enforced'] });
    expect(report.tenant.id).toBe(clinic.primaryDomain);
    expect(served.requests.count({ tenantId: clinic.tenantId, path: '/organization' })).toBe(1);

    // The same domain, but a credential that only ever gets the MSP's own tokens.
    const inner = new ClientSecretCredential(msp.tenantId, app.appId, secret);
    const homeOnly: TokenCredential = { getToken: (scopes: string | string[], options?: GetTokenOptions) => inner.getToken(scopes, { ...options, tenantId: undefined }) };
    const error = await audit({ provider: 'm365', tenantId: clinic.primaryDomain, credential: homeOnly }, { now: NOW }).catch((e: unknown) => e);
    expect((error as TenantAccessError).kind).toBe('wrong_tenant');
    expect((error as TenantAccessError).message).toContain(`which has not verified the domain ${clinic.primaryDomain}`);
    expect(served.requests.count({ tenantId: msp.tenantId, path: '/users' })).toBe(0);
  });

  it('a consented app granted no permission is not_consented with the consent URL from the token’s appid', async () => {
    const bare = { ...clinics[2]!, servicePrincipals: [servicePrincipalFor(app, { grantedPermissions: [] })] };
    const served = simulator.serve({ m365: [msp, bare], entra: { apps: [app] } });
    const error = await audit({ provider: 'm365', tenantId: bare.tenantId, credential: sharedCredential() }, { now: NOW }).catch((e: unknown) => e);
    expect((error as TenantAccessError).kind).toBe('not_consented');
    expect((error as TenantAccessError).details.consentUrl).toBe(`https://login.microsoftonline.com/${bare.tenantId}/adminconsent?client_id=${app.appId}`);
    expect(served.requests.filter().filter((r) => r.host !== 'login.microsoftonline.com')).toEqual([]);
  });

  it('the simulated credential refuses another tenant exactly as @azure/identity does', async () => {
    const clinic = clinics[0]!;
    const identityError = await new ClientSecretCredential(msp.tenantId, app.appId, secret).getToken('https://graph.microsoft.com/.default', { tenantId: clinic.tenantId }).catch((e: Error) => e);
    const simulatedError = await simulatedCredential(msp).getToken('https://graph.microsoft.com/.default', { tenantId: clinic.tenantId }).catch((e: Error) => e);
    expect(identityError).toBeInstanceOf(Error);
    expect({ name: (simulatedError as Error).name, message: (simulatedError as Error).message }).toEqual({ name: (identityError as Error).name, message: (identityError as Error).message });
    const own: AccessToken | null = await simulatedCredential(msp).getToken('https://graph.microsoft.com/.default', { tenantId: msp.tenantId });
    expect(own?.token).toBeTruthy();
  });
});
