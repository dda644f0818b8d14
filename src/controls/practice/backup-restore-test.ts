import type { BackupDataset } from '../../datasets/m365.js';
import { defineControl, evidenceOf } from '../define.js';
import { isoDay } from '../lib/dates.js';
import { ago, answerDay, withinAYear } from './lib/answers.js';
import { attestationRef } from '../lib/attestations.js';

/** The latest restore Microsoft 365 Backup completed, if its restore sessions could be read. */
function latestM365Restore(backup: BackupDataset | undefined): Date | undefined {
  if (!backup?.restoreSessions.available) return undefined;
  const times = backup.restoreSessions.sessions
    .filter((session) => session.status === 'completed' || session.status === 'completedWithError')
    .map((session) => answerDay(session.completedDateTime ?? session.createdDateTime ?? ''))
    .filter((day): day is Date => day !== undefined);
  return times.sort((a, b) => b.getTime() - a.getTime())[0];
}

/**
 * Backups of patient information were restored in a test within the last year: a backup that was
 * never restored is a hope, not a plan. It rests on `attestations.backups` ({ vendor,
 * lastRestoreTest }): a test within 12 months passes; older or none warns; no backup on record is
 * `manual`. On Microsoft 365, a restore that Microsoft 365 Backup completed within 12 months is
 * such a test too, with or without the attestation.
 */
export const practiceBackupRestoreTest = defineControl({
  meta: {
    id: 'practice.backup-restore-test',
    provider: 'any',
    title: 'Backups were restored in a test within the last year',
    severity: 'high',
    hipaa: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(D)'],
    references: [
      'https://www.hhs.gov/sites/default/files/cybersecurity-newsletter-april-2022.pdf',
      'https://www.cisa.gov/stopransomware/ransomware-guide',
    ],
    datasets: [],
    // Microsoft 365 Backup's restore sessions show a restore test without anyone's answer.
    optionalDatasets: ['m365.backup'],
    remediation:
      'Make sure email, files and the EHR are backed up somewhere a ransomware attack on the practice cannot reach (Microsoft 365 Backup, or a third-party backup service for Microsoft 365 or Google Workspace, with its own login), then test it: restore a mailbox, a folder and a patient record to a safe place and check they open. Record the backup service and the date of the test as the backups attestation (vendor, lastRestoreTest, by), and test again every year.',
  },
  evaluate: ({ data, options }) => {
    const answer = options.attestations.backups;
    const serviceRestore = latestM365Restore(data['m365.backup']);
    const serviceFacts = serviceRestore ? { microsoft365BackupLatestRestore: isoDay(serviceRestore) } : {};
    const answerRestore = answer?.lastRestoreTest ? answerDay(answer.lastRestoreTest) : undefined;
    const answerCurrent = answerRestore !== undefined && withinAYear(answerRestore, options.now);
    if (serviceRestore && withinAYear(serviceRestore, options.now) && !answerCurrent) {
      return {
        status: 'pass',
        summary: `Microsoft 365 Backup completed a restore on ${isoDay(serviceRestore)} (${ago(serviceRestore, options.now)}), within the last year.`,
        evidence: evidenceOf([], { ...serviceFacts, ...(answer ? { backups: { ...answer } } : {}) }),
      };
    }
    if (!answer) {
      return {
        status: 'manual',
        summary: 'No backup service or restore test is on record: record which service backs up your data and when a restore was last tested (backups attestation).',
        evidence: evidenceOf([], { attestation: 'not given', ...serviceFacts }),
      };
    }
    const evidence = evidenceOf([], { backups: { ...answer }, ...serviceFacts });
    const attestation = attestationRef('backups', { ...(answer.by ? { by: answer.by } : {}), ...(answer.lastRestoreTest ? { date: answer.lastRestoreTest } : {}) });
    if (!answer.lastRestoreTest) {
      return {
        status: 'warn',
        summary: `Backups are made by ${answer.vendor}, but no restore test is on record: a backup never restored may not work when it is needed.`,
        evidence,
        attestation,
      };
    }
    const day = answerDay(answer.lastRestoreTest);
    if (!day || day.getTime() > options.now.getTime()) {
      return { status: 'warn', summary: `The restore test date on record (${answer.lastRestoreTest}) is ${day ? 'in the future' : 'not a date'}.`, evidence, attestation };
    }
    if (withinAYear(day, options.now)) {
      return {
        status: 'pass',
        summary: `Backups by ${answer.vendor} were last restored in a test on ${isoDay(day)} (${ago(day, options.now)}).`,
        evidence,
        attestation,
      };
    }
    return {
      status: 'warn',
      summary: `Backups by ${answer.vendor} were last restored in a test on ${isoDay(day)} (${ago(day, options.now)}), more than a year ago.`,
      evidence,
      attestation,
    };
  },
});
