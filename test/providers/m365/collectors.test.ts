import { describe, expect, it } from 'vitest';
import { collect } from '../../../src/index.js';
import { largeTenant, simulatedCredential, typicalPractice } from '../../../src/testing/index.js';
import type { DatasetTypes } from '../../../src/datasets/index.js';
import { NOW, simulatorPerTest } from '../../fixtures/simulator-per-test.js';

const simulators = simulatorPerTest();

const dataOf = <K extends keyof DatasetTypes>(snapshot: Awaited<ReturnType<typeof collect>>, name: K): DatasetTypes[K] => {
  const result = snapshot.datasets[name];
  if (!result?.ok) throw new Error(`${name} failed: ${JSON.stringify(result)}`);
  return result.data as DatasetTypes[K];
};

describe('Microsoft 365 collectors against the simulated Graph', () => {
  it('follow @odata.nextLink to the last page of users, asking only for the fields used', async () => {
    const tenant = largeTenant(2_500, { now: NOW });
    const simulator = simulators.serve({ m365: [tenant] });
    const snapshot = await collect({ provider: 'm365', tenantId: tenant.tenantId, credential: simulatedCredential(tenant) }, { controls: ['m365.accounts.departed-staff'], now: NOW });
    const users = dataOf(snapshot, 'm365.users').users;
    expect(users).toHaveLength(tenant.users.length);
    expect(new Set(users.map((user) => user.id)).size).toBe(tenant.users.length);

    const requests = simulator.requests.filter({ path: '/users' });
    expect(requests.length).toBeGreaterThan(1);
    const first = requests[0]!;
    expect(first.query.$top).toBe('999');
    expect(first.query.$select?.split(',').sort()).toEqual(
      ['id', 'displayName', 'userPrincipalName', 'accountEnabled', 'userType', 'createdDateTime', 'employeeLeaveDateTime', 'onPremisesSyncEnabled', 'assignedLicenses', 'signInActivity'].sort(),
    );
    // Nothing beyond the selection comes back (Graph returns only selected properties).
    expect(Object.keys(users[0]!).every((key) => first.query.$select!.split(',').includes(key))).toBe(true);
    expect(snapshot.datasets['m365.users']?.meta.requests).toBe(requests.length);
  });

  it('read sign-ins with one bounded server-side filter on role-like names', async () => {
    const practice = typicalPractice({ now: NOW });
    const simulator = simulators.serve({ m365: [practice] });
    const snapshot = await collect(
      { provider: 'm365', tenantId: practice.tenantId, credential: simulatedCredential(practice) },
      { controls: ['m365.accounts.shared-use'], now: NOW, sharedAccountNames: ['frontdesk', 'reception'], signInLookbackDays: 7 },
    );
    const signIns = dataOf(snapshot, 'm365.roleAccountSignIns');
    const [request] = simulator.requests.filter({ path: '/auditLogs/signIns' });
    expect(request?.query.$filter).toBe(
      "createdDateTime ge 2026-11-13T12:00:00Z and (startswith(userPrincipalName,'frontdesk') or startswith(userPrincipalName,'reception'))",
    );
    expect(signIns.signIns.length).toBeGreaterThan(0);
    expect(signIns.signIns.every((signIn) => /^(frontdesk|reception)/i.test(signIn.userPrincipalName ?? ''))).toBe(true);
    expect(signIns.signIns.every((signIn) => signIn.createdDateTime >= '2026-11-13T12:00:00Z')).toBe(true);
    expect(signIns.truncated).toBe(false);
  });

  it('keep a failed dataset as a reason while the others succeed', async () => {
    const practice = typicalPractice({ now: NOW });
    practice.grantedPermissions = practice.grantedPermissions.filter((permission) => permission !== 'RoleManagement.Read.Directory');
    simulators.serve({ m365: [practice] });
    const snapshot = await collect({ provider: 'm365', tenantId: practice.tenantId, credential: simulatedCredential(practice) }, { now: NOW });
    const roles = snapshot.datasets['m365.roleAssignments']!;
    expect(roles.ok).toBe(false);
    if (!roles.ok) {
      expect(roles.reason.kind).toBe('permission');
      expect(roles.reason.needs).toEqual(['Graph application permission RoleManagement.Read.Directory']);
      expect(roles.reason.status).toBe(403);
    }
    const others = Object.entries(snapshot.datasets).filter(([name]) => name !== 'm365.roleAssignments');
    expect(others.every(([, result]) => result.ok)).toBe(true);
  });

  it('read /directory/subscriptions with only the fields used; without Organization.Read.All only the BAA check is not assessed, naming it', async () => {
    const practice = typicalPractice({ now: NOW });
    const simulator = simulators.serve({ m365: [practice] });
    const target = { provider: 'm365' as const, tenantId: practice.tenantId, credential: simulatedCredential(practice) };
    const snapshot = await collect(target, { controls: ['m365.license.baa-eligible'], now: NOW });
    const subscriptions = dataOf(snapshot, 'm365.subscriptions').subscriptions;
    expect(subscriptions.map((s) => s.skuPartNumber).sort()).toEqual(practice.subscribedSkus.map((sku) => sku.skuPartNumber).sort());
    expect(subscriptions.every((s) => s.isTrial === false)).toBe(true);
    expect(simulator.requests.filter({ path: '/directory/subscriptions' })[0]!.query.$select?.split(',')).toEqual(['id', 'skuId', 'skuPartNumber', 'isTrial', 'status', 'nextLifecycleDateTime', 'totalLicenses', 'createdDateTime']);

    practice.grantedPermissions = practice.grantedPermissions.filter((permission) => permission !== 'Organization.Read.All');
    const refused = (await collect(target, { controls: ['m365.license.baa-eligible'], now: NOW })).datasets['m365.subscriptions']!;
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reason).toMatchObject({ kind: 'permission', status: 403, needs: ['Graph application permission Organization.Read.All'] });
  });

  it('count a deleted group named in a policy as empty, with a note, instead of blocking the MFA checks', async () => {
    const practice = typicalPractice({ now: NOW });
    const policy = practice.conditionalAccessPolicies[0]!;
    policy.conditions.users.excludeGroups = ['0badc0de-0000-4000-8000-000000000404'];
    simulators.serve({ m365: [practice] });
    const snapshot = await collect({ provider: 'm365', tenantId: practice.tenantId, credential: simulatedCredential(practice) }, { controls: ['m365.mfa.enforced'], now: NOW });
    const ca = dataOf(snapshot, 'm365.conditionalAccess');
    expect(ca.groupMembers['0badc0de-0000-4000-8000-000000000404']).toEqual([]);
    expect(ca.unresolvedGroups).toEqual([]);
    expect(snapshot.datasets['m365.conditionalAccess']?.meta.notes?.join(' ')).toContain('no longer exists');
  });

  it('make no sign-in request when no role-like names are configured', async () => {
    const practice = typicalPractice({ now: NOW });
    const simulator = simulators.serve({ m365: [practice] });
    const snapshot = await collect(
      { provider: 'm365', tenantId: practice.tenantId, credential: simulatedCredential(practice) },
      { controls: ['m365.accounts.shared-use'], now: NOW, sharedAccountNames: [] },
    );
    expect(dataOf(snapshot, 'm365.roleAccountSignIns').signIns).toEqual([]);
    expect(simulator.requests.count({ path: '/auditLogs/signIns' })).toBe(0);
  });

  it('keep collecting when an onProgress callback throws', async () => {
    const practice = typicalPractice({ now: NOW });
    simulators.serve({ m365: [practice] });
    const snapshot = await collect(
      { provider: 'm365', tenantId: practice.tenantId, credential: simulatedCredential(practice) },
      { controls: ['m365.license.baa-eligible'], now: NOW, onProgress: () => { throw new Error('UI went away'); } },
    );
    expect(snapshot.datasets['m365.subscribedSkus']?.ok).toBe(true);
  });

  it('stop when the caller aborts before collecting, with an AbortError and no request', async () => {
    const practice = typicalPractice({ now: NOW });
    const simulator = simulators.serve({ m365: [practice] });
    const controller = new AbortController();
    controller.abort();
    const collecting = collect({ provider: 'm365', tenantId: practice.tenantId, credential: simulatedCredential(practice) }, { now: NOW, signal: controller.signal });
    await expect(collecting).rejects.toMatchObject({ name: 'AbortError' });
    expect(simulator.requests.count()).toBe(0);
  });
});
