import { defineControl, evidenceOf } from '../define.js';
import { isoDay } from '../lib/dates.js';
import { ago, answerDay, attestationRef, withinAYear } from './lib/answers.js';

/**
 * Backups of patient information were restored in a test within the last year: a backup that was
 * never restored is a hope, not a plan. It rests on `attestations.backups` ({ vendor,
 * lastRestoreTest }): a test within 12 months passes; older or none warns; no backup on record is
 * `manual`.
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
    remediation:
      'Make sure email, files and the EHR are backed up somewhere a ransomware attack on the practice cannot reach (Microsoft 365 Backup, or a third-party backup service for Microsoft 365 or Google Workspace, with its own login), then test it: restore a mailbox, a folder and a patient record to a safe place and check they open. Record the backup service and the date of the test as the backups attestation (vendor, lastRestoreTest, by), and test again every year.',
  },
  evaluate: ({ options }) => {
    const answer = options.attestations.backups;
    if (!answer) {
      return {
        status: 'manual',
        summary: 'No backup service or restore test is on record: record which service backs up your data and when a restore was last tested (backups attestation).',
        evidence: evidenceOf([], { attestation: 'not given' }),
      };
    }
    const evidence = evidenceOf([], { backups: { ...answer } });
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
