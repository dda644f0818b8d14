import { describe, expect, it } from 'vitest';
import { compliantPractice, EXCHANGE_ROLE_TEMPLATES, simulatedCredential, typicalPractice, unknownTenantCredential, type M365TenantModel } from '../../src/testing/index.js';
import { COMPLIANCE_SCOPE, EXCHANGE_SCOPE, invokeUrl, NOW, post, run, serveTenants, tokenFor } from './exchange-harness.js';

const compliant = compliantPractice({ now: NOW });
const typical = typicalPractice({ now: NOW });
/** A copy of the compliant practice under another tenant id, for per-test endpoint behaviour. */
function variant(id: string, change: (exchange: NonNullable<M365TenantModel['exchange']>) => void): M365TenantModel {
  const tenant = { ...compliantPractice({ now: NOW }), tenantId: id };
  tenant.exchange = { ...tenant.exchange! };
  change(tenant.exchange);
  return tenant;
}
const rejecting = variant('5f0c7a8e-4444-4bbb-8ccc-000000000003', (exchange) => (exchange.complianceEndpoint = 'rejectsAppOnly'));
const redirecting = variant('5f0c7a8e-5555-4bbb-8ccc-000000000004', (exchange) => (exchange.complianceEndpoint = 'redirectsToRegionalHost'));
const noExchange: M365TenantModel = { ...compliantPractice({ now: NOW }), tenantId: '5f0c7a8e-6666-4bbb-8ccc-000000000005', exchange: undefined };
serveTenants([compliant, typical, rejecting, redirecting, noExchange]);

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}

const exchangeUrl = invokeUrl('exchange', compliant.tenantId);

describe('Exchange admin API authentication', () => {
  it('gives Exchange tokens the app role and the directory roles, and no Graph permissions', async () => {
    const exchange = claims(await tokenFor(simulatedCredential(compliant), EXCHANGE_SCOPE));
    expect(exchange).toMatchObject({ aud: 'https://outlook.office365.com', roles: ['Exchange.ManageAsApp'], wids: [EXCHANGE_ROLE_TEMPLATES.globalReader] });
    const compliance = claims(await tokenFor(simulatedCredential(compliant), COMPLIANCE_SCOPE));
    expect(compliance).toMatchObject({ aud: 'https://ps.compliance.protection.outlook.com', roles: ['Exchange.ManageAsApp'] });
    const graph = claims(await tokenFor(simulatedCredential(compliant), 'https://graph.microsoft.com/.default'));
    expect(graph['roles']).toContain('User.Read.All');
  });

  it('answers 401 with an empty body and a Bearer challenge when there is no token', async () => {
    const answer = await post(exchangeUrl, undefined, 'Get-OrganizationConfig');
    expect(answer.status).toBe(401);
    expect(answer.bytes.length).toBe(0);
    expect(answer.headers.get('WWW-Authenticate')).toMatch(/^Bearer client_id="00000002-0000-0ff1-ce00-000000000000"/);
  });

  it('answers 401 "The audience claim value is invalid" to a Graph token', async () => {
    const answer = await post(exchangeUrl, await tokenFor(simulatedCredential(compliant), 'https://graph.microsoft.com/.default'), 'Get-OrganizationConfig');
    expect(answer.status).toBe(401);
    expect(answer.headers.get('x-ms-diagnostics')).toBe(`2000003;reason="The audience claim value is invalid 'aud'.";error_category="invalid_resource"`);
  });

  it('answers 401 to an expired token', async () => {
    const token = await tokenFor(simulatedCredential(compliant, { lifetimeSeconds: -60 }), EXCHANGE_SCOPE);
    expect((await post(exchangeUrl, token, 'Get-OrganizationConfig')).status).toBe(401);
  });

  it('answers 401 without Exchange.ManageAsApp, however many Graph permissions the app has', async () => {
    const token = await tokenFor(simulatedCredential(compliant, { roles: ['User.Read.All', 'Policy.Read.All'] }), EXCHANGE_SCOPE);
    const answer = await post(exchangeUrl, token, 'Get-Mailbox', { RecipientTypeDetails: 'SharedMailbox' });
    expect(answer.status).toBe(401);
  });

  it('answers 403 with a non-JSON body when the app has Exchange.ManageAsApp but no directory role', async () => {
    const token = await tokenFor(simulatedCredential(compliant, { wids: [] }), EXCHANGE_SCOPE);
    expect(claims(token)['wids']).toBeUndefined();
    const answer = await post(exchangeUrl, token, 'Get-OrganizationConfig');
    expect(answer.status).toBe(403);
    expect(answer.body).toBeUndefined();
    expect(answer.bytes.every((byte) => byte === 0)).toBe(true);
  });

  it('answers 403 to a role the admin API does not support for app-only access', async () => {
    const conditionalAccessAdmin = 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9';
    const token = await tokenFor(simulatedCredential(compliant, { wids: [conditionalAccessAdmin] }), EXCHANGE_SCOPE);
    expect((await post(exchangeUrl, token, 'Get-OrganizationConfig')).status).toBe(403);
  });

  it('lets Exchange Administrator use Exchange but not Security & Compliance', async () => {
    const credential = simulatedCredential(compliant, { wids: [EXCHANGE_ROLE_TEMPLATES.exchangeAdministrator] });
    expect((await post(exchangeUrl, await tokenFor(credential, EXCHANGE_SCOPE), 'Get-TransportRule')).status).toBe(200);
    const compliance = await post(invokeUrl('compliance', compliant.tenantId), await tokenFor(credential, COMPLIANCE_SCOPE), 'Get-DlpCompliancePolicy');
    expect(compliance.status).toBe(403);
  });

  it('lets Compliance Administrator use Security & Compliance', async () => {
    const credential = simulatedCredential(compliant, { wids: [EXCHANGE_ROLE_TEMPLATES.complianceAdministrator] });
    const answer = await post(invokeUrl('compliance', compliant.tenantId), await tokenFor(credential, COMPLIANCE_SCOPE), 'Get-UnifiedAuditLogRetentionPolicy');
    expect(answer.status).toBe(200);
  });

  it('lets a recipient-only role read mailboxes but not organisation settings', async () => {
    const token = await tokenFor(simulatedCredential(compliant, { wids: [EXCHANGE_ROLE_TEMPLATES.exchangeRecipientAdministrator] }), EXCHANGE_SCOPE);
    expect((await post(exchangeUrl, token, 'Get-Mailbox', { RecipientTypeDetails: 'SharedMailbox' })).status).toBe(200);
    expect((await post(exchangeUrl, token, 'Get-TransportRule')).status).toBe(403);
  });

  it('answers 401 for a tenant without Exchange Online, or one the simulator does not know', async () => {
    const none = await run(noExchange, 'Get-OrganizationConfig');
    expect(none.status).toBe(401);
    expect(none.headers.get('x-ms-diagnostics')).toContain('error_category="invalid_tenant"');
    const unknown = unknownTenantCredential(undefined, { roles: ['Exchange.ManageAsApp'] });
    expect((await post(invokeUrl('exchange', '00000000-0000-4000-8000-000000000000'), await tokenFor(unknown, EXCHANGE_SCOPE), 'Get-OrganizationConfig')).status).toBe(401);
  });

  it('answers 401 when the path names another tenant than the token', async () => {
    const token = await tokenFor(simulatedCredential(compliant), EXCHANGE_SCOPE);
    expect((await post(invokeUrl('exchange', typical.tenantId), token, 'Get-OrganizationConfig')).status).toBe(401);
  });
});

describe('the Security & Compliance endpoint', () => {
  const complianceUrl = invokeUrl('compliance', compliant.tenantId);

  it('rejects an Exchange-scoped token with 401 and accepts a compliance-scoped one', async () => {
    const exchangeToken = await tokenFor(simulatedCredential(compliant), EXCHANGE_SCOPE);
    const refused = await post(complianceUrl, exchangeToken, 'Get-DlpCompliancePolicy');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-ms-diagnostics')).toContain('invalid_resource');
    const complianceToken = await tokenFor(simulatedCredential(compliant), COMPLIANCE_SCOPE);
    expect((await post(complianceUrl, complianceToken, 'Get-DlpCompliancePolicy')).status).toBe(200);
  });

  it('can reject every app-only token, leaving the Exchange endpoint to answer the same cmdlets', async () => {
    const credential = simulatedCredential(rejecting);
    const refused = await post(invokeUrl('compliance', rejecting.tenantId), await tokenFor(credential, COMPLIANCE_SCOPE), 'Get-DlpComplianceRule');
    expect(refused.status).toBe(401);
    const fallback = await post(invokeUrl('exchange', rejecting.tenantId), await tokenFor(credential, EXCHANGE_SCOPE), 'Get-DlpComplianceRule');
    expect(fallback.status).toBe(200);
    expect(fallback.body.value).toHaveLength(2);
  });

  it('can redirect to the tenant\'s regional host, which answers when the request is re-sent there with its token', async () => {
    const token = await tokenFor(simulatedCredential(redirecting), COMPLIANCE_SCOPE);
    const first = await post(invokeUrl('compliance', redirecting.tenantId), token, 'Get-DlpCompliancePolicy', {}, {}, { redirect: 'manual' });
    expect(first.status).toBe(302);
    const location = first.headers.get('Location')!;
    expect(location).toMatch(/^https:\/\/[a-z0-9]+\.ps\.compliance\.protection\.outlook\.com\/adminapi\/beta\/[^/]+\/InvokeCommand$/);
    const regional = await post(location, token, 'Get-DlpCompliancePolicy');
    expect(regional.status).toBe(200);
    expect(regional.body['@odata.context']).toContain(new URL(location).host);
    // Without the token (as a cross-host redirect leaves it behind) the regional host refuses.
    expect((await post(location, undefined, 'Get-DlpCompliancePolicy')).status).toBe(401);
  });
});
