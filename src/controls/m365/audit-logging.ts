import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';

/**
 * Activity in Microsoft 365 must be recorded: unified audit log ingestion on
 * (`Get-AdminAuditLogConfig`: `UnifiedAuditLogIngestionEnabled`) and mailbox auditing not turned
 * off for the organisation (`Get-OrganizationConfig`: `AuditDisabled` false). The ingestion flag
 * is read through the Exchange Online endpoint on purpose: through Security & Compliance the same
 * cmdlet always reports false, so only an Exchange reading is evidence either way.
 * https://learn.microsoft.com/purview/audit-log-enable-disable
 */
export const auditLogging = defineControl({
  meta: {
    id: 'm365.audit.logging',
    provider: 'm365',
    title: 'Unified audit logging and mailbox auditing are on',
    severity: 'high',
    hipaa: ['164.312(b)'],
    references: [
      'https://learn.microsoft.com/purview/audit-log-enable-disable',
      'https://learn.microsoft.com/purview/audit-mailboxes',
      'https://learn.microsoft.com/powershell/module/exchange/get-adminauditlogconfig',
      'https://learn.microsoft.com/powershell/module/exchange/get-organizationconfig',
      'CIS M365 3.1.1',
      'CIS M365 6.1.1',
      'MS.EXO.17.1v1',
    ],
    datasets: ['m365.auditConfig'],
    remediation:
      'To turn on the audit log, open the Microsoft Purview portal (purview.microsoft.com) > Solutions > Audit and select "Start recording user and admin activity" (or, in Exchange Online PowerShell, run Set-AdminAuditLogConfig -UnifiedAuditLogIngestionEnabled $true). To turn mailbox auditing back on for the organisation, run Set-OrganizationConfig -AuditDisabled $false in Exchange Online PowerShell. Both take up to an hour to apply and do not recover activity from before.',
  },
  evaluate: ({ data }) => {
    const { adminAuditLogConfig, organizationConfig } = data['m365.auditConfig'];
    const ingestion = adminAuditLogConfig.UnifiedAuditLogIngestionEnabled;
    const auditDisabled = organizationConfig.AuditDisabled;

    const affected: AffectedItem[] = [];
    if (ingestion === false) {
      affected.push({
        type: 'setting',
        id: 'UnifiedAuditLogIngestionEnabled',
        name: 'Unified audit log',
        detail: 'off (read through Exchange Online, where the value is reliable; Security & Compliance always reports false)',
      });
    }
    if (auditDisabled === true) {
      affected.push({ type: 'setting', id: 'AuditDisabled', name: 'Mailbox auditing', detail: 'turned off for the whole organisation (AuditDisabled: true)' });
    }
    const evidence = evidenceOf(affected, {
      total: 2,
      unifiedAuditLogIngestionEnabled: ingestion ?? null,
      mailboxAuditDisabled: auditDisabled ?? null,
      readThrough: 'Exchange Online admin endpoint',
    });

    if (affected.length > 0) {
      const what = [
        ingestion === false ? 'the unified audit log is off' : '',
        auditDisabled === true ? 'mailbox auditing is turned off for the organisation' : '',
      ].filter(Boolean);
      return {
        status: 'fail',
        summary: `Microsoft 365 is not recording activity: ${what.join(' and ')}.`,
        evidence,
      };
    }
    const missing = [
      ingestion === null || ingestion === undefined ? 'UnifiedAuditLogIngestionEnabled (Get-AdminAuditLogConfig)' : '',
      auditDisabled === null || auditDisabled === undefined ? 'AuditDisabled (Get-OrganizationConfig)' : '',
    ].filter(Boolean);
    if (missing.length > 0) {
      return {
        status: 'not_assessed',
        summary: `Audit logging could not be confirmed: Exchange Online did not report ${missing.join(' or ')}.`,
        evidence,
        reason: { kind: 'unsupported', detail: `Exchange Online returned no value for ${missing.join(' and ')}` },
      };
    }
    return {
      status: 'pass',
      summary: 'The unified audit log is recording user and admin activity, and mailbox auditing is on for the organisation.',
      evidence,
    };
  },
});
