import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compliantPractice, EXCHANGE_ROLE_TEMPLATES, simulatedCredential, typicalPractice, type M365TenantModel } from '../../src/testing/index.js';
import { EXCHANGE_SCOPE, invokeUrl, NOW, post, propertyNames, run, serveTenants, tokenFor } from './exchange-harness.js';

const reference = (name: string): any => JSON.parse(readFileSync(new URL(`./fixtures/safeguards-reference/${name}`, import.meta.url), 'utf8'));

const compliant = compliantPractice({ now: NOW });
const typical = typicalPractice({ now: NOW });
/** An organisation whose forwarding settings were never touched: the built-in defaults. */
const untouched: M365TenantModel = { ...compliantPractice({ now: NOW }), tenantId: '5f0c7a8e-4444-4bbb-8ccc-000000000003' };
const { hostedOutboundSpamFilterPolicies: _policies, ...exchangeDefaults } = untouched.exchange!;
untouched.exchange = exchangeDefaults;
serveTenants([compliant, typical, untouched]);

const WIRE_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}(\+00:00|Z)$/;

describe('Get-RemoteDomain', () => {
  it('serves every property of the real ScubaGear record, in its order, with the live annotations', async () => {
    const answer = await run(compliant, 'Get-RemoteDomain');
    const [domain] = answer.body.value;
    expect(propertyNames(domain)).toEqual(Object.keys(reference('exchange-Get-RemoteDomain.json').body.value[0]));
    expect(domain).toMatchObject({ Name: 'Default', DomainName: '*', AutoForwardEnabled: true, TNEFEnabled: null, 'Guid@data.type': 'System.Guid', 'WhenCreated@data.type': 'System.DateTime' });
    expect(domain.WhenChanged).toMatch(WIRE_DATE);
    expect(domain.OrganizationalUnitRoot).toBe(`${compliant.exchange!.initialDomain.split('.')[0]}.onmicrosoft.com`);
  });

  it('is refused to Security Reader, which reads other cmdlets (graph2otel measured 403)', async () => {
    const token = await tokenFor(simulatedCredential(compliant, { wids: [EXCHANGE_ROLE_TEMPLATES.securityReader] }), EXCHANGE_SCOPE);
    const refused = await post(invokeUrl('exchange', compliant.tenantId), token, 'Get-RemoteDomain');
    expect(refused.status).toBe(403);
    expect((await post(invokeUrl('exchange', compliant.tenantId), token, 'Get-TransportRule')).status).toBe(200);
  });
});

describe('Get-HostedOutboundSpamFilterPolicy and -Rule', () => {
  it('serves the properties of the live default policy, Enabled false on the default', async () => {
    const answer = await run(compliant, 'Get-HostedOutboundSpamFilterPolicy');
    const [policy] = answer.body.value;
    expect(propertyNames(policy)).toEqual(Object.keys(reference('exchange-Get-HostedOutboundSpamFilterPolicy.json').realWorldRecord.record));
    expect(policy).toMatchObject({ Name: 'Default', IsDefault: true, AutoForwardingMode: 'Off', Enabled: false });
  });

  it('a new organisation has only the Default policy, on "Automatic", and no rule', async () => {
    expect((await run(untouched, 'Get-HostedOutboundSpamFilterPolicy')).body.value.map((policy: any) => [policy.Name, policy.AutoForwardingMode])).toEqual([['Default', 'Automatic']]);
    expect((await run(untouched, 'Get-HostedOutboundSpamFilterRule')).body.value).toEqual([]);
  });

  it('serves a custom policy with the rule that applies it, naming its senders', async () => {
    const policies = (await run(typical, 'Get-HostedOutboundSpamFilterPolicy')).body.value;
    expect(policies.map((policy: any) => [policy.Name, policy.IsDefault, policy.AutoForwardingMode])).toEqual([
      ['Default', true, 'Automatic'],
      ['Billing forwarding', false, 'On'],
    ]);
    const [rule] = (await run(typical, 'Get-HostedOutboundSpamFilterRule')).body.value;
    // The documented output names (Format-Table Name,Priority,State,HostedOutboundSpamFilterPolicy) are there.
    for (const name of ['Name', 'Priority', 'State', 'HostedOutboundSpamFilterPolicy']) expect(propertyNames(rule)).toContain(name);
    expect(rule).toMatchObject({ HostedOutboundSpamFilterPolicy: 'Billing forwarding', State: 'Enabled', Priority: 0, 'From@odata.type': '#Collection(String)', FromMemberOf: null });
    expect(rule.From).toEqual(['ben.carter@riversidefamilyclinic.example']);
  });
});

describe('Get-AcceptedDomain', () => {
  it('lists the verified domains with the initial one flagged, in the property order of a real answer', async () => {
    const domains = (await run(compliant, 'Get-AcceptedDomain')).body.value;
    expect(domains.map((domain: any) => [domain.DomainName, domain.Default, domain.InitialDomain])).toEqual([
      [compliant.primaryDomain, true, false],
      [compliant.exchange!.initialDomain, false, true],
    ]);
    expect(propertyNames(domains[0]).slice(0, 4)).toEqual(['DomainName', 'CatchAllRecipientID', 'DomainType', 'MatchSubDomains']);
  });
});
