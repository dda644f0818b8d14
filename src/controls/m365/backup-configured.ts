import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { BackupDataset, GraphUser } from '../../datasets/m365.js';
import { attestationRef, attestedBy } from '../lib/attestations.js';
import { DAY_MS, isoDay } from '../lib/dates.js';
import { count, everyOne } from '../lib/text.js';

/** The three workloads Microsoft 365 Backup protects, by the `@odata.type` of their policies. */
const WORKLOADS = [
  { name: 'Exchange mailboxes', type: 'microsoft.graph.exchangeprotectionpolicy' },
  { name: 'OneDrive', type: 'microsoft.graph.onedriveforbusinessprotectionpolicy' },
  { name: 'SharePoint sites', type: 'microsoft.graph.sharepointprotectionpolicy' },
] as const;

/** Policy states in which backups run (`activeWithErrors` runs, with failures to look at). */
const RUNNING = ['active', 'activeWithErrors'];
/** A restore test older than this is not "periodic" any more. */
const RESTORE_TEST_MAX_AGE_DAYS = 365;

const RESTORE_POINTS_NOTE =
  'The latest restore point was not read: Graph lists restore points only for one protection unit at a time (GET /solutions/backupRestore/restorePoints requires a protectionUnit filter), and tenant-audit makes no per-mailbox requests.';

const typeOf = (value: string | null | undefined) => (value ?? '').replace(/^#/, '').toLowerCase();

/** Enabled members holding a licence: the staff whose mailboxes and OneDrives hold practice data. */
function staffOf(users: readonly GraphUser[]): GraphUser[] {
  return users.filter((user) => user.accountEnabled === true && user.userType !== 'Guest' && user.assignedLicenses.length > 0);
}

function uncovered(staff: readonly GraphUser[], units: BackupDataset['mailboxProtectionUnits']): GraphUser[] {
  const protectedIds = new Set(units.filter((unit) => unit.status === 'protected' && unit.directoryObjectId).map((unit) => unit.directoryObjectId!.toLowerCase()));
  return staff.filter((user) => !protectedIds.has(user.id.toLowerCase()));
}

/**
 * Microsoft 365 Backup is enabled and its protection policies cover Exchange mailboxes, OneDrive
 * and SharePoint, every member of staff's mailbox and OneDrive is protected, and a restore has been
 * completed in the last year (restore testing). Without Microsoft 365 Backup, a third-party backup
 * attested in `attestations.backups` makes the finding `manual`, resting on that answer.
 */
export const backupConfigured = defineControl({
  meta: {
    id: 'm365.backup.configured',
    provider: 'm365',
    title: 'Mail, OneDrive and SharePoint are backed up, and restores are tested',
    severity: 'high',
    hipaa: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)', '164.308(a)(7)(ii)(D)'],
    references: [
      'https://learn.microsoft.com/microsoft-365/backup/backup-overview',
      'https://learn.microsoft.com/graph/api/resources/backuprestoreroot?view=graph-rest-1.0',
      'https://learn.microsoft.com/graph/api/backuprestoreroot-list-protectionpolicies?view=graph-rest-1.0',
      'https://learn.microsoft.com/graph/api/backuprestoreroot-list-restoresessions?view=graph-rest-1.0',
      'https://learn.microsoft.com/graph/api/backuprestoreroot-list-restorepoints?view=graph-rest-1.0',
    ],
    datasets: ['m365.backup', 'm365.users'],
    remediation:
      'In the Microsoft 365 admin center (admin.microsoft.com) go to Settings > Microsoft 365 Backup, connect a billing profile (an Azure subscription) and turn the service on; then create backup policies for Exchange, OneDrive and SharePoint that include every member of staff (a dynamic rule picks up new people). Restore one mailbox or file from a backup at least once a year and keep a note of it. If you use another backup service instead, record it under attestations.backups with the date of your last restore test.',
  },
  evaluate: ({ data, options }) => {
    const backup = data['m365.backup'];
    const users = data['m365.users'].users;
    const attestation = options.attestations.backups;
    const { serviceStatus } = backup;
    const staff = staffOf(users);
    const baseEvidence = {
      serviceStatus: serviceStatus.status,
      ...(serviceStatus.disableReason ? { disableReason: serviceStatus.disableReason } : {}),
      latestRestorePoint: RESTORE_POINTS_NOTE,
      ...(attestation ? { attestedBackup: attestation } : {}),
    };

    if (serviceStatus.status === 'disabled' || !['enabled', 'protectionChangeLocked', 'restoreLocked'].includes(serviceStatus.status)) {
      if (attestation) {
        const tested = attestation.lastRestoreTest ? ` Its last restore test was on ${attestation.lastRestoreTest.slice(0, 10)}.` : ' No restore test date was given.';
        return {
          status: 'manual',
          summary: `Microsoft 365 Backup is not enabled; backups are attested to be made by ${attestation.vendor}${attestedBy(attestation.by ? { by: attestation.by } : {})}, which tenant-audit cannot check.${tested}`,
          evidence: evidenceOf([], baseEvidence),
          attestation: attestationRef('backups', { by: attestation.by, date: attestation.lastRestoreTest }),
        };
      }
      return {
        status: 'fail',
        summary: `Microsoft 365 Backup is not enabled (its status is ${serviceStatus.status}), and no other backup service is attested, so nothing shows that mail and files can be restored.`,
        evidence: evidenceOf([], baseEvidence),
      };
    }

    const policies = backup.protectionPolicies.map((policy) => ({ type: typeOf(policy['@odata.type']), name: policy.displayName ?? policy.id, status: policy.status ?? 'unknown', isEnabled: policy.isEnabled }));
    const running = (type: string) => policies.filter((policy) => policy.type === type && RUNNING.includes(policy.status) && policy.isEnabled !== false);
    const missing = WORKLOADS.filter((workload) => running(workload.type).length === 0);
    const withErrors = policies.filter((policy) => policy.status === 'activeWithErrors');
    // A user whose mail Graph reports as null has no mailbox to back up.
    const mailboxGaps = uncovered(staff.filter((user) => user.mail !== null), backup.mailboxProtectionUnits);
    const driveGaps = uncovered(staff, backup.driveProtectionUnits);
    const sitesProtected = backup.siteProtectionUnits.filter((unit) => unit.status === 'protected').length;

    const sessions = backup.restoreSessions.available ? backup.restoreSessions.sessions : [];
    const completed = sessions
      .filter((session) => session.status === 'completed' || session.status === 'completedWithError')
      .map((session) => ({ session, at: session.completedDateTime ?? session.createdDateTime ?? null }))
      .sort((a, b) => Date.parse(b.at ?? '') - Date.parse(a.at ?? ''));
    const latest = completed[0];
    const latestAt = latest?.at ? new Date(latest.at) : undefined;
    const latestFresh = latestAt !== undefined && !Number.isNaN(latestAt.getTime()) && options.now.getTime() - latestAt.getTime() <= RESTORE_TEST_MAX_AGE_DAYS * DAY_MS;

    const userItem = (user: GraphUser, what: string): AffectedItem => ({ type: 'user', id: user.id, name: user.userPrincipalName, detail: `${what} is not protected by Microsoft 365 Backup` });
    const affected: AffectedItem[] = [
      ...missing.map((workload) => ({ type: 'workload', id: workload.type, name: workload.name, detail: 'no active backup policy' })),
      ...withErrors.map((policy) => ({ type: 'policy', id: policy.name, name: policy.name, detail: 'active with errors' })),
      ...mailboxGaps.map((user) => userItem(user, 'mailbox')),
      ...driveGaps.map((user) => userItem(user, 'OneDrive')),
    ];
    const evidence = evidenceOf(affected, {
      ...baseEvidence,
      total: staff.length,
      policies: policies.map(({ type, name, status }) => ({ type, name, status })),
      staff: staff.length,
      mailboxesProtected: staff.filter((user) => user.mail !== null).length - mailboxGaps.length,
      oneDrivesProtected: staff.length - driveGaps.length,
      sitesProtected,
      restoreSessions: backup.restoreSessions.available
        ? { read: true, completed: completed.length, ...(latest ? { latestCompleted: latest.at, latestType: latest.session['@odata.type'] ?? null } : {}) }
        : { read: false, reason: backup.restoreSessions.reason.detail },
      cloud: 'Microsoft 365 Backup and its Graph API exist in the global cloud only (not GCC High, DoD or China).',
    });

    if (serviceStatus.status === 'restoreLocked') {
      return { status: 'fail', summary: `Microsoft 365 Backup is locked (${serviceStatus.disableReason ?? 'no reason given'}): no restore is allowed, so backed-up data cannot be recovered.`, evidence };
    }
    if (missing.length > 0) {
      return {
        status: 'fail',
        summary: `Microsoft 365 Backup is enabled but has no active backup policy for ${missing.map((workload) => workload.name).join(missing.length === 2 ? ' or ' : ', ')}.`,
        evidence,
      };
    }
    const gaps: string[] = [];
    if (serviceStatus.status === 'protectionChangeLocked') gaps.push(`the service is locked against protection changes (${serviceStatus.disableReason ?? 'no reason given'})`);
    if (mailboxGaps.length) gaps.push(`${mailboxGaps.length} of ${staff.length} staff mailboxes ${mailboxGaps.length === 1 ? 'is' : 'are'} not protected`);
    if (driveGaps.length) gaps.push(`${driveGaps.length} of ${staff.length} staff OneDrives ${driveGaps.length === 1 ? 'is' : 'are'} not protected`);
    if (withErrors.length) gaps.push(`${count(withErrors.length, 'policy', 'policies')} ${withErrors.length === 1 ? 'runs' : 'run'} with errors`);
    if (!backup.restoreSessions.available) gaps.push(`restore testing could not be checked (${backup.restoreSessions.reason.needs?.join(', ') ?? backup.restoreSessions.reason.detail} is needed)`);
    else if (!latest) gaps.push('no restore from it has ever been completed, so restores are untested');
    else if (!latestFresh) gaps.push(`the last completed restore was on ${latest.at ? latest.at.slice(0, 10) : 'an unknown date'}, more than a year ago`);
    if (gaps.length > 0) {
      return { status: 'warn', summary: `Microsoft 365 Backup covers Exchange, OneDrive and SharePoint, but ${gaps.join('; ')}.`, evidence };
    }
    return {
      status: 'pass',
      summary: `Microsoft 365 Backup protects the mailbox and OneDrive of ${everyOne(staff.length, 'member of staff', 'members of staff')} and ${count(sitesProtected, 'SharePoint site')}, and a restore was completed on ${isoDay(latestAt!)}.`,
      evidence,
    };
  },
});
