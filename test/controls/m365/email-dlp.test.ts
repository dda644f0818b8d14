import { describe, expect, it } from 'vitest';
import { emailDlp } from '../../../src/controls/m365/email-dlp.js';
import type { DlpDataset, DlpPolicy, DlpRule } from '../../../src/datasets/m365-exchange.js';
import { exchangeBaselineData } from '../../fixtures/exchange-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';
import scubaSample from './fixtures/scubagear-dlp-sample.json' with { type: 'json' };

// Tests put a failed result where the baseline types the dataset's data; runControl accepts both.
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

const POLICY = 'U.S. HIPAA Enhanced';
const ICD10 = { name: 'International Classification of Diseases (ICD-10-CM)', id: '3356946c-6bb7-449b-b253-6ffa419c0ce7', mincount: '1' };
const SSN = { name: 'U.S. Social Security Number (SSN)', id: 'a44669fe-0d48-453d-a9b1-2cc83f2cba77', mincount: '1' };

/** Baseline data with the HIPAA policy and/or its rule changed. */
function withDlp(policy: Partial<DlpPolicy> & Record<string, unknown> = {}, rule: Partial<DlpRule> & Record<string, unknown> = {}) {
  const data = exchangeBaselineData();
  const dlp = data['m365.dlp'];
  dlp.policies[0] = { ...dlp.policies[0]!, ...policy };
  dlp.rules[0] = { ...dlp.rules[0]!, ...rule };
  return data;
}

/** The ScubaGear sample export as our dataset. */
function sampleDataset(): DlpDataset {
  const copy = structuredClone(scubaSample);
  return { endpoint: 'exchange', policies: copy['Get-DlpCompliancePolicy'] as DlpPolicy[], rules: copy['Get-DlpComplianceRule'] as DlpRule[] };
}

type PolicyFacts = { name: string; mode: string; exchange: string; otherLocations: string[]; rules: { name: string; detects: string[] | null; healthTypes: string[]; actions: string[] }[] };
const policyFacts = (finding: ReturnType<typeof runControl>) => finding.evidence.policies as PolicyFacts[];

const RECOMMENDED =
  'The Security Rule does not require DLP; it is a recommended measure supporting transmission security (164.312(e)(1)) and risk management (164.308(a)(1)(ii)(B)).';

/** Baseline data with no DLP policy. */
function withoutDlp() {
  const data = exchangeBaselineData();
  data['m365.dlp'] = { endpoint: 'exchange', policies: [], rules: [] };
  return data;
}

describe('m365.email.dlp', () => {
  it('passes when an enforced policy covers all mailboxes with a rule that detects health information and acts', () => {
    const finding = runControl(emailDlp, exchangeBaselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe(
      `DLP policy "${POLICY}" checks all email for health information (Drug Enforcement Agency (DEA) Number, International Classification of Diseases (ICD-10-CM), International Classification of Diseases (ICD-9-CM)) and acts on it.`,
    );
    expect(finding.evidence.endpoint).toBe('compliance');
    expect(policyFacts(finding)[0]).toMatchObject({
      name: POLICY,
      mode: 'on',
      exchange: 'all Exchange mailboxes',
      otherLocations: ['SharePoint', 'OneDrive', 'Teams'],
      rules: [{ name: 'High volume of PHI shared externally', actions: ['block', 'notify user', 'incident report'] }],
    });
    expect(policyFacts(finding)[0]!.rules[0]!.detects).toContain('U.S. Social Security Number (SSN)');
  });

  it('records which admin endpoint answered', () => {
    const data = exchangeBaselineData();
    data['m365.dlp'].endpoint = 'exchange';
    expect(runControl(emailDlp, data).evidence.endpoint).toBe('exchange');
  });

  it('a policy in test mode warns', () => {
    const finding = runControl(emailDlp, withDlp({ Mode: 'TestWithNotifications', IsSimulationPolicy: true }));
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected).toEqual([
      {
        type: 'policy',
        id: POLICY,
        name: POLICY,
        detail:
          'detects Drug Enforcement Agency (DEA) Number, International Classification of Diseases (ICD-10-CM), International Classification of Diseases (ICD-9-CM) but is in test mode (TestWithNotifications)',
      },
    ]);
  });

  it('a simulation policy warns even when its mode says Enable', () => {
    expect(runControl(emailDlp, withDlp({ IsSimulationPolicy: true })).status).toBe('warn');
  });

  it('a policy covering only SharePoint, OneDrive and Teams warns', () => {
    const finding = runControl(emailDlp, withDlp({ ExchangeLocation: [] }));
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe(`Health information is detected only with caveats: "${POLICY}" covers only SharePoint, OneDrive, Teams, not email. ${RECOMMENDED}`);
  });

  it('a policy that excludes some senders warns', () => {
    const finding = runControl(emailDlp, withDlp({ ExchangeSenderMemberOfException: ['billing@contoso-clinic.example'] }));
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected[0]!.detail).toContain('covers only part of email (Exchange with exclusions (ExchangeSenderMemberOfException))');
  });

  it('a policy limited to some senders warns', () => {
    const finding = runControl(emailDlp, withDlp({ ExchangeSender: ['dr.lee@contoso-clinic.example'] }));
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected[0]!.detail).toContain('covers only part of email (Exchange limited by ExchangeSender)');
  });

  it('a health rule that takes no action warns', () => {
    const finding = runControl(emailDlp, withDlp({}, { BlockAccess: false, NotifyUser: [], GenerateIncidentReport: [], GenerateAlert: ['false'] }));
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected[0]!.detail).toContain('its health rules take no action');
  });

  it('encrypting or alerting counts as an action', () => {
    const quiet = { BlockAccess: false, NotifyUser: [], GenerateIncidentReport: [] };
    expect(runControl(emailDlp, withDlp({}, { ...quiet, EncryptRMSTemplate: 'Encrypt' })).status).toBe('pass');
    expect(runControl(emailDlp, withDlp({}, { ...quiet, GenerateAlert: ['true'] })).status).toBe('pass');
  });

  it('a disabled rule does not count, so nothing detects health information', () => {
    const finding = runControl(emailDlp, withDlp({}, { Disabled: true }));
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe(`The only DLP policy, "${POLICY}", does not detect health information such as ICD-10 codes or DEA numbers. ${RECOMMENDED}`);
  });

  it('a turned-off policy does not count', () => {
    const finding = runControl(emailDlp, withDlp({ Mode: 'Disable', Enabled: false }));
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe(`No DLP policy in force detects health information: "${POLICY}" detects it but is turned off. ${RECOMMENDED}`);
  });

  it('a rule that only finds Social Security numbers is personal data, not health information', () => {
    const finding = runControl(emailDlp, withDlp({}, { ContentContainsSensitiveInformation: [SSN] }));
    expect(finding.status).toBe('warn');
    expect(policyFacts(finding)[0]!.rules[0]).toMatchObject({ detects: ['U.S. Social Security Number (SSN)'], healthTypes: [] });
  });

  it('no DLP policy at all is a warning, not a failure: the Security Rule does not require DLP', () => {
    const finding = runControl(emailDlp, withoutDlp());
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe(`There is no DLP policy, so nothing detects health information in email, SharePoint, OneDrive or Teams. ${RECOMMENDED}`);
    expect(finding.evidence.dlpLicence).toBe('included in SPB');
  });

  it('no DLP policy in a tenant without a DLP licence is not assessed, naming the licence', () => {
    const data = withoutDlp();
    // Business Standard (O365_BUSINESS_PREMIUM) and E5 Compliance carry no Exchange DLP plan.
    data['m365.subscribedSkus'].skus = data['m365.subscribedSkus'].skus
      .filter((sku) => sku.skuPartNumber !== 'SPB')
      .concat({
        skuId: 'f245ecc8-75af-4f8e-b61f-27d8114de5f3',
        skuPartNumber: 'O365_BUSINESS_PREMIUM',
        capabilityStatus: 'Enabled',
        appliesTo: 'User',
        consumedUnits: 5,
        prepaidUnits: { enabled: 10, suspended: 0, warning: 0 },
        servicePlans: [{ servicePlanId: '9aaf7827-d63c-4b61-89c3-182f06f82e5c', servicePlanName: 'EXCHANGE_S_STANDARD', provisioningStatus: 'Success', appliesTo: 'User' }],
      });
    const finding = runControl(emailDlp, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason).toEqual({
      kind: 'license',
      detail: 'no active subscription carries a DLP service plan (EXCHANGE_S_ENTERPRISE, BPOS_S_DlpAddOn, EOP_ENTERPRISE_PREMIUM)',
      needs: [
        'a licence that includes Microsoft Purview DLP for Exchange Online (Microsoft 365 Business Premium, Microsoft 365 E3/E5, Office 365 E3/E5, Exchange Online Plan 2, or the Office 365 Data Loss Prevention add-on)',
      ],
    });
    expect(finding.summary).not.toContain('There is no DLP policy');
  });

  it('a Business Premium subscription whose DLP plan is disabled gives no DLP licence', () => {
    const data = withoutDlp();
    const premium = data['m365.subscribedSkus'].skus.find((sku) => sku.skuPartNumber === 'SPB')!;
    premium.servicePlans.find((plan) => plan.servicePlanName === 'BPOS_S_DlpAddOn')!.provisioningStatus = 'Disabled';
    expect(runControl(emailDlp, data).status).toBe('not_assessed');
  });

  it('no DLP policy while the subscriptions could not be read is a warning that says the licence was not checked', () => {
    const data = withoutDlp();
    data['m365.subscribedSkus'] = failed({ kind: 'permission', detail: 'Authorization_RequestDenied', needs: ['LicenseAssignment.Read.All'] });
    const finding = runControl(emailDlp, data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain('Whether the tenant has a DLP licence could not be checked');
  });

  it('reads sensitive types grouped the way the group form of the condition returns them', () => {
    const grouped = { operator: 'And', groups: [{ name: 'Default', operator: 'Or', sensitivetypes: [SSN, ICD10], labels: [{ name: 'Confidential', type: 'Sensitivity' }] }] };
    const finding = runControl(emailDlp, withDlp({}, { ContentContainsSensitiveInformation: [grouped] }));
    expect(finding.status).toBe('pass');
    expect(policyFacts(finding)[0]!.rules[0]!.detects).toEqual(['U.S. Social Security Number (SSN)', 'International Classification of Diseases (ICD-10-CM)']);
  });

  it('matches a sensitive type by its id when the name differs (e.g. localised)', () => {
    const finding = runControl(emailDlp, withDlp({}, { ContentContainsSensitiveInformation: [{ name: 'Classification internationale des maladies (CIM-10-CM)', id: ICD10.id.toUpperCase() }] }));
    expect(finding.status).toBe('pass');
    expect(policyFacts(finding)[0]!.rules[0]!.healthTypes).toEqual(['International Classification of Diseases (ICD-10-CM)']);
  });

  it('reads locations returned as objects with a Name', () => {
    const finding = runControl(emailDlp, withDlp({ ExchangeLocation: [{ Name: 'All', DisplayName: 'All', Type: 'Tenant' }] }));
    expect(finding.status).toBe('pass');
  });

  it('reads the conditions of an advanced rule, skipping exceptions', () => {
    const advanced = (exception: boolean) =>
      JSON.stringify({
        Version: '1.0',
        Condition: {
          Operator: 'And',
          SubConditions: [
            { ConditionName: 'AccessScope', Value: 'NotInOrganization' },
            exception
              ? { Operator: 'Not', SubConditions: [{ ConditionName: 'ContentContainsSensitiveInformation', Value: [{ Groups: [{ Name: 'x', Sensitivetypes: [{ Name: ICD10.name, Id: ICD10.id }] }] }] }] }
              : { ConditionName: 'ContentContainsSensitiveInformation', Value: [{ Groups: [{ Name: 'Default', Operator: 'Or', Sensitivetypes: [{ Name: ICD10.name, Id: ICD10.id, Mincount: 1 }] }], Operator: 'And' }] },
          ],
        },
      });
    const rule = { ContentContainsSensitiveInformation: null, IsAdvancedRule: true };
    expect(runControl(emailDlp, withDlp({}, { ...rule, AdvancedRule: advanced(false) })).status).toBe('pass');
    expect(runControl(emailDlp, withDlp({}, { ...rule, AdvancedRule: advanced(true) })).status).toBe('warn');
  });

  it('is not assessed when an active advanced rule came without its conditions', () => {
    const finding = runControl(emailDlp, withDlp({}, { ContentContainsSensitiveInformation: null, IsAdvancedRule: true }));
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason).toEqual({
      kind: 'unsupported',
      detail: `rules ${POLICY} / High volume of PHI shared externally keep their conditions in AdvancedRule, which the collected data does not include`,
    });
    expect(finding.evidence.unreadableRules).toEqual([`${POLICY} / High volume of PHI shared externally`]);
  });

  describe('on the ScubaGear sample export (real cmdlet shapes)', () => {
    it('warns: its policies look for SSNs, ITINs and card numbers, not health information', () => {
      const data = exchangeBaselineData();
      data['m365.dlp'] = sampleDataset();
      const finding = runControl(emailDlp, data);
      expect(finding.status).toBe('warn');
      const facts = policyFacts(finding);
      const baseline = facts.find((p) => p.name === 'Default Office 365 DLP policy')!;
      expect(baseline.rules[0]!.detects).toEqual([
        'U.S. Individual Taxpayer Identification Number (ITIN)',
        'Credit Card Number',
        'U.S. Social Security Number (SSN)',
      ]);
      // An advanced rule: its conditions come from the AdvancedRule JSON (ContentContainsSensitiveInformation is null).
      const advanced = facts.find((p) => p.name === 'Info_TypeITIN_Missing')!;
      expect(advanced.rules[0]!.detects).toEqual(['U.S. Social Security Number (SSN)', 'U.S. / U.K. Passport Number', 'Credit Card Number']);
      expect(facts.find((p) => p.name === 'Custom policy Test')!.mode).toBe('test mode (TestWithNotifications)');
      expect(finding.summary).toBe(`None of the 5 DLP policies detects health information such as ICD-10 codes or DEA numbers (2 are turned off). ${RECOMMENDED}`);
    });

    it('an enabled advanced rule detecting ICD-10 in a Teams-only policy warns', () => {
      const data = exchangeBaselineData();
      const dataset = sampleDataset();
      const policy = dataset.policies.find((p) => p.Name === 'Info_TypeITIN_Missing')!;
      policy.Mode = 'Enable';
      policy.Enabled = true;
      const rule = dataset.rules.find((r) => r.ParentPolicyName === 'Info_TypeITIN_Missing')!;
      (rule as Record<string, unknown>).AdvancedRule = String((rule as Record<string, unknown>).AdvancedRule)
        .replace('U.S. / U.K. Passport Number', ICD10.name)
        .replace('178ec42a-18b4-47cc-85c7-d62c92fd67f8', ICD10.id);
      data['m365.dlp'] = dataset;
      const finding = runControl(emailDlp, data);
      expect(finding.status).toBe('warn');
      expect(finding.evidence.affected).toEqual([
        { type: 'policy', id: 'Info_TypeITIN_Missing', name: 'Info_TypeITIN_Missing', detail: 'detects International Classification of Diseases (ICD-10-CM) but covers only Teams, not email' },
      ]);
    });
  });

  it('is not assessed when DLP policies could not be read', () => {
    const data = exchangeBaselineData();
    data['m365.dlp'] = failed({ kind: 'permission', detail: 'both admin endpoints refused the token', needs: ['Exchange.ManageAsApp', 'Compliance Administrator'] });
    const finding = runControl(emailDlp, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['Exchange.ManageAsApp', 'Compliance Administrator']);
  });
});

describe('policy modes the control cannot read', () => {
  it('a health policy whose mode is not reported is not assessed, never called off', () => {
    const data = exchangeBaselineData();
    data['m365.dlp'].policies[0]!.Mode = null;
    const finding = runControl(emailDlp, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.summary).toContain('mode is not reported');
  });

  it('a turned-off health policy warns, saying it detects health information but is off', () => {
    const data = exchangeBaselineData();
    data['m365.dlp'].policies[0]!.Mode = 'Disable';
    const finding = runControl(emailDlp, data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain('turned off');
    expect(finding.summary).not.toContain('does not detect');
  });
});
