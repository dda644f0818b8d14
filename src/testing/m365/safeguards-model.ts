/**
 * The parts of a simulated Microsoft 365 tenant that the contingency, sharing, device-lock and
 * consent safeguards read: Intune policies, Microsoft 365 Backup, SharePoint tenant settings,
 * enterprise apps with their consents, and attack simulation training. Property names are Graph's
 * own where the model mirrors a Graph object.
 */
import type { Guid, IsoDateTime } from './model.js';

/**
 * Who an Intune policy is assigned to (`deviceAndAppManagementAssignmentTarget`): all devices, all
 * licensed users, a group, or a group excluded from the others.
 */
export type IntuneAssignmentTarget =
  | { kind: 'allDevices' }
  | { kind: 'allLicensedUsers' }
  | { kind: 'group'; groupId: Guid }
  | { kind: 'exclusionGroup'; groupId: Guid };

/**
 * A v1.0 compliance policy or device configuration profile. `type` is the Graph type's name
 * without namespace (`windows10CompliancePolicy`, `iosGeneralDeviceConfiguration`...). A type that
 * only exists in beta (`androidDeviceOwnerCompliancePolicy`) is served by v1.0 as the bare base
 * type without `@odata.type`, its settings invisible, as a live tenant showed.
 */
export interface IntuneV1Policy {
  id: Guid;
  type: string;
  displayName: string;
  description?: string | null;
  createdDateTime: IsoDateTime;
  lastModifiedDateTime: IsoDateTime;
  version: number;
  /** Properties of the type that differ from their unset default, by Graph name (e.g. `passwordMinutesOfInactivityBeforeLock: 15`). */
  settings: Record<string, string | number | boolean | null | string[]>;
  assignments: IntuneAssignmentTarget[];
}

/** A settings catalog setting the simulator can render as the service stores it. */
export type SettingsCatalogSetting =
  /** LocalPoliciesSecurityOptions/InteractiveLogon_MachineInactivityLimit (seconds), a top-level simple setting. */
  | { kind: 'machineInactivityLimit'; seconds: number }
  /** DeviceLock/DevicePasswordEnabled "Enabled" with MaxInactivityTimeDeviceLock (minutes) as its child. */
  | { kind: 'maxInactivityTimeDeviceLock'; minutes: number }
  /** Any other simple integer setting, for realism (e.g. DeviceLock/DevicePasswordHistory). */
  | { kind: 'integer'; settingDefinitionId: string; value: number };

/** A settings catalog policy (beta `deviceManagementConfigurationPolicy`). */
export interface SettingsCatalogPolicy {
  id: Guid;
  name: string;
  description?: string;
  /** e.g. `windows10`, `macOS`, `iOS`. */
  platforms: string;
  /** e.g. `mdm`. */
  technologies: string;
  createdDateTime: IsoDateTime;
  lastModifiedDateTime: IsoDateTime;
  settings: SettingsCatalogSetting[];
  assignments: IntuneAssignmentTarget[];
}

/** Intune policies of a tenant (only served when `intuneLicensed`). */
export interface IntunePoliciesModel {
  compliancePolicies: IntuneV1Policy[];
  deviceConfigurations: IntuneV1Policy[];
  configurationPolicies: SettingsCatalogPolicy[];
}

/** The workload a Backup policy, unit or restore session belongs to. */
export type BackupWorkload = 'exchange' | 'oneDriveForBusiness' | 'sharePoint';

/** A Microsoft 365 Backup protection policy. */
export interface BackupProtectionPolicy {
  id: Guid;
  workload: BackupWorkload;
  displayName: string;
  status: 'inactive' | 'activeWithErrors' | 'updating' | 'active';
  isEnabled: boolean;
  createdDateTime: IsoDateTime;
  lastModifiedDateTime: IsoDateTime;
}

/** A protected mailbox or OneDrive (`directoryObjectId`: the user's id), or a site. */
export interface BackupProtectionUnit {
  id: Guid;
  workload: BackupWorkload;
  policyId: Guid;
  status: 'protectRequested' | 'protected' | 'unprotectRequested' | 'unprotected' | 'removeRequested' | 'offboardRequested' | 'offboarded' | 'cancelOffboardRequested';
  protectionSources: 'none' | 'manual' | 'dynamicRule';
  directoryObjectId?: Guid;
  siteId?: string;
  siteName?: string;
  siteWebUrl?: string;
  createdDateTime: IsoDateTime;
}

/** A restore session. */
export interface BackupRestoreSession {
  id: Guid;
  workload: BackupWorkload;
  status: 'draft' | 'activating' | 'active' | 'completedWithError' | 'completed' | 'failed';
  restoreJobType: 'standard' | 'bulk' | 'granular';
  createdDateTime: IsoDateTime;
  completedDateTime: IsoDateTime | null;
}

/** Microsoft 365 Backup; a tenant without it has never enabled the service (`serviceStatus.status` `disabled`). */
export interface BackupModel {
  status: 'disabled' | 'enabled' | 'protectionChangeLocked' | 'restoreLocked';
  disableReason: 'none' | 'invalidBillingProfile' | 'userRequested';
  /** Who turned it on last (an admin's object id). */
  lastModifiedByUserId: Guid;
  lastModifiedDateTime: IsoDateTime;
  protectionPolicies: BackupProtectionPolicy[];
  protectionUnits: BackupProtectionUnit[];
  restoreSessions: BackupRestoreSession[];
}

/** SharePoint tenant settings the model sets; the rest take the values of a new tenant. */
export interface SharePointSettingsModel {
  sharingCapability: 'disabled' | 'externalUserSharingOnly' | 'externalUserAndGuestSharing' | 'existingExternalUserSharingOnly';
  sharingDomainRestrictionMode?: 'none' | 'allowList' | 'blockList';
  sharingAllowedDomainList?: string[];
  sharingBlockedDomainList?: string[];
  isResharingByExternalUsersEnabled?: boolean;
  isRequireAcceptingUserToMatchInvitedUserEnabled?: boolean;
  idleSessionSignOut?: { isEnabled: boolean; warnAfterInSeconds: number; signOutAfterInSeconds: number };
}

/**
 * An enterprise app (service principal) in the tenant, with what an admin consented to for the
 * whole organisation: delegated scopes on Microsoft Graph (an `AllPrincipals` grant) and
 * application permissions on Microsoft Graph (app role assignments), named by their values.
 */
export interface EnterpriseApp {
  /** The service principal's object id. */
  id: Guid;
  appId: Guid;
  displayName: string;
  /** The publisher's tenant (Microsoft's own apps: `f8cdef31-a31e-4b4a-93e4-5f571e91255a`). */
  appOwnerOrganizationId: Guid | null;
  /** Delegated Graph scopes granted for all users, e.g. `['openid', 'Mail.Read']`. */
  delegatedGraphScopes?: string[];
  /** When the admin granted them. */
  consentedDateTime: IsoDateTime;
  /** Graph application permissions, e.g. `['Mail.Read']` (must be among the simulated Graph app roles). */
  graphApplicationPermissions?: string[];
}

/** One user's attack simulation training (`attackSimulationTrainingUserCoverage`). */
export interface TrainingCoverageEntry {
  userId: Guid;
  trainings: { displayName: string; assignedDateTime: IsoDateTime; completionDateTime: IsoDateTime | null; trainingStatus: 'assigned' | 'inProgress' | 'completed' | 'overdue' }[];
}
