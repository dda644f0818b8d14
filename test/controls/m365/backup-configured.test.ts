import { describe, expect, it } from 'vitest';
import { backupConfigured } from '../../../src/controls/m365/backup-configured.js';
import { baselineData, baselineOptions, ids, NOW, policyIds } from '../../fixtures/m365-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

function disabled() {
  const data = baselineData();
  data['m365.backup'] = {
    serviceStatus: { status: 'disabled', disableReason: 'none' },
    protectionPolicies: [],
    mailboxProtectionUnits: [],
    driveProtectionUnits: [],
    siteProtectionUnits: [],
    restoreSessions: { available: true, sessions: [] },
  };
  return data;
}

describe('m365.backup.configured', () => {
  it('passes when Backup protects every staff mailbox and OneDrive, SharePoint, and a restore was completed this year', () => {
    const finding = runControl(backupConfigured, baselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe('Microsoft 365 Backup protects the mailbox and OneDrive of all 5 members of staff and 1 SharePoint site, and a restore was completed on 2026-10-21.');
    expect(finding.evidence).toMatchObject({
      serviceStatus: 'enabled',
      staff: 5,
      mailboxesProtected: 5,
      oneDrivesProtected: 5,
      sitesProtected: 1,
      restoreSessions: { read: true, completed: 1 },
    });
    expect(finding.evidence.latestRestorePoint).toContain('only for one protection unit at a time');
    expect(finding.evidence.cloud).toContain('GCC High');
  });

  it('fails when Backup is not enabled and no other backup is attested', () => {
    const finding = runControl(backupConfigured, disabled());
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('Microsoft 365 Backup is not enabled (its status is disabled), and no other backup service is attested, so nothing shows that mail and files can be restored.');
  });

  it('is manual when a third-party backup is attested, saying the verdict rests on who attested it', () => {
    const options = baselineOptions({ attestations: { backups: { vendor: 'Acme Cloud Backup', lastRestoreTest: '2026-09-30', by: 'Sam Ortiz, practice manager' } } });
    const finding = runControl(backupConfigured, disabled(), options);
    expect(finding.status).toBe('manual');
    expect(finding.summary).toBe(
      'Microsoft 365 Backup is not enabled; backups are attested to be made by Acme Cloud Backup (attested by Sam Ortiz, practice manager), which tenant-audit cannot check. Its last restore test was on 2026-09-30.',
    );
    expect(finding.evidence.attestedBackup).toMatchObject({ vendor: 'Acme Cloud Backup' });
    expect(finding.attestation).toEqual({ name: 'backups', by: 'Sam Ortiz, practice manager', date: '2026-09-30' });
  });

  it('an attestation without a restore test date says so', () => {
    const finding = runControl(backupConfigured, disabled(), baselineOptions({ attestations: { backups: { vendor: 'Acme Cloud Backup' } } }));
    expect(finding.status).toBe('manual');
    expect(finding.summary).toContain('No restore test date was given.');
  });

  it('a workload without an active policy fails, naming it', () => {
    const data = baselineData();
    data['m365.backup'].protectionPolicies = data['m365.backup'].protectionPolicies.filter((policy) => policy.id !== policyIds.oneDriveBackup);
    const finding = runControl(backupConfigured, data);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('Microsoft 365 Backup is enabled but has no active backup policy for OneDrive.');
  });

  it('an inactive policy does not count', () => {
    const data = baselineData();
    data['m365.backup'].protectionPolicies.find((policy) => policy.id === policyIds.sharePointBackup)!.status = 'inactive';
    const finding = runControl(backupConfigured, data);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toContain('SharePoint sites');
  });

  it('a member of staff whose mailbox is not protected warns, naming them', () => {
    const data = baselineData();
    data['m365.backup'].mailboxProtectionUnits = data['m365.backup'].mailboxProtectionUnits.filter((unit) => unit.directoryObjectId !== ids.nurseKim);
    const finding = runControl(backupConfigured, data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe('Microsoft 365 Backup covers Exchange, OneDrive and SharePoint, but 1 of 5 staff mailboxes is not protected.');
    expect(finding.evidence.affected).toEqual([{ type: 'user', id: ids.nurseKim, name: 'kim.nguyen@contoso-clinic.example', detail: 'mailbox is not protected by Microsoft 365 Backup' }]);
  });

  it('a member of staff without a mailbox (mail null) is not expected in the Exchange policy', () => {
    const data = baselineData();
    data['m365.backup'].mailboxProtectionUnits = data['m365.backup'].mailboxProtectionUnits.filter((unit) => unit.directoryObjectId !== ids.nurseKim);
    data['m365.users'].users.find((user) => user.id === ids.nurseKim)!.mail = null;
    expect(runControl(backupConfigured, data).status).toBe('pass');
  });

  it('a unit still waiting to be protected is not protected yet', () => {
    const data = baselineData();
    data['m365.backup'].driveProtectionUnits[0]!.status = 'protectRequested';
    expect(runControl(backupConfigured, data).status).toBe('warn');
  });

  it('without permission to read restore sessions it warns, naming the permission', () => {
    const data = baselineData();
    data['m365.backup'].restoreSessions = {
      available: false,
      reason: { kind: 'permission', detail: 'reading restore sessions needs the Graph application permission BackupRestore-Restore.Read.All', needs: ['Graph application permission BackupRestore-Restore.Read.All'] },
    };
    const finding = runControl(backupConfigured, data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain('restore testing could not be checked (Graph application permission BackupRestore-Restore.Read.All is needed)');
  });

  it('no completed restore warns: restores are untested', () => {
    const data = baselineData();
    if (data['m365.backup'].restoreSessions.available) data['m365.backup'].restoreSessions.sessions = [{ id: 'rs-2', status: 'failed', createdDateTime: daysAgo(3) }];
    const finding = runControl(backupConfigured, data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain('no restore from it has ever been completed');
  });

  it('a restore completed more than a year ago warns', () => {
    const data = baselineData();
    if (data['m365.backup'].restoreSessions.available) data['m365.backup'].restoreSessions.sessions = [{ id: 'rs-3', status: 'completedWithError', createdDateTime: daysAgo(401), completedDateTime: daysAgo(400) }];
    const finding = runControl(backupConfigured, data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain('the last completed restore was on 2025-10-16, more than a year ago');
  });

  it('a service locked against restores fails', () => {
    const data = baselineData();
    data['m365.backup'].serviceStatus = { status: 'restoreLocked', disableReason: 'invalidBillingProfile' };
    const finding = runControl(backupConfigured, data);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('Microsoft 365 Backup is locked (invalidBillingProfile): no restore is allowed, so backed-up data cannot be recovered.');
  });

  it('is not assessed without permission to read Backup, naming it', () => {
    const finding = runControl(backupConfigured, {
      ...baselineData(),
      'm365.backup': failed({ kind: 'permission', detail: 'Graph refused access (403 Forbidden)', needs: ['Graph application permission BackupRestore-Control.Read.All', 'Graph application permission BackupRestore-Configuration.Read.All'] }),
    });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toContain('Graph application permission BackupRestore-Control.Read.All');
  });
});
