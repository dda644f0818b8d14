import { defineControl, evidenceOf } from '../define.js';
import { attestationRef, attestedBy } from '../lib/attestations.js';
import { daysBetween } from '../lib/dates.js';

/** How old the last restore test may be: HIPAA asks for "periodic testing"; tenant-audit takes a year. */
export const RESTORE_TEST_MAX_AGE_DAYS = 365;

/**
 * Why Google Workspace alone is no backup, in Google's words:
 * - Vault "is an information governance and eDiscovery tool" that retains, holds, searches and
 *   exports; "Vault isn't a data archive" (https://support.google.com/vault/answer/2462365), and
 *   retained data "can't [be] directly restore[d] ... to the user's Gmail" (https://support.google.com/a/answer/112445).
 * - Admins can restore a user's Drive or Gmail data only "for up to 25 days after the data is removed
 *   from the user's trash" (https://support.google.com/a/answer/112445).
 */
const WHY_NO_NATIVE_BACKUP =
  "Google Workspace keeps no backup you can restore from: Vault retains and exports mail and files but cannot put them back, and deleted Drive or Gmail data can be restored from the Admin console for only 25 days.";

/**
 * A backup of the practice's Google Workspace data exists and was restored in a test within the last
 * year. No Google API can show a third-party backup, so this rests on `attestations.backups`
 * (`vendor`, `lastRestoreTest`, `by`): `manual` without it, `pass` with a restore test in the last
 * year, `warn` naming the vendor when the test is older, missing or dated in the future. It reads
 * no service data.
 */
export const googleBackupConfigured = defineControl({
  meta: {
    id: 'google.backup.configured',
    provider: 'google-workspace',
    title: 'Google Workspace data is backed up and a restore was tested in the last year',
    severity: 'high',
    hipaa: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(D)'],
    references: [
      'https://support.google.com/vault/answer/2462365',
      'https://support.google.com/a/answer/112445',
      'https://workspace.google.com/learn-more/security/security-whitepaper/data-recovery/',
    ],
    datasets: [],
    remediation:
      'Subscribe to a backup service for Google Workspace that copies Gmail, Drive (including shared drives), Calendar and Contacts outside Google and can restore them into the accounts, and sign a Business Associate Agreement with its vendor. At least once a year restore a sample mailbox and folder to prove it works, write down the date and who did it, and record both with the backups attestation (vendor, lastRestoreTest, by).',
  },
  evaluate: ({ options }) => {
    const answer = options.attestations.backups;
    const facts = {
      nativeBackup: 'none: Vault retains and exports but does not restore; Admin console restores cover 25 days after deletion',
      restoreTestMaxAgeDays: RESTORE_TEST_MAX_AGE_DAYS,
      backupsAttestation: answer ? { ...answer } : 'not given',
    };
    if (!answer) {
      return {
        status: 'manual',
        summary: `${WHY_NO_NATIVE_BACKUP} No API shows a third-party backup: name the backup service and its last restore test with the backups attestation.`,
        evidence: evidenceOf([], facts),
      };
    }
    const who = attestedBy(answer);
    const vendor = answer.vendor.trim();
    // Every verdict from here on rests on the answer: no Google API shows a third-party backup.
    const attestation = attestationRef('backups', { by: answer.by, date: answer.lastRestoreTest });
    if (!answer.lastRestoreTest) {
      return {
        status: 'warn',
        summary: `${vendor} backs up Google Workspace${who}, but no restore test is recorded; a backup that was never restored may not work.`,
        evidence: evidenceOf([], facts),
        attestation,
      };
    }
    const day = answer.lastRestoreTest.slice(0, 10);
    const age = daysBetween(new Date(answer.lastRestoreTest), options.now);
    const ageFacts = { ...facts, lastRestoreTestAgeDays: age };
    if (age < 0) {
      return {
        status: 'warn',
        summary: `${vendor} backs up Google Workspace${who}, but the last restore test is dated ${day}, in the future, so it cannot be counted.`,
        evidence: evidenceOf([], ageFacts),
        attestation,
      };
    }
    if (age > RESTORE_TEST_MAX_AGE_DAYS) {
      return {
        status: 'warn',
        summary: `${vendor} backs up Google Workspace${who}, but the last restore test was on ${day}, ${age} days ago: more than a year.`,
        evidence: evidenceOf([], ageFacts),
        attestation,
      };
    }
    return {
      status: 'pass',
      summary: `${vendor} backs up Google Workspace and a restore was tested on ${day}, ${age} days ago${who}; no API can confirm this, so the verdict rests on that attestation.`,
      evidence: evidenceOf([], ageFacts),
      attestation,
    };
  },
});
