import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CollectorFailure, type CollectContext } from '../../../src/providers/types.js';
import { exchangeDatasetSchemas as DatasetSchemas } from '../../../src/datasets/m365-exchange.js';
import { runM365Collector } from '../../../src/providers/m365/run.js';
import { m365Collectors } from '../../../src/providers/m365/collectors.js';
import { exchangeCollectors } from '../../../src/providers/m365/exchange-collectors.js';
import { adminApiHandlers, COMPLIANCE_URL, EXCHANGE_URL, fakeCredential, TENANT, type AdminCall, type FakeAdminApi } from './exchange-fakes.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const NOW = new Date('2026-11-20T12:00:00Z');

function baseContext(notes: string[] = []): CollectContext {
  return { now: NOW, options: { sharedAccountNames: [], signInLookbackDays: 14, breakGlassAccounts: [] }, note: (text) => notes.push(text), http: { timeoutMs: 5_000, retry: { baseDelayMs: 1, maxDelayMs: 2 } } };
}

function serve(api: FakeAdminApi): AdminCall[] {
  const calls: AdminCall[] = [];
  server.use(...adminApiHandlers(api, calls));
  return calls;
}

const target = (credential = fakeCredential()) => ({ provider: 'm365' as const, tenantId: TENANT, credential });

/** A shared mailbox as Get-Mailbox returns it: many more properties than we keep. */
function sharedMailbox(index: number) {
  return {
    ExternalDirectoryObjectId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    UserPrincipalName: `shared${index}@contoso.example`,
    PrimarySmtpAddress: `shared${index}@contoso.example`,
    DisplayName: `Shared ${index}`,
    RecipientTypeDetails: 'SharedMailbox',
    IsDirSynced: false,
    ArchiveStatus: 'None',
    EmailAddresses: [`SMTP:shared${index}@contoso.example`],
    LitigationHoldEnabled: false,
  };
}

const practiceApi = (): FakeAdminApi => ({
  exchange: {
    'Get-Mailbox': [sharedMailbox(1), sharedMailbox(2)],
    'Get-IRMConfiguration': [{ AzureRMSLicensingEnabled: true, SimplifiedClientAccessEnabled: true, InternalLicensingEnabled: true }],
    'Get-TransportRule': [{ Name: 'Encrypt PHI', State: 'Enabled', Mode: 'Enforce', ApplyRightsProtectionTemplate: 'Encrypt', SentToScope: 'NotInOrganization' }],
    // The documented properties of a Partner connector to a gateway (New-OutboundConnector reference).
    'Get-OutboundConnector': [
      { Name: 'Encryption gateway', Enabled: true, ConnectorType: 'Partner', UseMXRecord: false, SmartHosts: ['smtp.gateway.example'], RecipientDomains: ['*'], TlsSettings: 'CertificateValidation', IsTransportRuleScoped: false },
    ],
    'Get-AdminAuditLogConfig': [{ Name: 'Admin Audit Log Settings', UnifiedAuditLogIngestionEnabled: true }],
    'Get-OrganizationConfig': [{ Name: 'contoso.onmicrosoft.com', AuditDisabled: false }],
    'Get-DlpCompliancePolicy': [{ Name: 'HIPAA', Mode: 'Enable', ExchangeLocation: ['All'] }],
    'Get-DlpComplianceRule': [{ Name: 'HIPAA high volume', ParentPolicyName: 'HIPAA', Disabled: false }],
    'Get-UnifiedAuditLogRetentionPolicy': [{ Name: 'Keep all', Enabled: true, RetentionDuration: 'TenYears', Priority: 1 }],
  },
  compliance: {
    'Get-DlpCompliancePolicy': [{ Name: 'HIPAA', Mode: 'Enable', ExchangeLocation: ['All'] }],
    'Get-DlpComplianceRule': [{ Name: 'HIPAA high volume', ParentPolicyName: 'HIPAA', Disabled: false }],
    'Get-UnifiedAuditLogRetentionPolicy': [{ Name: 'Keep all', Enabled: true, RetentionDuration: 'TenYears', Priority: 1 }],
    // Through compliance this reads false while ingestion is on: the collector must not ask here.
    'Get-AdminAuditLogConfig': [{ Name: 'Admin Audit Log Settings', UnifiedAuditLogIngestionEnabled: false }],
  },
});

async function run(name: keyof typeof exchangeCollectors, credential = fakeCredential(), notes: string[] = []) {
  return runM365Collector(name, target(credential), baseContext(notes));
}

describe('Exchange collectors', () => {
  it('read shared mailboxes with one paged Get-Mailbox call, however many there are', async () => {
    const api = practiceApi();
    api.exchange['Get-Mailbox'] = Array.from({ length: 2_345 }, (_, index) => sharedMailbox(index));
    const calls = serve(api);
    const { data, requests } = await run('m365.sharedMailboxes');
    const mailboxes = DatasetSchemas['m365.sharedMailboxes'].parse(data).mailboxes;

    expect(mailboxes).toHaveLength(2_345);
    expect(requests).toBe(3);
    expect(calls.map((call) => call.cmdlet)).toEqual(['Get-Mailbox', 'Get-Mailbox', 'Get-Mailbox']);
    expect(calls[0]!.parameters).toEqual({ RecipientTypeDetails: 'SharedMailbox', ResultSize: 'Unlimited' });
    expect(calls[0]!.url.searchParams.get('$select')?.split(',')).toContain('ExternalDirectoryObjectId');
    // Only the properties the controls read are kept.
    expect(mailboxes[0]).toEqual({
      ExternalDirectoryObjectId: '00000000-0000-4000-8000-000000000000',
      UserPrincipalName: 'shared0@contoso.example',
      PrimarySmtpAddress: 'shared0@contoso.example',
      DisplayName: 'Shared 0',
      RecipientTypeDetails: 'SharedMailbox',
      IsDirSynced: false,
    });
  });

  it('read encryption readiness, the mail-flow rules and the outbound connectors', async () => {
    const calls = serve(practiceApi());
    const { data } = await run('m365.mailEncryption');
    const parsed = DatasetSchemas['m365.mailEncryption'].parse(data);

    expect(parsed.irmConfiguration.AzureRMSLicensingEnabled).toBe(true);
    expect(parsed.transportRules.map((rule) => rule.Name)).toEqual(['Encrypt PHI']);
    expect(parsed.outboundConnectors).toEqual([expect.objectContaining({ Name: 'Encryption gateway', ConnectorType: 'Partner', SmartHosts: ['smtp.gateway.example'] })]);
    expect(calls.map((call) => `${call.endpoint} ${call.cmdlet}`).sort()).toEqual(['exchange Get-IRMConfiguration', 'exchange Get-OutboundConnector', 'exchange Get-TransportRule']);
  });

  it('keep objects only from Get-OutboundConnector (ScubaGear shows no connector as [null])', async () => {
    const api = practiceApi();
    api.exchange['Get-OutboundConnector'] = [null as never];
    serve(api);
    const parsed = DatasetSchemas['m365.mailEncryption'].parse((await run('m365.mailEncryption')).data);
    expect(parsed.outboundConnectors).toEqual([]);
  });

  it('read DLP from the compliance endpoint when it answers, and record it', async () => {
    const calls = serve(practiceApi());
    const { data } = await run('m365.dlp');
    const parsed = DatasetSchemas['m365.dlp'].parse(data);

    expect(parsed.endpoint).toBe('compliance');
    expect(parsed.policies.map((policy) => policy.Name)).toEqual(['HIPAA']);
    expect(parsed.rules.map((rule) => rule.ParentPolicyName)).toEqual(['HIPAA']);
    expect(calls.every((call) => call.url.toString() === COMPLIANCE_URL)).toBe(true);
  });

  it('read DLP and audit retention through Exchange when compliance refuses the app, recording the endpoint and why', async () => {
    const api = practiceApi();
    api.compliance = { refuse: 401 };
    serve(api);
    const notes: string[] = [];
    const dlp = DatasetSchemas['m365.dlp'].parse((await run('m365.dlp', fakeCredential(), notes)).data);
    const retention = DatasetSchemas['m365.auditRetention'].parse((await run('m365.auditRetention')).data);

    expect(dlp.endpoint).toBe('exchange');
    expect(dlp.policies).toHaveLength(1);
    expect(retention).toMatchObject({ endpoint: 'exchange', policies: [{ RetentionDuration: 'TenYears' }] });
    expect(notes).toContain('Get-DlpCompliancePolicy was read through the Exchange Online endpoint: Security & Compliance refused the app (401 Unauthorized)');
  });

  it('read the audit log configuration through the Exchange endpoint only', async () => {
    const calls = serve(practiceApi());
    const { data } = await run('m365.auditConfig');
    const parsed = DatasetSchemas['m365.auditConfig'].parse(data);

    expect(parsed.adminAuditLogConfig.UnifiedAuditLogIngestionEnabled).toBe(true);
    expect(parsed.organizationConfig.AuditDisabled).toBe(false);
    expect(calls.map((call) => call.endpoint)).toEqual(['exchange', 'exchange']);
  });

  it('fail a settings cmdlet that returns no object instead of guessing its values', async () => {
    const api = practiceApi();
    api.exchange['Get-OrganizationConfig'] = [];
    serve(api);
    const failure = (await run('m365.auditConfig').catch((error: unknown) => error)) as CollectorFailure;

    expect(failure).toBeInstanceOf(CollectorFailure);
    expect(failure.reason).toMatchObject({ kind: 'api' });
    expect(failure.reason.detail).toContain('Get-OrganizationConfig');
    expect(failure.cost.requests).toBe(2);
  });

  it('note warnings the cmdlet emitted', async () => {
    serve(practiceApi());
    server.use(http.post(EXCHANGE_URL, () => HttpResponse.json({ value: [], '@adminapi.warnings': ['The Get-Mailbox cmdlet will be retired.'] })));
    const notes: string[] = [];
    await run('m365.sharedMailboxes', fakeCredential(), notes);
    expect(notes).toEqual(['Get-Mailbox warned: The Get-Mailbox cmdlet will be retired.']);
  });
});

describe('Exchange refusals in the M365 provider', () => {
  const refuseEverything = (status: 401 | 403) =>
    server.use(
      http.post(EXCHANGE_URL, () => new HttpResponse(null, { status })),
      http.post(COMPLIANCE_URL, () => new HttpResponse(null, { status })),
    );

  it('make an Exchange dataset not assessable with a reason naming Exchange.ManageAsApp when the app lacks it', async () => {
    refuseEverything(401);
    const failure = (await run('m365.sharedMailboxes', fakeCredential({ roles: [] })).catch((error: unknown) => error)) as CollectorFailure;

    expect(failure).toBeInstanceOf(CollectorFailure);
    expect(failure.reason.kind).toBe('permission');
    expect(failure.reason.detail).toMatch(/^needs the Exchange\.ManageAsApp application permission on Office 365 Exchange Online/);
    expect(failure.cost.requests).toBe(1);
  });

  it('name the Entra role when the app has Exchange.ManageAsApp but no role (the compliance roles for Security & Compliance cmdlets)', async () => {
    refuseEverything(403);
    const details: Record<string, string> = {};
    for (const name of Object.keys(exchangeCollectors) as (keyof typeof exchangeCollectors)[]) {
      const failure = (await run(name, fakeCredential({ roles: ['Exchange.ManageAsApp'] })).catch((error: unknown) => error)) as CollectorFailure;
      expect(failure.reason.kind, name).toBe('permission');
      details[name] = failure.reason.detail;
    }
    for (const name of ['m365.sharedMailboxes', 'm365.mailEncryption', 'm365.auditConfig']) {
      expect(details[name], name).toMatch(/^needs an Entra role such as Global Reader for the app \(Exchange Online answered/);
    }
    for (const name of ['m365.dlp', 'm365.auditRetention']) {
      expect(details[name], name).toMatch(/^needs an Entra role such as Compliance Administrator or Global Reader for the app \(Security & Compliance answered .* 403 .*; then Exchange Online answered .* 403/);
    }
  });

  it('name the Exchange Online Protection grant when compliance refuses the token and Exchange cannot run the cmdlet', async () => {
    server.use(
      http.post(COMPLIANCE_URL, () => new HttpResponse(null, { status: 401 })),
      http.post(EXCHANGE_URL, () => new HttpResponse(new Uint8Array(64), { status: 403 })),
    );
    const failure = (await run('m365.dlp', fakeCredential({ roles: ['Exchange.ManageAsApp'] })).catch((error: unknown) => error)) as CollectorFailure;
    expect(failure.reason.detail).toMatch(/^needs the Exchange\.ManageAsApp application permission on Microsoft Exchange Online Protection/);
    expect(failure.reason.needs).toEqual(['Exchange.ManageAsApp application permission on Microsoft Exchange Online Protection (with admin consent)']);
  });

  it('name Office 365 Exchange Online when the app lacks Exchange.ManageAsApp, for Security & Compliance cmdlets too', async () => {
    refuseEverything(401);
    const failure = (await run('m365.auditRetention', fakeCredential({ roles: [] })).catch((error: unknown) => error)) as CollectorFailure;
    expect(failure.reason.detail).toMatch(/^needs the Exchange\.ManageAsApp application permission on Office 365 Exchange Online/);
    expect(failure.cost.requests).toBe(2);
  });

  it('leave Graph datasets alone when Exchange refuses', async () => {
    refuseEverything(401);
    server.use(http.get('https://graph.microsoft.com/v1.0/policies/identitySecurityDefaultsEnforcementPolicy', () => HttpResponse.json({ isEnabled: true })));
    const { data } = await runM365Collector('m365.securityDefaults', target(), baseContext());
    expect(data).toEqual({ isEnabled: true });
  });

  it('declare Exchange.ManageAsApp and a directory role on every Exchange collector', () => {
    for (const collector of Object.values(exchangeCollectors)) {
      expect(collector.requirements).toContainEqual(expect.objectContaining({ kind: 'exchange-application-permission', name: 'Exchange.ManageAsApp (Office 365 Exchange Online)' }));
      expect(collector.requirements).toContainEqual(expect.objectContaining({ kind: 'exchange-role', name: 'Global Reader' }));
      expect(m365Collectors[collector.name]).toBe(collector);
    }
  });
});
