import { describe, expect, it } from 'vitest';
import { CollectorFailure, type CollectContext } from '../../../src/providers/types.js';
import { exchangeDatasetSchemas } from '../../../src/datasets/m365-exchange.js';
import { exchangeCollectors } from '../../../src/providers/m365/exchange-collectors.js';
import { runM365Collector } from '../../../src/providers/m365/run.js';
import { largeTenant, simulatedCredential, typicalPractice } from '../../../src/testing/index.js';
import { NOW, simulatorPerTest } from '../../fixtures/simulator-per-test.js';

// The Exchange collectors against the simulated tenant of src/testing (not the hand-written
// handlers of the other Exchange tests): what the simulator really answers.

const simulators = simulatorPerTest();

const base: CollectContext = { now: NOW, options: { sharedAccountNames: [], signInLookbackDays: 14, breakGlassAccounts: [] }, note: () => {}, http: { timeoutMs: 10_000 } };

async function collectExchange(practice: ReturnType<typeof typicalPractice> | ReturnType<typeof largeTenant>, name: keyof typeof exchangeCollectors, notes: string[] = []) {
  return runM365Collector(name, { provider: 'm365', tenantId: practice.tenantId, credential: simulatedCredential(practice) }, { ...base, note: (text) => notes.push(text) });
}

describe('Exchange collectors against the simulated typical practice', () => {
  it('read every Exchange dataset in the shape of its schema', async () => {
    const practice = typicalPractice({ now: NOW });
    simulators.serve({ m365: [practice] });
    for (const name of Object.keys(exchangeCollectors) as (keyof typeof exchangeCollectors)[]) {
      const { data } = await collectExchange(practice, name);
      const parsed = exchangeDatasetSchemas[name].safeParse(data);
      expect(parsed.success, `${name}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it('find the shared mailboxes with one Get-Mailbox request, joined to Graph users by ExternalDirectoryObjectId', async () => {
    const practice = typicalPractice({ now: NOW });
    const simulator = simulators.serve({ m365: [practice] });
    const { data, requests } = await collectExchange(practice, 'm365.sharedMailboxes');
    const { mailboxes } = exchangeDatasetSchemas['m365.sharedMailboxes'].parse(data);

    expect(mailboxes.length).toBeGreaterThan(0);
    expect(mailboxes.every((mailbox) => mailbox.RecipientTypeDetails === 'SharedMailbox')).toBe(true);
    const userIds = new Set(practice.users.map((user) => user.id));
    expect(mailboxes.every((mailbox) => userIds.has(mailbox.ExternalDirectoryObjectId ?? ''))).toBe(true);
    expect(requests).toBe(1);
    expect(simulator.requests.filter({ cmdlet: 'Get-Mailbox' })).toHaveLength(1);
  });

  it('page through more shared mailboxes than one page holds, re-posting the same body', async () => {
    const practice = typicalPractice({ now: NOW });
    const exchange = practice.exchange!;
    const template = exchange.mailboxes.find((mailbox) => mailbox.RecipientTypeDetails === 'SharedMailbox')!;
    for (let index = 0; index < 1_500; index += 1) {
      const id = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
      exchange.mailboxes.push({
        ...template,
        ExternalDirectoryObjectId: id,
        ExchangeGuid: `10000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
        Guid: `20000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
        Alias: `extra-${index}`,
        UserPrincipalName: `extra-${index}@example.org`,
        PrimarySmtpAddress: `extra-${index}@example.org`,
        DisplayName: `Extra ${index}`,
      });
    }
    const simulator = simulators.serve({ m365: [practice] });
    const { data, requests } = await collectExchange(practice, 'm365.sharedMailboxes');
    const { mailboxes } = exchangeDatasetSchemas['m365.sharedMailboxes'].parse(data);

    expect(mailboxes.filter((mailbox) => mailbox.DisplayName?.startsWith('Extra '))).toHaveLength(1_500);
    expect(new Set(mailboxes.map((mailbox) => mailbox.ExternalDirectoryObjectId)).size).toBe(mailboxes.length);
    expect(requests).toBe(2);
    expect(simulator.requests.filter({ cmdlet: 'Get-Mailbox' }).map((request) => request.status)).toEqual([200, 200]);
  });

  it('make as many Exchange requests for a tenant of 3,000 users as for one of 30', async () => {
    const counts: number[] = [];
    for (const tenant of [largeTenant(30, { now: NOW }), largeTenant(3_000, { now: NOW })]) {
      const simulator = simulators.serve({ m365: [tenant] });
      for (const name of Object.keys(exchangeCollectors) as (keyof typeof exchangeCollectors)[]) await collectExchange(tenant, name);
      counts.push(simulator.requests.filter().filter((request) => request.host !== undefined).length);
      simulators.stop();
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBe(counts[0]);
  });

  it('show the usual failures of the typical practice: no DLP policy, retention at the default, encryption only on a keyword', async () => {
    const practice = typicalPractice({ now: NOW });
    simulators.serve({ m365: [practice] });
    const dlp = exchangeDatasetSchemas['m365.dlp'].parse((await collectExchange(practice, 'm365.dlp')).data);
    const retention = exchangeDatasetSchemas['m365.auditRetention'].parse((await collectExchange(practice, 'm365.auditRetention')).data);
    const encryption = exchangeDatasetSchemas['m365.mailEncryption'].parse((await collectExchange(practice, 'm365.mailEncryption')).data);

    expect(dlp.policies.filter((policy) => policy.Mode === 'Enable')).toEqual([]);
    expect(retention.policies.filter((policy) => policy.Enabled)).toEqual([]);
    const encrypting = encryption.transportRules.filter((rule) => rule.State === 'Enabled' && (rule.ApplyOME || rule.ApplyRightsProtectionTemplate));
    expect(encrypting.map((rule) => rule.SubjectContainsWords)).toEqual([['[secure]']]);
    expect(encryption.outboundConnectors).toEqual([]);
  });

  it('record which endpoint answered the Security & Compliance cmdlets', async () => {
    const practice = typicalPractice({ now: NOW });
    const simulator = simulators.serve({ m365: [practice] });
    const dlp = exchangeDatasetSchemas['m365.dlp'].parse((await collectExchange(practice, 'm365.dlp')).data);
    const hosts = simulator.requests.filter({ cmdlet: 'Get-DlpCompliancePolicy' }).map((request) => `${request.host} ${request.status}`);

    expect(dlp.endpoint).toBe(hosts.at(-1)?.startsWith('outlook.office365.com') ? 'exchange' : 'compliance');
    expect(hosts.at(-1)).toMatch(/ 200$/);
  });

  it('read the audit log configuration through the Exchange endpoint, where ingestion shows as on', async () => {
    const practice = typicalPractice({ now: NOW });
    const simulator = simulators.serve({ m365: [practice] });
    const config = exchangeDatasetSchemas['m365.auditConfig'].parse((await collectExchange(practice, 'm365.auditConfig')).data);

    expect(simulator.requests.filter({ cmdlet: 'Get-AdminAuditLogConfig' }).map((request) => request.host)).toEqual(['outlook.office365.com']);
    expect(typeof config.adminAuditLogConfig.UnifiedAuditLogIngestionEnabled).toBe('boolean');
  });

  it('name Exchange.ManageAsApp when the app lacks it, and leave Graph datasets alone', async () => {
    const practice = typicalPractice({ now: NOW });
    practice.grantedPermissions = practice.grantedPermissions.filter((permission) => permission !== 'Exchange.ManageAsApp');
    simulators.serve({ m365: [practice] });
    const failure = (await collectExchange(practice, 'm365.sharedMailboxes').catch((error: unknown) => error)) as CollectorFailure;

    expect(failure).toBeInstanceOf(CollectorFailure);
    expect(failure.reason).toMatchObject({ kind: 'permission', status: 401 });
    expect(failure.reason.detail).toMatch(/^needs the Exchange\.ManageAsApp application permission on Office 365 Exchange Online/);
    const graph = await runM365Collector('m365.users', { provider: 'm365', tenantId: practice.tenantId, credential: simulatedCredential(practice) }, base);
    expect(graph.requests).toBeGreaterThan(0);
  });

  it('name the Entra role when the app holds Exchange.ManageAsApp but no directory role', async () => {
    const practice = typicalPractice({ now: NOW });
    practice.exchange!.appDirectoryRoles = [];
    simulators.serve({ m365: [practice] });
    for (const name of Object.keys(exchangeCollectors) as (keyof typeof exchangeCollectors)[]) {
      const failure = (await collectExchange(practice, name).catch((error: unknown) => error)) as CollectorFailure;
      expect(failure, name).toBeInstanceOf(CollectorFailure);
      expect(failure.reason.kind, name).toBe('permission');
      // Security & Compliance cmdlets name the roles that endpoint accepts.
      expect(failure.reason.detail, name).toMatch(/^needs an Entra role such as (Compliance Administrator or )?Global Reader for the app/);
    }
  });

  it('read DLP through Exchange when the compliance endpoint rejects app-only tokens, and through the regional host when it redirects', async () => {
    for (const [behaviour, endpoint] of [['rejectsAppOnly', 'exchange'], ['redirectsToRegionalHost', 'compliance']] as const) {
      const practice = typicalPractice({ now: NOW });
      practice.exchange!.complianceEndpoint = behaviour;
      simulators.serve({ m365: [practice] });
      const notes: string[] = [];
      const dlp = exchangeDatasetSchemas['m365.dlp'].parse((await collectExchange(practice, 'm365.dlp', notes)).data);
      expect(dlp.endpoint, behaviour).toBe(endpoint);
      if (endpoint === 'exchange') expect(notes.join('\n')).toContain('Security & Compliance refused the app (401');
      simulators.stop();
    }
  });
});
