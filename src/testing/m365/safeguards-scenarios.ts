/**
 * The contingency, sharing, device-lock, forwarding and consent side of the named scenarios (see
 * scenarios.ts): Intune lock policies, Microsoft 365 Backup, SharePoint sharing, enterprise apps,
 * attack simulation training, and the Exchange forwarding settings.
 */
import { deterministicGuid } from './guid.js';
import type { M365SubscribedSku, M365TenantModel, M365User } from './model.js';
import type { HostedOutboundSpamFilterPolicy, HostedOutboundSpamFilterRule } from './exchange/model.js';
import type { BackupProtectionUnit, IntuneAssignmentTarget, IntuneV1Policy, TrainingCoverageEntry } from './safeguards-model.js';
import { servicePlan, subscribedSku, type ScenarioClock } from './scenario-kit.js';

/** Microsoft Defender for Office 365 (Plan 2), the add-on that brings attack simulation training. */
export const DEFENDER_FOR_OFFICE_P2_SKU_ID = '3dd6cf57-d688-4eed-ba52-9e40b5468c3e';

/** `THREAT_INTELLIGENCE` (SKU 3dd6cf57-..., plan 8e0c0a52-...: Microsoft's licensing service plan reference). */
export function defenderForOfficeP2(prepaid: number): M365SubscribedSku {
  return subscribedSku(DEFENDER_FOR_OFFICE_P2_SKU_ID, 'THREAT_INTELLIGENCE', prepaid, [servicePlan('THREAT_INTELLIGENCE', '8e0c0a52-6a6c-4d40-8370-dd62790dcd70')]);
}

/** Microsoft's own tenant, which publishes its first-party apps. */
const MICROSOFT_TENANT = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

type SafeguardParts = Pick<M365TenantModel, 'intunePolicies' | 'backup' | 'sharePointSettings' | 'enterpriseApps' | 'attackSimulationTraining'>;

const ALL_DEVICES: IntuneAssignmentTarget[] = [{ kind: 'allDevices' }];
const ALL_USERS: IntuneAssignmentTarget[] = [{ kind: 'allLicensedUsers' }];

function v1Policy(tenantKey: string, clock: ScenarioClock, key: string, type: string, displayName: string, settings: IntuneV1Policy['settings'], assignments: IntuneAssignmentTarget[]): IntuneV1Policy {
  return { id: deterministicGuid(tenantKey, 'intune', key), type, displayName, createdDateTime: clock.ago(300), lastModifiedDateTime: clock.ago(60), version: 2, settings, assignments };
}

/** Licensed, enabled members: whose mail and files hold the practice's data. */
function staffOf(users: readonly M365User[]): M365User[] {
  return users.filter((user) => user.accountEnabled && user.userType === 'Member' && user.assignedLicenses.length > 0);
}

/**
 * A practice doing it right: every platform in use (Windows, macOS, iOS) locks within 15 minutes
 * through policies for all devices or all users (Windows twice: its compliance policy and a settings
 * catalog profile with the interactive-logon limit of 900 seconds and a 15-minute device lock);
 * Microsoft 365 Backup on with active policies for Exchange, OneDrive and SharePoint covering every
 * member of staff and the two sites, and a mailbox restore completed 40 days ago; sharing only with
 * existing guests; one scheduling app with delegated calendar consent; Defender for Office 365
 * Plan 2 with every member of staff's training completed.
 */
export function compliantSafeguards(tenantKey: string, clock: ScenarioClock, users: readonly M365User[], admin: M365User, domain: string): SafeguardParts & { skus: M365SubscribedSku[] } {
  const staff = staffOf(users);
  const policy = (key: string, type: string, name: string, settings: IntuneV1Policy['settings'], assignments: IntuneAssignmentTarget[]) => v1Policy(tenantKey, clock, key, type, name, settings, assignments);
  const backupPolicy = (workload: 'exchange' | 'oneDriveForBusiness' | 'sharePoint', name: string) => ({
    id: deterministicGuid(tenantKey, 'backup-policy', workload),
    workload,
    displayName: name,
    status: 'active' as const,
    isEnabled: true,
    createdDateTime: clock.ago(200),
    lastModifiedDateTime: clock.ago(200),
  });
  const policies = [backupPolicy('exchange', 'All staff mailboxes'), backupPolicy('oneDriveForBusiness', 'All staff OneDrives'), backupPolicy('sharePoint', 'Practice sites')];
  const unit = (workload: 'exchange' | 'oneDriveForBusiness', user: M365User): BackupProtectionUnit => ({
    id: deterministicGuid(tenantKey, 'backup-unit', workload, user.id),
    workload,
    policyId: policies.find((entry) => entry.workload === workload)!.id,
    status: 'protected',
    protectionSources: 'dynamicRule',
    directoryObjectId: user.id,
    createdDateTime: clock.ago(199),
  });
  const site = (name: string): BackupProtectionUnit => ({
    id: deterministicGuid(tenantKey, 'backup-unit', 'site', name),
    workload: 'sharePoint',
    policyId: policies[2]!.id,
    status: 'protected',
    protectionSources: 'manual',
    siteId: `${domain.split('.')[0]}.sharepoint.com,${deterministicGuid(tenantKey, 'site', name)},${deterministicGuid(tenantKey, 'web', name)}`,
    siteName: name,
    siteWebUrl: `https://${domain.split('.')[0]}.sharepoint.com/sites/${name.toLowerCase().replace(/\s+/g, '-')}`,
    createdDateTime: clock.ago(199),
  });
  const training = (user: M365User, index: number): TrainingCoverageEntry => ({
    userId: user.id,
    trainings: [{ displayName: 'Phishing and patient data', assignedDateTime: clock.ago(90), completionDateTime: clock.ago(80 - (index % 10)), trainingStatus: 'completed' }],
  });
  return {
    skus: [defenderForOfficeP2(15)],
    intunePolicies: {
      compliancePolicies: [
        policy('windows-compliance', 'windows10CompliancePolicy', 'Windows 11 compliance', { passwordRequired: true, passwordMinutesOfInactivityBeforeLock: 15, passwordRequiredToUnlockFromIdle: true, bitLockerEnabled: true, storageRequireEncryption: true, secureBootEnabled: true }, ALL_DEVICES),
        policy('macos-compliance', 'macOSCompliancePolicy', 'macOS compliance', { passwordRequired: true, passwordMinutesOfInactivityBeforeLock: 15, storageRequireEncryption: true, firewallEnabled: true }, ALL_USERS),
        policy('ios-compliance', 'iosCompliancePolicy', 'iPhone and iPad compliance', { passcodeRequired: true, passcodeMinutesOfInactivityBeforeLock: 5, passcodeMinimumLength: 6, securityBlockJailbrokenDevices: true }, ALL_USERS),
      ],
      deviceConfigurations: [
        policy('ios-restrictions', 'iosGeneralDeviceConfiguration', 'iPhone and iPad restrictions', { passcodeRequired: true, passcodeMinutesOfInactivityBeforeScreenTimeout: 2 }, ALL_USERS),
      ],
      configurationPolicies: [
        {
          id: deterministicGuid(tenantKey, 'intune', 'windows-screen-lock'),
          name: 'Windows screen lock (15 minutes)',
          platforms: 'windows10',
          technologies: 'mdm',
          createdDateTime: clock.ago(300),
          lastModifiedDateTime: clock.ago(60),
          settings: [
            { kind: 'machineInactivityLimit', seconds: 900 },
            { kind: 'maxInactivityTimeDeviceLock', minutes: 15 },
          ],
          assignments: ALL_DEVICES,
        },
      ],
    },
    backup: {
      status: 'enabled',
      disableReason: 'none',
      lastModifiedByUserId: admin.id,
      lastModifiedDateTime: clock.ago(200),
      protectionPolicies: policies,
      protectionUnits: [...staff.map((user) => unit('exchange', user)), ...staff.map((user) => unit('oneDriveForBusiness', user)), site('Clinical'), site('Practice Management')],
      restoreSessions: [
        { id: deterministicGuid(tenantKey, 'restore-session', 'test-2026'), workload: 'exchange', status: 'completed', restoreJobType: 'standard', createdDateTime: clock.ago(40, 2), completedDateTime: clock.ago(40) },
      ],
    },
    sharePointSettings: { sharingCapability: 'existingExternalUserSharingOnly', isResharingByExternalUsersEnabled: false },
    enterpriseApps: [
      {
        id: deterministicGuid(tenantKey, 'service-principal', 'scheduling'),
        appId: deterministicGuid('scheduling-vendor', 'app'),
        displayName: 'Harbour View Online Booking',
        appOwnerOrganizationId: deterministicGuid('scheduling-vendor', 'tenant'),
        delegatedGraphScopes: ['openid', 'profile', 'offline_access', 'User.Read', 'Calendars.ReadWrite'],
        consentedDateTime: clock.ago(250),
      },
    ],
    attackSimulationTraining: staff.map(training),
  };
}

/**
 * A typical practice: Windows laptops lock only after 30 minutes (the compliance policy) and the
 * receptionist's iPhone has no lock policy at all; no Microsoft 365 Backup; SharePoint left at its
 * default ("Anyone" links); a cloud-fax app holding application permissions to read every mailbox
 * and file; no Defender for Office 365 Plan 2.
 */
export function typicalSafeguards(tenantKey: string, clock: ScenarioClock): SafeguardParts {
  return {
    intunePolicies: {
      compliancePolicies: [
        v1Policy(tenantKey, clock, 'windows-compliance', 'windows10CompliancePolicy', 'Windows laptops', { passwordRequired: true, passwordMinutesOfInactivityBeforeLock: 30, bitLockerEnabled: true }, ALL_DEVICES),
      ],
      deviceConfigurations: [],
      configurationPolicies: [],
    },
    enterpriseApps: [
      {
        id: deterministicGuid(tenantKey, 'service-principal', 'cloud-fax'),
        appId: deterministicGuid('cloud-fax-vendor', 'app'),
        displayName: 'FaxBridge Cloud Fax',
        appOwnerOrganizationId: deterministicGuid('cloud-fax-vendor', 'tenant'),
        delegatedGraphScopes: ['openid', 'offline_access', 'User.Read', 'Mail.Send'],
        graphApplicationPermissions: ['Mail.ReadWrite', 'Files.ReadWrite.All'],
        consentedDateTime: clock.ago(400),
      },
      {
        id: deterministicGuid(tenantKey, 'service-principal', 'outlook-mobile'),
        appId: '27922004-5251-4030-b22d-91ecd9a37ea4',
        displayName: 'Outlook Mobile',
        appOwnerOrganizationId: MICROSOFT_TENANT,
        delegatedGraphScopes: ['openid', 'profile', 'User.Read'],
        consentedDateTime: clock.ago(500),
      },
    ],
  };
}

/** Automatic forwarding off in the default outbound policy; the Default remote domain left at its out-of-the-box "allow". */
export function compliantForwarding(tenantKey: string, clock: ScenarioClock): { hostedOutboundSpamFilterPolicies: HostedOutboundSpamFilterPolicy[] } {
  return {
    hostedOutboundSpamFilterPolicies: [
      { Name: 'Default', Guid: deterministicGuid(tenantKey, 'exchange', 'outbound-spam-default'), IsDefault: true, AutoForwardingMode: 'Off', Enabled: false, WhenChanged: clock.ago(300) },
    ],
  };
}

/**
 * The default outbound policy still on "Automatic", and a custom policy turning automatic
 * forwarding On for the billing clerk (forwarding to the outside billing service).
 */
export function typicalForwarding(tenantKey: string, clock: ScenarioClock, billingClerk: string): { hostedOutboundSpamFilterPolicies: HostedOutboundSpamFilterPolicy[]; hostedOutboundSpamFilterRules: HostedOutboundSpamFilterRule[] } {
  return {
    hostedOutboundSpamFilterPolicies: [
      { Name: 'Default', Guid: deterministicGuid(tenantKey, 'exchange', 'outbound-spam-default'), IsDefault: true, AutoForwardingMode: 'Automatic', Enabled: false, WhenChanged: clock.ago(700) },
      { Name: 'Billing forwarding', Guid: deterministicGuid(tenantKey, 'exchange', 'outbound-spam-billing'), IsDefault: false, AutoForwardingMode: 'On', Enabled: true, WhenChanged: clock.ago(150) },
    ],
    hostedOutboundSpamFilterRules: [
      { Name: 'Billing forwarding', Guid: deterministicGuid(tenantKey, 'exchange', 'outbound-spam-billing-rule'), HostedOutboundSpamFilterPolicy: 'Billing forwarding', Priority: 0, State: 'Enabled', From: [billingClerk], WhenChanged: clock.ago(150) },
    ],
  };
}

