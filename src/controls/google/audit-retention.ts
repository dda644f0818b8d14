import { defineControl, evidenceOf } from '../define.js';
import { GOOGLE_AUDIT_RETENTION_DAYS } from '../../datasets/google-constants.js';
import { daysBetween } from '../lib/dates.js';
import { attestationRef, attestedBy } from '../lib/attestations.js';
import { count } from '../lib/text.js';

const RETENTION_SOURCES = [
  'https://support.google.com/a/answer/7061566',
  'https://developers.google.com/admin-sdk/reports/v1/guides/manage-audit-login',
] as const;

/**
 * Audit records should outlive Google's own 180 days. HIPAA asks for activity to be recorded and
 * examined (164.312(b)) but sets no retention period for logs; its six years (164.316(b)(2)(i)) are
 * for documentation, which is why this warns rather than fails (as m365.audit.retention does). No
 * API shows an export of the Workspace logs (Cloud Logging, BigQuery, a SIEM or an archive), so this
 * warns with Google's figure unless `attestations.auditLogArchive` names the export.
 */
export const googleAuditRetention = defineControl({
  meta: {
    id: 'google.audit.retention',
    provider: 'google-workspace',
    title: "Audit logs are kept beyond Google's 180 days",
    severity: 'medium',
    hipaa: ['164.312(b)', '164.316(b)(2)(i)'],
    references: [
      ...RETENTION_SOURCES,
      'https://support.google.com/a/answer/9079364',
      'https://support.google.com/a/answer/9079365',
      'https://support.google.com/a/answer/9320190',
      'https://cloud.google.com/logging/docs/audit/configure-gsuite-audit-logs',
    ],
    datasets: ['google.loginActivity'],
    remediation:
      'Keep a copy of the Workspace audit logs beyond Google\'s 180 days (six years matches how long HIPAA documentation is kept). On every edition: a super administrator shares the logs with Google Cloud in the Admin console under Account > Account settings > Legal and compliance > Sharing options (Enabled, Save); the admin, login and Groups audit logs then reach Cloud Logging in your Google Cloud organisation, where a Log Router sink can route them to a log bucket whose retention you set (up to 3,650 days) or to Cloud Storage. On Enterprise Standard or Plus, Enterprise Essentials Plus, Frontline Standard or Education Standard/Plus editions you can instead turn on the BigQuery export (Reporting > BigQuery Export) into a project you keep; Google does not delete the exported tables. Or have your IT provider or a log-collection service (a SIEM) pull the login and admin audit events through the Reports API at least monthly, well within the 180 days, and store them where they cannot be altered. Then record where the logs go with the auditLogArchive attestation.',
  },
  evaluate: ({ data, options }) => {
    const activity = data['google.loginActivity'];
    const archiveAnswer = options.attestations.auditLogArchive;
    const archive = archiveAnswer?.location.trim();
    const requiredYears = options.thresholds.auditRetentionYears;

    const oldest = activity.oldestEventTime ?? oldestOf(activity.events.map((e) => e.time));
    const oldestAgeDays = oldest ? daysBetween(new Date(oldest), options.now) : undefined;
    const evidence = evidenceOf([], {
      googleRetentionDays: GOOGLE_AUDIT_RETENTION_DAYS,
      googleRetentionSources: RETENTION_SOURCES,
      requiredRetentionYears: requiredYears,
      oldestLoginEventFound: oldest ?? null,
      ...(oldestAgeDays !== undefined ? { oldestLoginEventAgeDays: oldestAgeDays } : {}),
      loginEventsReadSince: activity.since,
      loginEventsRead: activity.events.length,
      auditLogArchive: archiveAnswer ? { ...archiveAnswer } : 'not attested',
      note: 'The oldest event found reflects how far back tenant-audit read the log, at most Google\'s 180 days; no API shows whether the logs are exported.',
    });
    const oldestText = oldest ? ` The oldest login event read is from ${oldest.slice(0, 10)}.` : ' No login event was read.';

    if (archive) {
      return {
        status: 'pass',
        summary: `Google keeps audit events for ${GOOGLE_AUDIT_RETENTION_DAYS} days; the practice attests they are exported to "${archive}"${attestedBy(archiveAnswer)} for longer retention (no API can confirm the export).${oldestText}`,
        evidence,
        attestation: attestationRef('auditLogArchive', archiveAnswer!),
      };
    }
    return {
      status: 'warn',
      summary:
        `Google keeps login and admin audit events for only ${GOOGLE_AUDIT_RETENTION_DAYS} days and no export is attested, short of the ${count(requiredYears, 'year')} asked for (HIPAA keeps documentation six years, 164.316(b)(2)(i)). ` +
        `HIPAA sets no explicit retention period for logs, but records needed for an investigation or a documentation request will be gone; keep them longer or export them to an archive (Cloud Logging works on every edition).${oldestText}`,
      evidence,
    };
  },
});

/** The earliest ISO time of a list, if any. */
function oldestOf(times: readonly string[]): string | undefined {
  let oldest: string | undefined;
  for (const t of times) if (!oldest || Date.parse(t) < Date.parse(oldest)) oldest = t;
  return oldest;
}
