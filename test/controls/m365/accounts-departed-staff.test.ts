import { describe, expect, it } from 'vitest';
import { accountsDepartedStaff } from '../../../src/controls/m365/accounts-departed-staff.js';
import { NOW, baselineData, baselineOptions, ids } from '../../fixtures/m365-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

// Tests put a failed result where baselineData() types the dataset's data; runControl accepts both.
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

/** Baseline data with one user changed. */
function withUser(id: string, change: Record<string, unknown>) {
  const data = baselineData();
  const users = data['m365.users'].users;
  const index = users.findIndex((u) => u.id === id);
  users[index] = { ...users[index]!, ...change };
  return data;
}

const affectedIds = (finding: ReturnType<typeof runControl>) => finding.evidence.affected.map((a) => a.id);

describe('m365.accounts.departed-staff', () => {
  it('passes when every enabled member signed in recently and none has left', () => {
    const finding = runControl(accountsDepartedStaff, baselineData());
    expect(finding.status).toBe('pass');
    expect(finding.evidence.total).toBe(6);
    expect(finding.evidence.affected).toEqual([]);
    expect(finding.evidence.breakGlassExemptFromInactivity).toEqual(['breakglass@contoso-clinic.example']);
  });

  it('an enabled member past the leave date fails', () => {
    const finding = runControl(accountsDepartedStaff, withUser(ids.nurseKim, { employeeLeaveDateTime: daysAgo(3) }));
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual([ids.nurseKim]);
    expect(finding.evidence.affected[0]!.detail).toContain('left on 2026-11-17');
    expect(finding.summary).toBe('1 of 6 enabled accounts belongs to people who appear to have left: 1 past the leave date.');
  });

  it('a leave date in the future does not count', () => {
    const future = new Date(NOW.getTime() + 10 * 86_400_000).toISOString();
    const finding = runControl(accountsDepartedStaff, withUser(ids.nurseKim, { employeeLeaveDateTime: future }));
    expect(finding.status).toBe('pass');
  });

  it('a disabled account past its leave date is fine', () => {
    // The baseline's former staff member is disabled with a leave date 90 days ago.
    const finding = runControl(accountsDepartedStaff, baselineData());
    expect(affectedIds(finding)).not.toContain(ids.formerStaff);
  });

  it('no successful sign-in for longer than the threshold fails', () => {
    const finding = runControl(
      accountsDepartedStaff,
      withUser(ids.billingPat, {
        signInActivity: { lastSignInDateTime: daysAgo(60), lastSuccessfulSignInDateTime: daysAgo(60) },
      }),
    );
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual([ids.billingPat]);
    expect(finding.evidence.affected[0]!.detail).toBe('last successful sign-in 60 days ago (2026-09-21)');
  });

  it('a sign-in just inside the threshold passes', () => {
    const finding = runControl(
      accountsDepartedStaff,
      withUser(ids.billingPat, { signInActivity: { lastSuccessfulSignInDateTime: daysAgo(44) } }),
    );
    expect(finding.status).toBe('pass');
  });

  it('the inactivity threshold comes from options', () => {
    const data = withUser(ids.billingPat, { signInActivity: { lastSuccessfulSignInDateTime: daysAgo(35) } });
    expect(runControl(accountsDepartedStaff, data).status).toBe('pass');
    const finding = runControl(accountsDepartedStaff, data, baselineOptions({ thresholds: { inactiveDays: 30 } }));
    expect(finding.status).toBe('fail');
    expect(finding.evidence.inactiveDays).toBe(30);
  });

  it('an old account that never signed in fails', () => {
    const finding = runControl(
      accountsDepartedStaff,
      withUser(ids.officeMgr, { signInActivity: null, createdDateTime: daysAgo(100) }),
    );
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected[0]).toMatchObject({ id: ids.officeMgr, detail: 'never signed in; created 100 days ago' });
  });

  it('a new starter who has not signed in yet passes', () => {
    const finding = runControl(
      accountsDepartedStaff,
      withUser(ids.officeMgr, { signInActivity: null, createdDateTime: daysAgo(10) }),
    );
    expect(finding.status).toBe('pass');
  });

  it('failed sign-in attempts do not count as activity', () => {
    const finding = runControl(
      accountsDepartedStaff,
      withUser(ids.officeMgr, {
        signInActivity: { lastSignInDateTime: daysAgo(1), lastSuccessfulSignInDateTime: null },
      }),
    );
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected[0]!.detail).toBe('no successful sign-in recorded (last attempt 2026-11-19); created 400 days ago');
  });

  it('falls back to the last sign-in date when the successful date was not collected', () => {
    const recent = withUser(ids.officeMgr, { signInActivity: { lastSignInDateTime: daysAgo(2) } });
    expect(runControl(accountsDepartedStaff, recent).status).toBe('pass');
    const old = withUser(ids.officeMgr, { signInActivity: { lastSignInDateTime: daysAgo(90) } });
    const finding = runControl(accountsDepartedStaff, old);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected[0]!.detail).toBe('last sign-in attempt 90 days ago (2026-08-22)');
  });

  it('a break-glass account is exempt from the inactivity rule', () => {
    const finding = runControl(
      accountsDepartedStaff,
      withUser(ids.breakGlass, { signInActivity: { lastSuccessfulSignInDateTime: daysAgo(300) } }),
    );
    expect(finding.status).toBe('pass');
    expect(finding.summary).toContain('1 break-glass account exempt');
  });

  it('a break-glass account named by object id is exempt too', () => {
    const data = withUser(ids.breakGlass, { signInActivity: { lastSuccessfulSignInDateTime: daysAgo(300) } });
    const finding = runControl(accountsDepartedStaff, data, baselineOptions({ breakGlassAccounts: [ids.breakGlass.toUpperCase()] }));
    expect(finding.status).toBe('pass');
  });

  it('a break-glass account is not exempt from its leave date', () => {
    const finding = runControl(accountsDepartedStaff, withUser(ids.breakGlass, { employeeLeaveDateTime: daysAgo(5) }));
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual([ids.breakGlass]);
  });

  it('an enabled account on the HR departed list fails, matched case-insensitively', () => {
    const options = baselineOptions({ departedStaff: ['Pat.Rivera@Contoso-Clinic.example', ' pat.rivera@contoso-clinic.example'] });
    const finding = runControl(accountsDepartedStaff, baselineData(), options);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected).toEqual([
      { type: 'user', id: ids.billingPat, name: 'pat.rivera@contoso-clinic.example', detail: 'on the HR departed-staff list but still enabled' },
    ]);
    expect(finding.evidence.onHrListStillEnabled).toBe(1);
    expect(finding.evidence.hrListChecked).toBe(1);
  });

  it('a disabled account on the HR list passes', () => {
    const finding = runControl(accountsDepartedStaff, baselineData(), baselineOptions({ departedStaff: ['alex.former@contoso-clinic.example'] }));
    expect(finding.status).toBe('pass');
    expect(finding.evidence.hrListDisabled).toBe(1);
  });

  it('an HR name that matches no account is a warning naming it (the person may have an account under another name)', () => {
    const options = baselineOptions({ departedStaff: ['alex.former@contoso-clinic.example', 'nobody@contoso-clinic.example'] });
    const finding = runControl(accountsDepartedStaff, baselineData(), options);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.hrListNotFound).toEqual(['nobody@contoso-clinic.example']);
    expect(finding.evidence.affected).toEqual([expect.objectContaining({ type: 'hrEntry', id: 'nobody@contoso-clinic.example' })]);
    expect(finding.summary).toContain('1 name on the HR list matches no account (nobody@contoso-clinic.example)');
  });

  it.each([
    ['a mail alias (smtp: proxy address)', { proxyAddresses: ['SMTP:kim.nguyen@contoso-clinic.example', 'smtp:knguyen@contoso-clinic.example'] }, 'knguyen@contoso-clinic.example'],
    ['an address on another domain', { proxyAddresses: ['SMTP:kim.nguyen@contoso-clinic.example', 'smtp:kim.nguyen@contosohealth.example'] }, 'Kim.Nguyen@ContosoHealth.example'],
    ['the primary mail when it differs from the UPN', { mail: 'kim@contoso-clinic.example' }, 'kim@contoso-clinic.example'],
    ['one of the other mails', { otherMails: ['kim.personal@mail.example'] }, 'kim.personal@mail.example'],
  ])('an HR name given as %s matches the account, which fails while enabled', (_how, extra, hrName) => {
    const data = baselineData();
    Object.assign(data['m365.users'].users.find((u) => u.id === ids.nurseKim)!, extra);
    const finding = runControl(accountsDepartedStaff, data, baselineOptions({ departedStaff: [hrName] }));
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual([ids.nurseKim]);
  });

  it('an exempt non-person account is skipped by the inactivity rule and listed with its reason', () => {
    const data = baselineData();
    const scanner = data['m365.users'].users.find((u) => u.id === ids.officeMgr)!;
    scanner.signInActivity = { lastSignInDateTime: null, lastNonInteractiveSignInDateTime: null, lastSuccessfulSignInDateTime: null };
    const options = baselineOptions({ exemptAccounts: [{ account: scanner.userPrincipalName.toUpperCase(), reason: 'scan-to-email account of the copier' }] });
    const finding = runControl(accountsDepartedStaff, data, options);
    expect(finding.status).toBe('pass');
    expect(finding.evidence.exemptFromInactivity).toEqual([{ type: 'user', id: ids.officeMgr, name: scanner.userPrincipalName, detail: 'scan-to-email account of the copier' }]);
    expect(finding.summary).toContain('1 exempt non-person account');
  });

  it('an exempt account is still failed when it is on the HR list (exemption covers inactivity only)', () => {
    const data = baselineData();
    const upn = data['m365.users'].users.find((u) => u.id === ids.officeMgr)!.userPrincipalName;
    const finding = runControl(accountsDepartedStaff, data, baselineOptions({ departedStaff: [upn], exemptAccounts: [{ account: upn, reason: 'room' }] }));
    expect(finding.status).toBe('fail');
  });

  it('an enabled guest on the HR list fails', () => {
    const options = baselineOptions({ departedStaff: ['auditor_cpa.example#EXT#@contoso-clinic.example'] });
    const finding = runControl(accountsDepartedStaff, baselineData(), options);
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual([ids.guest]);
    expect(finding.evidence.total).toBe(7);
  });

  it('guests are not held to the inactivity rule', () => {
    const finding = runControl(
      accountsDepartedStaff,
      withUser(ids.guest, { signInActivity: { lastSuccessfulSignInDateTime: daysAgo(200) } }),
    );
    expect(finding.status).toBe('pass');
    expect(finding.evidence.guestsNotChecked).toBe(1);
  });

  it('lists every reason for one account', () => {
    const data = withUser(ids.nurseKim, {
      employeeLeaveDateTime: daysAgo(70),
      signInActivity: { lastSuccessfulSignInDateTime: daysAgo(70) },
    });
    const finding = runControl(accountsDepartedStaff, data, baselineOptions({ departedStaff: ['kim.nguyen@contoso-clinic.example'] }));
    expect(finding.evidence.affectedCount).toBe(1);
    expect(finding.evidence.affected[0]!.detail).toBe(
      'left on 2026-09-11 (employeeLeaveDateTime) but the account is still enabled; last successful sign-in 70 days ago (2026-09-11); on the HR departed-staff list but still enabled',
    );
  });

  describe('without sign-in activity', () => {
    const unavailable = (data = baselineData()) => {
      data['m365.users'] = {
        users: data['m365.users'].users.map((u) => ({ ...u, signInActivity: null })),
        signInActivity: {
          available: false,
          reason: { kind: 'license', detail: 'signInActivity needs Microsoft Entra ID P1', needs: ['Microsoft Entra ID P1'] },
        },
      };
      return data;
    };

    it('is not assessed when the leave-date and HR checks find nothing', () => {
      const finding = runControl(accountsDepartedStaff, unavailable());
      expect(finding.status).toBe('not_assessed');
      expect(finding.reason).toEqual({ kind: 'license', detail: 'signInActivity needs Microsoft Entra ID P1', needs: ['Microsoft Entra ID P1'] });
      expect(finding.evidence.inactivityChecked).toBe(false);
    });

    it('still fails on a leave date, noting that inactivity was not checked', () => {
      const finding = runControl(accountsDepartedStaff, unavailable(withUser(ids.drLee, { employeeLeaveDateTime: daysAgo(1) })));
      expect(finding.status).toBe('fail');
      expect(affectedIds(finding)).toEqual([ids.drLee]);
      expect(finding.summary).toContain('Inactivity was not checked');
    });

    it('still fails on the HR list', () => {
      const finding = runControl(
        accountsDepartedStaff,
        unavailable(),
        baselineOptions({ departedStaff: ['dr.lee@contoso-clinic.example'] }),
      );
      expect(finding.status).toBe('fail');
      expect(affectedIds(finding)).toEqual([ids.drLee]);
    });
  });

  it('is not assessed when the users dataset could not be read', () => {
    const finding = runControl(accountsDepartedStaff, {
      'm365.users': failed({ kind: 'permission', detail: 'Authorization_RequestDenied', needs: ['User.Read.All'] }),
    });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['User.Read.All']);
  });
});

describe('leave dates that Graph could not return', () => {
  const withoutLeaveDates = () => {
    const data = baselineData();
    data['m365.users'].leaveDates = { available: false, detail: 'employeeLeaveDateTime needs User-LifeCycleInfo.Read.All' };
    return data;
  };

  it('is not assessed rather than passing, naming the permission', () => {
    const finding = runControl(accountsDepartedStaff, withoutLeaveDates());
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['Graph application permission User-LifeCycleInfo.Read.All']);
  });

  it('still fails on an inactive account, saying leave dates were not checked', () => {
    const data = withoutLeaveDates();
    data['m365.users'].users[0]!.signInActivity = { lastSignInDateTime: null, lastSuccessfulSignInDateTime: '2026-01-01T00:00:00Z' };
    const finding = runControl(accountsDepartedStaff, data);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toContain('Leave dates were not checked');
  });
});
