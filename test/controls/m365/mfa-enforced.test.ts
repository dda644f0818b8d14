import { describe, expect, it } from 'vitest';
import { mfaEnforced } from '../../../src/controls/m365/mfa-enforced.js';
import { GLOBAL_ADMIN_ROLE, STAFF_GROUP, baselineData, baselineOptions, ids } from '../../fixtures/m365-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';
import { policyIn, usersOf, withPolicy, withoutPolicies } from './ca-fixtures.js';

const affectedIds = (finding: ReturnType<typeof runControl>) => finding.evidence.affected.map((a) => a.id);
const staffWithoutAdmin = [ids.drLee, ids.nurseKim, ids.billingPat, ids.officeMgr];

describe('m365.mfa.enforced', () => {
  it('passes when an enforced all-users policy requires MFA and only the break-glass account is excluded', () => {
    const finding = runControl(mfaEnforced, baselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe(
      'All 5 enabled users must use MFA for every cloud app (2 Conditional Access policies); 1 break-glass account excluded as allowed.',
    );
    expect(finding.evidence.total).toBe(6);
    expect(finding.evidence.affected).toEqual([]);
    expect((finding.evidence.countingPolicies as { id: string }[]).map((p) => p.id)).toEqual(['ca-mfa-all', 'ca-admins-phish-resistant']);
    expect((finding.evidence.breakGlassExcluded as { id: string }[]).map((u) => u.id)).toEqual([ids.breakGlass]);
    expect(finding.evidence.guestsNotAssessed).toBe(1);
  });

  it('security defaults alone pass', () => {
    const data = withoutPolicies('ca-mfa-all', 'ca-admins-phish-resistant');
    data['m365.securityDefaults'].isEnabled = true;
    const finding = runControl(mfaEnforced, data);
    expect(finding.status).toBe('pass');
    expect(finding.evidence.securityDefaults).toBe(true);
  });

  it('a report-only policy does not count', () => {
    const finding = runControl(mfaEnforced, withPolicy('ca-mfa-all', (p) => (p.state = 'enabledForReportingButNotEnforced')));
    expect(finding.status).toBe('fail');
    // The admin is still covered by the phishing-resistant admin policy.
    expect(affectedIds(finding)).toEqual(staffWithoutAdmin);
    expect(finding.summary).toBe('4 of 6 enabled users can sign in without MFA.');
    expect(finding.evidence.ignoredPolicies).toContainEqual({
      id: 'ca-mfa-all',
      name: 'Require MFA for all users',
      why: 'report-only: it is not enforced',
    });
  });

  it('a disabled policy does not count', () => {
    const finding = runControl(mfaEnforced, withPolicy('ca-mfa-all', (p) => (p.state = 'disabled')));
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual(staffWithoutAdmin);
  });

  it('MFA offered as an alternative to a compliant device does not count', () => {
    const finding = runControl(mfaEnforced, withPolicy('ca-mfa-all', (p) => p.grantControls!.builtInControls!.push('compliantDevice')));
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual(staffWithoutAdmin);
  });

  it('MFA required together with a compliant device counts', () => {
    const finding = runControl(
      mfaEnforced,
      withPolicy('ca-mfa-all', (p) => (p.grantControls = { operator: 'AND', builtInControls: ['mfa', 'compliantDevice'] })),
    );
    expect(finding.status).toBe('pass');
  });

  it('an excluded user who is not a break-glass account is left uncovered', () => {
    const finding = runControl(mfaEnforced, withPolicy('ca-mfa-all', (p) => usersOf(p).excludeUsers!.push(ids.billingPat)));
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected).toEqual([
      { type: 'user', id: ids.billingPat, name: 'pat.rivera@contoso-clinic.example', detail: "excluded from 'Require MFA for all users'" },
    ]);
  });

  it('the break-glass exclusion fails when the account is not configured as break-glass', () => {
    const finding = runControl(mfaEnforced, baselineData(), baselineOptions({ breakGlassAccounts: [] }));
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual([ids.breakGlass]);
  });

  it('a break-glass account can be configured by object id', () => {
    const finding = runControl(mfaEnforced, baselineData(), baselineOptions({ breakGlassAccounts: [ids.breakGlass] }));
    expect(finding.status).toBe('pass');
  });

  it('an excluded group leaves its members uncovered', () => {
    const finding = runControl(mfaEnforced, withPolicy('ca-mfa-all', (p) => (usersOf(p).excludeGroups = [STAFF_GROUP])));
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual(staffWithoutAdmin);
  });

  it('a policy for Office 365 only does not count', () => {
    const finding = runControl(mfaEnforced, withPolicy('ca-mfa-all', (p) => (p.conditions.applications!.includeApplications = ['Office365'])));
    expect(finding.status).toBe('fail');
    expect(finding.evidence.ignoredPolicies).toContainEqual(expect.objectContaining({ id: 'ca-mfa-all', why: 'it targets Office 365 only, not all cloud apps' }));
  });

  it('a role-excluded policy does not count', () => {
    const finding = runControl(mfaEnforced, withPolicy('ca-mfa-all', (p) => (usersOf(p).excludeRoles = [GLOBAL_ADMIN_ROLE])));
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual(staffWithoutAdmin);
  });

  it('a risk-based policy does not count', () => {
    const finding = runControl(mfaEnforced, withPolicy('ca-mfa-all', (p) => (p.conditions.signInRiskLevels = ['medium', 'high'])));
    expect(finding.status).toBe('fail');
  });

  it('a policy that skips trusted locations does not count', () => {
    const finding = runControl(
      mfaEnforced,
      withPolicy('ca-mfa-all', (p) => (p.conditions.locations = { includeLocations: ['All'], excludeLocations: ['AllTrusted'] })),
    );
    expect(finding.status).toBe('fail');
  });

  it('a group-targeted policy passes when the group and the admin policy cover everyone', () => {
    const finding = runControl(
      mfaEnforced,
      withPolicy('ca-mfa-all', (p) => {
        usersOf(p).includeUsers = [];
        usersOf(p).includeGroups = [STAFF_GROUP];
      }),
    );
    expect(finding.status).toBe('pass');
  });

  it('no MFA policy and security defaults off fails for everyone but the break-glass account', () => {
    const finding = runControl(mfaEnforced, withoutPolicies('ca-mfa-all', 'ca-admins-phish-resistant'));
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe(
      'Security defaults are off and no enforced Conditional Access policy requires MFA for all cloud apps: 5 of 6 enabled users can sign in without MFA.',
    );
    expect(affectedIds(finding)).toEqual([...staffWithoutAdmin, ids.admin]);
    expect(finding.evidence.breakGlassExcluded).toEqual([
      { type: 'user', id: ids.breakGlass, name: 'breakglass@contoso-clinic.example', detail: 'break-glass account, not covered' },
    ]);
  });

  it('guests are not assessed', () => {
    const finding = runControl(mfaEnforced, withPolicy('ca-mfa-all', (p) => (usersOf(p).excludeGuestsOrExternalUsers = { guestOrExternalUserTypes: 'b2bCollaborationGuest' })));
    expect(finding.status).toBe('pass');
  });

  it('coverage that depends on an unread group is not assessed and names GroupMember.Read.All', () => {
    const data = withPolicy('ca-mfa-all', (p) => {
      usersOf(p).includeUsers = [];
      usersOf(p).includeGroups = ['unread-group'];
    });
    data['m365.conditionalAccess'].unresolvedGroups = [{ groupId: 'unread-group', detail: '403 Authorization_RequestDenied' }];
    const finding = runControl(mfaEnforced, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason).toEqual({
      kind: 'permission',
      detail: 'members of groups used by Conditional Access policies could not be read: unread-group (403 Authorization_RequestDenied)',
      needs: ['GroupMember.Read.All'],
    });
    expect(affectedIds(finding)).toEqual(staffWithoutAdmin);
  });

  it('an unread group does not hide a user who is certainly uncovered', () => {
    const data = withPolicy('ca-mfa-all', (p) => {
      usersOf(p).includeGroups = ['unread-group'];
      usersOf(p).excludeUsers!.push(ids.nurseKim);
    });
    data['m365.conditionalAccess'].unresolvedGroups = [{ groupId: 'unread-group', detail: '403' }];
    const finding = runControl(mfaEnforced, data);
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual([ids.nurseKim]);
  });

  it('a failed Conditional Access read is not assessed with that reason', () => {
    const reason = { kind: 'permission' as const, detail: '403 Authorization_RequestDenied', needs: ['Policy.Read.All'] };
    const finding = runControl(mfaEnforced, { ...baselineData(), 'm365.conditionalAccess': failedDataset(reason) });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason).toEqual(reason);
  });

  it('the admin policy alone does not cover staff', () => {
    const data = withoutPolicies('ca-mfa-all');
    expect(policyIn(data, 'ca-admins-phish-resistant').state).toBe('enabled');
    const finding = runControl(mfaEnforced, data);
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual(staffWithoutAdmin);
  });
});

describe('role assignments are needed only for policies that target roles', () => {
  const failedRoles = failedDataset({ kind: 'permission', detail: 'Authorization_RequestDenied', needs: ['Graph application permission RoleManagement.Read.Directory'] });

  it('still passes without role assignments when no counting policy targets roles', () => {
    const data = baselineData();
    data['m365.conditionalAccess'].policies = data['m365.conditionalAccess'].policies.filter((policy) => !(policy.conditions.users?.includeRoles ?? []).length);
    const finding = runControl(mfaEnforced, { ...data, 'm365.roleAssignments': failedRoles as never });
    expect(finding.status).toBe('pass');
  });

  it('is not assessed without role assignments when a counting policy targets roles, naming the permission', () => {
    const data = baselineData();
    const finding = runControl(mfaEnforced, { ...data, 'm365.roleAssignments': failedRoles as never });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['Graph application permission RoleManagement.Read.Directory']);
  });
});
