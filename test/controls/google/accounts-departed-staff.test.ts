import { describe, expect, it } from 'vitest';
import { googleAccountsDepartedStaff } from '../../../src/controls/google/accounts-departed-staff.js';
import { DOMAIN, NOW, googleBaselineData, googleBaselineOptions } from '../../fixtures/google-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

// Tests put a failed result where googleBaselineData() types the dataset's data; runControl accepts both.
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const email = (name: string) => `${name}@${DOMAIN}`;
const NEVER = '1970-01-01T00:00:00.000Z';

/** Baseline data with one user changed. */
function withUser(name: string, change: Record<string, unknown>) {
  const data = googleBaselineData();
  const users = data['google.users'].users;
  const index = users.findIndex((u) => u.primaryEmail === email(name));
  users[index] = { ...users[index]!, ...change };
  return data;
}

const run = (data: ReturnType<typeof googleBaselineData>, overrides: Parameters<typeof googleBaselineOptions>[0] = {}) =>
  runControl(googleAccountsDepartedStaff, data, googleBaselineOptions(overrides));
const affectedNames = (finding: ReturnType<typeof runControl>) => finding.evidence.affected.map((a) => a.name);

describe('google.accounts.departed-staff', () => {
  it('passes when every active user logged in recently and none is on the HR list', () => {
    const finding = run(googleBaselineData());
    expect(finding.status).toBe('pass');
    // Five active users; the suspended former staff member is not examined.
    expect(finding.evidence.total).toBe(5);
    expect(finding.evidence.suspendedOrArchived).toBe(1);
    expect(finding.evidence.affected).toEqual([]);
    expect(finding.summary).toBe('None of the 5 active accounts is on the HR departed list or without a login for 45 days.');
  });

  it('no login for longer than the threshold fails', () => {
    const finding = run(withUser('maria.lopez', { lastLoginTime: daysAgo(60) }));
    expect(finding.status).toBe('fail');
    expect(affectedNames(finding)).toEqual([email('maria.lopez')]);
    expect(finding.evidence.affected[0]!.detail).toBe('last login 60 days ago (2026-09-21)');
    expect(finding.summary).toBe('1 of 5 active accounts belongs to people who appear to have left: 1 without a login for 45+ days.');
  });

  it('a login just inside the threshold passes', () => {
    expect(run(withUser('maria.lopez', { lastLoginTime: daysAgo(44) })).status).toBe('pass');
  });

  it('the inactivity threshold comes from options', () => {
    const data = withUser('maria.lopez', { lastLoginTime: daysAgo(35) });
    expect(run(data).status).toBe('pass');
    const finding = run(data, { thresholds: { inactiveDays: 30 } });
    expect(finding.status).toBe('fail');
    expect(finding.evidence.inactiveDays).toBe(30);
  });

  it('an old account that never logged in fails', () => {
    const finding = run(withUser('kim.tanaka', { lastLoginTime: NEVER, creationTime: daysAgo(100) }));
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected[0]!.detail).toBe('never logged in; created 100 days ago (2026-08-12)');
  });

  it('a new starter who has not logged in yet is not a leaver', () => {
    const finding = run(withUser('kim.tanaka', { lastLoginTime: NEVER, creationTime: daysAgo(3) }));
    expect(finding.status).toBe('pass');
  });

  it('a break-glass account is exempt from the login rule', () => {
    const data = withUser('it.admin', { lastLoginTime: daysAgo(200) });
    expect(run(data).status).toBe('fail');
    const finding = run(data, { breakGlassAccounts: [email('IT.Admin')] });
    expect(finding.status).toBe('pass');
    expect(finding.evidence.breakGlassExemptFromInactivity).toEqual([email('it.admin')]);
    expect(finding.summary).toContain('1 break-glass account exempt');
  });

  it('a break-glass account on the HR list still fails', () => {
    const finding = run(googleBaselineData(), { breakGlassAccounts: [email('it.admin')], departedStaff: [email('it.admin')] });
    expect(finding.status).toBe('fail');
    expect(affectedNames(finding)).toEqual([email('it.admin')]);
  });

  it('an active account on the HR departed list fails, matched case-insensitively', () => {
    const finding = run(googleBaselineData(), { departedStaff: [` ${email('Maria.Lopez')} `] });
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected).toEqual([
      { type: 'user', id: expect.any(String), name: email('maria.lopez'), detail: 'on the HR departed-staff list but still active' },
    ]);
    expect(finding.evidence.onHrListStillActive).toBe(1);
  });

  it('a suspended or archived account on the HR list is fine', () => {
    const data = withUser('maria.lopez', { archived: true });
    const finding = run(data, { departedStaff: [email('former.staff'), email('maria.lopez')] });
    expect(finding.status).toBe('pass');
    expect(finding.evidence.hrListSuspended).toBe(2);
    expect(finding.evidence.hrListNotFound).toEqual([]);
  });

  it('an HR name that matches no account warns and names it, since the leaver may have another address', () => {
    const finding = run(googleBaselineData(), { departedStaff: [email('former.staff'), 'r.patel@old-practice.example'] });
    expect(finding.status).toBe('warn');
    expect(finding.evidence.hrListNotFound).toEqual(['r.patel@old-practice.example']);
    expect(finding.summary).toBe(
      "None of the 5 active accounts is on the HR departed list or without a login for 45 days. 1 name on the HR departed-staff list matches no account's address or alias (r.patel@old-practice.example), so that person may still have an account under another name.",
    );
  });

  it('an HR name matching an alias finds the active account behind it', () => {
    const finding = run(googleBaselineData(), { departedStaff: [email('Raj.Patel')] });
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected).toEqual([
      { type: 'user', id: expect.any(String), name: email('dr.patel'), detail: `on the HR departed-staff list (as ${email('Raj.Patel')}) but still active` },
    ]);
    expect(finding.evidence.hrListNotFound).toEqual([]);
  });

  it('an HR name matching a non-editable alias (alias domain) finds the account too', () => {
    const finding = run(googleBaselineData(), { departedStaff: [`dr.patel@${DOMAIN}.test-google-a.com`] });
    expect(finding.status).toBe('fail');
    expect(affectedNames(finding)).toEqual([email('dr.patel')]);
  });

  it('an exempt non-person account is skipped by the login rule and listed with its reason', () => {
    const data = withUser('it.admin', { lastLoginTime: daysAgo(200) });
    const finding = run(data, { exemptAccounts: [{ account: email('IT.Admin'), reason: 'scan-to-email account of the copier' }] });
    expect(finding.status).toBe('pass');
    expect(finding.evidence.exemptFromInactivity).toEqual([{ account: email('it.admin'), reason: 'scan-to-email account of the copier' }]);
    expect(finding.summary).toBe('None of the 5 active accounts is on the HR departed list or without a login for 45 days (1 non-person account exempt from the login rule).');
  });

  it('an exempt account named on the HR list still fails', () => {
    const finding = run(googleBaselineData(), { exemptAccounts: [{ account: email('it.admin'), reason: 'room calendar' }], departedStaff: [email('it.admin')] });
    expect(finding.status).toBe('fail');
    expect(affectedNames(finding)).toEqual([email('it.admin')]);
  });

  it('reasons add up on one account', () => {
    const finding = run(withUser('maria.lopez', { lastLoginTime: daysAgo(90) }), { departedStaff: [email('maria.lopez')] });
    expect(finding.evidence.affected[0]!.detail).toBe('last login 90 days ago (2026-08-22); on the HR departed-staff list but still active');
    expect(finding.evidence.affectedCount).toBe(1);
  });

  it('is not assessed when the snapshot has no lastLoginTime for active users', () => {
    const data = googleBaselineData();
    for (const u of data['google.users'].users) delete u.lastLoginTime;
    const finding = run(data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.kind).toBe('schema');
    expect(finding.evidence.lastLoginUnknown).toHaveLength(5);
  });

  it('an HR-list failure still stands when lastLoginTime is missing', () => {
    const data = googleBaselineData();
    for (const u of data['google.users'].users) delete u.lastLoginTime;
    const finding = run(data, { departedStaff: [email('kim.tanaka')] });
    expect(finding.status).toBe('fail');
    expect(finding.summary).toContain('Inactivity could not be checked for 5 of 5 active users');
  });

  it('is not assessed when the users cannot be read', () => {
    const finding = run({
      ...googleBaselineData(),
      'google.users': failed({ kind: 'permission', detail: 'Not Authorized to access this resource/api', needs: ['admin.directory.user.readonly'] }),
    });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['admin.directory.user.readonly']);
  });
});
