import { describe, expect, it } from 'vitest';
import {
  compliantPractice,
  COMPLIANT_BREAK_GLASS_UPN,
  simulatedCredential,
  typicalPractice,
  TYPICAL_PRACTICE_ACCOUNTS,
  type M365TenantModel,
} from '../../src/testing/index.js';
import { allPages, call, everyPage, expectGraphError, NOW, serveTenants, withRoles } from './harness.js';

const compliant = compliantPractice({ now: NOW });
const typical = typicalPractice({ now: NOW });
const unlicensed: M365TenantModel = {
  ...typicalPractice({ now: NOW }),
  tenantId: '33333333-3333-4333-8333-333333333333',
  subscribedSkus: [],
  intuneLicensed: false,
};
// A practice whose Business Premium is a trial: the SKU keeps its part number, only isTrial tells.
const onTrial: M365TenantModel = {
  ...compliantPractice({ now: NOW }),
  tenantId: '55555555-5555-4555-8555-555555555555',
};
onTrial.subscribedSkus = onTrial.subscribedSkus.map((sku) => (sku.skuPartNumber === 'SPB' ? { ...sku, isTrial: true, nextLifecycleDateTime: '2026-12-10T00:00:00Z' } : sku));
/** The typical practice with 250 escrowed keys, to page them. */
const manyKeys: M365TenantModel = {
  ...typicalPractice({ now: NOW }),
  tenantId: '44444444-4444-4444-8444-444444444444',
  bitlockerRecoveryKeys: Array.from({ length: 250 }, (_, i) => ({ ...typical.bitlockerRecoveryKeys![0]!, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` })),
};
/** The compliant practice with Global Administrator also given to its Management group (a role-assignable group). */
const adminGroupTenant: M365TenantModel = { ...compliantPractice({ now: NOW }), tenantId: '66666666-6666-4666-8666-666666666666' };
const managementGroup = adminGroupTenant.groups.find((group) => group.displayName === 'Management')!;
adminGroupTenant.directoryRoleAssignments = [
  ...adminGroupTenant.directoryRoleAssignments,
  { id: 'group-assignment', principalId: managementGroup.id, roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10', directoryScopeId: '/' },
];
serveTenants([compliant, typical, unlicensed, manyKeys, onTrial, adminGroupTenant]);

const FRONT_DESK_FILTER =
  "createdDateTime ge 2026-11-13T12:00:00Z and (startswith(userPrincipalName,'frontdesk') or startswith(userPrincipalName,'reception'))";

describe('GET /groups/{id}/transitiveMembers/microsoft.graph.user', () => {
  const allStaff = compliant.groups.find((group) => group.displayName === 'All Staff')!;

  it('flattens nested groups into their users, each once', async () => {
    const answer = await call(simulatedCredential(compliant), `/groups/${allStaff.id}/transitiveMembers/microsoft.graph.user?$select=id&$top=999`);
    expect(answer.status).toBe(200);
    expect(answer.body['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#users(id)');
    const ids = answer.body.value.map((user: { id: string }) => user.id);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    const breakGlass = compliant.users.find((user) => user.userPrincipalName === COMPLIANT_BREAK_GLASS_UPN)!;
    expect(ids).not.toContain(breakGlass.id);
  });

  it('pages with $top', async () => {
    const { pages, items } = await allPages(simulatedCredential(compliant), `/groups/${allStaff.id}/transitiveMembers/microsoft.graph.user?$select=id&$top=5`);
    expect(pages.map((page) => page.body.value.length)).toEqual([5, 5, 2]);
    expect(items).toHaveLength(12);
  });

  it('answers 404 Request_ResourceNotFound for an unknown group', async () => {
    expectGraphError(
      await call(simulatedCredential(compliant), '/groups/00000000-0000-4000-8000-0000000000ff/transitiveMembers/microsoft.graph.user?$select=id'),
      404,
      'Request_ResourceNotFound',
      "Resource '00000000-0000-4000-8000-0000000000ff' does not exist or one of its queried reference-property objects are not present.",
    );
  });

  it('needs a group-reading permission', async () => {
    expectGraphError(
      await call(withRoles(compliant, ['User.Read.All']), `/groups/${allStaff.id}/transitiveMembers/microsoft.graph.user?$select=id`),
      403,
      'Authorization_RequestDenied',
    );
  });
});

describe('policies', () => {
  it('serves the security defaults policy as documented', async () => {
    const answer = await call(simulatedCredential(compliant), '/policies/identitySecurityDefaultsEnforcementPolicy');
    expect(answer.body).toMatchObject({
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#policies/identitySecurityDefaultsEnforcementPolicy',
      displayName: 'Security Defaults',
      id: '00000000-0000-0000-0000-000000000005',
      isEnabled: false,
    });
  });

  it('refuses policies without Policy.Read.All, even with Directory.Read.All (reference permissions)', async () => {
    const credential = withRoles(compliant, ['Directory.Read.All']);
    const message = 'You cannot perform the requested operation, required scopes are missing in the token.';
    expectGraphError(await call(credential, '/policies/identitySecurityDefaultsEnforcementPolicy'), 403, 'AccessDenied', message);
    expectGraphError(await call(credential, '/identity/conditionalAccess/policies'), 403, 'AccessDenied', message);
    expectGraphError(await call(credential, '/policies/activityBasedTimeoutPolicies'), 403, 'Authorization_RequestDenied');
  });

  it('lists the compliant practice\'s four enabled Conditional Access policies', async () => {
    const answer = await call(simulatedCredential(compliant), '/identity/conditionalAccess/policies');
    expect(answer.body.value.map((policy: { displayName: string; state: string }) => [policy.displayName, policy.state])).toEqual([
      ['Require MFA for all users', 'enabled'],
      ['Block legacy authentication', 'enabled'],
      ['Sign-in frequency 12 hours, no persistent browser sessions', 'enabled'],
      ['Require phishing-resistant MFA for administrators', 'enabled'],
    ]);
    const adminPolicy = answer.body.value[3];
    expect(adminPolicy.grantControls.authenticationStrength).toMatchObject({ id: '00000000-0000-0000-0000-000000000004', displayName: 'Phishing-resistant MFA' });
    expect(adminPolicy.conditions.users.includeRoles).toContain('62e90394-69f5-4237-9190-012177145e10');
  });

  it('pages Conditional Access policies by nextLink when asked for fewer', async () => {
    const { pages, items } = await allPages(simulatedCredential(compliant), '/identity/conditionalAccess/policies?$top=2');
    expect(pages).toHaveLength(2);
    expect(items).toHaveLength(4);
  });

  it('needs Entra ID P1 for Conditional Access', async () => {
    expectGraphError(await call(simulatedCredential(unlicensed), '/identity/conditionalAccess/policies'), 403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant');
  });

  it('serves activity-based timeout definitions as JSON strings', async () => {
    const answer = await call(simulatedCredential(compliant), '/policies/activityBasedTimeoutPolicies');
    const definition = JSON.parse(answer.body.value[0].definition[0]);
    expect(definition.ActivityBasedTimeoutPolicy.ApplicationPolicies[0]).toEqual({ ApplicationId: 'default', WebSessionIdleTimeout: '00:30:00' });
    expect((await call(simulatedCredential(typical), '/policies/activityBasedTimeoutPolicies')).body.value).toEqual([]);
  });
});

describe('directory', () => {
  it('lists subscribed SKUs with consumed units derived from assignments', async () => {
    const answer = await call(simulatedCredential(typical), '/subscribedSkus');
    const spb = answer.body.value.find((sku: { skuPartNumber: string }) => sku.skuPartNumber === 'SPB');
    expect(spb).toMatchObject({ capabilityStatus: 'Enabled', consumedUnits: 16, id: `${typical.tenantId}_cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46` });
    expect(spb.servicePlans.map((plan: { servicePlanName: string }) => plan.servicePlanName)).toContain('AAD_PREMIUM');
    expect(answer.body.value.map((sku: { skuPartNumber: string }) => sku.skuPartNumber)).toContain('FLOW_FREE');
  });

  it('accepts LicenseAssignment.Read.All, Organization.Read.All or Directory.Read.All for SKUs', async () => {
    for (const role of ['LicenseAssignment.Read.All', 'Organization.Read.All', 'Directory.Read.All']) {
      expect((await call(withRoles(typical, [role]), '/subscribedSkus')).status).toBe(200);
    }
    expectGraphError(await call(withRoles(typical, ['User.Read.All']), '/subscribedSkus'), 403, 'Authorization_RequestDenied');
  });

  it('lists the commercial subscriptions, a trial keeping the paid part number with isTrial true', async () => {
    const answer = await call(simulatedCredential(onTrial), '/directory/subscriptions?$select=id,skuId,skuPartNumber,isTrial,status,nextLifecycleDateTime,totalLicenses');
    expect(answer.status).toBe(200);
    const spb = answer.body.value.find((s: { skuPartNumber: string }) => s.skuPartNumber === 'SPB');
    expect(spb).toEqual({ id: expect.any(String), skuId: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46', skuPartNumber: 'SPB', isTrial: true, status: 'Enabled', nextLifecycleDateTime: '2026-12-10T00:00:00Z', totalLicenses: 15 });
    const paid = (await call(simulatedCredential(compliant), '/directory/subscriptions')).body.value;
    expect(paid.every((s: { isTrial: boolean }) => s.isTrial === false)).toBe(true);
  });

  it('needs Organization.Read.All (or Directory.Read.All) for /directory/subscriptions: LicenseAssignment.Read.All is refused with 403', async () => {
    for (const role of ['Organization.Read.All', 'Directory.Read.All']) expect((await call(withRoles(typical, [role]), '/directory/subscriptions')).status).toBe(200);
    expectGraphError(await call(withRoles(typical, ['LicenseAssignment.Read.All']), '/directory/subscriptions'), 403, 'Authorization_RequestDenied');
    expectGraphError(await call(simulatedCredential(typical), '/directory/subscriptions?$select=nope'), 400, 'BadRequest');
  });

  it('lists directory role assignments with the selected properties', async () => {
    const answer = await call(
      simulatedCredential(compliant),
      '/roleManagement/directory/roleAssignments?$select=id,principalId,roleDefinitionId,directoryScopeId',
    );
    expect(answer.body.value).toHaveLength(3);
    for (const assignment of answer.body.value) {
      expect(Object.keys(assignment)).toEqual(['id', 'principalId', 'roleDefinitionId', 'directoryScopeId']);
      expect(assignment).toMatchObject({ roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10', directoryScopeId: '/' });
    }
  });

  it('expands each assignment\'s principal with its @odata.type: a role-assignable group is a group, a user a user; paging keeps the expansion', async () => {
    const tenant = adminGroupTenant;
    const management = managementGroup;
    const answer = await call(simulatedCredential(tenant), '/roleManagement/directory/roleAssignments?$select=id,principalId,roleDefinitionId,directoryScopeId&$expand=principal');
    expect(answer.status).toBe(200);
    expect(answer.body['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleAssignments(id,principalId,roleDefinitionId,directoryScopeId,principal())');
    const byPrincipal = new Map(answer.body.value.map((assignment: any) => [assignment.principalId, assignment]));
    const grouped: any = byPrincipal.get(management.id);
    expect(Object.keys(grouped)).toEqual(['id', 'principalId', 'roleDefinitionId', 'directoryScopeId', 'principal']);
    expect(grouped.principal).toMatchObject({ '@odata.type': '#microsoft.graph.group', id: management.id, displayName: 'Management', isAssignableToRole: true });
    const users = answer.body.value.filter((assignment: any) => assignment.principalId !== management.id);
    expect(users).toHaveLength(3);
    for (const assignment of users) expect(assignment.principal['@odata.type']).toBe('#microsoft.graph.user');

    const { pages, items } = await allPages(simulatedCredential(tenant), '/roleManagement/directory/roleAssignments?$expand=principal&$top=1');
    expect(pages).toHaveLength(4);
    expect(items.every((assignment: any) => typeof assignment.principal?.['@odata.type'] === 'string')).toBe(true);
  });

  it('does not simulate expanding anything but the principal', async () => {
    expectGraphError(await call(simulatedCredential(compliant), '/roleManagement/directory/roleAssignments?$expand=roleDefinition'), 501, 'SimulatorNotImplemented');
  });

  it('refuses role assignments without a role-management permission', async () => {
    const answer = await call(withRoles(compliant, ['User.Read.All']), '/roleManagement/directory/roleAssignments');
    expectGraphError(answer, 403, 'UnknownError', /PermissionScopeNotGranted/);
  });
});

describe('reports and audit logs', () => {
  it('serves registration details, paged', async () => {
    const { pages, items } = await allPages(simulatedCredential(typical), '/reports/authenticationMethods/userRegistrationDetails?$top=10');
    expect(pages).toHaveLength(2);
    const unregistered = items.filter((entry) => !entry.isMfaRegistered).map((entry) => entry.userPrincipalName);
    expect(unregistered.sort()).toEqual([...TYPICAL_PRACTICE_ACCOUNTS.notMfaRegistered].sort());
  });

  it('needs AuditLog.Read.All and P1 for registration details', async () => {
    expectGraphError(
      await call(withRoles(typical, ['Directory.Read.All']), '/reports/authenticationMethods/userRegistrationDetails'),
      403,
      'Authentication_MSGraphPermissionMissing',
    );
    expectGraphError(await call(simulatedCredential(unlicensed), '/reports/authenticationMethods/userRegistrationDetails'), 403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant');
  });

  it('filters sign-ins by date and UPN prefix, newest first', async () => {
    const { items } = await allPages(simulatedCredential(typical), `/auditLogs/signIns?$filter=${encodeURIComponent(FRONT_DESK_FILTER)}&$top=1000`);
    expect(items.length).toBe(6 * 3 + 6);
    const upns = new Set(items.map((event) => event.userPrincipalName));
    expect(upns).toEqual(new Set([TYPICAL_PRACTICE_ACCOUNTS.sharedFrontDesk, TYPICAL_PRACTICE_ACCOUNTS.receptionKiosk]));
    const times = items.map((event) => Date.parse(event.createdDateTime));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse('2026-11-13T12:00:00Z'));
    const frontDesk = items.filter((event) => event.userPrincipalName === TYPICAL_PRACTICE_ACCOUNTS.sharedFrontDesk);
    expect(new Set(frontDesk.map((event) => event.deviceDetail.deviceId)).size).toBe(3);
    expect(new Set(frontDesk.map((event) => event.ipAddress)).size).toBe(3);
  });

  it('pages sign-ins with $top and keeps the filter in the next link', async () => {
    const first = await call(simulatedCredential(typical), `/auditLogs/signIns?$filter=${encodeURIComponent(FRONT_DESK_FILTER)}&$top=10`);
    expect(first.body.value).toHaveLength(10);
    expect(new URL(first.body['@odata.nextLink']).searchParams.get('$filter')).toBe(FRONT_DESK_FILTER);
  });

  it('refuses filters outside the supported grammar and $top above 1000', async () => {
    expectGraphError(await call(simulatedCredential(typical), `/auditLogs/signIns?$filter=${encodeURIComponent("endswith(userPrincipalName,'x')")}`), 400, 'BadRequest', /^Invalid filter clause/);
    expectGraphError(await call(simulatedCredential(typical), '/auditLogs/signIns?$top=1001'), 400, 'BadRequest');
  });

  it('needs AuditLog.Read.All and P1 for sign-ins', async () => {
    expectGraphError(await call(withRoles(typical, ['Directory.Read.All']), '/auditLogs/signIns'), 403, 'Authentication_MSGraphPermissionMissing');
    expectGraphError(await call(simulatedCredential(unlicensed), '/auditLogs/signIns'), 403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant');
  });
});

describe('Intune managed devices', () => {
  it('lists devices with the selected properties and Intune\'s @odata.type', async () => {
    const answer = await call(simulatedCredential(typical), '/deviceManagement/managedDevices?$select=deviceName,isEncrypted,userPrincipalName&$top=100');
    expect(answer.body.value[0]).toEqual({ '@odata.type': '#microsoft.graph.managedDevice', deviceName: 'RFC-DESK-01', isEncrypted: true, userPrincipalName: `frontdesk@riversidefamilyclinic.example` });
    const unencrypted = answer.body.value.filter((device: { isEncrypted: boolean }) => !device.isEncrypted);
    expect(unencrypted.map((device: { deviceName: string }) => device.deviceName)).toEqual([TYPICAL_PRACTICE_ACCOUNTS.unencryptedDevice]);
  });

  it('answers 400 "Request not applicable to target tenant." without an Intune licence', async () => {
    expectGraphError(await call(simulatedCredential(unlicensed), '/deviceManagement/managedDevices'), 400, 'BadRequest', 'Request not applicable to target tenant.');
  });

  it('relays Intune\'s Forbidden without a device-management permission', async () => {
    const answer = await call(withRoles(typical, ['Directory.Read.All']), '/deviceManagement/managedDevices');
    expectGraphError(answer, 403, 'UnknownError');
    expect(JSON.parse(answer.body.error.message).ErrorCode).toBe('Forbidden');
  });
});

describe('Entra ID devices', () => {
  it('lists devices with the selected properties, joined, hybrid joined and registered', async () => {
    const answer = await call(simulatedCredential(typical), '/devices?$select=displayName,trustType,operatingSystem,isManaged&$top=999');
    expect(answer.status).toBe(200);
    expect(answer.body['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#devices(displayName,trustType,operatingSystem,isManaged)');
    expect(answer.body.value[0]).toEqual({ displayName: 'RFC-DESK-01', trustType: 'AzureAd', operatingSystem: 'Windows', isManaged: true });
    const byName = new Map(answer.body.value.map((device: { displayName: string }) => [device.displayName, device]));
    expect(byName.get(TYPICAL_PRACTICE_ACCOUNTS.unmanagedJoinedDevice)).toEqual({ displayName: 'RECEPTION-LAPTOP', trustType: 'AzureAd', operatingSystem: 'Windows', isManaged: false });
    expect(byName.get(TYPICAL_PRACTICE_ACCOUNTS.personalRegisteredDevice)).toMatchObject({ trustType: 'Workplace', isManaged: false });
  });

  it('gives each Intune device the Entra device id Intune names', async () => {
    const devices = (await call(simulatedCredential(typical), '/devices?$select=deviceId,displayName')).body.value;
    const managed = (await call(simulatedCredential(typical), '/deviceManagement/managedDevices?$select=deviceName,azureADDeviceId')).body.value;
    for (const record of managed) expect(devices.find((device: { deviceId: string }) => device.deviceId === record.azureADDeviceId)?.displayName).toBe(record.deviceName);
  });

  it('pages at 100 by default and at $top up to 999, refusing 1000', async () => {
    const { pages, items } = await allPages(simulatedCredential(typical), '/devices?$top=4&$select=id');
    expect(pages.map((page) => page.body.value.length)).toEqual([4, 4, 3]);
    expect(new Set(items.map((item) => item.id)).size).toBe(11);
    expect(new URL(pages[0]!.body['@odata.nextLink']).searchParams.get('$select')).toBe('id');
    expectGraphError(await call(simulatedCredential(typical), '/devices?$top=1000'), 400, 'Request_UnsupportedQuery', "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
    expectGraphError(await call(simulatedCredential(typical), '/devices?$select=nope'), 400, 'BadRequest', "Parsing OData Select and Expand failed: Could not find a property named 'nope' on type 'microsoft.graph.device'.");
  });

  it('needs Device.Read.All (or a directory read permission): 403 Authorization_RequestDenied', async () => {
    expectGraphError(await call(withRoles(typical, ['DeviceManagementManagedDevices.Read.All']), '/devices'), 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    expect((await call(withRoles(typical, ['Directory.Read.All']), '/devices')).status).toBe(200);
  });
});

describe('BitLocker recovery keys', () => {
  const PATH = '/informationProtection/bitlocker/recoveryKeys';
  const userAgent = { 'User-Agent': 'tenant-audit-tests' };

  it('lists key metadata as documented: volumeType a string, never the key', async () => {
    const answer = await call(simulatedCredential(typical), PATH, { headers: userAgent });
    expect(answer.status).toBe(200);
    expect(answer.body['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#informationProtection/bitlocker/recoveryKeys');
    expect(answer.body.value).toHaveLength(typical.bitlockerRecoveryKeys!.length);
    for (const key of answer.body.value) {
      expect(Object.keys(key)).toEqual(['@odata.type', 'id', 'createdDateTime', 'volumeType', 'deviceId']);
      expect(key.createdDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.0000000Z$/);
    }
    expect(answer.body.value.map((key: { volumeType: string }) => key.volumeType).sort()).toEqual(['1', '1', '1', '1', '1', '1', '1', '2']);
  });

  it('pages by nextLink', async () => {
    const { pages, items } = await everyPage(PATH, (next) => call(simulatedCredential(manyKeys), next, { headers: userAgent }), (page) => page.body['@odata.nextLink']);
    expect(pages.map((page) => page.body.value.length)).toEqual([100, 100, 50]);
    expect(new Set(items.map((item) => item.id)).size).toBe(250);
  });

  it('refuses $top, which the API documents as unsupported, and a request without User-Agent, with the simulator\'s 501', async () => {
    expectGraphError(await call(simulatedCredential(typical), `${PATH}?$top=10`, { headers: userAgent }), 501, 'SimulatorNotImplemented', /\$top .*documents as not supported/);
    // Node's fetch sends "User-Agent: node" unless told otherwise; an empty one is as good as none.
    expectGraphError(await call(simulatedCredential(typical), PATH, { headers: { 'User-Agent': '' } }), 501, 'SimulatorNotImplemented', /User-Agent/);
  });

  it('answers the device registration service\'s 403 authorization_error without a BitlockerKey permission', async () => {
    expectGraphError(await call(withRoles(typical, ['Device.Read.All', 'Directory.Read.All']), PATH, { headers: userAgent }), 403, 'authorization_error', "Failed to authorize, token doesn't have the required permissions.");
    expect((await call(withRoles(typical, ['BitlockerKey.Read.All']), PATH, { headers: userAgent })).status).toBe(200);
  });
});

describe('paths Graph does not have, or the simulator does not serve', () => {
  it('answers Graph\'s 400 for an unknown segment', async () => {
    expectGraphError(await call(simulatedCredential(typical), '/usres'), 400, 'BadRequest', "Resource not found for the segment 'usres'.");
  });

  it('answers a 501 that names the simulator for real but unsimulated operations', async () => {
    expectGraphError(await call(simulatedCredential(typical), '/domains'), 501, 'SimulatorNotImplemented', /GET \/domains/);
    expectGraphError(await call(simulatedCredential(typical), '/users', { method: 'POST', body: {} }), 501, 'SimulatorNotImplemented');
    expectGraphError(await call(simulatedCredential(typical), 'https://graph.microsoft.com/beta/users'), 501, 'SimulatorNotImplemented');
  });
});
