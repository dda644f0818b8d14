import { describe, expect, it } from 'vitest';
import { mfaAdmins } from '../../../src/controls/m365/mfa-admins.js';
import { GLOBAL_ADMIN_ROLE, STAFF_GROUP, baselineData, ids } from '../../fixtures/m365-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';
import { ADMIN_GROUP, policyIn, usersOf, withAdminRoleThroughGroup, withPolicy, withoutPolicies } from './ca-fixtures.js';

const EXCHANGE_ADMIN_ROLE = '29232cdf-9323-42fd-ade2-1d097af3e4de';
const affectedIds = (finding: ReturnType<typeof runControl>) => finding.evidence.affected.map((a) => a.id);

/** Baseline data with an extra role assignment. */
function withAssignment(principalId: string, roleDefinitionId: string, directoryScopeId = '/') {
  const data = baselineData();
  data['m365.roleAssignments'].assignments.push({ id: `ra-${principalId}`, principalId, roleDefinitionId, directoryScopeId });
  return data;
}

describe('m365.mfa.admins', () => {
  it('passes when every administrator must use phishing-resistant MFA and only break-glass is excluded', () => {
    const finding = runControl(mfaAdmins, baselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe('The one administrator must use phishing-resistant MFA; 1 break-glass account excluded as allowed.');
    expect(finding.evidence.total).toBe(2);
    expect(finding.evidence.administrators).toEqual([
      { id: ids.admin, name: 'it.admin@contoso-clinic.example', roles: ['Global Administrator'] },
      { id: ids.breakGlass, name: 'breakglass@contoso-clinic.example', roles: ['Global Administrator'] },
    ]);
    expect((finding.evidence.breakGlassExcluded as { id: string }[]).map((u) => u.id)).toEqual([ids.breakGlass]);
    expect(finding.evidence.phishingResistantPolicies).toEqual([{ id: 'ca-admins-phish-resistant', name: 'Phishing-resistant MFA for admins' }]);
    expect(finding.evidence.notPhishingResistant).toEqual([
      { id: 'ca-mfa-all', name: 'Require MFA for all users', why: 'it requires MFA but not a phishing-resistant authentication strength' },
    ]);
  });

  it('an administrator covered only by plain MFA is a warning', () => {
    const finding = runControl(mfaAdmins, withoutPolicies('ca-admins-phish-resistant'));
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe('Both administrators must use MFA, but 1 is not required to use phishing-resistant MFA.');
    expect(finding.evidence.affected).toEqual([
      {
        type: 'user',
        id: ids.admin,
        name: 'it.admin@contoso-clinic.example',
        detail: "Global Administrator: required by 'Require MFA for all users', not phishing-resistant",
      },
    ]);
  });

  it('an administrator with no enforced MFA policy fails', () => {
    const data = withPolicy('ca-mfa-all', (p) => usersOf(p).excludeUsers!.push(ids.admin));
    policyIn(data, 'ca-admins-phish-resistant').state = 'enabledForReportingButNotEnforced';
    const finding = runControl(mfaAdmins, data);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('1 of 2 administrators can sign in without MFA.');
    expect(finding.evidence.affected).toEqual([
      {
        type: 'user',
        id: ids.admin,
        name: 'it.admin@contoso-clinic.example',
        detail: "Global Administrator: excluded from 'Require MFA for all users'",
      },
    ]);
  });

  it('a new Exchange administrator outside the admin policy is covered by plain MFA only', () => {
    const finding = runControl(mfaAdmins, withAssignment(ids.nurseKim, EXCHANGE_ADMIN_ROLE));
    expect(finding.status).toBe('warn');
    expect(affectedIds(finding)).toEqual([ids.nurseKim]);
    expect(finding.evidence.affected[0]!.detail).toMatch(/^Exchange Administrator: /);
  });

  it('an Exchange administrator excluded from the all-users policy fails', () => {
    const data = withAssignment(ids.nurseKim, EXCHANGE_ADMIN_ROLE);
    usersOf(policyIn(data, 'ca-mfa-all')).excludeUsers!.push(ids.nurseKim);
    const finding = runControl(mfaAdmins, data);
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual([ids.nurseKim]);
  });

  // Role template ids from the "Microsoft Entra built-in roles" reference (permissions-reference).
  it.each([
    ['Authentication Policy Administrator', '0526716b-113d-4c15-b2c8-68e3c22b9f80'],
    ['Identity Governance Administrator', '45d8d3c5-c802-45c6-b32a-1d70b5e1e86e'],
    ['Compliance Administrator', '17315797-102d-40b4-93e0-432062caca18'],
  ])('a holder of %s excluded from the all-users policy fails: the role is privileged', (role, templateId) => {
    const data = withAssignment(ids.nurseKim, templateId);
    usersOf(policyIn(data, 'ca-mfa-all')).excludeUsers!.push(ids.nurseKim);
    const finding = runControl(mfaAdmins, data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected).toEqual([
      { type: 'user', id: ids.nurseKim, name: 'kim.nguyen@contoso-clinic.example', detail: `${role}: excluded from 'Require MFA for all users'` },
    ]);
  });

  it('plain MFA offered next to the phishing-resistant strength is a warning', () => {
    const finding = runControl(mfaAdmins, withPolicy('ca-admins-phish-resistant', (p) => (p.grantControls!.builtInControls = ['mfa'])));
    expect(finding.status).toBe('warn');
    expect(affectedIds(finding)).toEqual([ids.admin]);
  });

  it('security defaults require MFA of administrators but not phishing-resistant MFA', () => {
    const data = withoutPolicies('ca-mfa-all', 'ca-admins-phish-resistant');
    data['m365.securityDefaults'].isEnabled = true;
    const finding = runControl(mfaAdmins, data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe('Both administrators must use MFA (security defaults), but none is required to use phishing-resistant MFA.');
    expect(affectedIds(finding)).toEqual([ids.admin]);
  });

  it('a privileged role held by a principal this check cannot see into is a warning', () => {
    const finding = runControl(mfaAdmins, withAssignment('99999999-0000-4000-8000-00000000sp01', GLOBAL_ADMIN_ROLE));
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected).toEqual([
      {
        type: 'principal',
        id: '99999999-0000-4000-8000-00000000sp01',
        detail: 'holds Global Administrator; a group or service principal whose members this check cannot see',
      },
    ]);
    expect(finding.summary).toBe(
      'The one administrator must use phishing-resistant MFA, but 1 group or service principal also holds privileged roles this check cannot see into.',
    );
  });

  it('a privileged role given to a known group makes its members administrators', () => {
    const finding = runControl(mfaAdmins, withAssignment(STAFF_GROUP, EXCHANGE_ADMIN_ROLE));
    expect(finding.status).toBe('warn');
    expect(affectedIds(finding)).toEqual([ids.drLee, ids.nurseKim, ids.billingPat, ids.officeMgr]);
    expect(finding.evidence.affected[0]!.detail).toMatch(new RegExp(`^Exchange Administrator \\(through group ${STAFF_GROUP}\\)`));
  });

  it('Global Administrator held through a role-assignable group makes its members administrators, covered by the admin policy', () => {
    const finding = runControl(mfaAdmins, withAdminRoleThroughGroup(baselineData(), { members: [ids.admin, ids.officeMgr] }));
    expect(finding.status).toBe('pass');
    expect((finding.evidence.administrators as { id: string }[]).map((a) => a.id).sort()).toEqual([ids.officeMgr, ids.admin, ids.breakGlass].sort());
  });

  it('a role-assignable group holding Global Administrator whose members could not be read is named with the failure, never a pass', () => {
    const finding = runControl(mfaAdmins, withAdminRoleThroughGroup(baselineData(), { unread: '403 Authorization_RequestDenied: Insufficient privileges' }));
    expect(finding.status).not.toBe('pass');
    expect(finding.evidence.affected).toContainEqual({
      type: 'principal',
      id: ADMIN_GROUP,
      detail: 'holds Global Administrator; a role-assignable group whose members were not read (403 Authorization_RequestDenied: Insufficient privileges)',
    });
  });

  it('a service principal holding a privileged role is named as an app', () => {
    const data = withAssignment('99999999-0000-4000-8000-00000000sp01', GLOBAL_ADMIN_ROLE);
    data['m365.roleAssignments'].assignments.at(-1)!.principalType = 'servicePrincipal';
    const finding = runControl(mfaAdmins, data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected[0]!.detail).toBe('holds Global Administrator; a service principal (an app), which cannot sign in with MFA');
  });

  it('a disabled administrator is not assessed', () => {
    const data = withAssignment(ids.formerStaff, GLOBAL_ADMIN_ROLE);
    const finding = runControl(mfaAdmins, data);
    expect(finding.status).toBe('pass');
    expect(finding.evidence.disabledAdministrators).toBe(1);
  });

  it('no privileged role assignments at all is not assessed', () => {
    const data = baselineData();
    data['m365.roleAssignments'].assignments = [];
    const finding = runControl(mfaAdmins, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.kind).toBe('unsupported');
  });

  it('coverage that depends on an unread group is not assessed', () => {
    const data = withPolicy('ca-mfa-all', (p) => {
      usersOf(p).includeUsers = [];
      usersOf(p).includeGroups = ['unread-group'];
    });
    policyIn(data, 'ca-admins-phish-resistant').state = 'disabled';
    data['m365.conditionalAccess'].unresolvedGroups = [{ groupId: 'unread-group', detail: '403 Authorization_RequestDenied' }];
    const finding = runControl(mfaAdmins, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['GroupMember.Read.All']);
    expect(affectedIds(finding)).toEqual([ids.admin]);
  });

  it('a failed role assignments read is not assessed with that reason', () => {
    const reason = { kind: 'permission' as const, detail: '403 Authorization_RequestDenied', needs: ['RoleManagement.Read.Directory'] };
    const finding = runControl(mfaAdmins, { ...baselineData(), 'm365.roleAssignments': failedDataset(reason) });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason).toEqual(reason);
  });
});
