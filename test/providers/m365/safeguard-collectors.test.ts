import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CollectorFailure, type CollectContext } from '../../../src/providers/types.js';
import { m365DatasetSchemas, type ConsentedAppsDataset, type BackupDataset, type DeviceLockPoliciesDataset, type TrainingCoverageDataset } from '../../../src/datasets/m365.js';
import type { MailForwardingDataset } from '../../../src/datasets/m365-exchange.js';
import { runM365Collector } from '../../../src/providers/m365/run.js';
import { collectSharePointSettings, lockSettingsOf } from '../../../src/providers/m365/safeguard-collectors.js';
import type { GraphSession } from '../../../src/providers/m365/graph-client.js';
import { CONSENT_READ_PERMISSION, compliantPractice, simulatedCredential, typicalPractice, type M365TenantModel } from '../../../src/testing/index.js';
import { NOW, simulatorPerTest } from '../../fixtures/simulator-per-test.js';

const simulators = simulatorPerTest();
const reference = (name: string): any => JSON.parse(readFileSync(new URL(`../../testing/fixtures/safeguards-reference/${name}`, import.meta.url), 'utf8'));

function collect(practice: M365TenantModel, name: Parameters<typeof runM365Collector>[0], notes: string[] = []) {
  const base: CollectContext = { now: NOW, options: { sharedAccountNames: [], signInLookbackDays: 14, breakGlassAccounts: [] }, note: (text) => notes.push(text), http: { timeoutMs: 10_000 } };
  return runM365Collector(name, { provider: 'm365', tenantId: practice.tenantId, credential: simulatedCredential(practice) }, base);
}

async function failure(promise: Promise<unknown>): Promise<CollectorFailure> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(CollectorFailure);
  return error as CollectorFailure;
}

describe('m365.deviceLockPolicies', () => {
  it('reads compliance policies and profiles from v1.0 and the settings catalog from beta, each with its assignments, in three requests', async () => {
    const practice = compliantPractice({ now: NOW });
    const simulator = simulators.serve({ m365: [practice] });
    const { data, requests } = await collect(practice, 'm365.deviceLockPolicies');
    const policies = data as DeviceLockPoliciesDataset;
    expect(m365DatasetSchemas['m365.deviceLockPolicies'].safeParse(data).success).toBe(true);
    expect(requests).toBe(3);
    const sent = simulator.requests.filter();
    expect(sent.map((request) => [request.version ?? 'v1.0', request.path, request.query.$expand])).toEqual(
      expect.arrayContaining([
        ['v1.0', '/deviceManagement/deviceCompliancePolicies', 'assignments'],
        ['v1.0', '/deviceManagement/deviceConfigurations', 'assignments'],
        ['beta', '/deviceManagement/configurationPolicies', 'settings,assignments'],
      ]),
    );
    const windows = policies.compliancePolicies.find((policy) => policy.displayName === 'Windows 11 compliance')!;
    // Only the lock properties are kept of a policy's dozens.
    expect(windows).toEqual({
      '@odata.type': '#microsoft.graph.windows10CompliancePolicy',
      id: windows.id,
      displayName: 'Windows 11 compliance',
      passwordMinutesOfInactivityBeforeLock: 15,
      passwordRequired: true,
      assignments: [{ id: `${windows.id}_adadadad-808e-44e2-905a-0b7873a8a531`, target: { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' } }],
    });
    expect(policies.configurationPolicies[0]!.lockSettings).toEqual([
      { settingDefinitionId: 'device_vendor_msft_policy_config_localpoliciessecurityoptions_interactivelogon_machineinactivitylimit_v2', value: 900 },
      { settingDefinitionId: 'device_vendor_msft_policy_config_devicelock_maxinactivitytimedevicelock', value: 15 },
    ]);
  });

  it('finds MaxInactivityTimeDeviceLock in the children of DevicePasswordEnabled (the research example)', () => {
    const example = reference('intune-configurationPolicies-settingsCatalog.json').assembledExample_NOT_VERBATIM.body.value[0];
    expect(lockSettingsOf(example.settings)).toEqual([
      { settingDefinitionId: 'device_vendor_msft_policy_config_localpoliciessecurityoptions_interactivelogon_machineinactivitylimit_v2', value: 900 },
      { settingDefinitionId: 'device_vendor_msft_policy_config_devicelock_maxinactivitytimedevicelock', value: 15 },
    ]);
  });

  it('fails with a licence reason naming Intune when the tenant has none', async () => {
    const practice = { ...typicalPractice({ now: NOW }), intuneLicensed: false };
    simulators.serve({ m365: [practice] });
    const error = await failure(collect(practice, 'm365.deviceLockPolicies'));
    expect(error.reason).toMatchObject({ kind: 'license', status: 400, needs: ['Microsoft Intune (e.g. in Microsoft 365 Business Premium)'] });
  });

  it('names DeviceManagementConfiguration.Read.All when refused', async () => {
    const practice = typicalPractice({ now: NOW });
    practice.grantedPermissions = practice.grantedPermissions.filter((permission) => permission !== 'DeviceManagementConfiguration.Read.All');
    simulators.serve({ m365: [practice] });
    const error = await failure(collect(practice, 'm365.deviceLockPolicies'));
    expect(error.reason).toMatchObject({ kind: 'permission', needs: ['Graph application permission DeviceManagementConfiguration.Read.All', 'Microsoft Intune'] });
  });
});

describe('m365.backup', () => {
  it('reads the service status, policies, the three kinds of protection unit and restore sessions', async () => {
    const practice = compliantPractice({ now: NOW });
    const simulator = simulators.serve({ m365: [practice] });
    const { data } = await collect(practice, 'm365.backup');
    const backup = data as BackupDataset;
    expect(m365DatasetSchemas['m365.backup'].safeParse(data).success).toBe(true);
    expect(backup.serviceStatus.status).toBe('enabled');
    expect(backup.protectionPolicies).toHaveLength(3);
    expect(backup.mailboxProtectionUnits).toHaveLength(12);
    expect(backup.driveProtectionUnits).toHaveLength(12);
    expect(backup.siteProtectionUnits).toHaveLength(2);
    expect(backup.restoreSessions).toMatchObject({ available: true, sessions: [{ status: 'completed' }] });
    expect(simulator.requests.filter({ path: /restorePoints/i })).toHaveLength(0);
  });

  it('keeps the rest when restore sessions are refused, noting the permission', async () => {
    const practice = compliantPractice({ now: NOW });
    practice.grantedPermissions = practice.grantedPermissions.filter((permission) => permission !== 'BackupRestore-Restore.Read.All');
    simulators.serve({ m365: [practice] });
    const notes: string[] = [];
    const { data } = await collect(practice, 'm365.backup', notes);
    expect((data as BackupDataset).restoreSessions).toEqual({
      available: false,
      reason: { kind: 'permission', detail: 'reading restore sessions needs the Graph application permission BackupRestore-Restore.Read.All (Graph answered 403 accessDenied)', needs: ['Graph application permission BackupRestore-Restore.Read.All'] },
    });
    expect(notes.join(' ')).toContain('BackupRestore-Restore.Read.All');
  });

  it('reads nothing more when the service is disabled, and says so', async () => {
    const practice = typicalPractice({ now: NOW });
    const simulator = simulators.serve({ m365: [practice] });
    const notes: string[] = [];
    const { data, requests } = await collect(practice, 'm365.backup', notes);
    expect((data as BackupDataset).serviceStatus.status).toBe('disabled');
    expect(requests).toBe(1);
    expect(simulator.requests.count()).toBe(1);
    expect(notes).toEqual(['Microsoft 365 Backup is not enabled, so its policies, protected items and restore sessions were not read']);
  });

  it('names the control permission when the root is refused', async () => {
    const practice = compliantPractice({ now: NOW });
    practice.grantedPermissions = practice.grantedPermissions.filter((permission) => permission !== 'BackupRestore-Control.Read.All');
    simulators.serve({ m365: [practice] });
    const error = await failure(collect(practice, 'm365.backup'));
    expect(error.reason.kind).toBe('permission');
    expect(error.reason.needs).toContain('Graph application permission BackupRestore-Control.Read.All');
    expect(error.reason.needs).not.toContain('Graph application permission BackupRestore-Restore.Read.All');
  });
});

describe('m365.sharePointSettings', () => {
  it('reads the unwrapped object a live tenant answers', async () => {
    const practice = compliantPractice({ now: NOW });
    simulators.serve({ m365: [practice] });
    const { data } = await collect(practice, 'm365.sharePointSettings');
    expect(data).toEqual({
      sharingCapability: 'existingExternalUserSharingOnly',
      sharingDomainRestrictionMode: 'none',
      sharingAllowedDomainList: [],
      sharingBlockedDomainList: [],
      isResharingByExternalUsersEnabled: false,
      isRequireAcceptingUserToMatchInvitedUserEnabled: true,
      idleSessionSignOut: { isEnabled: false, warnAfterInSeconds: 0, signOutAfterInSeconds: 0 },
    });
  });

  it('also reads the documented example, which wraps the settings in "value"', async () => {
    const documented = reference('sharepoint-settings.json').body;
    const graph = { get: async () => documented } as unknown as GraphSession;
    const data = await collectSharePointSettings.collect({ graph, now: NOW, note: () => {}, options: { sharedAccountNames: [], signInLookbackDays: 14, breakGlassAccounts: [] }, http: { timeoutMs: 1000 } });
    expect(data).toMatchObject({ sharingCapability: 'externalUserAndGuestSharing', sharingDomainRestrictionMode: 'allowList', sharingAllowedDomainList: ['contoso.com', 'fabrikam.com'] });
  });

  it('is a schema failure when neither shape carries sharingCapability', async () => {
    const graph = { get: async () => ({ unexpected: true }) } as unknown as GraphSession;
    await expect(collectSharePointSettings.collect({ graph, now: NOW, note: () => {}, options: { sharedAccountNames: [], signInLookbackDays: 14, breakGlassAccounts: [] }, http: { timeoutMs: 1000 } })).rejects.toMatchObject({
      reason: { kind: 'schema' },
    });
  });
});

describe('m365.consentedApps', () => {
  it('joins tenant-wide grants and Graph application permissions per app, with a fixed number of requests', async () => {
    const practice = typicalPractice({ now: NOW });
    practice.grantedPermissions = [...practice.grantedPermissions, CONSENT_READ_PERMISSION];
    const simulator = simulators.serve({ m365: [practice] });
    const { data, requests } = await collect(practice, 'm365.consentedApps');
    const consented = data as ConsentedAppsDataset;
    expect(m365DatasetSchemas['m365.consentedApps'].safeParse(data).success).toBe(true);
    expect(requests).toBe(4);
    expect(simulator.requests.filter({ path: '/oauth2PermissionGrants' })[0]!.query.$filter).toBe("consentType eq 'AllPrincipals'");
    const fax = consented.apps.find((app) => app.displayName === 'FaxBridge Cloud Fax')!;
    expect(fax.delegatedGrants).toEqual([{ resourceId: consented.graphServicePrincipalId, resourceDisplayName: 'Microsoft Graph', scopes: ['openid', 'offline_access', 'User.Read', 'Mail.Send'] }]);
    expect(fax.graphApplicationPermissions.map((permission) => permission.value)).toEqual(['Mail.ReadWrite', 'Files.ReadWrite.All']);
    expect(fax.dataAccessPermissions).toEqual(['Mail.Send', 'Mail.ReadWrite', 'Files.ReadWrite.All']);
    const outlook = consented.apps.find((app) => app.displayName === 'Outlook Mobile')!;
    expect(outlook).toMatchObject({ appId: '27922004-5251-4030-b22d-91ecd9a37ea4', appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a', dataAccessPermissions: [] });
  });

  it('names Directory.Read.All when the grants are refused', async () => {
    const practice = typicalPractice({ now: NOW });
    simulators.serve({ m365: [practice] });
    const error = await failure(collect(practice, 'm365.consentedApps'));
    expect(error.reason).toMatchObject({ kind: 'permission', needs: ['Graph application permission Directory.Read.All'] });
  });
});

describe('m365.trainingCoverage', () => {
  it('reads the coverage report of a tenant with Defender for Office 365 Plan 2', async () => {
    const practice = compliantPractice({ now: NOW });
    simulators.serve({ m365: [practice] });
    const { data } = await collect(practice, 'm365.trainingCoverage');
    const coverage = data as TrainingCoverageDataset;
    expect(coverage.userCoverage).toHaveLength(12);
    expect(coverage.userCoverage[0]!.userTrainings[0]).toMatchObject({ trainingStatus: 'completed' });
  });

  it('fails with a licence reason, without calling the report, when the tenant lacks the plan', async () => {
    const practice = typicalPractice({ now: NOW });
    const simulator = simulators.serve({ m365: [practice] });
    const error = await failure(collect(practice, 'm365.trainingCoverage'));
    expect(error.reason).toMatchObject({ kind: 'license', needs: ['Microsoft Defender for Office 365 Plan 2 (or Microsoft 365 E5 / Office 365 E5)'] });
    expect(simulator.requests.filter({ path: /AttackSimulation/i })).toHaveLength(0);
  });
});

describe('m365.mailForwarding', () => {
  it('reads the four forwarding cmdlets once each, keeping the properties read', async () => {
    const practice = typicalPractice({ now: NOW });
    const simulator = simulators.serve({ m365: [practice] });
    const { data } = await collect(practice, 'm365.mailForwarding');
    const forwarding = data as MailForwardingDataset;
    expect(simulator.requests.filter({ host: 'outlook.office365.com' }).map((request) => request.cmdlet).sort()).toEqual([
      'Get-AcceptedDomain',
      'Get-HostedOutboundSpamFilterPolicy',
      'Get-HostedOutboundSpamFilterRule',
      'Get-RemoteDomain',
    ]);
    expect(forwarding.outboundSpamPolicies).toEqual([
      { Name: 'Default', Identity: 'Default', IsDefault: true, AutoForwardingMode: 'Automatic', Enabled: false },
      { Name: 'Billing forwarding', Identity: 'Billing forwarding', IsDefault: false, AutoForwardingMode: 'On', Enabled: true },
    ]);
    expect(forwarding.outboundSpamRules[0]).toMatchObject({ HostedOutboundSpamFilterPolicy: 'Billing forwarding', From: ['ben.carter@riversidefamilyclinic.example'] });
    expect(forwarding.remoteDomains).toEqual([{ Name: 'Default', DomainName: '*', AutoForwardEnabled: true }]);
    expect(forwarding.acceptedDomains.map((domain) => domain.DomainName)).toContain('riversidefamilyclinic.example');
  });
});
