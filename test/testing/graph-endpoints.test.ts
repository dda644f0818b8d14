import { describe, expect, it } from 'vitest';
import {
  compliantPractice,
  COMPLIANT_BREAK_GLASS_UPN,
  simulatedCredential,
  typicalPractice,
  TYPICAL_PRACTICE_ACCOUNTS,
  type M365TenantModel,
} from '../../src/testing/index.js';
import { allPages, call, expectGraphError, NOW, serveTenants, withRoles } from './harness.js';

const compliant = compliantPractice({ now: NOW });
const typical = typicalPractice({ now: NOW });
const unlicensed: M365TenantModel = {
  ...typicalPractice({ now: NOW }),
  tenantId: '33333333-3333-4333-8333-333333333333',
  subscribedSkus: [],
  intuneLicensed: false,
};
serveTenants([compliant, typical, unlicensed]);

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
