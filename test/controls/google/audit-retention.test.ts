import { describe, expect, it } from 'vitest';
import { googleAuditRetention } from '../../../src/controls/google/audit-retention.js';
import { GOOGLE_AUDIT_RETENTION_DAYS } from '../../../src/datasets/google-constants.js';
import { NOW, googleBaselineData, googleBaselineOptions } from '../../fixtures/google-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

// Tests put a failed result where googleBaselineData() types the dataset's data; runControl accepts both.
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const run = (data: ReturnType<typeof googleBaselineData>, overrides: Parameters<typeof googleBaselineOptions>[0] = {}) =>
  runControl(googleAuditRetention, data, googleBaselineOptions(overrides));

describe('google.audit.retention', () => {
  it("warns with Google's 180-day figure when no export is attested", () => {
    const finding = run(googleBaselineData());
    expect(finding.status).toBe('warn');
    expect(GOOGLE_AUDIT_RETENTION_DAYS).toBe(180);
    expect(finding.summary).toBe(
      'Google keeps login and admin audit events for only 180 days and no export is attested, short of the 6 years asked for (HIPAA keeps documentation six years, 164.316(b)(2)(i)). HIPAA sets no explicit retention period for logs, but records needed for an investigation or a documentation request will be gone; keep them longer or export them to an archive (Cloud Logging works on every edition). The oldest login event read is from 2026-11-06.',
    );
    expect(finding.evidence).toMatchObject({
      googleRetentionDays: 180,
      googleRetentionSources: ['https://support.google.com/a/answer/7061566', 'https://developers.google.com/admin-sdk/reports/v1/guides/manage-audit-login'],
      requiredRetentionYears: 6,
      oldestLoginEventFound: daysAgo(14),
      oldestLoginEventAgeDays: 14,
      auditLogArchive: 'not attested',
    });
  });

  it('passes when the practice attests an export, naming it', () => {
    const finding = run(googleBaselineData(), { attestations: { auditLogArchive: 'BigQuery project clinic-logs, 7-year table expiry' } });
    expect(finding.status).toBe('pass');
    expect(finding.summary).toContain('"BigQuery project clinic-logs, 7-year table expiry"');
    expect(finding.evidence.auditLogArchive).toEqual({ location: 'BigQuery project clinic-logs, 7-year table expiry' });
    expect(finding.attestation).toEqual({ name: 'auditLogArchive' });
  });

  it('a blank attestation does not count', () => {
    expect(run(googleBaselineData(), { attestations: { auditLogArchive: '   ' } }).status).toBe('warn');
  });

  it('the required years come from the thresholds', () => {
    const finding = run(googleBaselineData(), { thresholds: { auditRetentionYears: 7 } });
    expect(finding.summary).toContain('short of the 7 years asked for');
    expect(finding.evidence.requiredRetentionYears).toBe(7);
  });

  it('without oldestEventTime the oldest event read is used', () => {
    const data = googleBaselineData();
    delete data['google.loginActivity'].oldestEventTime;
    const finding = run(data);
    // The baseline's oldest login is kim.tanaka's, 26 hours ago.
    expect(finding.evidence.oldestLoginEventFound).toBe(new Date(NOW.getTime() - 26 * 3_600_000).toISOString());
    expect(finding.evidence.oldestLoginEventAgeDays).toBe(1);
  });

  it('an empty login log still warns and says no event was read', () => {
    const data = googleBaselineData();
    data['google.loginActivity'] = { since: daysAgo(14), events: [], truncated: false };
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.oldestLoginEventFound).toBeNull();
    expect(finding.summary).toContain('No login event was read.');
  });

  it('is not assessed when login activity cannot be read', () => {
    const finding = run({
      ...googleBaselineData(),
      'google.loginActivity': failed({ kind: 'api', detail: 'accessNotConfigured: Admin SDK API has not been used in project', code: 'accessNotConfigured', needs: ['Admin SDK API'] }),
    });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.code).toBe('accessNotConfigured');
  });

  it('names the Cloud Logging route that works on every edition', () => {
    expect(googleAuditRetention.meta.remediation).toContain('Account > Account settings > Legal and compliance > Sharing options');
    expect(googleAuditRetention.meta.remediation).toContain('On every edition');
  });
});
