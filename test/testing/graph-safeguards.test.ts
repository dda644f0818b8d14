/**
 * The simulator's safeguard endpoints against Microsoft's documentation and live captures
 * (fixtures/safeguards-reference): shapes, permissions, licences, paging and the quirks reproduced.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONSENT_READ_PERMISSION, compliantPractice, simulatedCredential, typicalPractice, type M365TenantModel } from '../../src/testing/index.js';
import { MICROSOFT_GRAPH_APP_ID } from '../../src/testing/m365/graph/safeguards.js';
import { allPages, call, expectGraphError, NOW, serveTenants, withRoles } from './harness.js';

const reference = (name: string): any => JSON.parse(readFileSync(new URL(`./fixtures/safeguards-reference/${name}`, import.meta.url), 'utf8'));
const intuneTypes: Record<string, { properties: Record<string, { navigation?: boolean }> }> = reference('csdl-intune-types.json').types;
const otherTypes: Record<string, { properties: Record<string, { navigation?: boolean }> }> = reference('csdl-other-types.json').types;
const structural = (types: typeof intuneTypes, name: string) => Object.entries(types[name]!.properties).filter(([, p]) => !p.navigation).map(([key]) => key);
const dataKeys = (object: object) => Object.keys(object).filter((key) => !key.startsWith('@'));

const compliant = compliantPractice({ now: NOW });
const typical = typicalPractice({ now: NOW });
const withConsent: M365TenantModel = { ...typicalPractice({ now: NOW }), tenantId: '44444444-4444-4444-8444-444444444444', grantedPermissions: [...typical.grantedPermissions, CONSENT_READ_PERMISSION] };
const noIntune: M365TenantModel = { ...typicalPractice({ now: NOW }), tenantId: '55555555-5555-4555-8555-555555555555', intuneLicensed: false };
/** A tenant with an Android Enterprise policy, a type Graph v1.0 does not describe. */
const androidOwner: M365TenantModel = { ...compliantPractice({ now: NOW }), tenantId: '66666666-6666-4666-8666-666666666666' };
androidOwner.intunePolicies!.compliancePolicies.push({ id: '0100930b-518a-42dc-b670-bff867d2bf35', type: 'androidDeviceOwnerCompliancePolicy', displayName: 'Android Compliance', createdDateTime: NOW.toISOString(), lastModifiedDateTime: NOW.toISOString(), version: 2, settings: { passwordMinutesOfInactivityBeforeLock: 5 }, assignments: [{ kind: 'allDevices' }] });
/** A tenant with 23 settings catalog policies, for paging. */
const manyPolicies: M365TenantModel = { ...compliantPractice({ now: NOW }), tenantId: '77777777-7777-4777-8777-777777777777' };
const template = manyPolicies.intunePolicies!.configurationPolicies[0]!;
manyPolicies.intunePolicies!.configurationPolicies = Array.from({ length: 23 }, (_, index) => ({ ...template, id: `${template.id.slice(0, -2)}${String(index).padStart(2, '0')}`, name: `Policy ${index}` }));
const log = serveTenants([compliant, typical, withConsent, noIntune, androidOwner, manyPolicies]);

const beta = (path: string) => `https://graph.microsoft.com/beta${path}`;

describe('Intune v1.0 compliance policies and configuration profiles', () => {
  it('serve every v1.0 property of each type, unset ones as null, with @odata.type first', async () => {
    const answer = await call(simulatedCredential(compliant), '/deviceManagement/deviceCompliancePolicies');
    expect(answer.status).toBe(200);
    expect(answer.body['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#deviceManagement/deviceCompliancePolicies');
    const documented = reference('intune-deviceCompliancePolicies.json').examples;
    for (const policy of answer.body.value) {
      expect(Object.keys(policy)[0]).toBe('@odata.type');
      const type = policy['@odata.type'].replace('#microsoft.graph.', '');
      expect(dataKeys(policy).sort()).toEqual(structural(intuneTypes, type).sort());
      const example = documented.find((entry: any) => entry.body.value[0]['@odata.type'] === policy['@odata.type']);
      for (const key of dataKeys(example.body.value[0])) expect(Object.keys(policy)).toContain(key);
    }
    const windows = answer.body.value.find((policy: any) => policy.displayName === 'Windows 11 compliance');
    expect(windows).toMatchObject({ passwordRequired: true, passwordMinutesOfInactivityBeforeLock: 15, passwordExpirationDays: null, osMinimumVersion: null });
    expect(windows.assignments).toBeUndefined();
  });

  it('expand assignments as {id, target} with the built-in target types', async () => {
    const answer = await call(simulatedCredential(compliant), '/deviceManagement/deviceCompliancePolicies?$expand=assignments');
    expect(answer.body['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#deviceManagement/deviceCompliancePolicies(assignments())');
    const windows = answer.body.value.find((policy: any) => policy.displayName === 'Windows 11 compliance');
    expect(windows.assignments).toEqual([{ id: `${windows.id}_adadadad-808e-44e2-905a-0b7873a8a531`, target: { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' } }]);
    // v1.0 assignments have no filter properties (beta only).
    const documentedTargets = reference('intune-deviceCompliancePolicy-assignments.json').targetShapes;
    expect(Object.keys(windows.assignments[0].target)).toEqual(Object.keys(documentedTargets.allDevicesAssignmentTarget));
  });

  it('serve configuration profiles of every v1.0 type with their own properties', async () => {
    const answer = await call(simulatedCredential(compliant), '/deviceManagement/deviceConfigurations?$expand=assignments');
    const ios = answer.body.value.find((policy: any) => policy['@odata.type'] === '#microsoft.graph.iosGeneralDeviceConfiguration');
    expect(dataKeys(ios).filter((key) => key !== 'assignments').sort()).toEqual(structural(intuneTypes, 'iosGeneralDeviceConfiguration').sort());
    expect(ios).toMatchObject({ passcodeRequired: true, passcodeMinutesOfInactivityBeforeScreenTimeout: 2, passcodeMinutesOfInactivityBeforeLock: null });
  });

  it('serve a type v1.0 does not describe as the bare base type, as a live tenant did', async () => {
    const answer = await call(simulatedCredential(androidOwner), '/deviceManagement/deviceCompliancePolicies');
    const android = answer.body.value.find((policy: any) => policy.id === '0100930b-518a-42dc-b670-bff867d2bf35');
    const live = reference('intune-deviceCompliancePolicies.json').liveCaptures[0].body.value[0];
    expect(Object.keys(android).sort()).toEqual(Object.keys(live).sort());
  });

  it('answer 400 "Request not applicable to target tenant." without Intune, before permissions', async () => {
    expectGraphError(await call(withRoles(noIntune, []), '/deviceManagement/deviceCompliancePolicies'), 400, 'BadRequest', 'Request not applicable to target tenant.');
  });

  it('refuse without DeviceManagementConfiguration.Read.All (managed-device permissions do not open policies)', async () => {
    expectGraphError(await call(withRoles(compliant, ['DeviceManagementManagedDevices.Read.All']), '/deviceManagement/deviceConfigurations'), 403, 'UnknownError');
  });

  it('say plainly which options are not simulated', async () => {
    expectGraphError(await call(simulatedCredential(compliant), '/deviceManagement/deviceCompliancePolicies?$select=id'), 501, 'SimulatorNotImplemented');
    expectGraphError(await call(simulatedCredential(compliant), '/deviceManagement/deviceCompliancePolicies?$expand=deviceStatuses'), 501, 'SimulatorNotImplemented');
  });
});

describe('the settings catalog (Graph beta only)', () => {
  it('serves policies as the live beta list does: no @odata.type, no isAssigned, with @odata.count', async () => {
    const answer = await call(simulatedCredential(compliant), beta('/deviceManagement/configurationPolicies'));
    expect(answer.status).toBe(200);
    expect(answer.body['@odata.context']).toBe('https://graph.microsoft.com/beta/$metadata#deviceManagement/configurationPolicies');
    expect(answer.body['@odata.count']).toBe(1);
    const live = reference('intune-configurationPolicies-settingsCatalog.json').liveCaptures[0].body.value[0];
    expect(Object.keys(answer.body.value[0])).toEqual(Object.keys(live));
    expect(log.filter({ path: '/deviceManagement/configurationPolicies' }).at(-1)?.version).toBe('beta');
  });

  it('expands settings with MaxInactivityTimeDeviceLock nested under DevicePasswordEnabled, and assignments with filters', async () => {
    const answer = await call(simulatedCredential(compliant), beta('/deviceManagement/configurationPolicies?$expand=settings,assignments'));
    expect(answer.body['@odata.context']).toBe('https://graph.microsoft.com/beta/$metadata#deviceManagement/configurationPolicies(settings(),assignments())');
    const [policy] = answer.body.value;
    const assembled = reference('intune-configurationPolicies-settingsCatalog.json').assembledExample_NOT_VERBATIM.body.value[0];
    expect(policy.settings.map((setting: any) => setting.settingInstance.settingDefinitionId)).toEqual(assembled.settings.map((setting: any) => setting.settingInstance.settingDefinitionId));
    expect(policy.settings[0].settingInstance.simpleSettingValue.value).toBe(900);
    expect(policy.settings[1].settingInstance.choiceSettingValue.children[0]).toEqual({ ...assembled.settings[1].settingInstance.choiceSettingValue.children[0], simpleSettingValue: { ...assembled.settings[1].settingInstance.choiceSettingValue.children[0].simpleSettingValue, value: 15 } });
    expect(policy.assignments[0]).toEqual({ ...assembled.assignments[0], id: `${policy.id}_adadadad-808e-44e2-905a-0b7873a8a531`, sourceId: policy.id });
  });

  it('pages with next links that stay on beta', async () => {
    const { pages, items } = await allPages(simulatedCredential(manyPolicies), beta('/deviceManagement/configurationPolicies'));
    expect(pages).toHaveLength(3);
    expect(pages[0]!.body['@odata.nextLink']).toMatch(/^https:\/\/graph\.microsoft\.com\/beta\/deviceManagement\/configurationPolicies\?\$skiptoken=/);
    expect(items).toHaveLength(23);
  });

  it('serves nothing else on beta, and a v1.0 request for the catalog is not simulated either', async () => {
    expectGraphError(await call(simulatedCredential(compliant), beta('/users')), 501, 'SimulatorNotImplemented');
    expectGraphError(await call(simulatedCredential(compliant), '/deviceManagement/configurationPolicies'), 501, 'SimulatorNotImplemented');
  });
});

describe('Microsoft 365 Backup', () => {
  it('GET /solutions/backupRestore answers the documented serviceStatus', async () => {
    const answer = await call(simulatedCredential(compliant), '/solutions/backupRestore');
    const example = reference('backup-backupRestoreRoot.json');
    expect(Object.keys(answer.body)).toEqual(Object.keys(example.body));
    expect(Object.keys(answer.body.serviceStatus)).toEqual(Object.keys(example.body.serviceStatus));
    expect(answer.body.serviceStatus.status).toBe('enabled');
  });

  it('a tenant that never enabled Backup reports the documented default, disabled', async () => {
    const answer = await call(simulatedCredential(typical), '/solutions/backupRestore');
    expect(answer.body.serviceStatus).toMatchObject({ status: 'disabled', disableReason: 'none' });
    expectGraphError(await call(simulatedCredential(typical), '/solutions/backupRestore/protectionPolicies'), 501, 'SimulatorNotImplemented');
  });

  it('lists protection policies with the documented shape and relative context', async () => {
    const answer = await call(simulatedCredential(compliant), '/solutions/backupRestore/protectionPolicies');
    const example = reference('backup-protectionPolicies.json').body;
    expect(answer.body['@odata.context']).toBe(example['@odata.context']);
    for (const policy of answer.body.value) {
      for (const key of Object.keys(example.value[0])) expect(Object.keys(policy)).toContain(key);
      const type = policy['@odata.type'].replace('#microsoft.graph.', '');
      for (const key of dataKeys(policy)) expect(structural(otherTypes, type)).toContain(key);
    }
    expect(answer.body.value.map((policy: any) => policy['@odata.type']).sort()).toEqual([
      '#microsoft.graph.exchangeProtectionPolicy',
      '#microsoft.graph.oneDriveForBusinessProtectionPolicy',
      '#microsoft.graph.sharePointProtectionPolicy',
    ]);
  });

  it('lists protection units by type, without displayName and email (delegated callers only)', async () => {
    const answer = await call(simulatedCredential(compliant), '/solutions/backupRestore/protectionUnits/microsoft.graph.mailboxProtectionUnit');
    const example = reference('backup-protectionUnits.json').body.value[0];
    expect(answer.body.value).toHaveLength(12);
    for (const unit of answer.body.value) {
      expect(Object.keys(unit).sort()).toEqual(Object.keys(example).filter((key) => key !== 'displayName' && key !== 'email').sort());
      expect(unit['@odata.type']).toBe('#microsoft.graph.mailboxProtectionUnit');
    }
    const sites = await call(simulatedCredential(compliant), '/solutions/backupRestore/protectionUnits/microsoft.graph.siteProtectionUnit');
    expect(sites.body.value.every((unit: any) => typeof unit.siteWebUrl === 'string' && unit.directoryObjectId === undefined)).toBe(true);
  });

  it('restore sessions need BackupRestore-Restore.Read.All', async () => {
    const answer = await call(simulatedCredential(compliant), '/solutions/backupRestore/restoreSessions');
    expect(answer.body['@odata.context']).toBe(reference('backup-restoreSessions.json').body['@odata.context']);
    expect(answer.body.value[0]).toMatchObject({ '@odata.type': '#microsoft.graph.exchangeRestoreSession', status: 'completed' });
    for (const key of dataKeys(answer.body.value[0])) expect(structural(otherTypes, 'exchangeRestoreSession')).toContain(key);
    expectGraphError(await call(withRoles(compliant, ['BackupRestore-Control.Read.All', 'BackupRestore-Configuration.Read.All']), '/solutions/backupRestore/restoreSessions'), 403, 'accessDenied');
  });

  it('refuses the root without BackupRestore-Control.Read.All', async () => {
    expectGraphError(await call(withRoles(compliant, ['BackupRestore-Configuration.Read.All']), '/solutions/backupRestore'), 403, 'accessDenied');
  });
});

describe('GET /admin/sharepoint/settings', () => {
  it('answers the settings object at the top level, as a live tenant does (the docs wrap it in "value")', async () => {
    const answer = await call(simulatedCredential(typical), '/admin/sharepoint/settings');
    expect(answer.body.value).toBeUndefined();
    expect(answer.body['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#admin/sharepoint/settings/$entity');
    const documented = Object.keys(reference('sharepoint-settings.json').body.value).filter((key) => !key.startsWith('@'));
    expect(dataKeys(answer.body).sort()).toEqual(documented.sort());
    for (const key of dataKeys(answer.body)) expect(structural(otherTypes, 'sharepointSettings')).toContain(key);
    expect(answer.body.sharingCapability).toBe('externalUserAndGuestSharing');
  });

  it('takes $select and needs SharePointTenantSettings.Read.All', async () => {
    const answer = await call(simulatedCredential(compliant), '/admin/sharepoint/settings?$select=sharingCapability,sharingDomainRestrictionMode');
    expect(dataKeys(answer.body)).toEqual(['sharingCapability', 'sharingDomainRestrictionMode']);
    expect(answer.body.sharingCapability).toBe('existingExternalUserSharingOnly');
    expectGraphError(await call(withRoles(compliant, ['Sites.Read.All']), '/admin/sharepoint/settings'), 403, 'accessDenied');
  });
});

describe('enterprise apps and tenant-wide consent', () => {
  it('lists AllPrincipals grants with the live shape: no @odata.id, scope starting with a space', async () => {
    const answer = await call(simulatedCredential(withConsent), "/oauth2PermissionGrants?$filter=consentType eq 'AllPrincipals'");
    const live = reference('entra-oauth2PermissionGrants.json').liveCaptures[0].body.value[0];
    expect(answer.body['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#oauth2PermissionGrants');
    expect(Object.keys(answer.body.value[0]).sort()).toEqual(Object.keys(live).sort());
    expect(answer.body.value[0].scope.startsWith(' ')).toBe(true);
    expect(answer.body.value[0].id).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('needs Directory.Read.All for grants (the scenarios leave it out)', async () => {
    expectGraphError(await call(simulatedCredential(typical), '/oauth2PermissionGrants'), 403, 'Authorization_RequestDenied');
  });

  it("addresses Microsoft Graph's service principal by appId, with its app roles", async () => {
    const answer = await call(simulatedCredential(withConsent), `/servicePrincipals(appId='${MICROSOFT_GRAPH_APP_ID}')?$select=id,appId,displayName,appRoles`);
    expect(answer.body['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#servicePrincipals(id,appId,displayName,appRoles)/$entity');
    const liveRole = reference('entra-servicePrincipal-appRoleAssignments.json').liveCaptures[0].body.value[0].appRoles[0];
    expect(Object.keys(answer.body.appRoles[0]).sort()).toEqual(Object.keys(liveRole).sort());
    expect(answer.body.appRoles.find((role: any) => role.value === 'User.Read.All').id).toBe(liveRole.id);
    expectGraphError(await call(simulatedCredential(withConsent), "/servicePrincipals(appId='00000000-0000-0000-0000-00000000beef')"), 404, 'Request_ResourceNotFound');
  });

  it("lists the app role assignments on Graph with the live answer's keys", async () => {
    const answer = await call(simulatedCredential(withConsent), `/servicePrincipals(appId='${MICROSOFT_GRAPH_APP_ID}')/appRoleAssignedTo`);
    const live = reference('entra-servicePrincipal-appRoleAssignments.json').liveCaptures[1].body;
    expect(answer.body['@odata.context']).toBe(live['@odata.context']);
    expect(Object.keys(answer.body.value[0]).sort()).toEqual(Object.keys(live.value[0]).sort());
    expect(answer.body.value.map((assignment: any) => assignment.principalDisplayName)).toEqual(['FaxBridge Cloud Fax', 'FaxBridge Cloud Fax']);
  });

  it('pages service principals with $top', async () => {
    const { pages, items } = await allPages(simulatedCredential(withConsent), '/servicePrincipals?$select=id,appId,displayName&$top=2');
    expect(pages.map((page) => page.body.value.length)).toEqual([2, 1]);
    expect(items.map((item: any) => item.displayName)).toEqual(['Microsoft Graph', 'FaxBridge Cloud Fax', 'Outlook Mobile']);
  });
});

describe('GET /reports/security/getAttackSimulationTrainingUserCoverage', () => {
  it('answers the documented shape to a tenant with Defender for Office 365 Plan 2', async () => {
    const answer = await call(simulatedCredential(compliant), '/reports/security/getAttackSimulationTrainingUserCoverage');
    const example = reference('defender-attackSimulationTrainingUserCoverage.json').examples[0].body;
    expect(answer.body['@odata.context']).toBe(example['@odata.context']);
    expect(Object.keys(answer.body.value[0])).toEqual(Object.keys(example.value[0]));
    expect(Object.keys(answer.body.value[0].userTrainings[0]).sort()).toEqual(Object.keys(example.value[0].userTrainings[0]).sort());
    expect(answer.body.value).toHaveLength(12);
  });

  it('does not pretend to know what an unlicensed tenant gets', async () => {
    expectGraphError(await call(simulatedCredential(typical), '/reports/security/getAttackSimulationTrainingUserCoverage'), 501, 'SimulatorNotImplemented');
    expectGraphError(await call(withRoles(compliant, ['User.Read.All']), '/reports/security/getAttackSimulationTrainingUserCoverage'), 403, 'accessDenied');
  });
});
