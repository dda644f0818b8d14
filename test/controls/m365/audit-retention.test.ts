import { describe, expect, it } from 'vitest';
import { auditRetention } from '../../../src/controls/m365/audit-retention.js';
import { ADVANCED_AUDITING_PLAN, E5_COMPLIANCE, exchangeBaselineData } from '../../fixtures/exchange-baseline.js';
import { baselineOptions, ids } from '../../fixtures/m365-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

// Tests put a failed result where the baseline types the dataset's data; runControl accepts both.
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

const TEN_YEARS = 'Keep audit records ten years';
const STAFF = [ids.drLee, ids.nurseKim, ids.billingPat, ids.officeMgr, ids.admin];

/** Baseline data without the Audit (Premium) subscription. */
function withoutPremium() {
  const data = exchangeBaselineData();
  data['m365.subscribedSkus'].skus = data['m365.subscribedSkus'].skus.filter((s) => s.skuId !== E5_COMPLIANCE);
  for (const user of data['m365.users'].users) user.assignedLicenses = user.assignedLicenses.filter((l) => l.skuId !== E5_COMPLIANCE);
  return data;
}

/** Baseline data with the ten-year policy changed. */
function withPolicy(change: Record<string, unknown>, data = exchangeBaselineData()) {
  const policies = data['m365.auditRetention'].policies;
  policies[0] = { ...policies[0]!, ...change };
  return data;
}

/** Baseline data where only these users keep their E5 Compliance licence (one seat each). */
function premiumOnlyFor(...userIds: string[]) {
  const data = exchangeBaselineData();
  for (const user of data['m365.users'].users) {
    if (!userIds.includes(user.id)) user.assignedLicenses = user.assignedLicenses.filter((l) => l.skuId !== E5_COMPLIANCE);
  }
  data['m365.subscribedSkus'].skus.find((s) => s.skuId === E5_COMPLIANCE)!.consumedUnits = userIds.length;
  return data;
}

const byRecordType = (finding: ReturnType<typeof runControl>) =>
  Object.fromEntries((finding.evidence.retentionByRecordType as { recordType: string; days: number }[]).map((r) => [r.recordType, r.days]));

describe('m365.audit.retention', () => {
  it('a ten-year policy for every licensed user with Audit (Premium) warns: beyond one year it needs an add-on no API shows', () => {
    const finding = runControl(auditRetention, exchangeBaselineData());
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe(
      `Retention policies keep audit records 10 years for all 5 licensed enabled users (shortest: mailbox items (ExchangeItem): policy "${TEN_YEARS}" (TenYears, priority 1) for all users), but Microsoft keeps them beyond one year only for users who also hold the 10-Year Audit Log Retention add-on, which no API shows: confirm it under Billing > Your products, or archive the records and record that with the auditLogArchive attestation.`,
    );
    expect(finding.evidence).toMatchObject({ effectiveRetentionDays: 3650, requiredDays: 2190, auditPremium: true, endpoint: 'compliance', licensedEnabledUsers: 5, usersWithAuditPremium: 5, auditPremiumSeats: 5 });
    expect(byRecordType(finding)).toEqual({ ExchangeItem: 3650, SharePointFileOperation: 3650, AzureActiveDirectoryStsLogon: 3650 });
    expect(finding.evidence.caveats).toEqual([
      'Retention beyond one year also needs the 10-Year Audit Log Retention add-on for each user whose records must be kept; confirm it under Billing > Your products.',
    ]);
  });

  it('one Audit (Premium) seat does not pass the tenant: the other staff keep 180 days, and the counts are given', () => {
    const finding = runControl(auditRetention, premiumOnlyFor(ids.admin));
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe(
      'Audit (Premium) covers 1 of 5 licensed enabled users (1 seat assigned), so the audit records of the other 4 are kept 180 days; the covered user has records kept about 10 years. That is less than the 6 years HIPAA keeps documentation (164.316(b)(2)(i)). HIPAA sets no explicit retention period for logs, but records needed for an investigation or a documentation request will be gone; keep them longer or export them to an archive.',
    );
    expect(finding.evidence).toMatchObject({ effectiveRetentionDays: 180, premiumRetentionDays: 3650, usersWithAuditPremium: 1, licensedEnabledUsers: 5 });
    expect(finding.evidence.affected.map((a) => a.id)).toEqual(STAFF.filter((id) => id !== ids.admin));
  });

  it('a user whose Audit (Premium) plan is disabled on their licence is not covered', () => {
    const data = exchangeBaselineData();
    const kim = data['m365.users'].users.find((u) => u.id === ids.nurseKim)!;
    kim.assignedLicenses.find((l) => l.skuId === E5_COMPLIANCE)!.disabledPlans = [ADVANCED_AUDITING_PLAN];
    const finding = runControl(auditRetention, data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected.map((a) => a.id)).toEqual([ids.nurseKim]);
  });

  it('seats assigned only to accounts that are not licensed staff cover nobody', () => {
    const finding = runControl(auditRetention, premiumOnlyFor(ids.breakGlass));
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain('Audit (Premium) is assigned (1 seat) but to none of the 5 licensed enabled users, so their audit records are kept 180 days.');
  });

  it('without Audit (Premium) records are kept 180 days and policies do not apply: warn, not fail', () => {
    const finding = runControl(auditRetention, withoutPremium());
    expect(finding.status).toBe('warn');
    expect(finding.evidence.effectiveRetentionDays).toBe(180);
    expect(finding.summary).toBe(
      'Audit records are kept about 180 days (Audit (Standard) default: no enabled subscription includes the M365_ADVANCED_AUDITING service plan, so the 1 retention policy does not apply), less than the 6 years HIPAA keeps documentation (164.316(b)(2)(i)). HIPAA sets no explicit retention period for logs, but records needed for an investigation or a documentation request will be gone; keep them longer or export them to an archive.',
    );
  });

  it('a suspended subscription does not provide Audit (Premium)', () => {
    const data = exchangeBaselineData();
    data['m365.subscribedSkus'].skus.find((s) => s.skuId === E5_COMPLIANCE)!.capabilityStatus = 'Suspended';
    expect(runControl(auditRetention, data).evidence.effectiveRetentionDays).toBe(180);
  });

  it('a disabled Audit (Premium) service plan does not count', () => {
    const data = exchangeBaselineData();
    data['m365.subscribedSkus'].skus.find((s) => s.skuId === E5_COMPLIANCE)!.servicePlans[0]!.provisioningStatus = 'Disabled';
    expect(runControl(auditRetention, data).status).toBe('warn');
  });

  it('an Audit (Premium) subscription nobody is assigned does not count', () => {
    const data = exchangeBaselineData();
    data['m365.subscribedSkus'].skus.find((sku) => sku.skuPartNumber === 'INFORMATION_PROTECTION_COMPLIANCE')!.consumedUnits = 0;
    const finding = runControl(auditRetention, data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain('180 days');
  });

  it('Audit (Premium) without a policy keeps one year: warn with 365 days', () => {
    const data = exchangeBaselineData();
    data['m365.auditRetention'].policies = [];
    const finding = runControl(auditRetention, data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.effectiveRetentionDays).toBe(365);
    expect(finding.summary).toContain('Audit records are kept about 365 days (mailbox items (ExchangeItem): the Audit (Premium) default policy (one year)');
  });

  it('a disabled policy, or one pending deletion, is not counted', () => {
    expect(runControl(auditRetention, withPolicy({ Enabled: false })).evidence).toMatchObject({ effectiveRetentionDays: 365, disabledPolicies: [TEN_YEARS] });
    expect(runControl(auditRetention, withPolicy({ Mode: 'PendingDeletion' })).evidence.effectiveRetentionDays).toBe(365);
  });

  it('a policy that leaves out a key record type leaves it at the one-year default', () => {
    const finding = runControl(auditRetention, withPolicy({ RecordTypes: ['ExchangeItem', 'SharePointFileOperation'] }));
    expect(finding.status).toBe('warn');
    expect(byRecordType(finding)).toEqual({ ExchangeItem: 3650, SharePointFileOperation: 3650, AzureActiveDirectoryStsLogon: 365 });
    expect(finding.evidence.basis).toBe('sign-ins (AzureActiveDirectoryStsLogon): the Audit (Premium) default policy (one year): no retention policy covers it for all users');
  });

  it('a ten-year policy for some users only covers those users, not everyone', () => {
    const finding = runControl(auditRetention, withPolicy({ UserIds: ['dr.lee@contoso-clinic.example'] }));
    expect(finding.status).toBe('warn');
    expect(finding.evidence.effectiveRetentionDays).toBe(365);
    expect((finding.evidence.retentionByRecordType as { basis: string }[])[0]!.basis).toBe(
      `the Audit (Premium) default policy (one year): no retention policy covers it for all users; "${TEN_YEARS}" (TenYears, priority 1) covers only 1 listed user`,
    );
  });

  it('passes when the years asked for fit within the one year Audit (Premium) keeps without an add-on', () => {
    const finding = runControl(auditRetention, exchangeBaselineData(), baselineOptions({ thresholds: { auditRetentionYears: 1 } }));
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe(
      `Audit records are kept at least 1 year for all 5 licensed enabled users (shortest: mailbox items (ExchangeItem): policy "${TEN_YEARS}" (TenYears, priority 1) for all users), at least the 1 year asked for (thresholds.auditRetentionYears).`,
    );
  });

  it('a policy with no record types and no users (a cmdlet shape) still covers every record type', () => {
    expect(byRecordType(runControl(auditRetention, withPolicy({ RecordTypes: [] })))).toEqual({ ExchangeItem: 3650, SharePointFileOperation: 3650, AzureActiveDirectoryStsLogon: 3650 });
  });

  it('a higher-priority shorter policy for some users lowers their retention', () => {
    const data = withPolicy({ Priority: 10 });
    data['m365.auditRetention'].policies.push({ Name: 'Admin sign-ins six months', Enabled: true, RetentionDuration: 'SixMonths', Priority: 5, RecordTypes: ['AzureActiveDirectoryStsLogon'], Operations: ['UserLoggedIn'], UserIds: ['it.admin@contoso-clinic.example'] });
    const finding = runControl(auditRetention, data);
    expect(finding.status).toBe('warn');
    expect(byRecordType(finding)).toEqual({ ExchangeItem: 3650, SharePointFileOperation: 3650, AzureActiveDirectoryStsLogon: 180 });
    expect(finding.evidence.basis).toBe(
      'sign-ins (AzureActiveDirectoryStsLogon): higher-priority policy "Admin sign-ins six months" (SixMonths, priority 5) keeps the records of 1 listed user and activities UserLoggedIn shorter',
    );
  });

  it('a lower-priority shorter policy does not lower retention: the higher-priority policy wins', () => {
    const data = exchangeBaselineData();
    data['m365.auditRetention'].policies.push({ Name: 'Mailbox items three months', Enabled: true, RetentionDuration: 'ThreeMonths', Priority: 50, RecordTypes: ['ExchangeItem'], Operations: [], UserIds: [] });
    expect(byRecordType(runControl(auditRetention, data))).toEqual({ ExchangeItem: 3650, SharePointFileOperation: 3650, AzureActiveDirectoryStsLogon: 3650 });
  });

  it('a higher-priority shorter policy for a record type sets that record type for everyone', () => {
    const data = withPolicy({ Priority: 10 });
    data['m365.auditRetention'].policies.push({ Name: 'Mailbox items one year', Enabled: true, RetentionDuration: 'TwelveMonths', Priority: 2, RecordTypes: ['ExchangeItem'], Operations: [], UserIds: [] });
    const finding = runControl(auditRetention, data);
    expect(finding.status).toBe('warn');
    expect(byRecordType(finding).ExchangeItem).toBe(365);
  });

  it('a one-year policy is short of six years; a lower threshold is met by it', () => {
    expect(runControl(auditRetention, withPolicy({ RetentionDuration: 'TwelveMonths' })).evidence.effectiveRetentionDays).toBe(365);
    expect(runControl(auditRetention, withPolicy({ RetentionDuration: 'TwelveMonths' }), baselineOptions({ thresholds: { auditRetentionYears: 1 } })).status).toBe('pass');
  });

  it('an attested archive passes even at the 180-day default, and says so', () => {
    const options = baselineOptions({ attestations: { auditLogArchive: 'Sentinel workspace clinic-logs, 7-year retention' } });
    const finding = runControl(auditRetention, withoutPremium(), options);
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe(
      'Audit records are archived outside Microsoft 365 in Sentinel workspace clinic-logs, 7-year retention (attested); Microsoft 365 itself keeps them about 180 days.',
    );
    expect(finding.evidence.attestedArchive).toBe('Sentinel workspace clinic-logs, 7-year retention');
    expect(finding.attestation).toEqual({ name: 'auditLogArchive' });
  });

  it('a blank archive attestation does not count', () => {
    const finding = runControl(auditRetention, withoutPremium(), baselineOptions({ attestations: { auditLogArchive: '  ' } }));
    expect(finding.status).toBe('warn');
  });

  it('is not assessed when the policy that decides a record type reports an unknown duration', () => {
    const finding = runControl(auditRetention, withPolicy({ RetentionDuration: 'FifteenYears' }));
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason).toEqual({ kind: 'unsupported', detail: `unknown RetentionDuration FifteenYears on "${TEN_YEARS}"` });
    expect(finding.evidence.affected.map((a) => a.id)).toEqual([TEN_YEARS]);
  });

  it('is not assessed when the retention policies could not be read', () => {
    const data = exchangeBaselineData();
    data['m365.auditRetention'] = failed({ kind: 'permission', detail: 'the compliance endpoint refused the token', needs: ['Exchange.ManageAsApp', 'Compliance Administrator'] });
    const finding = runControl(auditRetention, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['Exchange.ManageAsApp', 'Compliance Administrator']);
  });

  it('is not assessed when the subscriptions or the users could not be read', () => {
    const skus = exchangeBaselineData();
    skus['m365.subscribedSkus'] = failed({ kind: 'permission', detail: 'Authorization_RequestDenied', needs: ['LicenseAssignment.Read.All'] });
    expect(runControl(auditRetention, skus).status).toBe('not_assessed');
    const users = exchangeBaselineData();
    users['m365.users'] = failed({ kind: 'permission', detail: 'Authorization_RequestDenied', needs: ['User.Read.All'] });
    expect(runControl(auditRetention, users).reason?.needs).toEqual(['User.Read.All']);
  });
});
