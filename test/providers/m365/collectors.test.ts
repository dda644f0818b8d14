import { http } from 'msw';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { audit, collect } from '../../../src/index.js';
import { compliantPractice, largeTenant, simulatedCredential, simulatorHandlers, typicalPractice } from '../../../src/testing/index.js';
import { ROLE_TEMPLATES, roleAssignment } from '../../../src/testing/m365/scenario-kit.js';
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
      ['id', 'displayName', 'userPrincipalName', 'accountEnabled', 'userType', 'mail', 'proxyAddresses', 'otherMails', 'creationType', 'createdDateTime', 'employeeLeaveDateTime', 'onPremisesSyncEnabled', 'assignedLicenses', 'signInActivity'].sort(),
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
    const othersFailed = Object.entries(snapshot.datasets).filter(([name, result]) => name !== 'm365.roleAssignments' && !result.ok).map(([name]) => name);
    // Only optional evidence is missing too: the scenarios leave out Directory.Read.All (see
    // CONSENT_READ_PERMISSION), and the typical practice has no Defender for Office 365 Plan 2.
    expect(othersFailed).toEqual(['m365.consentedApps', 'm365.trainingCoverage']);
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

  describe('a directory role held through a role-assignable group', () => {
    const GLOBAL_ADMIN = ROLE_TEMPLATES.globalAdministrator;
    /**
     * The compliant practice with Global Administrator given to its Management group instead of
     * the two administrators, and every policy excluding Global Administrator.
     */
    function adminsThroughGroup() {
      const practice = compliantPractice({ now: NOW });
      const management = practice.groups.find((group) => group.displayName === 'Management')!;
      const breakGlass = practice.users.find((user) => user.userPrincipalName.startsWith('breakglass'))!;
      practice.directoryRoleAssignments = [
        ...practice.directoryRoleAssignments.filter((assignment) => assignment.principalId === breakGlass.id || assignment.roleDefinitionId !== GLOBAL_ADMIN),
        roleAssignment(GLOBAL_ADMIN, management.id),
      ];
      for (const policy of practice.conditionalAccessPolicies) policy.conditions.users.excludeRoles = [GLOBAL_ADMIN];
      const target = { provider: 'm365' as const, tenantId: practice.tenantId, credential: simulatedCredential(practice) };
      return { practice, management, breakGlass, target };
    }

    it('is read with its principal type, and the group members are read in the batch, so excluding the role fails the MFA checks', async () => {
      const { practice, management, breakGlass, target } = adminsThroughGroup();
      const simulator = simulators.serve({ m365: [practice] });
      const controls = ['m365.mfa.enforced', 'm365.mfa.legacy-auth-blocked'];
      const report = await audit(target, { controls, now: NOW, breakGlassAccounts: [breakGlass.userPrincipalName] });

      const assignments = report.datasets['m365.roleAssignments'];
      expect(assignments?.ok).toBe(true);
      // One read of the role assignments, shared by both datasets, with the principal expanded.
      const roleReads = simulator.requests.filter({ path: '/roleManagement/directory/roleAssignments' });
      expect(roleReads).toHaveLength(1);
      expect(roleReads[0]!.query.$expand).toBe('principal');
      // No per-user request: the group's members come from the batched transitiveMembers reads.
      const memberReads = simulator.requests.filter({ path: `/groups/${management.id}/transitiveMembers/microsoft.graph.user` });
      expect(memberReads.length).toBeGreaterThan(0);
      expect(memberReads.every((request) => request.viaBatch)).toBe(true);

      const enforced = report.findings.find((finding) => finding.controlId === 'm365.mfa.enforced')!;
      expect(enforced.status).toBe('fail');
      const managers = practice.users.filter((user) => management.memberUserIds.includes(user.id)).map((user) => user.userPrincipalName).sort();
      expect(enforced.evidence.affected.map((item) => item.name).sort()).toEqual(managers);
      const legacy = report.findings.find((finding) => finding.controlId === 'm365.mfa.legacy-auth-blocked')!;
      expect(legacy.status).toBe('fail');
      expect(legacy.evidence.affected.map((item) => item.name).sort()).toEqual(managers);
    });

    it('records the group members in the Conditional Access dataset and the principal types in the role assignments', async () => {
      const { practice, management, target } = adminsThroughGroup();
      simulators.serve({ m365: [practice] });
      const snapshot = await collect(target, { controls: ['m365.mfa.enforced'], now: NOW });
      const ca = dataOf(snapshot, 'm365.conditionalAccess');
      expect([...ca.groupMembers[management.id]!].sort()).toEqual([...management.memberUserIds].sort());
      const roles = dataOf(snapshot, 'm365.roleAssignments').assignments;
      expect(roles.find((assignment) => assignment.principalId === management.id)?.principalType).toBe('group');
      expect(roles.filter((assignment) => assignment.principalId !== management.id).every((assignment) => assignment.principalType === 'user')).toBe(true);
    });

    it('without RoleManagement.Read.Directory the policies are still read, the gap is noted, and the MFA check is not assessed naming the permission', async () => {
      const { practice, breakGlass, target } = adminsThroughGroup();
      practice.grantedPermissions = practice.grantedPermissions.filter((permission) => permission !== 'RoleManagement.Read.Directory');
      simulators.serve({ m365: [practice] });
      const report = await audit(target, { controls: ['m365.mfa.enforced'], now: NOW, breakGlassAccounts: [breakGlass.userPrincipalName] });
      const ca = report.datasets['m365.conditionalAccess']!;
      expect(ca.ok).toBe(true);
      expect(ca.notes?.join(' ')).toContain('the role assignments that show which groups hold the directory roles policies name could not be read (403');
      const enforced = report.findings.find((finding) => finding.controlId === 'm365.mfa.enforced')!;
      expect(enforced.status).toBe('not_assessed');
      expect(enforced.reason?.needs).toEqual(['Graph application permission RoleManagement.Read.Directory']);
    });

    it('without GroupMember.Read.All the MFA check is not assessed, naming the group and the permission, never a pass', async () => {
      const { practice, management, breakGlass, target } = adminsThroughGroup();
      practice.grantedPermissions = practice.grantedPermissions.filter((permission) => permission !== 'GroupMember.Read.All' && permission !== 'Group.Read.All' && permission !== 'Directory.Read.All');
      simulators.serve({ m365: [practice] });
      const report = await audit(target, { controls: ['m365.mfa.enforced'], now: NOW, breakGlassAccounts: [breakGlass.userPrincipalName] });
      const enforced = report.findings.find((finding) => finding.controlId === 'm365.mfa.enforced')!;
      expect(enforced.status).toBe('not_assessed');
      expect(enforced.reason?.needs).toEqual(['GroupMember.Read.All']);
      expect(enforced.reason?.detail).toContain(management.id);
    });
  });

  it('read Entra devices and BitLocker keys in pages, never per device, asking only for the fields used', async () => {
    const tenant = largeTenant(3_000, { now: NOW });
    const simulator = simulators.serve({ m365: [tenant] });
    const snapshot = await collect({ provider: 'm365', tenantId: tenant.tenantId, credential: simulatedCredential(tenant) }, { controls: ['m365.devices.encryption'], now: NOW });
    expect(Object.keys(snapshot.datasets).sort()).toEqual(['m365.bitlockerKeys', 'm365.devices', 'm365.managedDevices']);

    const devices = dataOf(snapshot, 'm365.devices').devices;
    expect(devices).toHaveLength(tenant.devices!.length);
    const deviceRequests = simulator.requests.filter({ path: '/devices' });
    expect(deviceRequests).toHaveLength(Math.ceil(tenant.devices!.length / 999));
    expect(deviceRequests[0]!.query.$top).toBe('999');
    const selected = [
      'id', 'deviceId', 'displayName', 'operatingSystem', 'operatingSystemVersion', 'trustType', 'accountEnabled',
      'approximateLastSignInDateTime', 'isManaged', 'isCompliant', 'registrationDateTime',
    ];
    expect(deviceRequests[0]!.query.$select?.split(',').sort()).toEqual([...selected].sort());
    expect(devices.every((device) => Object.keys(device).every((key) => selected.includes(key)))).toBe(true);

    // Every key in one list, paged by next link: no $top (the API does not support it), no filter per device.
    const keys = dataOf(snapshot, 'm365.bitlockerKeys').keys;
    expect(keys).toHaveLength(tenant.bitlockerRecoveryKeys!.length);
    expect(Object.keys(keys[0]!).sort()).toEqual(['createdDateTime', 'deviceId', 'id', 'volumeType']);
    const keyRequests = simulator.requests.filter({ path: '/informationProtection/bitlocker/recoveryKeys' });
    expect(keyRequests).toHaveLength(Math.ceil(tenant.bitlockerRecoveryKeys!.length / 100));
    expect(keyRequests.every((request) => request.query.$top === undefined && request.query.$filter === undefined && request.query.$select === undefined)).toBe(true);
    expect(snapshot.datasets['m365.bitlockerKeys']?.meta.requests).toBe(keyRequests.length);

    // Intune's records carry the Entra device id they are matched by.
    expect(simulator.requests.filter({ path: '/deviceManagement/managedDevices' })[0]!.query.$select?.split(',')).toContain('azureADDeviceId');
    expect(dataOf(snapshot, 'm365.managedDevices').devices.every((device) => typeof device.azureADDeviceId === 'string')).toBe(true);

    const deviceIds = new Set(tenant.devices!.flatMap((device) => [device.id.toLowerCase(), device.deviceId.toLowerCase()]));
    const perDevice = simulator.requests.entries.filter((entry) => entry.path.toLowerCase().split('/').some((segment) => deviceIds.has(segment)) || Object.values(entry.query).some((value) => [...deviceIds].some((id) => value.toLowerCase().includes(id))));
    expect(perDevice).toEqual([]);
  });

  it('send the User-Agent header the BitLocker key API documents as required', async () => {
    const practice = typicalPractice({ now: NOW });
    const userAgents: (string | null)[] = [];
    // Looks at each request, then leaves it to the simulator (a resolver that returns nothing falls through).
    const watch = http.get('https://graph.microsoft.com/v1.0/informationProtection/bitlocker/recoveryKeys', ({ request }) => {
      userAgents.push(request.headers.get('User-Agent'));
    });
    const server = setupServer(watch, ...simulatorHandlers({ m365: [practice] }));
    server.listen({ onUnhandledFrame: 'error' });
    try {
      const snapshot = await collect({ provider: 'm365', tenantId: practice.tenantId, credential: simulatedCredential(practice) }, { controls: ['m365.devices.encryption'], now: NOW });
      expect(snapshot.datasets['m365.bitlockerKeys']?.ok).toBe(true);
    } finally {
      server.close();
    }
    expect(userAgents).toHaveLength(1);
    expect(userAgents[0]).toMatch(/^tenant-audit\/\d+\.\d+\.\d+/);
  });

  it('fail only the device dataset whose permission is missing, naming it', async () => {
    const practice = typicalPractice({ now: NOW });
    practice.grantedPermissions = practice.grantedPermissions.filter((permission) => permission !== 'BitlockerKey.ReadBasic.All' && permission !== 'Device.Read.All');
    simulators.serve({ m365: [practice] });
    const snapshot = await collect({ provider: 'm365', tenantId: practice.tenantId, credential: simulatedCredential(practice) }, { controls: ['m365.devices.encryption'], now: NOW });
    expect(snapshot.datasets['m365.managedDevices']?.ok).toBe(true);
    expect(snapshot.datasets['m365.devices']).toMatchObject({
      ok: false,
      reason: { kind: 'permission', status: 403, code: 'Authorization_RequestDenied', needs: ['Graph application permission Device.Read.All'] },
    });
    expect(snapshot.datasets['m365.bitlockerKeys']).toMatchObject({
      ok: false,
      reason: { kind: 'permission', status: 403, code: 'authorization_error', needs: ['Graph application permission BitlockerKey.ReadBasic.All'] },
    });
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
