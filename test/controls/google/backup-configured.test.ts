import { describe, expect, it } from 'vitest';
import { googleBackupConfigured, RESTORE_TEST_MAX_AGE_DAYS } from '../../../src/controls/google/backup-configured.js';
import { googleBaselineData, googleBaselineOptions, NOW } from '../../fixtures/google-baseline.js';
import { runControl } from '../../fixtures/run-control.js';

type Backups = NonNullable<NonNullable<Parameters<typeof googleBaselineOptions>[0]>['attestations']>['backups'];
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString().slice(0, 10);
const run = (backups?: Backups, data: Partial<ReturnType<typeof googleBaselineData>> = googleBaselineData()) =>
  runControl(googleBackupConfigured, data, googleBaselineOptions(backups ? { attestations: { backups } } : {}));

describe('google.backup.configured', () => {
  it('reads no service data', () => {
    expect(googleBackupConfigured.meta.datasets).toEqual([]);
    expect(run(undefined, {}).status).toBe('manual');
  });

  it('is manual without an attestation, saying Google has no backup of its own', () => {
    const finding = run();
    expect(finding.status).toBe('manual');
    expect(finding.summary).toContain('Vault retains and exports mail and files but cannot put them back');
    expect(finding.summary).toContain('25 days');
    expect(finding.summary).toContain('backups attestation');
    expect(finding.evidence.backupsAttestation).toBe('not given');
  });

  it('passes with a vendor and a restore test in the last year, saying whose word it rests on', () => {
    const finding = run({ vendor: 'Backupify', lastRestoreTest: daysAgo(100), by: 'Dana Whitfield, practice manager' });
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe(
      `Backupify backs up Google Workspace and a restore was tested on ${daysAgo(100)}, 100 days ago (attested by Dana Whitfield, practice manager); no API can confirm this, so the verdict rests on that attestation.`,
    );
    expect(finding.evidence.lastRestoreTestAgeDays).toBe(100);
    expect(finding.attestation).toEqual({ name: 'backups', by: 'Dana Whitfield, practice manager', date: daysAgo(100) });
  });

  it('passes a restore test exactly a year old', () => {
    expect(run({ vendor: 'Backupify', lastRestoreTest: daysAgo(RESTORE_TEST_MAX_AGE_DAYS) }).status).toBe('pass');
  });

  it('warns, naming the vendor, when the last restore test is more than a year old', () => {
    const finding = run({ vendor: 'Spanning Backup', lastRestoreTest: daysAgo(400), by: 'Harbour IT' });
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe(
      `Spanning Backup backs up Google Workspace (attested by Harbour IT), but the last restore test was on ${daysAgo(400)}, 400 days ago: more than a year.`,
    );
  });

  it('warns, naming the vendor, when no restore test is recorded', () => {
    const finding = run({ vendor: 'Spanning Backup' });
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe('Spanning Backup backs up Google Workspace (attested), but no restore test is recorded; a backup that was never restored may not work.');
  });

  it('does not count a restore test dated in the future', () => {
    const tomorrow = new Date(NOW.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
    const finding = run({ vendor: 'Backupify', lastRestoreTest: tomorrow });
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain('in the future');
  });
});
