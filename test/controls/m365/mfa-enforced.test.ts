import { describe, expect, it } from 'vitest';
import { mfaEnforced } from '../../../src/controls/m365/mfa-enforced.js';
import { GLOBAL_ADMIN_ROLE, STAFF_GROUP, baselineData, baselineOptions, ids } from '../../fixtures/m365-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';
import { ADMIN_GROUP, policyIn, usersOf, withAdminRoleThroughGroup, withPolicy, withoutPolicies } from './ca-fixtures.js';

const affectedIds = (finding: ReturnType<typeof runControl>) => finding.evidence.affected.map((a) => a.id);
const staffWithoutAdmin = [ids.drLee, ids.nurseKim, ids.billingPat, ids.officeMgr];

describe('m365.mfa.enforced', () => {
  it('passes when an enforced all-users policy requires MFA and only the break-glass account is excluded', () => {
    const finding = runControl(mfaEnforced, baselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe(
      'All 5 enabled users and the one enabled guest must use MFA for every cloud app (2 Conditional Access policies); 1 break-glass account excluded as allowed.',
    );
    expect(finding.evidence.total).toBe(6);
    expect(finding.evidence.affected).toEqual([]);
    expect((finding.evidence.countingPolicies as { id: string }[]).map((p) => p.id)).toEqual(['ca-mfa-all', 'ca-admins-phish-resistant']);
    expect((finding.evidence.breakGlassExcluded as { id: string }[]).map((u) => u.id)).toEqual([ids.breakGlass]);
    expect(finding.evidence.guests).toBe(1);
    expect(finding.evidence.guestsNotCovered).toEqual([]);
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
    expect(affectedIds(finding)).toEqual([...staffWithoutAdmin, ids.guest]);
    expect(finding.summary).toBe('4 of 6 enabled users can sign in without MFA. 1 of 1 enabled guest can too.');
    expect(finding.evidence.ignoredPolicies).toContainEqual({
      id: 'ca-mfa-all',
      name: 'Require MFA for all users',
      why: 'report-only: it is not enforced',
    });
  });

  it('a disabled policy does not count', () => {
    const finding = runControl(mfaEnforced, withPolicy('ca-mfa-all', (p) => (p.state = 'disabled')));
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual([...staffWithoutAdmin, ids.guest]);
  });

  it('MFA offered as an alternative to a compliant device does not count', () => {
    const finding = runControl(mfaEnforced, withPolicy('ca-mfa-all', (p) => p.grantControls!.builtInControls!.push('compliantDevice')));
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual([...staffWithoutAdmin, ids.guest]);
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

  it('a policy that excludes a directory role still counts: only the holders of the role are uncovered', () => {
    const data = withPolicy('ca-mfa-all', (p) => (usersOf(p).excludeRoles = [GLOBAL_ADMIN_ROLE]));
    // The admin is also covered by the admin policy; without it, only the admin is uncovered.
    data['m365.conditionalAccess'].policies = data['m365.conditionalAccess'].policies.filter((p) => p.id === 'ca-mfa-all');
    const finding = runControl(mfaEnforced, data);
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual([ids.admin]);
    expect(finding.evidence.affected[0]!.detail).toBe("excluded from 'Require MFA for all users'");
  });

  it('a policy that excludes a role held through a role-assignable group leaves the group members uncovered', () => {
    const data = withPolicy('ca-mfa-all', (p) => (usersOf(p).excludeRoles = [GLOBAL_ADMIN_ROLE]));
    data['m365.conditionalAccess'].policies = data['m365.conditionalAccess'].policies.filter((p) => p.id === 'ca-mfa-all');
    withAdminRoleThroughGroup(data, { members: [ids.admin, ids.officeMgr] });
    const finding = runControl(mfaEnforced, data);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('2 of 6 enabled users can sign in without MFA.');
    expect(affectedIds(finding)).toEqual([ids.officeMgr, ids.admin]);
    expect(finding.evidence.affected[0]!.detail).toBe("excluded from 'Require MFA for all users'");
  });

  it('a policy that includes a role held through a role-assignable group covers the group members', () => {
    // The office manager is left out of the all-users policy; the admin policy covers them only
    // through the group that holds Global Administrator.
    const data = withPolicy('ca-mfa-all', (p) => usersOf(p).excludeUsers!.push(ids.officeMgr));
    expect(runControl(mfaEnforced, structuredClone(data)).status).toBe('fail');
    withAdminRoleThroughGroup(data, { members: [ids.admin, ids.officeMgr] });
    const finding = runControl(mfaEnforced, data);
    expect(finding.status).toBe('pass');
    expect(finding.evidence.affected).toEqual([]);
  });

  it('a policy that excludes a role held by a group whose members could not be read is not assessed, never a pass', () => {
    const data = withPolicy('ca-mfa-all', (p) => (usersOf(p).excludeRoles = [GLOBAL_ADMIN_ROLE]));
    data['m365.conditionalAccess'].policies = data['m365.conditionalAccess'].policies.filter((p) => p.id === 'ca-mfa-all');
    withAdminRoleThroughGroup(data, { unread: '403 Authorization_RequestDenied: Insufficient privileges to complete the operation.' });
    const finding = runControl(mfaEnforced, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.summary).toBe('Whether 5 of 6 enabled users must use MFA depends on group members that could not be read.');
    expect(affectedIds(finding)).toEqual([...staffWithoutAdmin, ids.admin]);
    expect(finding.evidence.affected[0]!.detail).toBe('coverage depends on members of 1 group that could not be read');
    expect(finding.reason).toEqual({
      kind: 'permission',
      detail: `members of groups used by Conditional Access policies could not be read: ${ADMIN_GROUP} (403 Authorization_RequestDenied: Insufficient privileges to complete the operation.)`,
      needs: ['GroupMember.Read.All'],
    });
  });

  it('a role-holding group the collector could not find names the failed role-assignment read', () => {
    const data = withPolicy('ca-mfa-all', (p) => (usersOf(p).excludeRoles = [GLOBAL_ADMIN_ROLE]));
    withAdminRoleThroughGroup(data, { members: [] });
    const ca = data['m365.conditionalAccess'];
    delete ca.groupMembers[ADMIN_GROUP];
    ca.roleGroupsUnread = 'the role assignments that show which groups hold the directory roles policies name could not be read (503 ServiceUnavailable: try later)';
    const finding = runControl(mfaEnforced, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.detail).toContain(`${ADMIN_GROUP} (${ca.roleGroupsUnread})`);
  });

  it('excluding the Directory Synchronization Accounts role is accepted, its holders listed', () => {
    const SYNC_ROLE = 'd29b2b05-8046-44ba-8758-1e26182fcf32';
    const data = withPolicy('ca-mfa-all', (p) => (usersOf(p).excludeRoles = [SYNC_ROLE]));
    data['m365.roleAssignments'].assignments.push({ id: 'sync-1', principalId: ids.officeMgr, roleDefinitionId: SYNC_ROLE, directoryScopeId: '/' });
    const finding = runControl(mfaEnforced, data);
    expect(finding.status).toBe('pass');
    expect(finding.summary).toContain('1 directory synchronization account excluded as Microsoft advises');
    expect((finding.evidence.syncAccountsExcluded as { id: string }[]).map((u) => u.id)).toEqual([ids.officeMgr]);
  });

  it('an enabled guest excluded from every MFA policy makes it a warning, naming the guest; members still pass', () => {
    const finding = runControl(mfaEnforced, withPolicy('ca-mfa-all', (p) => usersOf(p).excludeUsers!.push(ids.guest)));
    expect(finding.status).toBe('warn');
    expect(affectedIds(finding)).toEqual([ids.guest]);
    expect(finding.summary).toContain('but 1 of 1 enabled guest can sign in without MFA');
  });

  it('excluding guests by type (excludeGuestsOrExternalUsers) leaves those guests uncovered', () => {
    const finding = runControl(
      mfaEnforced,
      withPolicy('ca-mfa-all', (p) => (usersOf(p).excludeGuestsOrExternalUsers = { guestOrExternalUserTypes: 'b2bCollaborationGuest,b2bDirectConnectUser', externalTenants: { membershipKind: 'all' } })),
    );
    expect(finding.status).toBe('warn');
    expect(affectedIds(finding)).toEqual([ids.guest]);
  });

  it('a guest-type exclusion that does not name the guest\'s type leaves the guest covered', () => {
    const finding = runControl(
      mfaEnforced,
      withPolicy('ca-mfa-all', (p) => (usersOf(p).excludeGuestsOrExternalUsers = { guestOrExternalUserTypes: 'internalGuest', externalTenants: null })),
    );
    expect(finding.status).toBe('pass');
  });

  it('an uncovered member still fails when a guest is uncovered too, listing both', () => {
    const finding = runControl(mfaEnforced, withPolicy('ca-mfa-all', (p) => usersOf(p).excludeUsers!.push(ids.guest, ids.drLee)));
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual([ids.drLee, ids.guest]);
  });

  it('a break-glass account named by its group is accepted when the policy excludes that group', () => {
    const BREAK_GLASS_GROUP = 'b0b0b0b0-0000-4000-8000-00000000b001';
    const data = withPolicy('ca-mfa-all', (p) => {
      usersOf(p).excludeUsers = [];
      usersOf(p).excludeGroups = [BREAK_GLASS_GROUP];
    });
    data['m365.conditionalAccess'].groupMembers[BREAK_GLASS_GROUP] = [ids.breakGlass];
    const finding = runControl(mfaEnforced, data, baselineOptions({ breakGlassAccounts: [BREAK_GLASS_GROUP] }));
    expect(finding.status).toBe('pass');
    expect((finding.evidence.breakGlassExcluded as { id: string }[]).map((u) => u.id)).toEqual([ids.breakGlass]);
  });

  it('a break-glass entry that names no user or group is listed in the evidence, not silently ignored', () => {
    const finding = runControl(mfaEnforced, baselineData(), baselineOptions({ breakGlassAccounts: ['breakglass@contoso-clinic.example', 'old-breakglass@contoso-clinic.example'] }));
    expect(finding.status).toBe('pass');
    expect(finding.evidence.breakGlassEntriesNotFound).toEqual(['old-breakglass@contoso-clinic.example']);
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

  it('a group-targeted policy covers the staff in the group; a guest outside it makes it a warning', () => {
    const finding = runControl(
      mfaEnforced,
      withPolicy('ca-mfa-all', (p) => {
        usersOf(p).includeUsers = [];
        usersOf(p).includeGroups = [STAFF_GROUP];
      }),
    );
    expect(finding.status).toBe('warn');
    expect(affectedIds(finding)).toEqual([ids.guest]);
  });

  it('no MFA policy and security defaults off fails for everyone but the break-glass account', () => {
    const finding = runControl(mfaEnforced, withoutPolicies('ca-mfa-all', 'ca-admins-phish-resistant'));
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe(
      'Security defaults are off and no enforced Conditional Access policy requires MFA for all cloud apps: 5 of 6 enabled users can sign in without MFA. 1 of 1 enabled guest can too.',
    );
    expect(affectedIds(finding)).toEqual([...staffWithoutAdmin, ids.admin, ids.guest]);
    expect(finding.evidence.breakGlassExcluded).toEqual([
      { type: 'user', id: ids.breakGlass, name: 'breakglass@contoso-clinic.example', detail: 'break-glass account, not covered' },
    ]);
  });

  it('guests excluded by type without naming tenants are uncovered guests (a warning)', () => {
    const finding = runControl(mfaEnforced, withPolicy('ca-mfa-all', (p) => (usersOf(p).excludeGuestsOrExternalUsers = { guestOrExternalUserTypes: 'b2bCollaborationGuest' })));
    expect(finding.status).toBe('warn');
    expect(affectedIds(finding)).toEqual([ids.guest]);
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
    expect(affectedIds(finding)).toEqual([...staffWithoutAdmin, ids.guest]);
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

  it('an account listed in exemptAccounts is still held to MFA enforcement: break-glass is the only exemption', () => {
    const options = baselineOptions({ exemptAccounts: [{ account: 'sam.ortiz@contoso-clinic.example', reason: 'scan-to-email account of the copier' }] });
    const finding = runControl(mfaEnforced, withPolicy('ca-mfa-all', (p) => usersOf(p).excludeUsers!.push(ids.officeMgr)), options);
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual([ids.officeMgr]);
  });
});
