import { describe, expect, it } from 'vitest';
import { auditLogging } from '../../../src/controls/m365/audit-logging.js';
import { exchangeBaselineData } from '../../fixtures/exchange-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

// Tests put a failed result where the baseline types the dataset's data; runControl accepts both.
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

describe('m365.audit.logging', () => {
  it('passes when the unified audit log is on and mailbox auditing is not disabled', () => {
    const finding = runControl(auditLogging, exchangeBaselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe('The unified audit log is recording user and admin activity, and mailbox auditing is on for the organisation.');
    expect(finding.evidence).toMatchObject({ unifiedAuditLogIngestionEnabled: true, mailboxAuditDisabled: false, affectedCount: 0 });
  });

  it('fails when unified audit log ingestion is off, saying the Exchange reading is reliable', () => {
    const data = exchangeBaselineData();
    data['m365.auditConfig'].adminAuditLogConfig.UnifiedAuditLogIngestionEnabled = false;
    const finding = runControl(auditLogging, data);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('Microsoft 365 is not recording activity: the unified audit log is off.');
    expect(finding.evidence.affected).toEqual([
      {
        type: 'setting',
        id: 'UnifiedAuditLogIngestionEnabled',
        name: 'Unified audit log',
        detail: 'off (read through Exchange Online, where the value is reliable; Security & Compliance always reports false)',
      },
    ]);
  });

  it('fails when mailbox auditing is disabled for the organisation', () => {
    const data = exchangeBaselineData();
    data['m365.auditConfig'].organizationConfig.AuditDisabled = true;
    const finding = runControl(auditLogging, data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected.map((a) => a.id)).toEqual(['AuditDisabled']);
    expect(finding.summary).toBe('Microsoft 365 is not recording activity: mailbox auditing is turned off for the organisation.');
  });

  it('names both when both are off', () => {
    const data = exchangeBaselineData();
    data['m365.auditConfig'].adminAuditLogConfig.UnifiedAuditLogIngestionEnabled = false;
    data['m365.auditConfig'].organizationConfig.AuditDisabled = true;
    const finding = runControl(auditLogging, data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affectedCount).toBe(2);
  });

  it('a known fail is reported even when the other setting is missing', () => {
    const data = exchangeBaselineData();
    data['m365.auditConfig'].organizationConfig.AuditDisabled = true;
    data['m365.auditConfig'].adminAuditLogConfig.UnifiedAuditLogIngestionEnabled = null;
    expect(runControl(auditLogging, data).status).toBe('fail');
  });

  it('is not assessed when Exchange does not report the ingestion setting', () => {
    const data = exchangeBaselineData();
    delete data['m365.auditConfig'].adminAuditLogConfig.UnifiedAuditLogIngestionEnabled;
    const finding = runControl(auditLogging, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason).toEqual({
      kind: 'unsupported',
      detail: 'Exchange Online returned no value for UnifiedAuditLogIngestionEnabled (Get-AdminAuditLogConfig)',
    });
  });

  it('is not assessed when the audit configuration could not be read', () => {
    const data = exchangeBaselineData();
    data['m365.auditConfig'] = failed({ kind: 'permission', detail: 'Exchange returned 403', needs: ['Exchange.ManageAsApp', 'Global Reader'] });
    const finding = runControl(auditLogging, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['Exchange.ManageAsApp', 'Global Reader']);
  });
});
