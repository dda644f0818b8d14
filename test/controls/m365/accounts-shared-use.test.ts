import { describe, expect, it } from 'vitest';
import { roleLikeName, roleNamePrefixes } from '../../../src/core/role-names.js';
import { accountsSharedUse } from '../../../src/controls/m365/accounts-shared-use.js';
import type { DatasetTypes } from '../../../src/datasets/index.js';
import { NOW, baselineData, baselineOptions, ids } from '../../fixtures/m365-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

// Tests put a failed result where baselineData() types the dataset's data; runControl accepts both.
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

type SignIn = DatasetTypes['m365.roleAccountSignIns']['signIns'][number];

const FRONTDESK = '22222222-0000-4000-8000-000000000001';
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();

/** Baseline plus one enabled member account with the given UPN. */
function withAccount(upn: string, extra: Record<string, unknown> = {}) {
  const data = baselineData();
  const template = data['m365.users'].users.find((u) => u.id === ids.drLee)!;
  data['m365.users'].users.push({ ...template, id: FRONTDESK, userPrincipalName: upn, displayName: 'Front desk', ...extra });
  return data;
}

let seq = 0;
function signIn(at: string, device: { deviceId?: string; displayName?: string; operatingSystem?: string; browser?: string }, ipAddress: string, errorCode = 0): SignIn {
  seq++;
  return {
    id: `si-${seq}`,
    createdDateTime: at,
    userId: FRONTDESK,
    userPrincipalName: 'frontdesk@contoso-clinic.example',
    appDisplayName: 'Office 365 Exchange Online',
    ipAddress,
    clientAppUsed: 'Browser',
    deviceDetail: { deviceId: '', displayName: '', operatingSystem: 'Windows10', browser: 'Edge 130.0.0', ...device },
    status: { errorCode, failureReason: errorCode === 0 ? null : 'Invalid username or password.' },
  };
}

const frontPc = { deviceId: 'dev-front-1', displayName: 'FRONT-PC-01' };
const backPc = { deviceId: 'dev-front-2', displayName: 'FRONT-PC-02' };

describe('m365.accounts.shared-use', () => {
  it('passes when no enabled staff account has a role-like name', () => {
    const finding = runControl(accountsSharedUse, baselineData());
    expect(finding.status).toBe('pass');
    // Five enabled members; the break-glass account is left out, the guest is not staff.
    expect(finding.evidence.total).toBe(5);
    expect(finding.evidence.affected).toEqual([]);
  });

  it('a role-like name alone warns', () => {
    const finding = runControl(accountsSharedUse, withAccount('frontdesk@contoso-clinic.example'));
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected).toEqual([
      {
        type: 'user',
        id: FRONTDESK,
        name: 'frontdesk@contoso-clinic.example',
        detail: 'role-like name "frontdesk"; 0 successful sign-ins, none showing several devices or addresses within 8 hours',
      },
    ]);
  });

  it('two devices within one shift fail', () => {
    const data = withAccount('frontdesk@contoso-clinic.example');
    data['m365.roleAccountSignIns'].signIns = [
      signIn(hoursAgo(30), frontPc, '203.0.113.10'),
      signIn(hoursAgo(27), backPc, '203.0.113.10'),
    ];
    const finding = runControl(accountsSharedUse, data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected.map((a) => a.id)).toEqual([FRONTDESK]);
    const [account] = finding.evidence.accounts as Array<Record<string, unknown>>;
    expect(account).toMatchObject({
      matchedName: 'frontdesk',
      signInsCollected: true,
      successfulSignIns: 2,
      devices: ['FRONT-PC-01 (dev-front-1)', 'FRONT-PC-02 (dev-front-2)'],
      ipAddresses: ['203.0.113.10'],
      overlappingWindowCount: 1,
      overlappingWindows: [
        { start: hoursAgo(30), end: hoursAgo(27), devices: ['FRONT-PC-01 (dev-front-1)', 'FRONT-PC-02 (dev-front-2)'], ipAddresses: ['203.0.113.10'] },
      ],
    });
    expect(finding.evidence.affected[0]!.detail).toContain('1 window of 8 hours');
  });

  it('two devices more than eight hours apart only warn', () => {
    const data = withAccount('frontdesk@contoso-clinic.example');
    data['m365.roleAccountSignIns'].signIns = [
      signIn(hoursAgo(30), frontPc, '203.0.113.10'),
      signIn(hoursAgo(20), backPc, '203.0.113.10'),
    ];
    const finding = runControl(accountsSharedUse, data);
    expect(finding.status).toBe('warn');
    expect((finding.evidence.accounts as Array<{ devices: string[] }>)[0]!.devices).toHaveLength(2);
  });

  it('one device from two IP addresses within one shift fails', () => {
    const data = withAccount('frontdesk@contoso-clinic.example');
    data['m365.roleAccountSignIns'].signIns = [
      signIn(hoursAgo(10), frontPc, '203.0.113.10'),
      signIn(hoursAgo(9), frontPc, '198.51.100.7'),
    ];
    expect(runControl(accountsSharedUse, data).status).toBe('fail');
  });

  it('failed sign-ins do not count', () => {
    const data = withAccount('frontdesk@contoso-clinic.example');
    data['m365.roleAccountSignIns'].signIns = [
      signIn(hoursAgo(10), frontPc, '203.0.113.10'),
      signIn(hoursAgo(9), backPc, '198.51.100.7', 50126),
    ];
    const finding = runControl(accountsSharedUse, data);
    expect(finding.status).toBe('warn');
    expect((finding.evidence.accounts as Array<{ successfulSignIns: number }>)[0]!.successfulSignIns).toBe(1);
  });

  it('unregistered devices are told apart by operating system and browser', () => {
    const data = withAccount('frontdesk@contoso-clinic.example');
    data['m365.roleAccountSignIns'].signIns = [
      signIn(hoursAgo(5), { operatingSystem: 'Windows10', browser: 'Edge 130.0.0' }, '203.0.113.10'),
      signIn(hoursAgo(4), { operatingSystem: 'Ios', browser: 'Mobile Safari' }, '203.0.113.10'),
    ];
    const finding = runControl(accountsSharedUse, data);
    expect(finding.status).toBe('fail');
    expect((finding.evidence.accounts as Array<{ devices: string[] }>)[0]!.devices).toEqual(['Windows10 / Edge 130.0.0', 'Ios / Mobile Safari']);
  });

  it('the same unregistered device and address all day only warns', () => {
    const data = withAccount('frontdesk@contoso-clinic.example');
    data['m365.roleAccountSignIns'].signIns = [hoursAgo(9), hoursAgo(6), hoursAgo(2)].map((at) => signIn(at, {}, '203.0.113.10'));
    expect(runControl(accountsSharedUse, data).status).toBe('warn');
  });

  it('sign-ins are matched by UPN when the user id is missing', () => {
    const data = withAccount('frontdesk@contoso-clinic.example');
    data['m365.roleAccountSignIns'].signIns = [
      { ...signIn(hoursAgo(3), frontPc, '203.0.113.10'), userId: null, userPrincipalName: 'FrontDesk@contoso-clinic.example' },
      { ...signIn(hoursAgo(2), backPc, '203.0.113.10'), userId: null, userPrincipalName: 'frontdesk@contoso-clinic.example' },
    ];
    expect(runControl(accountsSharedUse, data).status).toBe('fail');
  });

  it('another account\'s sign-ins are not counted', () => {
    const data = withAccount('frontdesk@contoso-clinic.example');
    data['m365.roleAccountSignIns'].signIns = [
      signIn(hoursAgo(3), frontPc, '203.0.113.10'),
      { ...signIn(hoursAgo(2), backPc, '198.51.100.7'), userId: ids.drLee, userPrincipalName: 'frontdesk.east@contoso-clinic.example' },
    ];
    expect(runControl(accountsSharedUse, data).status).toBe('warn');
  });

  it('a role-like name the sign-in filter did not cover is judged on the name only', () => {
    const finding = runControl(accountsSharedUse, withAccount('front.desk@contoso-clinic.example'));
    expect(finding.status).toBe('warn');
    expect(finding.evidence.judgedOnNameOnly).toEqual(['front.desk@contoso-clinic.example']);
    expect(finding.evidence.affected[0]!.detail).toContain('judged on the name only');
    expect(finding.summary).toContain('1 could only be judged by name');
  });

  it.each([
    ['reception2@contoso-clinic.example', 'reception'],
    ['front_desk@contoso-clinic.example', 'frontdesk'],
    ['billing.office@contoso-clinic.example', 'billing'],
    ['Office-Manager@contoso-clinic.example', 'office'],
  ])('%s is a role-like name (%s)', (upn, name) => {
    const finding = runControl(accountsSharedUse, withAccount(upn));
    expect(finding.status).toBe('warn');
    expect((finding.evidence.accounts as Array<{ matchedName: string }>)[0]!.matchedName).toBe(name);
  });

  it.each(['officemanager.jones@contoso-clinic.example', 'labelle.smith@contoso-clinic.example', 'j.billing@contoso-clinic.example'])(
    '%s is a personal name',
    (upn) => {
      expect(runControl(accountsSharedUse, withAccount(upn)).status).toBe('pass');
    },
  );

  it('the role names come from options', () => {
    const data = withAccount('desk.east@contoso-clinic.example');
    expect(runControl(accountsSharedUse, data).status).toBe('pass');
    expect(runControl(accountsSharedUse, data, baselineOptions({ sharedAccountNames: ['desk'] })).status).toBe('warn');
  });

  it('a blocked role account (a shared mailbox) passes', () => {
    const finding = runControl(accountsSharedUse, withAccount('frontdesk@contoso-clinic.example', { accountEnabled: false }));
    expect(finding.status).toBe('pass');
  });

  it('says the evidence is partial when the sign-in log was cut short', () => {
    const data = withAccount('frontdesk@contoso-clinic.example');
    data['m365.roleAccountSignIns'].truncated = true;
    const finding = runControl(accountsSharedUse, data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.signInsTruncated).toBe(true);
    expect(finding.summary).toContain('The sign-in evidence is partial');
  });

  it('is not assessed when the sign-ins could not be read', () => {
    const data = withAccount('frontdesk@contoso-clinic.example');
    data['m365.roleAccountSignIns'] = failed({ kind: 'permission', detail: 'Authorization_RequestDenied', needs: ['AuditLog.Read.All'] });
    const finding = runControl(accountsSharedUse, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['AuditLog.Read.All']);
  });
});

describe('roleNamePrefixes', () => {
  it('gives the first word of each name, dropping prefixes a shorter one covers', () => {
    expect(roleNamePrefixes(['frontdesk', 'front.desk', 'reception', 'receptionist', 'billing'])).toEqual(['front', 'billing', 'reception']);
  });
  it('gives nothing for no names', () => {
    expect(roleNamePrefixes([])).toEqual([]);
  });
  it('covers every address the name rule matches', () => {
    const names = ['frontdesk', 'front.desk', 'nurse'];
    const prefixes = roleNamePrefixes(names);
    for (const address of ['frontdesk@x.example', 'front_desk2@x.example', 'front-desk@x.example', 'nurses@x.example']) {
      if (roleLikeName(address, names)) expect(prefixes.some((prefix) => address.startsWith(prefix))).toBe(true);
    }
  });

  it('an exempt non-person account with a role-like name is skipped and listed with its reason', () => {
    const data = withAccount('frontdesk@contoso-clinic.example');
    const options = baselineOptions({ exemptAccounts: [{ account: 'frontdesk@contoso-clinic.example', reason: 'check-in kiosk service account' }] });
    const finding = runControl(accountsSharedUse, data, options);
    expect(finding.status).toBe('pass');
    expect(finding.summary).toContain('1 non-person account listed as exempt was not checked.');
    expect(finding.evidence.exemptAccounts).toEqual([{ account: 'frontdesk@contoso-clinic.example', reason: 'check-in kiosk service account' }]);
    expect(finding.evidence.affected).toEqual([]);
  });
});
