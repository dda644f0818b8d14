import { describe, expect, it } from 'vitest';
import { auditRetention } from '../../../src/controls/m365/audit-retention.js';
import { E5_COMPLIANCE, exchangeBaselineData } from '../../fixtures/exchange-baseline.js';
import { baselineOptions } from '../../fixtures/m365-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

// Tests put a failed result where the baseline types the dataset's data; runControl accepts both.
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

const TEN_YEARS = 'Keep all audit records ten years';

/** Baseline data without the Audit (Premium) subscription. */
function withoutPremium() {
  const data = exchangeBaselineData();
  data['m365.subscribedSkus'].skus = data['m365.subscribedSkus'].skus.filter((s) => s.skuId !== E5_COMPLIANCE);
  return data;
}

/** Baseline data with the ten-year policy changed. */
function withPolicy(change: Record<string, unknown>, data = exchangeBaselineData()) {
  const policies = data['m365.auditRetention'].policies;
  policies[0] = { ...policies[0]!, ...change };
  return data;
}

describe('m365.audit.retention', () => {
  it('passes with Audit (Premium) and a ten-year policy covering every record, noting the add-on it needs', () => {
    const finding = runControl(auditRetention, exchangeBaselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe(
      `Audit records are kept 10 years (retention policy "${TEN_YEARS}" (TenYears) covers every audit record), at least the 6 years HIPAA documentation is kept.`,
    );
    expect(finding.evidence).toMatchObject({ effectiveRetentionDays: 3650, requiredDays: 2190, auditPremium: true, endpoint: 'compliance' });
    expect(finding.evidence.caveats).toEqual([
      'Retention beyond one year also needs the 10-Year Audit Log Retention add-on for each user whose records must be kept; confirm it under Billing > Your products.',
      "Audit (Premium) retention applies only to users assigned a licence that includes it (INFORMATION_PROTECTION_COMPLIANCE: 5 assigned); other users' records are kept 180 days.",
    ]);
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

  it('Audit (Premium) without a policy keeps one year: warn with 365 days', () => {
    const data = exchangeBaselineData();
    data['m365.auditRetention'].policies = [];
    const finding = runControl(auditRetention, data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.effectiveRetentionDays).toBe(365);
    expect(finding.summary).toContain('Audit records are kept about 365 days (Audit (Premium) default policy');
  });

  it('a policy limited to some record types is not counted', () => {
    const finding = runControl(auditRetention, withPolicy({ RecordTypes: ['ExchangeItem'] }));
    expect(finding.status).toBe('warn');
    expect(finding.evidence.effectiveRetentionDays).toBe(365);
    expect(finding.evidence.scopedPolicies).toEqual([
      { name: TEN_YEARS, retentionDuration: 'TenYears', priority: 100, recordTypes: ['ExchangeItem'], operations: [], userIds: 0 },
    ]);
  });

  it('a disabled policy is not counted', () => {
    const finding = runControl(auditRetention, withPolicy({ Enabled: false }));
    expect(finding.status).toBe('warn');
    expect(finding.evidence.disabledPolicies).toEqual([TEN_YEARS]);
  });

  it('a five-year policy is short of six years', () => {
    const finding = runControl(auditRetention, withPolicy({ RetentionDuration: 'FiveYears' }));
    expect(finding.status).toBe('warn');
    expect(finding.evidence.effectiveRetentionDays).toBe(1825);
  });

  it('the longest of several covering policies counts', () => {
    const data = exchangeBaselineData();
    data['m365.auditRetention'].policies.unshift({ Name: 'Short', Enabled: true, RetentionDuration: 'ThreeMonths', Priority: 1, RecordTypes: [], Operations: [], UserIds: [] });
    expect(runControl(auditRetention, data).evidence.effectiveRetentionDays).toBe(3650);
  });

  it('a lower threshold is met by five years', () => {
    const finding = runControl(auditRetention, withPolicy({ RetentionDuration: 'FiveYears' }), baselineOptions({ thresholds: { auditRetentionYears: 5 } }));
    expect(finding.status).toBe('pass');
  });

  it('an attested archive passes even at the 180-day default, and says so', () => {
    const options = baselineOptions({ attestations: { auditLogArchive: 'Sentinel workspace clinic-logs, 7-year retention' } });
    const finding = runControl(auditRetention, withoutPremium(), options);
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe(
      'Audit records are archived outside Microsoft 365 in Sentinel workspace clinic-logs, 7-year retention (attested); Microsoft 365 itself keeps them about 180 days.',
    );
    expect(finding.evidence.attestedArchive).toBe('Sentinel workspace clinic-logs, 7-year retention');
  });

  it('a blank archive attestation does not count', () => {
    const finding = runControl(auditRetention, withoutPremium(), baselineOptions({ attestations: { auditLogArchive: '  ' } }));
    expect(finding.status).toBe('warn');
  });

  it('is not assessed when a policy covering everything reports an unknown duration', () => {
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

  it('is not assessed when the subscriptions could not be read', () => {
    const data = exchangeBaselineData();
    data['m365.subscribedSkus'] = failed({ kind: 'permission', detail: 'Authorization_RequestDenied', needs: ['LicenseAssignment.Read.All'] });
    expect(runControl(auditRetention, data).status).toBe('not_assessed');
  });
});

describe('retention that depends on licences and priorities', () => {
  it('an Audit (Premium) subscription nobody is assigned does not count', () => {
    const data = exchangeBaselineData();
    const compliance = data['m365.subscribedSkus'].skus.find((sku) => sku.skuPartNumber === 'INFORMATION_PROTECTION_COMPLIANCE')!;
    compliance.consumedUnits = 0;
    const finding = runControl(auditRetention, data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain('180 days');
  });

  it('a higher-priority shorter policy for some records lowers the effective retention', () => {
    const data = exchangeBaselineData();
    data['m365.auditRetention'].policies.push({
      Name: 'Mailbox items three months',
      Enabled: true,
      RetentionDuration: 'ThreeMonths',
      Priority: 1,
      RecordTypes: ['ExchangeItem'],
      Operations: [],
      UserIds: [],
    });
    const finding = runControl(auditRetention, data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.effectiveRetentionDays).toBeLessThan(365);
    expect(String(finding.evidence.basis)).toContain('Mailbox items three months');
  });
});
