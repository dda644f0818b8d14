import { describe, expect, it } from 'vitest';
import { googleMfaEnrolled } from '../../../src/controls/google/mfa-enrolled.js';
import { DOMAIN, googleBaselineData, googleBaselineOptions } from '../../fixtures/google-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

const run = (data: ReturnType<typeof googleBaselineData>) => runControl(googleMfaEnrolled, data, googleBaselineOptions());
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;
const email = (name: string) => `${name}@${DOMAIN}`;

function withUser(name: string, change: Partial<ReturnType<typeof googleBaselineData>['google.users']['users'][number]>) {
  const data = googleBaselineData();
  Object.assign(data['google.users'].users.find((u) => u.primaryEmail === email(name))!, change);
  return data;
}

describe('google.mfa.enrolled', () => {
  it('passes when every active user is enrolled and enforced', () => {
    const finding = run(googleBaselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe('All 5 active users are enrolled in 2-Step Verification.');
    expect(finding.evidence).toMatchObject({ total: 5, enrolled: 5, notEnrolled: 0 });
  });

  it('an exempt non-person account is skipped and listed with its reason, not failed', () => {
    const data = googleBaselineData();
    data['google.users'].users.push({ ...data['google.users'].users[0]!, id: '1999001', primaryEmail: email('scanner'), aliases: [email('copier')], isEnrolledIn2Sv: false, isAdmin: false });
    expect(run(data).status).toBe('fail');
    const finding = runControl(googleMfaEnrolled, data, googleBaselineOptions({ exemptAccounts: [{ account: email('COPIER'), reason: 'scan-to-email account of the copier' }] }));
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe('All 5 active users are enrolled in 2-Step Verification (1 non-person account exempt).');
    expect(finding.evidence.exemptAccounts).toEqual([{ account: email('scanner'), reason: 'scan-to-email account of the copier' }]);
  });

  it('an active user who has not enrolled fails', () => {
    const finding = run(withUser('it.admin', { isEnrolledIn2Sv: false }));
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('1 of 5 active users has not enrolled in 2-Step Verification.');
    expect(finding.evidence.affected).toEqual([{ type: 'user', id: expect.any(String), name: email('it.admin'), detail: 'not enrolled, OU /Admin, administrator' }]);
  });

  it('a user whose enrollment is not reported is not counted as enrolled', () => {
    const data = withUser('maria.lopez', {});
    delete data['google.users'].users.find((u) => u.primaryEmail === email('maria.lopez'))!.isEnrolledIn2Sv;
    const finding = run(data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected[0]!.detail).toBe('enrollment not reported, OU /Front Desk');
  });

  it('suspended and archived users are not counted', () => {
    const data = withUser('former.staff', { isEnrolledIn2Sv: false });
    Object.assign(data['google.users'].users.find((u) => u.primaryEmail === email('maria.lopez'))!, { archived: true, isEnrolledIn2Sv: false });
    const finding = run(data);
    expect(finding.status).toBe('pass');
    expect(finding.evidence.total).toBe(4);
  });

  it('warns when everyone is enrolled but some can turn 2SV off', () => {
    const finding = run(withUser('kim.tanaka', { isEnforcedIn2Sv: false }));
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected.map((a) => a.name)).toEqual([email('kim.tanaka')]);
    expect(finding.summary).toBe('All 5 active users are enrolled in 2-Step Verification, but 1 is not required to use it and can turn it off.');
  });

  it('is not assessed when users carry no isEnrolledIn2Sv', () => {
    const data = googleBaselineData();
    for (const user of data['google.users'].users) delete user.isEnrolledIn2Sv;
    const finding = run(data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.detail).toContain('isEnrolledIn2Sv');
  });

  it('is not assessed when there are no active users', () => {
    const data = googleBaselineData();
    for (const user of data['google.users'].users) user.suspended = true;
    expect(run(data).status).toBe('not_assessed');
  });

  it('is not assessed when users could not be read', () => {
    const finding = runControl(
      googleMfaEnrolled,
      { 'google.users': failed({ kind: 'permission', detail: 'Not Authorized to access this resource/api', needs: ['https://www.googleapis.com/auth/admin.directory.user.readonly'] }) },
      googleBaselineOptions(),
    );
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['https://www.googleapis.com/auth/admin.directory.user.readonly']);
  });
});
