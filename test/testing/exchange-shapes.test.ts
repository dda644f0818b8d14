import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compliantPractice, SENSITIVE_INFORMATION_TYPES, type M365TenantModel } from '../../src/testing/index.js';
import { NOW, propertyNames, run, serveTenants } from './exchange-harness.js';

// Real output: the ScubaGear sample (PowerShell objects) and a raw InvokeCommand answer (see the fixtures' README).
const fixtures = new URL('./fixtures/exchange-reference/', import.meta.url);
const sample = JSON.parse(readFileSync(new URL('scubagear-sample-cmdlet-output.json', fixtures), 'utf8')).cmdlets as Record<string, Record<string, unknown>[]>;
const rawMailboxAnswer = JSON.parse(readFileSync(new URL('invokecommand-get-mailbox-response.json', fixtures), 'utf8'));
const connectorReference = JSON.parse(readFileSync(new URL('get-outboundconnector.json', fixtures), 'utf8'));

const compliant = compliantPractice({ now: NOW });
// A rule built in the Purview portal with condition groups: its types are only in AdvancedRule.
const portalBuilt: M365TenantModel = { ...compliantPractice({ now: NOW }), tenantId: '5f0c7a8e-3333-4bbb-8ccc-000000000002' };
portalBuilt.exchange = {
  ...portalBuilt.exchange!,
  dlpComplianceRules: portalBuilt.exchange!.dlpComplianceRules.map((rule) => ({ ...rule, conditionFormat: 'groups' as const })),
};
// A practice that routes outbound mail through an encryption gateway's smart host (a Partner connector).
const withGateway: M365TenantModel = { ...compliantPractice({ now: NOW }), tenantId: '5f0c7a8e-3333-4bbb-8ccc-000000000003' };
withGateway.exchange = {
  ...withGateway.exchange!,
  outboundConnectors: [
    {
      Name: 'Encryption gateway',
      Guid: '3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b',
      Enabled: true,
      ConnectorType: 'Partner',
      SmartHosts: ['outbound.gateway.example'],
      UseMXRecord: false,
      RecipientDomains: ['*'],
      TlsSettings: 'CertificateValidation',
      IsTransportRuleScoped: false,
      WhenCreated: '2026-03-01T09:00:00Z',
      WhenChanged: '2026-03-02T09:00:00Z',
    },
  ],
};
serveTenants([compliant, portalBuilt, withGateway]);

const first = async (cmdlet: string, parameters: Record<string, unknown> = {}, tenant = compliant) => (await run(tenant, cmdlet, parameters)).body.value[0];

/** Wire date of a System.DateTime: 2022-09-21T08:07:47.0000000+00:00 (or ...Z for *UTC properties). */
const WIRE_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}(\+00:00|Z)$/;

describe('cmdlet output shapes', () => {
  it('serves a user mailbox with exactly the keys, order and annotations of a live Get-Mailbox answer', async () => {
    const all = await run(compliant, 'Get-Mailbox', { ResultSize: 'Unlimited' });
    const userMailbox = all.body.value.find((mailbox: any) => mailbox.RecipientTypeDetails === 'UserMailbox');
    expect(Object.keys(userMailbox)).toEqual(Object.keys(rawMailboxAnswer.value[0]));
  });

  it('keeps the envelope keys of a live answer, in order', async () => {
    const answer = await run(compliant, 'Get-Mailbox', { RecipientTypeDetails: 'SharedMailbox' });
    expect(Object.keys(answer.body)).toEqual(Object.keys(rawMailboxAnswer));
  });

  it.each([
    ['Get-DlpCompliancePolicy', {}],
    ['Get-DlpComplianceRule', {}],
    ['Get-TransportRule', {}],
  ])('serves every property of the reference %s, in the reference order', async (cmdlet, parameters) => {
    const served = propertyNames(await first(cmdlet, parameters));
    expect(served).toEqual(Object.keys(sample[cmdlet]![0]!));
  });

  it('serves every property of the reference Get-AdminAuditLogConfig, with AdminAuditLogMailbox under its real name', async () => {
    const served = propertyNames(await first('Get-AdminAuditLogConfig'));
    const reference = Object.keys(sample['Get-AdminAuditLogConfig']![0]!).map((key) => (key === 'AdminAuditLoexamplebox' ? 'AdminAuditLogMailbox' : key));
    expect(served).toEqual(reference);
  });

  it('starts Get-OrganizationConfig with the properties ScubaGear kept', async () => {
    const served = propertyNames(await first('Get-OrganizationConfig'));
    const reference = Object.keys(sample['Get-OrganizationConfig']![0]!);
    expect(served.slice(0, reference.length)).toEqual(reference);
    expect(served).toContain('Identity');
  });

  it('annotates values as the wire does: collections, GUIDs, dates and integers', async () => {
    const mailbox = await first('Get-Mailbox', { RecipientTypeDetails: 'SharedMailbox' });
    expect(mailbox['EmailAddresses@odata.type']).toBe('#Collection(String)');
    expect(mailbox['Guid@data.type']).toBe('System.Guid');
    expect(mailbox['Guid@odata.type']).toBe('#Guid');
    expect(mailbox['WhenMailboxCreated@data.type']).toBe('System.DateTime');
    expect(mailbox.WhenMailboxCreated).toMatch(WIRE_DATE);
    expect(mailbox.WhenMailboxCreated.endsWith('+00:00')).toBe(true);
    expect(mailbox.WhenCreatedUTC.endsWith('Z')).toBe(true);
    expect(mailbox['LitigationHoldDate@data.type']).toBeUndefined();
    const rule = await first('Get-TransportRule');
    expect(rule['Priority@data.type']).toBe('System.Int32');
    // Every annotation comes right before the property it describes.
    for (const object of [mailbox, rule, await first('Get-DlpComplianceRule')]) {
      const keys = Object.keys(object);
      keys.forEach((key, index) => {
        if (!key.includes('@')) return;
        const property = key.split('@')[0]!;
        const rest = keys.slice(index + 1);
        expect(rest.find((later) => !later.includes('@'))).toBe(property);
      });
    }
  });

  it('serves Get-OutboundConnector with the keys, order and value types of a connector captured over the admin API', async () => {
    const [reference] = connectorReference.capture;
    const connector = await first('Get-OutboundConnector', {}, withGateway);
    expect(propertyNames(connector)).toEqual(Object.keys(reference));
    for (const key of Object.keys(reference)) {
      const kind = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
      // The capture's connector was never validated; ours neither, so its date is null.
      if (key !== 'LastValidationTimestamp' && reference[key] !== null) expect(kind(connector[key]), key).toBe(kind(reference[key]));
    }
    expect(connector).toMatchObject({ Name: 'Encryption gateway', Identity: 'Encryption gateway', ConnectorType: 'Partner', SmartHosts: ['outbound.gateway.example'], RecipientDomains: ['*'], UseMXRecord: false, TlsSettings: 'CertificateValidation' });
    expect(connector.WhenCreatedUTC).toBe('2026-03-01T09:00:00.0000000Z');
    expect(connector['SmartHosts@odata.type']).toBe('#Collection(String)');
    // The documented New-OutboundConnector properties are all served.
    for (const key of Object.keys(connectorReference.documented_properties)) expect(propertyNames(connector)).toContain(key);
  });

  it('answers Get-OutboundConnector with an empty list when there is no connector, and takes -ResultSize', async () => {
    expect((await run(compliant, 'Get-OutboundConnector')).body.value).toEqual([]);
    expect((await run(withGateway, 'Get-OutboundConnector', { ResultSize: 'Unlimited' })).body.value).toHaveLength(1);
    expect((await run(withGateway, 'Get-OutboundConnector', { IsTransportRuleScoped: true })).status).toBe(501);
    expect((await run(withGateway, 'Get-OutboundConnector', { Nonsense: 1 })).status).toBe(400);
  });

  it('writes no PowerShell /Date()/ dates anywhere', async () => {
    for (const cmdlet of ['Get-Mailbox', 'Get-DlpCompliancePolicy', 'Get-DlpComplianceRule', 'Get-TransportRule', 'Get-AdminAuditLogConfig', 'Get-IRMConfiguration', 'Get-UnifiedAuditLogRetentionPolicy', 'Get-OutboundConnector']) {
      const answer = await run(withGateway, cmdlet);
      expect(JSON.stringify(answer.body)).not.toContain('/Date(');
    }
  });

  it('serves shared mailboxes with the identity fields a client joins on', async () => {
    const answer = await run(compliant, 'Get-Mailbox', { RecipientTypeDetails: 'SharedMailbox', ResultSize: 'Unlimited' });
    for (const mailbox of answer.body.value) {
      const user = compliant.users.find((candidate) => candidate.id === mailbox.ExternalDirectoryObjectId)!;
      expect(user).toBeDefined();
      expect(mailbox).toMatchObject({
        UserPrincipalName: user.userPrincipalName,
        PrimarySmtpAddress: user.mail,
        DisplayName: user.displayName,
        RecipientTypeDetails: 'SharedMailbox',
        IsDirSynced: false,
        AccountDisabled: !user.accountEnabled,
        IsShared: true,
      });
    }
  });

  it('lists the DLP rule sensitive information types as GenericHashTable entries and in AdvancedRule', async () => {
    const rules = (await run(compliant, 'Get-DlpComplianceRule')).body.value;
    const rule = rules[0];
    expect(rule.IsAdvancedRule).toBe(false);
    const entries: { '@odata.type': string; _key: string; _value: string }[][] = rule.ContentContainsSensitiveInformation;
    expect(entries.every((entry) => entry.every((pair) => pair['@odata.type'] === '#Exchange.GenericHashTable'))).toBe(true);
    const names = entries.map((entry) => entry.find((pair) => pair._key === 'name')!._value);
    const ids = entries.map((entry) => entry.find((pair) => pair._key === 'id')!._value);
    expect(names).toContain(SENSITIVE_INFORMATION_TYPES.usSsn.name);
    expect(ids).toContain(SENSITIVE_INFORMATION_TYPES.deaNumber.id);
    const advanced = JSON.parse(rule.AdvancedRule);
    expect(rule.AdvancedRule).toContain('\r\n  "Condition": {');
    const condition = advanced.Condition.SubConditions.find((sub: any) => sub.ConditionName === 'ContentContainsSensitiveInformation');
    expect(condition.Value.map((type: any) => type.id)).toEqual(ids);
    const policy = (await run(compliant, 'Get-DlpCompliancePolicy')).body.value[0];
    expect(rule.Policy).toBe(policy.ExchangeObjectId);
  });

  it('leaves ContentContainsSensitiveInformation null for portal-built rules, whose types are only in AdvancedRule groups', async () => {
    const rule = await first('Get-DlpComplianceRule', {}, portalBuilt);
    expect(rule.IsAdvancedRule).toBe(true);
    expect(rule.ContentContainsSensitiveInformation).toBeNull();
    const advanced = JSON.parse(rule.AdvancedRule);
    const condition = advanced.Condition.SubConditions.find((sub: any) => sub.ConditionName === 'ContentContainsSensitiveInformation');
    const types = condition.Value[0].Groups[0].Sensitivetypes.map((type: any) => type.Name);
    expect(types).toContain(SENSITIVE_INFORMATION_TYPES.icd10.name);
  });

  it('states the Workload of DLP policies and rules from their locations', async () => {
    const policy = await first('Get-DlpCompliancePolicy');
    expect(policy.Workload).toBe('Exchange, SharePoint, OneDriveForBusiness, Teams');
    expect((await first('Get-DlpComplianceRule')).Workload).toBe(policy.Workload);
  });

  it('writes an encrypting transport rule the way Exchange describes it', async () => {
    const rule = await first('Get-TransportRule');
    expect(rule).toMatchObject({ State: 'Enabled', Mode: 'Enforce', SentToScope: 'NotInOrganization', ApplyRightsProtectionTemplate: 'Encrypt', ApplyOME: false });
    expect(rule.Description).toMatch(/^If the message:\r\n\tIs sent to 'Outside the organization'/);
    expect(rule.Conditions).toContain('Microsoft.Exchange.MessagingPolicies.Rules.Tasks.SentToScopePredicate');
    expect(rule.RuleVersion).toBe('14.0.0.0');
    expect(rule['RuleVersion@data.type']).toBe('System.Version');
  });
});
