import { describe, expect, it } from 'vitest';
import { googleAccountsSharedUse } from '../../../src/controls/google/accounts-shared-use.js';
import type { DatasetTypes } from '../../../src/datasets/index.js';
import { DOMAIN, NOW, googleBaselineData, googleBaselineOptions } from '../../fixtures/google-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

// Tests put a failed result where googleBaselineData() types the dataset's data; runControl accepts both.
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

type LoginEvent = DatasetTypes['google.loginActivity']['events'][number];
type Data = ReturnType<typeof googleBaselineData>;

const email = (name: string) => `${name}@${DOMAIN}`;
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();
const FRONTDESK = email('frontdesk');

const run = (data: Data, overrides: Parameters<typeof googleBaselineOptions>[0] = {}) =>
  runControl(googleAccountsSharedUse, data, googleBaselineOptions(overrides));

/** The baseline has no role-like account; kept as a function so each case starts afresh. */
function personalNames(): Data {
  return googleBaselineData();
}

/** Personal-name baseline plus an active frontdesk@ account with the given logins. */
function withFrontdesk(...logins: LoginEvent[]): Data {
  const data = personalNames();
  const template = data['google.users'].users.find((u) => u.primaryEmail === email('maria.lopez'))!;
  data['google.users'].users.push({ ...template, id: '1000999', primaryEmail: FRONTDESK });
  data['google.loginActivity'].events.push(...logins);
  return data;
}

const login = (at: string, ipAddress: string, subdivisionCode = 'US-WA', regionCode = 'US', eventName = 'login_success'): LoginEvent => ({
  time: at,
  email: FRONTDESK,
  eventName,
  ipAddress,
  regionCode,
  subdivisionCode,
});

type Account = { primaryEmail: string; successfulLogins: number; ipAddresses: string[]; regions: string[]; overlappingWindowCount: number; overlappingWindows: unknown[] };
const accounts = (finding: ReturnType<typeof runControl>) => finding.evidence.accounts as Account[];

describe('google.accounts.shared-use', () => {
  it('an exempt non-person account with a role-like name is skipped and listed with its reason', () => {
    const data = withFrontdesk(login(hoursAgo(3), '203.0.113.7'), login(hoursAgo(2), '198.51.100.9', 'US-OR'));
    expect(run(data).status).toBe('fail');
    const finding = run(data, { exemptAccounts: [{ account: FRONTDESK, reason: 'check-in kiosk account' }] });
    expect(finding.status).toBe('pass');
    expect(finding.evidence.exemptAccounts).toEqual([{ account: FRONTDESK, reason: 'check-in kiosk account' }]);
    expect(finding.summary).toContain('1 non-person account listed as exempt was not checked.');
  });

  it('passes when no active staff account has a role-like name', () => {
    const finding = run(personalNames());
    expect(finding.status).toBe('pass');
    expect(finding.evidence.total).toBe(5);
    expect(finding.evidence.affected).toEqual([]);
    expect(finding.evidence.deviceNote).toContain('no device id');
  });

  it('the baseline, with only personal addresses, passes', () => {
    expect(run(googleBaselineData()).status).toBe('pass');
  });

  it('personal addresses that merely start like a role (nurse.kim, office.manager) are judged by name alone', () => {
    const data = googleBaselineData();
    const rename: Record<string, string> = { [email('kim.tanaka')]: email('nurse.kim'), [email('sam.reyes')]: email('office.manager') };
    for (const u of data['google.users'].users) u.primaryEmail = rename[u.primaryEmail] ?? u.primaryEmail;
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected.map((a) => a.name)).toEqual([email('nurse.kim'), email('office.manager')]);
  });

  it('a role-like name alone warns', () => {
    const finding = run(withFrontdesk());
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected).toEqual([
      {
        type: 'user',
        id: '1000999',
        name: FRONTDESK,
        detail: 'role-like name "frontdesk"; 0 successful logins, none showing several addresses or regions within 8 hours',
      },
    ]);
    expect(finding.summary).toContain('that suggest a shared login');
  });

  it('two IP addresses within one shift fail', () => {
    const finding = run(withFrontdesk(login(hoursAgo(30), '203.0.113.10'), login(hoursAgo(27), '198.51.100.7')));
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected.map((a) => a.name)).toEqual([FRONTDESK]);
    expect(accounts(finding)[0]).toMatchObject({
      matchedName: 'frontdesk',
      successfulLogins: 2,
      ipAddresses: ['203.0.113.10', '198.51.100.7'],
      regions: ['US-WA'],
      overlappingWindowCount: 1,
      overlappingWindows: [{ start: hoursAgo(30), end: hoursAgo(27), ipAddresses: ['203.0.113.10', '198.51.100.7'], regions: ['US-WA'] }],
    });
    expect(finding.summary).toContain('1 logged in from several IP addresses or regions within 8 hours');
  });

  it('two addresses more than eight hours apart only warn', () => {
    const finding = run(withFrontdesk(login(hoursAgo(30), '203.0.113.10'), login(hoursAgo(20), '198.51.100.7')));
    expect(finding.status).toBe('warn');
    expect(accounts(finding)[0]!.ipAddresses).toHaveLength(2);
  });

  it('logins from two regions within one shift fail', () => {
    const finding = run(withFrontdesk(login(hoursAgo(5), '203.0.113.10', 'US-WA'), login(hoursAgo(4), '203.0.113.10', 'US-OR')));
    expect(finding.status).toBe('fail');
    expect(accounts(finding)[0]!.overlappingWindows).toEqual([
      { start: hoursAgo(5), end: hoursAgo(4), ipAddresses: ['203.0.113.10'], regions: ['US-WA', 'US-OR'] },
    ]);
  });

  it('a country with and without a subdivision is one region', () => {
    const finding = run(withFrontdesk(login(hoursAgo(5), '203.0.113.10', 'US-WA'), { ...login(hoursAgo(4), '203.0.113.10'), subdivisionCode: undefined }));
    expect(finding.status).toBe('warn');
    expect(accounts(finding)[0]!.regions).toEqual(['US-WA']);
  });

  it('failed logins do not count', () => {
    const finding = run(withFrontdesk(login(hoursAgo(10), '203.0.113.10'), login(hoursAgo(9), '198.51.100.7', 'US-WA', 'US', 'login_failure')));
    expect(finding.status).toBe('warn');
    expect(accounts(finding)[0]!.successfulLogins).toBe(1);
  });

  it("another user's logins are not the role account's", () => {
    const other = { ...login(hoursAgo(9), '198.51.100.7'), email: email('maria.lopez') };
    expect(run(withFrontdesk(login(hoursAgo(10), '203.0.113.10'), other)).status).toBe('warn');
  });

  it('suspended role accounts and break-glass accounts are not judged', () => {
    const data = withFrontdesk(login(hoursAgo(10), '203.0.113.10'), login(hoursAgo(9), '198.51.100.7'));
    expect(run(data, { breakGlassAccounts: [FRONTDESK] }).status).toBe('pass');
    data['google.users'].users.find((u) => u.primaryEmail === FRONTDESK)!.suspended = true;
    expect(run(data).status).toBe('pass');
  });

  it('the role-like names come from options', () => {
    const data = withFrontdesk();
    expect(run(data, { sharedAccountNames: ['billing'] }).status).toBe('pass');
    const finding = run(data, { sharedAccountNames: ['front.desk'] });
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected[0]!.detail).toContain('role-like name "front.desk"');
  });

  it('a truncated login log is said to be partial', () => {
    const data = withFrontdesk();
    data['google.loginActivity'].truncated = true;
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.loginsTruncated).toBe(true);
    expect(finding.summary).toContain('The login evidence is partial');
  });

  it('is not assessed when login activity cannot be read', () => {
    const finding = run({
      ...withFrontdesk(),
      'google.loginActivity': failed({ kind: 'permission', detail: 'unauthorized_client', needs: ['https://www.googleapis.com/auth/admin.reports.audit.readonly'] }),
    });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['https://www.googleapis.com/auth/admin.reports.audit.readonly']);
  });
});
