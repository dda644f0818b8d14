import { describe, expect, it } from 'vitest';
import { DLP_NOT_REQUIRED } from '../../../src/controls/lib/dlp-status.js';
import { googleEmailDlp, healthDetectorsIn, identifierDetectorsIn } from '../../../src/controls/google/email-dlp.js';
import { SETTING_TYPES } from '../../../src/datasets/google-constants.js';
import { googleBaselineData, googleBaselineOptions, orgUnitIds } from '../../fixtures/google-baseline.js';
import { BUSINESS_PLUS } from '../../fixtures/google-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

type Data = ReturnType<typeof googleBaselineData>;
const run = (data: Data) => runControl(googleEmailDlp, data, googleBaselineOptions());
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

const ENTERPRISE_STANDARD = '1010020026';
const BUSINESS_STANDARD = '1010020028';
const GMAIL_SEND = 'google.workspace.gmail.email.v1.send';
const DRIVE_SHARE = 'google.workspace.drive.file.v1.share';
const NPI = "all_content.matches_dlp_detector('US_HEALTHCARE_NPI', google.privacy.dlp.v2.Likelihood.LIKELY, {minimum_match_count: 1, minimum_unique_match_count: 1})";

const dlpRule = (data: Data) => data['google.policies'].policies.find((p) => p.name === 'policies/dlp-phi-gmail')!;
const ruleValue = (data: Data) => dlpRule(data).setting.value as Record<string, unknown>;
const withoutDlpRules = (data: Data) => {
  data['google.policies'].policies = data['google.policies'].policies.filter((p) => p.setting.type !== SETTING_TYPES.dlpRule);
  return data;
};
const onSku = (data: Data, skuId: string) => {
  for (const assignment of data['google.licenses'].assignments) assignment.skuId = skuId;
  return data;
};

function addRule(data: Data, name: string, value: Record<string, unknown>, orgUnitId?: string, group?: string) {
  data['google.policies'].policies.push({
    name: `policies/${name}`,
    policyQuery: { ...(orgUnitId ? { orgUnit: `orgUnits/${orgUnitId.replace(/^id:/, '')}` } : {}), ...(group ? { group } : {}), sortOrder: 5 },
    setting: { type: SETTING_TYPES.dlpRule, value: { displayName: name, state: 'ACTIVE', condition: { contentCondition: NPI }, ...value } },
    type: 'ADMIN',
  });
}

describe('health detectors in a DLP condition', () => {
  it('finds health detectors and ignores others and negated ones', () => {
    expect(healthDetectorsIn(NPI)).toEqual(['US_HEALTHCARE_NPI']);
    expect(healthDetectorsIn("all_content.matches_dlp_detector('CREDIT_CARD_NUMBER') || all_content.matches_dlp_detector(\"ICD10_CODE\")")).toEqual(['ICD10_CODE']);
    expect(healthDetectorsIn("!all_content.matches_dlp_detector('US_HEALTHCARE_NPI')")).toEqual([]);
    expect(healthDetectorsIn("all_content.contains('patient')")).toEqual([]);
  });

  it('counts SSN and card numbers as identifiers, not health information', () => {
    const condition = "all_content.matches_dlp_detector('US_SOCIAL_SECURITY_NUMBER') || all_content.matches_dlp_detector('CREDIT_CARD_NUMBER')";
    expect(healthDetectorsIn(condition)).toEqual([]);
    expect(identifierDetectorsIn(condition)).toEqual(['US_SOCIAL_SECURITY_NUMBER', 'CREDIT_CARD_NUMBER']);
    expect(healthDetectorsIn("all_content.matches_dlp_detector('US_MEDICARE_BENEFICIARY_ID_NUMBER') || all_content.matches_dlp_detector('UK_NATIONAL_HEALTH_SERVICE_NUMBER')")).toEqual([
      'US_MEDICARE_BENEFICIARY_ID_NUMBER',
      'UK_NATIONAL_HEALTH_SERVICE_NUMBER',
    ]);
  });
});

describe('google.email.dlp', () => {
  it('passes when an active top-level rule blocks health information in outgoing Gmail', () => {
    const finding = run(googleBaselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe('Outgoing Gmail is checked for health information by 1 active DLP rule in all 3 organisational units with active users.');
    expect(finding.evidence.rules).toEqual([
      expect.objectContaining({
        policy: 'policies/dlp-phi-gmail',
        scope: 'OU /',
        healthDetectors: ['US_HEALTHCARE_NPI', 'ICD10_CODE'],
        identifierDetectors: ['US_SOCIAL_SECURITY_NUMBER'],
        protects: ['gmail'],
      }),
    ]);
  });

  it("passes with Google's documented send trigger and a blockContent action", () => {
    const data = googleBaselineData();
    Object.assign(ruleValue(data), {
      triggers: [GMAIL_SEND],
      action: { gmailAction: { blockContent: { actionParams: { applyInternalMessages: true, applyExternalMessages: true } } } },
    });
    expect(run(data).status).toBe('pass');
  });

  it('an alert-only rule counts: it reports to the Alert Center', () => {
    const data = googleBaselineData();
    Object.assign(ruleValue(data), { triggers: [GMAIL_SEND], action: { gmailAction: {}, alertCenterAction: { alertCenterConfig: {} } } });
    expect(run(data).status).toBe('pass');
  });

  it('an inactive rule does not count', () => {
    const data = googleBaselineData();
    ruleValue(data).state = 'INACTIVE';
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe(`No active DLP rule checks outgoing Gmail for health information and blocks, warns or alerts. ${DLP_NOT_REQUIRED}`);
    expect(finding.evidence.affected).toEqual([
      { type: 'policy', id: 'policies/dlp-phi-gmail', name: 'Block PHI in outbound email', detail: 'does not protect outgoing Gmail: the rule is INACTIVE' },
    ]);
  });

  it('an audit-only rule does not count', () => {
    const data = googleBaselineData();
    ruleValue(data).action = { gmailAction: {} };
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected[0]!.detail).toBe('does not protect outgoing Gmail: audit only: it neither blocks, warns nor alerts');
  });

  it('a rule without a health-information detector does not count', () => {
    const data = googleBaselineData();
    ruleValue(data).condition = { contentCondition: "all_content.matches_dlp_detector('CREDIT_CARD_NUMBER', {minimum_match_count: 1})" };
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected[0]!.detail).toBe(
      'does not protect outgoing Gmail: it looks only for personal identifiers (credit card number), not health information such as diagnosis codes or Medicare numbers',
    );
  });

  it('an SSN-only rule is not health detection: it warns as no rule at all does', () => {
    const data = googleBaselineData();
    ruleValue(data).condition = { contentCondition: "all_content.matches_dlp_detector('US_SOCIAL_SECURITY_NUMBER', google.privacy.dlp.v2.Likelihood.LIKELY, {minimum_match_count: 1, minimum_unique_match_count: 1})" };
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected).toEqual([
      {
        type: 'policy',
        id: 'policies/dlp-phi-gmail',
        name: 'Block PHI in outbound email',
        detail: 'does not protect outgoing Gmail: it looks only for personal identifiers (US Social Security number), not health information such as diagnosis codes or Medicare numbers',
      },
    ]);
  });

  it('a condition without any detector does not count', () => {
    const data = googleBaselineData();
    ruleValue(data).condition = { contentCondition: "all_content.contains('confidential')" };
    expect(run(data).evidence.affected[0]!.detail).toBe('does not protect outgoing Gmail: no health-information detector in its conditions');
  });

  it('a Gmail rule on received mail only does not count', () => {
    const data = googleBaselineData();
    ruleValue(data).triggers = ['google.workspace.gmail.email.v1.receive'];
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected[0]!.detail).toContain('received mail only');
  });

  it('warns when only Drive is covered', () => {
    const data = googleBaselineData();
    Object.assign(ruleValue(data), { triggers: [DRIVE_SHARE], action: { driveAction: { blockAccess: {} } } });
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe('Outgoing Gmail is not checked for health information for everyone: only Google Drive is covered.');
    expect(finding.evidence.affected.map((a) => a.id)).toEqual(['policies/dlp-phi-gmail']);
  });

  it('warns when the Gmail rule applies only to a group', () => {
    const data = googleBaselineData();
    dlpRule(data).policyQuery = { ...dlpRule(data).policyQuery, group: 'groups/04clinical' };
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain('Gmail is covered only for members of a group');
  });

  it('a rule on one sub-OU leaves the other OUs uncovered and warns', () => {
    const data = withoutDlpRules(googleBaselineData());
    addRule(data, 'phi-clinical', { triggers: [GMAIL_SEND], action: { gmailAction: { blockContent: {} } } }, orgUnitIds.clinical);
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe(`2 of 3 organisational units with active users have no active DLP rule checking outgoing Gmail for health information. ${DLP_NOT_REQUIRED}`);
    expect(finding.evidence.affected.map((a) => a.id).sort()).toEqual(['/Admin', '/Front Desk']);
  });

  it('a rule on a parent OU covers users in its sub-OUs', () => {
    const data = withoutDlpRules(googleBaselineData());
    data['google.orgUnits'].orgUnits.push({ orgUnitId: 'id:03ph8a2z4nurs', orgUnitPath: '/Clinical/Nurses', parentOrgUnitId: orgUnitIds.clinical, parentOrgUnitPath: '/Clinical' });
    for (const user of data['google.users'].users) user.orgUnitPath = '/Clinical/Nurses';
    addRule(data, 'phi-clinical', { triggers: [GMAIL_SEND], action: { gmailAction: { warnUser: {} } } }, orgUnitIds.clinical);
    expect(run(data).status).toBe('pass');
  });

  it('warns, not fails, on an edition with DLP when no DLP rule exists: the Security Rule does not require DLP', () => {
    const finding = run(onSku(withoutDlpRules(googleBaselineData()), ENTERPRISE_STANDARD));
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe(
      'No DLP rule exists, so outgoing email is not checked for health information. The Security Rule does not require DLP; it is a recommended measure supporting transmission security (164.312(e)(1)) and risk management (164.308(a)(1)(ii)(B)).',
    );
    expect(finding.evidence.editions).toEqual(['Enterprise Standard']);
  });

  it('is not assessed on an edition without DLP for Gmail, naming the edition needed', () => {
    const finding = run(onSku(withoutDlpRules(googleBaselineData()), BUSINESS_STANDARD));
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.kind).toBe('license');
    expect(finding.reason?.needs?.[0]).toContain('Enterprise Standard or Enterprise Plus');
    expect(finding.summary).toBe('Email DLP was not assessed: the licensed edition (Business Standard) does not include DLP for Gmail.');
  });

  it('Business Plus has no DLP for Gmail either', () => {
    const data = withoutDlpRules(googleBaselineData());
    for (const assignment of data['google.licenses'].assignments) assignment.skuId = BUSINESS_PLUS;
    const finding = run(data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.kind).toBe('license');
  });

  it('is not assessed, not failed, when there are no rules and the edition is unknown', () => {
    const data = withoutDlpRules(googleBaselineData());
    data['google.licenses'].assignments = [];
    const finding = run(data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.kind).toBe('unsupported');
    expect(finding.reason?.detail).toContain('no Google-Apps licence assignments');
  });

  it('is not assessed when DLP rules were not collected', () => {
    const data = googleBaselineData();
    data['google.policies'].settingTypes = data['google.policies'].settingTypes.filter((t) => t !== SETTING_TYPES.dlpRule);
    const finding = run(data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.kind).toBe('unsupported');
  });

  it('without licence data an active rule with a health detector still passes: the rule shows the edition has DLP', () => {
    const finding = run({ ...googleBaselineData(), 'google.licenses': failed({ kind: 'permission', detail: 'Not Authorized', needs: ['https://www.googleapis.com/auth/apps.licensing'] }) });
    expect(finding.status).toBe('pass');
    expect(finding.evidence.editions).toBe('not read (not needed when DLP rules exist)');
  });

  it('is not assessed when there are no DLP rules and licences could not be read, naming what to grant', () => {
    const finding = run({ ...withoutDlpRules(googleBaselineData()), 'google.licenses': failed({ kind: 'permission', detail: 'Not Authorized', needs: ['https://www.googleapis.com/auth/apps.licensing'] }) });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.kind).toBe('permission');
    expect(finding.reason?.needs).toEqual(['https://www.googleapis.com/auth/apps.licensing']);
    expect(finding.reason?.detail).toBe('no DLP rules were returned and the licences could not be read to tell the edition: Not Authorized');
  });

  it('a DLP rule of a deleted org unit is ignored (named in the evidence), not a reason to stop', () => {
    const data = googleBaselineData();
    addRule(data, 'old-rule', { triggers: [GMAIL_SEND], action: { gmailAction: { blockContent: {} } } }, 'id:03ph8a2z9gone');
    const finding = run(data);
    expect(finding.status).toBe('pass');
    expect(finding.evidence.ignoredPolicies).toEqual([{ policy: 'policies/old-rule', settingType: SETTING_TYPES.dlpRule, orgUnit: 'orgUnits/03ph8a2z9gone' }]);
  });
});

describe('Gmail actions limited to internal mail', () => {
  it('a block that applies only to internal messages does not protect outbound mail', () => {
    const data = googleBaselineData();
    const rule = data['google.policies'].policies.find((policy) => policy.setting.type === 'settings/rule.dlp')!;
    (rule.setting.value as { action: unknown }).action = { gmailAction: { blockContent: { actionParams: { applyExternalMessages: false } } } };
    const finding = runControl(googleEmailDlp, data, googleBaselineOptions());
    expect(finding.status).not.toBe('pass');
  });
});
