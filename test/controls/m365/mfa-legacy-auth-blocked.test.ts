import { describe, expect, it } from 'vitest';
import { mfaLegacyAuthBlocked } from '../../../src/controls/m365/mfa-legacy-auth-blocked.js';
import { GLOBAL_ADMIN_ROLE, STAFF_GROUP, baselineData, ids } from '../../fixtures/m365-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';
import { ADMIN_GROUP, copyOfBaselinePolicy, usersOf, withAdminRoleThroughGroup, withPolicy, withoutPolicies } from './ca-fixtures.js';

const affectedIds = (finding: ReturnType<typeof runControl>) => finding.evidence.affected.map((a) => a.id);
const staff = [ids.drLee, ids.nurseKim, ids.billingPat, ids.officeMgr, ids.admin];

describe('m365.mfa.legacy-auth-blocked', () => {
  it('passes when an enforced policy blocks both legacy client types for all users and apps', () => {
    const finding = runControl(mfaLegacyAuthBlocked, baselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe(
      'Legacy authentication is blocked for all 5 enabled users (1 Conditional Access policy); 1 break-glass account excluded as allowed.',
    );
    expect(finding.evidence.countingPolicies).toEqual([{ id: 'ca-block-legacy', name: 'Block legacy authentication' }]);
    expect(finding.evidence.ignoredPolicies).toContainEqual({ id: 'ca-mfa-all', name: 'Require MFA for all users', why: 'it does not block access' });
    expect((finding.evidence.breakGlassExcluded as { id: string }[]).map((u) => u.id)).toEqual([ids.breakGlass]);
  });

  it('security defaults alone pass', () => {
    const data = withoutPolicies('ca-block-legacy');
    data['m365.securityDefaults'].isEnabled = true;
    const finding = runControl(mfaLegacyAuthBlocked, data);
    expect(finding.status).toBe('pass');
    expect(finding.evidence.securityDefaults).toBe(true);
  });

  it('a report-only block policy does not count', () => {
    const finding = runControl(mfaLegacyAuthBlocked, withPolicy('ca-block-legacy', (p) => (p.state = 'enabledForReportingButNotEnforced')));
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual(staff);
    expect(finding.summary).toBe('5 of 6 enabled users can still sign in with legacy authentication, which cannot do MFA.');
  });

  it('blocking Exchange ActiveSync alone leaves the other legacy clients open', () => {
    const finding = runControl(mfaLegacyAuthBlocked, withPolicy('ca-block-legacy', (p) => (p.conditions.clientAppTypes = ['exchangeActiveSync'])));
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual(staff);
    expect(finding.evidence.affected[0]!.detail).toBe(
      'other legacy clients (IMAP, POP, SMTP, older Office): no policy that counts includes this user',
    );
  });

  it('two policies that each block one legacy client type together pass', () => {
    const data = withPolicy('ca-block-legacy', (p) => (p.conditions.clientAppTypes = ['exchangeActiveSync']));
    data['m365.conditionalAccess'].policies.push(
      copyOfBaselinePolicy('ca-block-legacy', 'ca-block-other', (p) => (p.conditions.clientAppTypes = ['other'])),
    );
    const finding = runControl(mfaLegacyAuthBlocked, data);
    expect(finding.status).toBe('pass');
  });

  it('an excluded user who is not a break-glass account can still use legacy authentication', () => {
    const finding = runControl(mfaLegacyAuthBlocked, withPolicy('ca-block-legacy', (p) => usersOf(p).excludeUsers!.push(ids.officeMgr)));
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected).toEqual([
      {
        type: 'user',
        id: ids.officeMgr,
        name: 'sam.ortiz@contoso-clinic.example',
        detail:
          "Exchange ActiveSync: excluded from 'Block legacy authentication'; other legacy clients (IMAP, POP, SMTP, older Office): excluded from 'Block legacy authentication'",
      },
    ]);
  });

  it('a block policy for the staff group only leaves the admin open', () => {
    const finding = runControl(
      mfaLegacyAuthBlocked,
      withPolicy('ca-block-legacy', (p) => {
        usersOf(p).includeUsers = [];
        usersOf(p).includeGroups = [STAFF_GROUP];
      }),
    );
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual([ids.admin]);
  });

  it('a block policy for Exchange Online only does not count', () => {
    const finding = runControl(
      mfaLegacyAuthBlocked,
      withPolicy('ca-block-legacy', (p) => (p.conditions.applications!.includeApplications = ['00000002-0000-0ff1-ce00-000000000000'])),
    );
    expect(finding.status).toBe('fail');
    expect(finding.evidence.ignoredPolicies).toContainEqual(expect.objectContaining({ id: 'ca-block-legacy', why: 'it does not target all cloud apps' }));
  });

  it('coverage that depends on an unread group is not assessed', () => {
    const data = withPolicy('ca-block-legacy', (p) => {
      usersOf(p).includeUsers = [];
      usersOf(p).includeGroups = ['unread-group'];
    });
    data['m365.conditionalAccess'].unresolvedGroups = [{ groupId: 'unread-group', detail: '403 Authorization_RequestDenied' }];
    const finding = runControl(mfaLegacyAuthBlocked, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['GroupMember.Read.All']);
    expect(affectedIds(finding)).toEqual(staff);
  });

  it('a failed users read is not assessed with that reason', () => {
    const reason = { kind: 'permission' as const, detail: '403 Authorization_RequestDenied', needs: ['User.Read.All'] };
    const finding = runControl(mfaLegacyAuthBlocked, { ...baselineData(), 'm365.users': failedDataset(reason) });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason).toEqual(reason);
  });

  it('a block policy that excludes a directory role still counts: only the holders of the role can use legacy authentication', () => {
    const data = withPolicy('ca-block-legacy', (p) => (usersOf(p).excludeRoles = [GLOBAL_ADMIN_ROLE]));
    const finding = runControl(mfaLegacyAuthBlocked, data);
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual([ids.admin]);
  });

  it('a block policy that excludes a role held through a role-assignable group leaves the group members open', () => {
    const data = withPolicy('ca-block-legacy', (p) => (usersOf(p).excludeRoles = [GLOBAL_ADMIN_ROLE]));
    withAdminRoleThroughGroup(data, { members: [ids.admin, ids.nurseKim] });
    const finding = runControl(mfaLegacyAuthBlocked, data);
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual([ids.nurseKim, ids.admin]);
  });

  it('a block policy for a directory role covers the members of a group holding it', () => {
    const data = withPolicy('ca-block-legacy', (p) => usersOf(p).excludeUsers!.push(ids.nurseKim));
    data['m365.conditionalAccess'].policies.push(
      copyOfBaselinePolicy('ca-block-legacy', 'ca-block-legacy-admins', (p) => {
        usersOf(p).includeUsers = [];
        usersOf(p).includeRoles = [GLOBAL_ADMIN_ROLE];
      }),
    );
    expect(runControl(mfaLegacyAuthBlocked, structuredClone(data)).status).toBe('fail');
    withAdminRoleThroughGroup(data, { members: [ids.admin, ids.nurseKim] });
    const finding = runControl(mfaLegacyAuthBlocked, data);
    expect(finding.status).toBe('pass');
  });

  it('a block policy that excludes a role held by a group whose members could not be read is not assessed', () => {
    const data = withPolicy('ca-block-legacy', (p) => (usersOf(p).excludeRoles = [GLOBAL_ADMIN_ROLE]));
    withAdminRoleThroughGroup(data, { unread: '403 Authorization_RequestDenied: Insufficient privileges to complete the operation.' });
    const finding = runControl(mfaLegacyAuthBlocked, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.summary).toBe('Whether legacy authentication is blocked for 5 of 6 enabled users depends on group members that could not be read.');
    expect(affectedIds(finding)).toEqual(staff);
    expect(finding.reason?.needs).toEqual(['GroupMember.Read.All']);
    expect(finding.reason?.detail).toContain(`${ADMIN_GROUP} (403 Authorization_RequestDenied`);
  });

  it('excluding the On Premises Directory Sync Account role is accepted and its holder named', () => {
    const ON_PREMISES_SYNC_ROLE = 'a92aed5d-d78a-4d16-b381-09adb37eb3b0';
    const data = withPolicy('ca-block-legacy', (p) => (usersOf(p).excludeRoles = [ON_PREMISES_SYNC_ROLE]));
    data['m365.roleAssignments'].assignments.push({ id: 'sync-1', principalId: ids.officeMgr, roleDefinitionId: ON_PREMISES_SYNC_ROLE, directoryScopeId: '/' });
    const finding = runControl(mfaLegacyAuthBlocked, data);
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe(
      'Legacy authentication is blocked for all 4 enabled users (1 Conditional Access policy); 1 break-glass account excluded as allowed; 1 directory synchronization account excluded as Microsoft advises.',
    );
    expect((finding.evidence.syncAccountsExcluded as { id: string }[]).map((u) => u.id)).toEqual([ids.officeMgr]);
  });
});
