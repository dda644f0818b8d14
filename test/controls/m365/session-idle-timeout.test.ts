import { describe, expect, it } from 'vitest';
import { duration, sessionIdleTimeout, timespanMinutes } from '../../../src/controls/m365/session-idle-timeout.js';
import type { BaselineData } from '../../fixtures/m365-baseline.js';
import { GLOBAL_ADMIN_ROLE, baselineData, baselineOptions, ids } from '../../fixtures/m365-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';
import { ADMIN_GROUP, policyIn, usersOf, withAdminRoleThroughGroup } from './ca-fixtures.js';

const affectedIds = (finding: ReturnType<typeof runControl>) => finding.evidence.affected.map((a) => a.id);
const definition = (...apps: [string, string][]) =>
  JSON.stringify({
    ActivityBasedTimeoutPolicy: {
      Version: 1,
      ApplicationPolicies: apps.map(([ApplicationId, WebSessionIdleTimeout]) => ({ ApplicationId, WebSessionIdleTimeout })),
    },
  });

/** Baseline data whose organization timeout policy has these definition strings. */
function withTimeout(...definitions: string[]) {
  const data = baselineData();
  data['m365.activityTimeoutPolicies'].policies[0]!.definition = definitions;
  return data;
}

/** Baseline data with no idle timeout policy, so only the sign-in frequency policy can help. */
function withoutTimeout(edit: (data: BaselineData) => void = () => {}) {
  const data = baselineData();
  data['m365.activityTimeoutPolicies'].policies = [];
  edit(data);
  return data;
}
const frequencyPolicy = (data: BaselineData) => policyIn(data, 'ca-sign-in-frequency');

describe('timespanMinutes', () => {
  it('reads hh:mm:ss and d.hh:mm:ss', () => {
    expect(timespanMinutes('00:30:00')).toBe(30);
    expect(timespanMinutes('01:00:00')).toBe(60);
    expect(timespanMinutes('1.02:00:00')).toBe(1560);
    expect(timespanMinutes('00:00:30')).toBe(0.5);
  });

  it('rejects anything else', () => {
    expect(timespanMinutes('1 hour')).toBeUndefined();
    expect(timespanMinutes('25:00:00')).toBeUndefined();
    expect(timespanMinutes('PT1H')).toBeUndefined();
  });

  it('names durations in plain words', () => {
    expect(duration(30)).toBe('30 minutes');
    expect(duration(60)).toBe('1 hour');
    expect(duration(180)).toBe('3 hours');
    expect(duration(2880)).toBe('2 days');
  });
});

describe('m365.session.idle-timeout', () => {
  it('passes when the organization idle timeout is within the limit', () => {
    const finding = runControl(sessionIdleTimeout, baselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe('Idle web sessions are signed out after 30 minutes (limit 60 minutes).');
    expect(finding.evidence.timeouts).toEqual([{ policyId: 'abt-1', applicationId: 'default', minutes: 30 }]);
    expect(finding.evidence.affected).toEqual([]);
  });

  it('a timeout exactly at the limit passes', () => {
    const finding = runControl(sessionIdleTimeout, withTimeout(definition(['default', '01:00:00'])));
    expect(finding.status).toBe('pass');
  });

  it('a timeout above the limit fails with the value', () => {
    const finding = runControl(sessionIdleTimeout, withTimeout(definition(['default', '03:00:00'])));
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('The idle session timeout is 3 hours, longer than the 60-minute limit.');
    expect(finding.evidence.affected).toEqual([
      { type: 'policy', id: 'abt-1', name: 'Idle session timeout', detail: 'all web apps (default): signs out after 3 hours idle' },
    ]);
  });

  it('a timeout in days fails', () => {
    const finding = runControl(sessionIdleTimeout, withTimeout(definition(['default', '1.00:00:00'])));
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('The idle session timeout is 1 day, longer than the 60-minute limit.');
  });

  it('the limit comes from the idleTimeoutMinutes threshold', () => {
    const finding = runControl(sessionIdleTimeout, baselineData(), baselineOptions({ thresholds: { idleTimeoutMinutes: 15 } }));
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('The idle session timeout is 30 minutes, longer than the 15-minute limit.');
  });

  it('one app with a longer timeout than the default fails', () => {
    const appId = 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c';
    const finding = runControl(sessionIdleTimeout, withTimeout(definition(['default', '00:30:00'], [appId, '08:00:00'])));
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected[0]!.detail).toBe(`app ${appId}: signs out after 8 hours idle`);
  });

  it('a definition that is not JSON is not assessed as a schema problem', () => {
    const finding = runControl(sessionIdleTimeout, withTimeout('{"ActivityBasedTimeoutPolicy":'));
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason).toEqual({ kind: 'schema', detail: 'policy abt-1 has a definition that is not JSON' });
  });

  it('an unreadable timeout value is not assessed as a schema problem', () => {
    const finding = runControl(sessionIdleTimeout, withTimeout(definition(['default', '1 hour'])));
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason).toEqual({ kind: 'schema', detail: 'policy abt-1 has an unreadable timeout "1 hour"' });
  });

  it('a policy that is not the organization default is not in force', () => {
    const data = baselineData();
    data['m365.activityTimeoutPolicies'].policies[0]!.isOrganizationDefault = false;
    const finding = runControl(sessionIdleTimeout, data);
    expect(finding.status).toBe('warn'); // only the sign-in frequency policy remains, which is not an idle logoff
    expect(finding.summary).toContain('No idle session timeout is set');
    expect(finding.evidence.timeouts).toEqual([]);
  });

  it('without a timeout, a sign-in frequency for everyone is a warning: a re-authentication interval is not an idle logoff', () => {
    const finding = runControl(sessionIdleTimeout, withoutTimeout());
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe(
      'No idle session timeout is set for Microsoft 365 web apps; all 5 enabled users must sign in again at least every 8 hours (Conditional Access sign-in frequency), but a session left open in between is not signed out when idle.',
    );
    expect(finding.evidence.signInFrequencyPolicies).toEqual([{ id: 'ca-sign-in-frequency', name: 'Re-authenticate every 8 hours', minutes: 480 }]);
  });

  it('without a timeout, a sign-in frequency at every sign-in is still a warning', () => {
    const finding = runControl(
      sessionIdleTimeout,
      withoutTimeout((data) => (frequencyPolicy(data).sessionControls = { signInFrequency: { isEnabled: true, frequencyInterval: 'everyTime' } })),
    );
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain('must sign in again at every sign-in');
  });

  it('without a timeout, a sign-in frequency longer than the session limit fails', () => {
    const finding = runControl(
      sessionIdleTimeout,
      withoutTimeout((data) => (frequencyPolicy(data).sessionControls!.signInFrequency!.value = 24)),
    );
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe(
      'No idle session timeout is set for Microsoft 365 web apps, and 5 of 6 enabled users are not made to sign in again within 12 hours.',
    );
    expect(affectedIds(finding)).toEqual([ids.drLee, ids.nurseKim, ids.billingPat, ids.officeMgr, ids.admin]);
    expect(finding.evidence.ignoredPolicies).toContainEqual({
      id: 'ca-sign-in-frequency',
      name: 'Re-authenticate every 8 hours',
      why: 'it asks for sign-in again only every 1 day, longer than 12 hours',
    });
  });

  it('the session limit comes from the sessionHours threshold', () => {
    const data = withoutTimeout((d) => (frequencyPolicy(d).sessionControls!.signInFrequency!.value = 24));
    const finding = runControl(sessionIdleTimeout, data, baselineOptions({ thresholds: { sessionHours: 24 } }));
    expect(finding.status).toBe('warn');
  });

  it('without a timeout, a report-only sign-in frequency policy fails', () => {
    const finding = runControl(
      sessionIdleTimeout,
      withoutTimeout((data) => (frequencyPolicy(data).state = 'enabledForReportingButNotEnforced')),
    );
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affectedCount).toBe(5);
  });

  it('without a timeout, a user excluded from the sign-in frequency policy fails', () => {
    const finding = runControl(
      sessionIdleTimeout,
      withoutTimeout((data) => usersOf(frequencyPolicy(data)).excludeUsers!.push(ids.drLee)),
    );
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual([ids.drLee]);
  });

  it('without a timeout, coverage that depends on an unread group is not assessed', () => {
    const finding = runControl(
      sessionIdleTimeout,
      withoutTimeout((data) => {
        usersOf(frequencyPolicy(data)).includeUsers = [];
        usersOf(frequencyPolicy(data)).includeGroups = ['unread-group'];
        data['m365.conditionalAccess'].unresolvedGroups = [{ groupId: 'unread-group', detail: '403 Authorization_RequestDenied' }];
      }),
    );
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['GroupMember.Read.All']);
  });

  it('a failed timeout policy read is not assessed with that reason', () => {
    const reason = { kind: 'permission' as const, detail: '403 Authorization_RequestDenied', needs: ['Policy.Read.All'] };
    const finding = runControl(sessionIdleTimeout, { ...baselineData(), 'm365.activityTimeoutPolicies': failedDataset(reason) });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason).toEqual(reason);
  });

  it('without a timeout, a sign-in frequency policy that excludes a directory role leaves only its holders uncovered', () => {
    const finding = runControl(
      sessionIdleTimeout,
      withoutTimeout((data) => (usersOf(frequencyPolicy(data)).excludeRoles = [GLOBAL_ADMIN_ROLE])),
    );
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual([ids.admin]);
  });

  it('without a timeout, excluding a role held through a role-assignable group leaves the group members uncovered', () => {
    const finding = runControl(
      sessionIdleTimeout,
      withoutTimeout((data) => {
        usersOf(frequencyPolicy(data)).excludeRoles = [GLOBAL_ADMIN_ROLE];
        withAdminRoleThroughGroup(data, { members: [ids.admin, ids.billingPat] });
      }),
    );
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual([ids.billingPat, ids.admin]);
  });

  it('without a timeout, a sign-in frequency policy for a role held through a group covers its members', () => {
    const build = (throughGroup: boolean) =>
      withoutTimeout((data) => {
        const forAdmins = structuredClone(frequencyPolicy(data));
        usersOf(frequencyPolicy(data)).excludeUsers!.push(ids.billingPat);
        forAdmins.id = 'ca-sign-in-frequency-admins';
        usersOf(forAdmins).includeUsers = [];
        usersOf(forAdmins).includeRoles = [GLOBAL_ADMIN_ROLE];
        data['m365.conditionalAccess'].policies.push(forAdmins);
        if (throughGroup) withAdminRoleThroughGroup(data, { members: [ids.admin, ids.billingPat] });
      });
    expect(runControl(sessionIdleTimeout, build(false)).status).toBe('fail');
    const finding = runControl(sessionIdleTimeout, build(true));
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain('all 5 enabled users must sign in again at least every 8 hours');
  });

  it('without a timeout, excluding a role held by a group whose members could not be read is not assessed', () => {
    const finding = runControl(
      sessionIdleTimeout,
      withoutTimeout((data) => {
        usersOf(frequencyPolicy(data)).excludeRoles = [GLOBAL_ADMIN_ROLE];
        withAdminRoleThroughGroup(data, { unread: '403 Authorization_RequestDenied: Insufficient privileges to complete the operation.' });
      }),
    );
    expect(finding.status).toBe('not_assessed');
    expect(finding.summary).toContain('whether a sign-in frequency policy covers 5 of 6 enabled users depends on group members that could not be read');
    expect(finding.reason?.needs).toEqual(['GroupMember.Read.All']);
    expect(finding.reason?.detail).toContain(`${ADMIN_GROUP} (403 Authorization_RequestDenied`);
  });

  it('without a timeout, excluding the Directory Synchronization Accounts role still warns and names the sync account', () => {
    const SYNC_ROLE = 'd29b2b05-8046-44ba-8758-1e26182fcf32';
    const finding = runControl(
      sessionIdleTimeout,
      withoutTimeout((data) => {
        usersOf(frequencyPolicy(data)).excludeRoles = [SYNC_ROLE];
        data['m365.roleAssignments'].assignments.push({ id: 'sync-1', principalId: ids.officeMgr, roleDefinitionId: SYNC_ROLE, directoryScopeId: '/' });
      }),
    );
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain('all 4 enabled users must sign in again at least every 8 hours');
    expect(finding.summary).toContain('1 directory synchronization account is excluded as Microsoft advises.');
    expect((finding.evidence.syncAccountsExcluded as { id: string }[]).map((u) => u.id)).toEqual([ids.officeMgr]);
  });
});
