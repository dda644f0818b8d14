import { describe, expect, it } from 'vitest';
import { compliantPractice, simulatedCredential, typicalPractice, type M365TenantModel } from '../../src/testing/index.js';
import { adminError, COMPLIANCE_SCOPE, EXCHANGE_SCOPE, invokeUrl, NOW, post, run, serveTenants, tokenFor } from './exchange-harness.js';

const compliant = compliantPractice({ now: NOW });
const typical = typicalPractice({ now: NOW });
// The same practice, where Exchange does not run the Security & Compliance cmdlets (Microsoft's cmdlet reference).
const strict: M365TenantModel = { ...compliantPractice({ now: NOW }), tenantId: '5f0c7a8e-2222-4bbb-8ccc-000000000001' };
strict.exchange = { ...strict.exchange!, complianceCmdletsOnExchangeEndpoint: false };
const log = serveTenants([compliant, typical, strict]);

const EXCHANGE_CMDLETS = ['Get-Mailbox', 'Get-IRMConfiguration', 'Get-TransportRule', 'Get-OutboundConnector', 'Get-OrganizationConfig', 'Get-AdminAuditLogConfig'];
const COMPLIANCE_CMDLETS = ['Get-DlpCompliancePolicy', 'Get-DlpComplianceRule', 'Get-UnifiedAuditLogRetentionPolicy'];

describe('InvokeCommand routing', () => {
  it.each([...EXCHANGE_CMDLETS, ...COMPLIANCE_CMDLETS])('answers %s on the Exchange endpoint in the OData envelope', async (cmdlet) => {
    const answer = await run(compliant, cmdlet);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Content-Type')).toMatch(/^application\/json;odata\.metadata=minimal/);
    expect(answer.body['@odata.context']).toBe(`https://outlook.office365.com/adminapi/beta/${compliant.tenantId}/$metadata#Collection(Exchange.GenericHashTable)`);
    expect(answer.body['adminapi.warnings@odata.type']).toBe('#Collection(String)');
    expect(answer.body['@adminapi.warnings']).toEqual([]);
    expect(Array.isArray(answer.body.value)).toBe(true);
    expect(answer.body['@odata.nextLink']).toBeUndefined();
  });

  it.each(COMPLIANCE_CMDLETS)('answers %s on the compliance endpoint with a compliance-scoped token', async (cmdlet) => {
    const answer = await run(compliant, cmdlet, {}, 'compliance');
    expect(answer.status).toBe(200);
    expect(answer.body['@odata.context']).toMatch(/^https:\/\/ps\.compliance\.protection\.outlook\.com\/adminapi\/beta\//);
    expect(answer.body.value.length).toBeGreaterThan(0);
  });

  it.each(['Get-Mailbox', 'Get-IRMConfiguration', 'Get-TransportRule', 'Get-OutboundConnector', 'Get-OrganizationConfig'])('refuses the Exchange-only %s on the compliance endpoint with 403', async (cmdlet) => {
    expect((await run(compliant, cmdlet, {}, 'compliance')).status).toBe(403);
  });

  it('refuses the Security & Compliance cmdlets on Exchange when the model says Exchange lacks them', async () => {
    for (const cmdlet of COMPLIANCE_CMDLETS) expect((await run(strict, cmdlet)).status).toBe(403);
    expect((await run(strict, 'Get-DlpCompliancePolicy', {}, 'compliance')).status).toBe(200);
  });

  it('shows unified audit log ingestion as off when Get-AdminAuditLogConfig is read through the compliance endpoint', async () => {
    const exchange = await run(compliant, 'Get-AdminAuditLogConfig');
    const compliance = await run(compliant, 'Get-AdminAuditLogConfig', {}, 'compliance');
    expect(exchange.body.value[0].UnifiedAuditLogIngestionEnabled).toBe(true);
    expect(compliance.status).toBe(200);
    expect(compliance.body.value[0].UnifiedAuditLogIngestionEnabled).toBe(false);
  });

  it('matches cmdlet and parameter names case-insensitively, as PowerShell does', async () => {
    const answer = await run(compliant, 'get-mailbox', { recipienttypedetails: 'sharedmailbox', resultsize: 'unlimited' });
    expect(answer.status).toBe(200);
    expect(answer.body.value.map((mailbox: any) => mailbox.RecipientTypeDetails)).toEqual(['SharedMailbox', 'SharedMailbox']);
  });

  it('filters Get-Mailbox by RecipientTypeDetails, given as a string, a comma list or an array', async () => {
    const all = await run(compliant, 'Get-Mailbox', { ResultSize: 'Unlimited' });
    const types = new Set(all.body.value.map((mailbox: any) => mailbox.RecipientTypeDetails));
    expect(types).toEqual(new Set(['UserMailbox', 'SharedMailbox', 'DiscoveryMailbox']));
    const list = await run(compliant, 'Get-Mailbox', { RecipientTypeDetails: 'SharedMailbox,DiscoveryMailbox' });
    const array = await run(compliant, 'Get-Mailbox', { RecipientTypeDetails: ['SharedMailbox', 'DiscoveryMailbox'] });
    expect(list.body.value).toHaveLength(3);
    expect(array.body.value).toEqual(list.body.value);
  });

  it('filters Get-TransportRule by State and Get-DlpComplianceRule by Policy', async () => {
    const disabled = await run(compliant, 'Get-TransportRule', { State: 'Disabled' });
    expect(disabled.body.value).toEqual([]);
    const policy = compliant.exchange!.dlpCompliancePolicies[0]!;
    const byName = await run(compliant, 'Get-DlpComplianceRule', { Policy: policy.Name });
    expect(byName.body.value.map((rule: any) => rule.ParentPolicyName)).toEqual([policy.Name, policy.Name]);
    expect((await run(compliant, 'Get-DlpComplianceRule', { Policy: 'No such policy' })).body.value).toEqual([]);
  });

  it('answers an unknown cmdlet with 403 and a body that is not JSON, as the live service does', async () => {
    const answer = await run(compliant, 'Get-NoSuchThing');
    expect(answer.status).toBe(403);
    expect(answer.body).toBeUndefined();
    expect(answer.bytes.length).toBeGreaterThan(0);
    expect(answer.bytes.every((byte) => byte === 0)).toBe(true);
  });

  it('answers a parameter the cmdlet does not have with 400 AmbiguousParameterSetException', async () => {
    const answer = await run(compliant, 'Get-Mailbox', { BogusParameter: 1 });
    expect(answer.status).toBe(400);
    const error = adminError(answer);
    expect(error.code).toBe('BadRequest');
    expect(error.message).toBe('Invalid Operation');
    expect(error.details?.[0]?.message).toBe(
      '|Microsoft.Exchange.AdminApi.CommandInvocation.AmbiguousParameterSetException|Parameter set cannot be resolved using the specified named parameters. Invalid cmdlet parameters specified. BogusParameter',
    );
    // The wire spells it in lower case; a JavaScript client must not read `internalException`.
    expect(error.innererror.internalexception.type).toBe('Microsoft.Exchange.AdminApi.CommandInvocation.AmbiguousParameterSetException');
    expect((error.innererror as any).internalException).toBeUndefined();
  });

  it('answers a value a parameter cannot take with 400 ParameterTransformationException naming the valid values', async () => {
    const answer = await run(compliant, 'Get-Mailbox', { RecipientTypeDetails: 'Shared' });
    expect(answer.status).toBe(400);
    const error = adminError(answer);
    expect(error.details).toBeUndefined();
    expect(error.innererror.internalexception.type).toBe('Microsoft.Exchange.AdminApi.CommandInvocation.ParameterTransformationException');
    expect(error.innererror.internalexception.message).toContain("Cannot process argument transformation on parameter 'RecipientTypeDetails'");
    expect(error.innererror.internalexception.message).toContain('SharedMailbox');
    expect((await run(compliant, 'Get-Mailbox', { ResultSize: 'lots' })).status).toBe(400);
  });

  it('says plainly when a real parameter is not simulated (501), so a test fails loudly', async () => {
    const answer = await run(compliant, 'Get-Mailbox', { Identity: 'info@harbourviewmedical.example' });
    expect(answer.status).toBe(501);
    expect(answer.body.error.code).toBe('SimulatorNotImplemented');
    expect((await run(compliant, 'Get-Mailbox', { ErrorAction: 'Stop', WarningAction: 'SilentlyContinue' })).status).toBe(200);
  });

  it('answers a body that is not a CmdletInput envelope with 400', async () => {
    const token = await tokenFor(simulatedCredential(compliant), EXCHANGE_SCOPE);
    const response = await fetch(invokeUrl('exchange', compliant.tenantId), { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: '{"Cmdlet":"Get-Mailbox"}' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.message).toBe('Invalid Operation');
  });

  it('takes InvokeCommand only as POST', async () => {
    const token = await tokenFor(simulatedCredential(compliant), EXCHANGE_SCOPE);
    const response = await fetch(invokeUrl('exchange', compliant.tenantId), { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(405);
  });

  it('does not simulate the CLIXML answers the module asks for by default', async () => {
    const token = await tokenFor(simulatedCredential(compliant), EXCHANGE_SCOPE);
    const answer = await post(invokeUrl('exchange', compliant.tenantId), token, 'Get-OrganizationConfig', {}, { 'X-ResponseFormat': 'clixml' });
    expect(answer.status).toBe(501);
  });

  it('accepts the tenant as its GUID, primary domain or initial domain in the path', async () => {
    const token = await tokenFor(simulatedCredential(compliant), EXCHANGE_SCOPE);
    for (const tenant of [compliant.tenantId, compliant.primaryDomain, compliant.exchange!.initialDomain]) {
      expect((await post(invokeUrl('exchange', tenant), token, 'Get-OrganizationConfig')).status).toBe(200);
    }
  });

  it('records the host and cmdlet of every request in the shared request log', async () => {
    log.clear();
    await run(compliant, 'Get-TransportRule');
    await run(compliant, 'Get-DlpComplianceRule', {}, 'compliance');
    expect(log.count({ cmdlet: 'get-transportrule', host: 'outlook.office365.com', status: 200 })).toBe(1);
    expect(log.count({ cmdlet: 'Get-DlpComplianceRule', host: 'ps.compliance.protection.outlook.com' })).toBe(1);
    expect(log.entries.every((entry) => entry.path === `/adminapi/beta/${compliant.tenantId}/InvokeCommand` && entry.tenantId === compliant.tenantId)).toBe(true);
  });

  it('serves the S&C cmdlets to a compliance token only on the compliance host', async () => {
    const token = await tokenFor(simulatedCredential(typical), COMPLIANCE_SCOPE);
    expect((await post(invokeUrl('compliance', typical.tenantId), token, 'Get-DlpCompliancePolicy')).body.value).toEqual([]);
    expect((await post(invokeUrl('exchange', typical.tenantId), token, 'Get-DlpCompliancePolicy')).status).toBe(401);
  });
});
