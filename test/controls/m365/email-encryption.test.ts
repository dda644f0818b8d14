import { describe, expect, it } from 'vitest';
import { emailEncryption } from '../../../src/controls/m365/email-encryption.js';
import type { DlpPolicy, DlpRule, TransportRule } from '../../../src/datasets/m365-exchange.js';
import { exchangeBaselineData } from '../../fixtures/exchange-baseline.js';
import { baselineOptions } from '../../fixtures/m365-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';
import scubaSample from './fixtures/scubagear-dlp-sample.json' with { type: 'json' };

// Tests put a failed result where the baseline types the dataset's data; runControl accepts both.
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

const RULE = 'Encrypt all mail sent outside the practice';
const TASKS = 'Microsoft.Exchange.MessagingPolicies.Rules.Tasks';
const ICD10 = { name: 'International Classification of Diseases (ICD-10-CM)', id: '3356946c-6bb7-449b-b253-6ffa419c0ce7', mincount: '1' };

/** Baseline data with the baseline's encryption rule changed. */
function withRule(change: Partial<TransportRule> & Record<string, unknown>) {
  const data = exchangeBaselineData();
  const rules = data['m365.mailEncryption'].transportRules;
  rules[0] = { ...rules[0]!, ...change };
  return data;
}

/** The "[secure]" rule many practices set up: encrypt when the sender types the keyword in the subject. */
const secureKeyword = {
  Name: 'Encrypt on request',
  Description: "If the message:\r\n\tIs sent to 'Outside the organization'\r\n\tand Includes these words in the message subject: '[secure]'\r\nTake the following actions:\r\n\tRights protect message with RMS template:  'Encrypt'\r\n",
  SubjectContainsWords: ['[secure]'],
  Conditions: [`${TASKS}.SentToScopePredicate`, `${TASKS}.SubjectContainsPredicate`],
};

/** Baseline data whose only mail-flow rule is `change` applied to the baseline rule, and a DLP rule that encrypts. */
function withDlpEncryption(rule: Partial<DlpRule> & Record<string, unknown> = {}, policy: Partial<DlpPolicy> & Record<string, unknown> = {}) {
  const data = withRule(secureKeyword);
  const dlp = data['m365.dlp'];
  dlp.policies[0] = { ...dlp.policies[0]!, ...policy };
  dlp.rules.push({
    Name: 'Encrypt email with health information',
    ParentPolicyName: dlp.policies[0]!.Name,
    Disabled: false,
    Mode: 'Enforce',
    ContentContainsSensitiveInformation: [ICD10],
    BlockAccess: false,
    NotifyUser: [],
    GenerateIncidentReport: [],
    EncryptRMSTemplate: 'Encrypt',
    ...rule,
  });
  return data;
}

/** A Partner connector to a gateway's smart host, as New-OutboundConnector documents it. */
const gatewayConnector = {
  Name: 'Paubox encryption gateway',
  Enabled: true,
  ConnectorType: 'Partner',
  UseMXRecord: false,
  SmartHosts: ['outbound.paubox.net'],
  RecipientDomains: ['*'],
  TlsSettings: 'CertificateValidation',
  IsTransportRuleScoped: false,
};

const disregarded = (finding: ReturnType<typeof runControl>) =>
  (finding.evidence.disregardedRules as { name: string; disregarded: string }[]).map((r) => [r.name, r.disregarded]);

describe('m365.email.encryption', () => {
  it('passes when OME is usable and an enforced rule encrypts every message to outside recipients', () => {
    const finding = runControl(emailEncryption, exchangeBaselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe(`Outbound email is encrypted automatically by mail-flow rule "${RULE}" (every message to outside recipients).`);
    expect(finding.evidence.encryptingRules).toEqual([
      {
        name: RULE,
        action: 'applies RMS template "Encrypt"',
        trigger: "If the message: Is sent to 'Outside the organization' Take the following actions: Rights protect message with RMS template: 'Encrypt'",
        encrypts: 'every message to outside recipients',
      },
    ]);
    expect(finding.evidence.affected).toEqual([]);
    expect(finding.evidence.outboundConnectors).toEqual([]);
  });

  it('a rule that fires only on "[secure]" in the subject is on-demand encryption: warn, quoting the trigger', () => {
    const finding = runControl(emailEncryption, withRule(secureKeyword));
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe(
      'No rule encrypts all outbound email or all email with health information automatically: mail-flow rule "Encrypt on request" encrypts a message only when the subject contains "[secure]": encryption is on demand and depends on what the sender types.',
    );
    expect(finding.evidence.encryptingRules).toEqual([]);
    expect(finding.evidence.affected).toEqual([
      { type: 'transportRule', id: 'Encrypt on request', name: 'Encrypt on request', detail: 'encrypts only when the subject contains "[secure]"' },
    ]);
  });

  it('keywords in the subject or body also make encryption depend on what the sender writes', () => {
    const finding = runControl(emailEncryption, withRule({ SubjectOrBodyContainsWords: ['patient', 'diagnosis'], Conditions: [`${TASKS}.SentToScopePredicate`, `${TASKS}.SubjectOrBodyContainsPredicate`] }));
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain('only when the subject or body contains "patient", "diagnosis": encryption is on demand');
  });

  it('a keyword condition named only in Conditions is still a keyword trigger', () => {
    const finding = runControl(emailEncryption, withRule({ Conditions: [`${TASKS}.SentToScopePredicate`, `${TASKS}.SubjectMatchesPredicate`] }));
    expect(finding.status).toBe('warn');
    expect((finding.evidence.partialRules as { encrypts: string }[])[0]!.encrypts).toBe('only when the subject or body matches its words (SubjectMatches)');
  });

  it('a mail-flow rule on sensitive information types does not count: Microsoft documents the condition as on-premises only', () => {
    const finding = runControl(
      emailEncryption,
      withRule({ MessageContainsDataClassifications: [[{ _key: 'Name', _value: ICD10.name }]], Conditions: [`${TASKS}.SentToScopePredicate`, `${TASKS}.MessageContainsDataClassificationsPredicate`] }),
    );
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain(
      'only when it finds sensitive information types (MessageContainsDataClassifications), a condition Microsoft documents as "functional only in on-premises Exchange"; in Exchange Online use a Purview DLP rule that encrypts instead.',
    );
  });

  it('other narrowing conditions or exceptions warn, naming them', () => {
    const narrowed = runControl(emailEncryption, withRule({ FromMemberOf: ['clinicians@contoso-clinic.example'], Conditions: [`${TASKS}.SentToScopePredicate`, `${TASKS}.FromMemberOfPredicate`] }));
    expect(narrowed.status).toBe('warn');
    expect(narrowed.evidence.affected[0]!.detail).toBe('encrypts only when it meets its other conditions (FromMemberOf)');
    const excepted = runControl(emailEncryption, withRule({ ExceptIfRecipientDomainIs: ['lab.example'] }));
    expect(excepted.status).toBe('warn');
    expect(excepted.evidence.affected[0]!.detail).toBe('encrypts only when no exception applies (RecipientDomainIs)');
  });

  it('leaving out internal mail is not a narrowing exception', () => {
    expect(runControl(emailEncryption, withRule({ ExceptIfSentToScope: 'InOrganization' })).status).toBe('pass');
  });

  it('one rule encrypting all outbound mail is enough next to a keyword rule', () => {
    const data = exchangeBaselineData();
    data['m365.mailEncryption'].transportRules.push({ ...data['m365.mailEncryption'].transportRules[0]!, ...secureKeyword });
    const finding = runControl(emailEncryption, data);
    expect(finding.status).toBe('pass');
    expect((finding.evidence.partialRules as { name: string }[]).map((r) => r.name)).toEqual(['Encrypt on request']);
  });

  it('a rule applying OME without a template counts', () => {
    const finding = runControl(emailEncryption, withRule({ ApplyRightsProtectionTemplate: null, ApplyOME: true }));
    expect(finding.status).toBe('pass');
    expect((finding.evidence.encryptingRules as { action: string }[])[0]!.action).toBe('applies Office Message Encryption (ApplyOME)');
  });

  it('a template returned as an object is read by its name', () => {
    const finding = runControl(emailEncryption, withRule({ ApplyRightsProtectionTemplate: { Name: 'Encrypt-Only', Id: '00000000-0000-0000-0000-000000000001' } }));
    expect(finding.status).toBe('pass');
    expect((finding.evidence.encryptingRules as { action: string }[])[0]!.action).toBe('applies RMS template "Encrypt-Only"');
  });

  it('a rule without a recipient scope or other condition encrypts all mail, outbound included', () => {
    expect(runControl(emailEncryption, withRule({ SentToScope: null, Conditions: null })).status).toBe('pass');
  });

  it('warns when OME is usable but no rule encrypts: encryption is on demand only', () => {
    const data = exchangeBaselineData();
    data['m365.mailEncryption'].transportRules = [];
    const finding = runControl(emailEncryption, data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe(
      'Office Message Encryption is available, but no enforced mail-flow or DLP rule encrypts outbound email: encryption happens only when staff choose Encrypt themselves.',
    );
  });

  it('a disabled encryption rule does not count', () => {
    const finding = runControl(emailEncryption, withRule({ State: 'Disabled' }));
    expect(finding.status).toBe('warn');
    expect(disregarded(finding)).toEqual([[RULE, 'disabled (State: Disabled)']]);
    expect(finding.evidence.affected).toEqual([{ type: 'transportRule', id: RULE, name: RULE, detail: 'does not count: disabled (State: Disabled)' }]);
  });

  it('a rule in test mode (Audit) does not count', () => {
    const finding = runControl(emailEncryption, withRule({ Mode: 'AuditAndNotify' }));
    expect(finding.status).toBe('warn');
    expect(disregarded(finding)).toEqual([[RULE, 'test mode (Mode: AuditAndNotify), nothing is encrypted']]);
    expect(finding.summary).toContain(`"${RULE}": test mode (Mode: AuditAndNotify)`);
  });

  it('a rule for internal mail only does not count', () => {
    const finding = runControl(emailEncryption, withRule({ SentToScope: 'InOrganization' }));
    expect(finding.status).toBe('warn');
    expect(disregarded(finding)).toEqual([[RULE, 'applies to internal mail only (SentToScope: InOrganization)']]);
  });

  it('a rule for inbound mail only does not count', () => {
    const finding = runControl(emailEncryption, withRule({ SentToScope: null, FromScope: 'NotInOrganization' }));
    expect(finding.status).toBe('warn');
    expect(disregarded(finding)).toEqual([[RULE, 'applies to inbound mail only (FromScope: NotInOrganization)']]);
  });

  it('a rule that excludes outside recipients does not count', () => {
    const finding = runControl(emailEncryption, withRule({ SentToScope: null, ExceptIfSentToScope: 'NotInOrganization' }));
    expect(finding.status).toBe('warn');
    expect(disregarded(finding)).toEqual([[RULE, 'excludes mail to outside recipients (ExceptIfSentToScope)']]);
  });

  it('a decrypt rule is listed as disregarded, other rules are ignored', () => {
    const data = exchangeBaselineData();
    data['m365.mailEncryption'].transportRules = [
      { Name: 'Remove encryption from inbound', State: 'Enabled', Mode: 'Enforce', RemoveOMEv2: true },
      { Name: 'Prepend [External]', State: 'Enabled', Mode: 'Enforce', FromScope: 'NotInOrganization', PrependSubject: '[External]' },
    ];
    const finding = runControl(emailEncryption, data);
    expect(finding.status).toBe('warn');
    expect(disregarded(finding)).toEqual([['Remove encryption from inbound', 'removes encryption (decrypt action)']]);
    expect(finding.evidence.total).toBe(2);
  });

  it('fails when Office Message Encryption is not usable, naming the rules that cannot work', () => {
    const data = exchangeBaselineData();
    data['m365.mailEncryption'].irmConfiguration.AzureRMSLicensingEnabled = false;
    const finding = runControl(emailEncryption, data);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe(
      `Office Message Encryption is not usable in this tenant (AzureRMSLicensingEnabled is false), so Microsoft 365 cannot encrypt email leaving the practice. The 1 mail-flow rule that applies encryption ("${RULE}") cannot work until it is.`,
    );
    expect(finding.evidence.omeUsable).toBe(false);
  });

  it('is not assessed when the IRM configuration does not report whether OME is usable', () => {
    const data = exchangeBaselineData();
    delete data['m365.mailEncryption'].irmConfiguration.AzureRMSLicensingEnabled;
    const finding = runControl(emailEncryption, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason).toEqual({ kind: 'unsupported', detail: 'Get-IRMConfiguration returned no AzureRMSLicensingEnabled value' });
  });

  it('is not assessed when the mail-flow settings could not be read', () => {
    const data = exchangeBaselineData();
    data['m365.mailEncryption'] = failed({ kind: 'permission', detail: 'Exchange returned 401', needs: ['Exchange.ManageAsApp'] });
    const finding = runControl(emailEncryption, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['Exchange.ManageAsApp']);
  });

  it('is not assessed when the DLP rules, which may encrypt, could not be read', () => {
    const data = exchangeBaselineData();
    data['m365.dlp'] = failed({ kind: 'permission', detail: 'both admin endpoints refused the token', needs: ['Compliance Administrator'] });
    const finding = runControl(emailEncryption, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['Compliance Administrator']);
  });
});

describe('DLP rules that encrypt', () => {
  it('an enforced DLP rule that encrypts email with health information, everywhere in Exchange, passes', () => {
    const finding = runControl(emailEncryption, withDlpEncryption());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe(
      'Outbound email is encrypted automatically by DLP rule "Encrypt email with health information" (email with International Classification of Diseases (ICD-10-CM)).',
    );
    expect(finding.evidence.dlpEncryptingRules).toEqual([
      { name: 'Encrypt email with health information', policy: 'U.S. HIPAA Enhanced', template: 'Encrypt', healthTypes: ['International Classification of Diseases (ICD-10-CM)'] },
    ]);
  });

  it('a DLP rule whose policy is in test mode does not count', () => {
    const finding = runControl(emailEncryption, withDlpEncryption({}, { Mode: 'TestWithNotifications', IsSimulationPolicy: true }));
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain('DLP rule "Encrypt email with health information" encrypts email, but its policy is test mode (TestWithNotifications).');
  });

  it('a DLP rule whose policy covers only some mailboxes does not count', () => {
    const finding = runControl(emailEncryption, withDlpEncryption({}, { ExchangeSender: ['dr.lee@contoso-clinic.example'] }));
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected).toContainEqual({
      type: 'dlpRule',
      id: 'Encrypt email with health information',
      name: 'Encrypt email with health information',
      detail: 'encrypts email, but its policy covers only part of email (Exchange limited by ExchangeSender)',
    });
  });

  it('a disabled DLP rule or one limited to internal mail does not count', () => {
    expect(runControl(emailEncryption, withDlpEncryption({ Disabled: true })).status).toBe('warn');
    expect(runControl(emailEncryption, withDlpEncryption({ AccessScope: 'InOrganization' })).status).toBe('warn');
  });

  it("the ScubaGear sample's \"Encrypt SSN in email\" rule encrypts Social Security numbers, not health information", () => {
    const data = withRule(secureKeyword);
    const sample = structuredClone(scubaSample);
    data['m365.dlp'] = { endpoint: 'exchange', policies: sample['Get-DlpCompliancePolicy'] as DlpPolicy[], rules: sample['Get-DlpComplianceRule'] as DlpRule[] };
    const finding = runControl(emailEncryption, data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.dlpEncryptingRules).toEqual([
      {
        name: 'Encrypt SSN in email',
        policy: 'Encrypt emails with SSN',
        template: 'Encrypt',
        healthTypes: [],
        doesNotCount: 'it encrypts only mail with U.S. Social Security Number (SSN), not health information',
      },
    ]);
  });
});

describe('gateways outside Microsoft 365', () => {
  it('an attested gateway passes, and the finding says it rests on the attestation, who gave it and when', () => {
    const data = withRule(secureKeyword);
    data['m365.mailEncryption'].outboundConnectors = [gatewayConnector];
    const options = baselineOptions({ attestations: { emailEncryptionGateway: { vendor: 'Paubox', date: '2026-10-01', by: 'Dr A. Patel, practice owner' } } });
    const finding = runControl(emailEncryption, data, options);
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe(
      'Outbound email is encrypted by Paubox, a gateway outside Microsoft 365; this rests on the emailEncryptionGateway attestation (attested by Dr A. Patel, practice owner on 2026-10-01), which no Microsoft 365 setting can confirm. In Exchange, outbound connector "Paubox encryption gateway" sends all mail to outside recipients to outbound.paubox.net.',
    );
    expect(finding.evidence.gatewayAttestation).toEqual({ vendor: 'Paubox', date: '2026-10-01', by: 'Dr A. Patel, practice owner' });
    expect(finding.attestation).toEqual({ name: 'emailEncryptionGateway', by: 'Dr A. Patel, practice owner', date: '2026-10-01' });
  });

  it('an attestation without a connector says nothing in Microsoft 365 corroborates it', () => {
    const options = baselineOptions({ attestations: { emailEncryptionGateway: { vendor: 'Zix', date: '2026-09-15' } } });
    const finding = runControl(emailEncryption, withRule(secureKeyword), options);
    expect(finding.status).toBe('pass');
    expect(finding.summary).toContain('(attested on 2026-09-15)');
    expect(finding.summary).toContain('No outbound connector sends mail to a gateway, so nothing in Microsoft 365 corroborates it.');
  });

  it('a connector to a gateway without an attestation warns: what the gateway does cannot be read', () => {
    const data = withRule(secureKeyword);
    data['m365.mailEncryption'].outboundConnectors = [gatewayConnector];
    const finding = runControl(emailEncryption, data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain(
      'Outbound connector "Paubox encryption gateway" sends all mail to outside recipients to outbound.paubox.net, but whether that service encrypts it cannot be read from Microsoft 365: confirm it with the vendor and record it with the emailEncryptionGateway attestation.',
    );
    expect(finding.evidence.outboundConnectors).toEqual([
      { name: 'Paubox encryption gateway', enabled: true, type: 'Partner', smartHosts: ['outbound.paubox.net'], recipientDomains: ['*'], tls: 'CertificateValidation', carries: 'all mail to outside recipients' },
    ]);
  });

  it('a gateway connector turns "OME is not usable" from a failure into a warning', () => {
    const data = exchangeBaselineData();
    data['m365.mailEncryption'].irmConfiguration.AzureRMSLicensingEnabled = false;
    data['m365.mailEncryption'].outboundConnectors = [gatewayConnector];
    expect(runControl(emailEncryption, data).status).toBe('warn');
  });

  it('a disabled, on-premises or MX-routed connector is not a gateway route', () => {
    for (const change of [{ Enabled: false }, { ConnectorType: 'OnPremises' }, { UseMXRecord: true, SmartHosts: [] }]) {
      const data = withRule(secureKeyword);
      data['m365.mailEncryption'].outboundConnectors = [{ ...gatewayConnector, ...change }];
      expect(runControl(emailEncryption, data).summary).not.toContain('Outbound connector');
    }
  });

  it('a connector scoped to mail-flow rules carries only what they route to it', () => {
    const data = withRule(secureKeyword);
    data['m365.mailEncryption'].outboundConnectors = [{ ...gatewayConnector, IsTransportRuleScoped: true }];
    const finding = runControl(emailEncryption, data);
    expect((finding.evidence.outboundConnectors as { carries: string }[])[0]!.carries).toBe('only mail a mail-flow rule routes to it (no rule does)');
  });

  it('a snapshot taken before connectors were read says so', () => {
    const data = exchangeBaselineData();
    delete data['m365.mailEncryption'].outboundConnectors;
    expect(runControl(emailEncryption, data).evidence.outboundConnectors).toBe('not read (the snapshot was taken before Get-OutboundConnector was collected)');
  });
});

describe('rules outside their active dates', () => {
  it('an expired encryption rule does not count', () => {
    const data = exchangeBaselineData();
    Object.assign(data['m365.mailEncryption'].transportRules[0]!, { ExpiryDate: '2026-01-31T00:00:00' });
    const finding = runControl(emailEncryption, data);
    expect(finding.status).toBe('warn');
    expect(JSON.stringify(finding.evidence)).toContain('expired');
  });

  it('a rule that is not active yet does not count', () => {
    const data = exchangeBaselineData();
    Object.assign(data['m365.mailEncryption'].transportRules[0]!, { ActivationDate: '2027-01-01T00:00:00' });
    expect(runControl(emailEncryption, data).status).toBe('warn');
  });
});
