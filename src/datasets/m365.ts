import { z } from 'zod';

// Shapes of what the M365 collectors store in a snapshot. Property names are Graph's own
// (graph-v1.0-types.json) so that a saved snapshot reads like the API it came from.
// Optional/nullable where Graph may omit or null a property.

const isoDate = z.string();

export const GraphUserSchema = z.object({
  id: z.string(),
  displayName: z.string().nullable().optional(),
  userPrincipalName: z.string(),
  accountEnabled: z.boolean().nullable(),
  userType: z.string().nullable().optional(),
  /** The primary SMTP address (null without a mailbox). */
  mail: z.string().nullable().optional(),
  /** Mailbox addresses: `SMTP:` the primary one, `smtp:` the aliases. */
  proxyAddresses: z.array(z.string()).nullable().optional(),
  /** Other addresses the user gave. */
  otherMails: z.array(z.string()).nullable().optional(),
  /** `Invitation` for invited guests. */
  creationType: z.string().nullable().optional(),
  createdDateTime: isoDate.nullable().optional(),
  employeeLeaveDateTime: isoDate.nullable().optional(),
  onPremisesSyncEnabled: z.boolean().nullable().optional(),
  assignedLicenses: z
    .array(z.object({ skuId: z.string(), disabledPlans: z.array(z.string()).optional() }))
    .default([]),
  signInActivity: z
    .object({
      lastSignInDateTime: isoDate.nullable().optional(),
      lastNonInteractiveSignInDateTime: isoDate.nullable().optional(),
      lastSuccessfulSignInDateTime: isoDate.nullable().optional(),
    })
    .nullable()
    .optional(),
});
export type GraphUser = z.infer<typeof GraphUserSchema>;

/** Users, and whether sign-in activity could be read (it needs AuditLog.Read.All and Entra ID P1). */
export const UsersDatasetSchema = z.object({
  users: z.array(GraphUserSchema),
  signInActivity: z.discriminatedUnion('available', [
    z.object({ available: z.literal(true) }),
    z.object({
      available: z.literal(false),
      reason: z.object({
        kind: z.enum(['permission', 'license', 'api']),
        detail: z.string(),
        needs: z.array(z.string()).optional(),
      }),
    }),
  ]),
  /**
   * Whether employeeLeaveDateTime could be read: Graph silently returns null without
   * User-LifeCycleInfo.Read.All, so the collector checks the token. Absent in older snapshots.
   */
  leaveDates: z.object({ available: z.boolean(), detail: z.string().optional() }).optional(),
});
export type UsersDataset = z.infer<typeof UsersDatasetSchema>;

export const SecurityDefaultsDatasetSchema = z.object({
  isEnabled: z.boolean(),
});
export type SecurityDefaultsDataset = z.infer<typeof SecurityDefaultsDatasetSchema>;

const stringList = z.array(z.string()).nullable().optional();

/**
 * `conditionalAccessGuestsOrExternalUsers`: which kinds of guests and external users a policy
 * includes or excludes (`guestOrExternalUserTypes` is one comma-separated string of flags), and
 * from which external tenants (`membershipKind` all, or enumerated `members`).
 */
export const GuestsOrExternalUsersSchema = z.looseObject({
  guestOrExternalUserTypes: z.string().nullable().optional(),
  externalTenants: z
    .looseObject({ membershipKind: z.string().nullable().optional(), members: z.array(z.string()).nullable().optional() })
    .nullable()
    .optional(),
});

export const ConditionalAccessPolicySchema = z.object({
  id: z.string(),
  displayName: z.string().nullable().optional(),
  state: z.string(), // enabled | disabled | enabledForReportingButNotEnforced
  conditions: z.object({
    clientAppTypes: stringList,
    signInRiskLevels: stringList,
    userRiskLevels: stringList,
    platforms: z.unknown().optional(),
    locations: z.unknown().optional(),
    // Conditions that narrow a policy; kept so a control can refuse to count a narrowed policy.
    devices: z.object({ deviceFilter: z.object({ mode: z.string().optional(), rule: z.string().optional() }).passthrough().nullable().optional() }).passthrough().nullable().optional(),
    authenticationFlows: z.object({ transferMethods: z.string().nullable().optional() }).passthrough().nullable().optional(),
    insiderRiskLevels: z.string().nullable().optional(),
    clientApplications: z.unknown().optional(),
    servicePrincipalRiskLevels: stringList,
    applications: z
      .object({
        includeApplications: stringList,
        excludeApplications: stringList,
        includeUserActions: stringList,
        includeAuthenticationContextClassReferences: stringList,
        applicationFilter: z.object({ mode: z.string().optional(), rule: z.string().optional() }).passthrough().nullable().optional(),
      })
      .nullable()
      .optional(),
    users: z
      .object({
        includeUsers: stringList,
        excludeUsers: stringList,
        includeGroups: stringList,
        excludeGroups: stringList,
        includeRoles: stringList,
        excludeRoles: stringList,
        includeGuestsOrExternalUsers: GuestsOrExternalUsersSchema.nullable().optional(),
        excludeGuestsOrExternalUsers: GuestsOrExternalUsersSchema.nullable().optional(),
      })
      .nullable()
      .optional(),
  }),
  grantControls: z
    .object({
      operator: z.string().nullable().optional(),
      builtInControls: stringList,
      authenticationStrength: z
        .object({
          id: z.string().optional(),
          displayName: z.string().nullable().optional(),
          allowedCombinations: stringList,
        })
        .nullable()
        .optional(),
    })
    .nullable()
    .optional(),
  sessionControls: z
    .object({
      signInFrequency: z
        .object({
          isEnabled: z.boolean().nullable().optional(),
          type: z.string().nullable().optional(), // hours | days
          value: z.number().nullable().optional(),
          frequencyInterval: z.string().nullable().optional(), // timeBased | everyTime
        })
        .nullable()
        .optional(),
      persistentBrowser: z.unknown().optional(),
    })
    .passthrough()
    .nullable()
    .optional(),
});
export type ConditionalAccessPolicy = z.infer<typeof ConditionalAccessPolicySchema>;

/**
 * Conditional Access policies plus the transitive user members of every group they include
 * or exclude, so controls can say exactly which users are left uncovered.
 */
export const ConditionalAccessDatasetSchema = z.object({
  policies: z.array(ConditionalAccessPolicySchema),
  /** group id → ids of its transitive user members. */
  groupMembers: z.record(z.string(), z.array(z.string())),
  /** Groups whose members could not be read, with why. */
  unresolvedGroups: z.array(z.object({ groupId: z.string(), detail: z.string() })).default([]),
  /**
   * Why the groups holding the directory roles that policies name could not be found (the role
   * assignments read failed), so their members are not in groupMembers; absent when they were found.
   */
  roleGroupsUnread: z.string().optional(),
});
export type ConditionalAccessDataset = z.infer<typeof ConditionalAccessDatasetSchema>;

export const RoleAssignmentsDatasetSchema = z.object({
  assignments: z.array(
    z.object({
      id: z.string(),
      principalId: z.string(),
      roleDefinitionId: z.string(),
      directoryScopeId: z.string().nullable().optional(),
      /**
       * What the principal is, from the expanded principal's @odata.type without its namespace:
       * 'user', 'group' (a role-assignable group) or 'servicePrincipal'. Absent in snapshots
       * collected before it was read.
       */
      principalType: z.string().optional(),
    }),
  ),
});
export type RoleAssignmentsDataset = z.infer<typeof RoleAssignmentsDatasetSchema>;

export const RegistrationDetailsDatasetSchema = z.object({
  registrations: z.array(
    z.object({
      id: z.string(),
      userPrincipalName: z.string().nullable().optional(),
      userDisplayName: z.string().nullable().optional(),
      isAdmin: z.boolean().nullable().optional(),
      isMfaCapable: z.boolean().nullable().optional(),
      isMfaRegistered: z.boolean().nullable().optional(),
      methodsRegistered: z.array(z.string()).nullable().optional(),
      userType: z.string().nullable().optional(),
    }),
  ),
});
export type RegistrationDetailsDataset = z.infer<typeof RegistrationDetailsDatasetSchema>;

export const SignInSchema = z.object({
  id: z.string(),
  createdDateTime: isoDate,
  userId: z.string().nullable().optional(),
  userPrincipalName: z.string().nullable().optional(),
  appDisplayName: z.string().nullable().optional(),
  ipAddress: z.string().nullable().optional(),
  clientAppUsed: z.string().nullable().optional(),
  deviceDetail: z
    .object({
      deviceId: z.string().nullable().optional(),
      displayName: z.string().nullable().optional(),
      operatingSystem: z.string().nullable().optional(),
      browser: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
  status: z
    .object({ errorCode: z.number().nullable().optional(), failureReason: z.string().nullable().optional() })
    .nullable()
    .optional(),
});
export type SignIn = z.infer<typeof SignInSchema>;

/**
 * Recent sign-ins of accounts whose names look like roles (frontdesk@, billing@...), read
 * with a bounded filter rather than the whole sign-in log.
 */
export const RoleAccountSignInsDatasetSchema = z.object({
  /** The name prefixes the filter used. */
  namePatterns: z.array(z.string()),
  since: isoDate,
  signIns: z.array(SignInSchema),
  /** True when the page bound stopped reading before the log ended. */
  truncated: z.boolean(),
});
export type RoleAccountSignInsDataset = z.infer<typeof RoleAccountSignInsDatasetSchema>;

export const SubscribedSkusDatasetSchema = z.object({
  skus: z.array(
    z.object({
      id: z.string().optional(),
      skuId: z.string(),
      skuPartNumber: z.string(),
      capabilityStatus: z.string(),
      appliesTo: z.string().nullable().optional(),
      consumedUnits: z.number().nullable().optional(),
      prepaidUnits: z
        .object({ enabled: z.number().nullable().optional(), suspended: z.number().nullable().optional(), warning: z.number().nullable().optional() })
        .nullable()
        .optional(),
      servicePlans: z
        .array(
          z.object({
            servicePlanId: z.string(),
            servicePlanName: z.string(),
            provisioningStatus: z.string().nullable().optional(),
            appliesTo: z.string().nullable().optional(),
          }),
        )
        .default([]),
    }),
  ),
});
export type SubscribedSkusDataset = z.infer<typeof SubscribedSkusDatasetSchema>;

/**
 * `GET /directory/subscriptions` (companySubscription): the commercial subscriptions behind the
 * SKUs, with what subscribedSkus does not say: whether each is a free trial, and when it moves on.
 */
export const CompanySubscriptionsDatasetSchema = z.object({
  subscriptions: z.array(
    z.object({
      id: z.string(),
      skuId: z.string().nullable().optional(), // Edm.String, not a Guid, in the metadata
      skuPartNumber: z.string().nullable().optional(),
      isTrial: z.boolean().nullable().optional(),
      status: z.string().nullable().optional(), // Enabled | Deleted | Suspended | Warning | LockedOut
      nextLifecycleDateTime: isoDate.nullable().optional(),
      totalLicenses: z.number().nullable().optional(),
      createdDateTime: isoDate.nullable().optional(),
    }),
  ),
});
export type CompanySubscriptionsDataset = z.infer<typeof CompanySubscriptionsDatasetSchema>;

export const ActivityTimeoutDatasetSchema = z.object({
  policies: z.array(
    z.object({
      id: z.string(),
      displayName: z.string().nullable().optional(),
      isOrganizationDefault: z.boolean().nullable().optional(),
      /** Graph returns each definition as a JSON string. */
      definition: z.array(z.string()),
    }),
  ),
});
export type ActivityTimeoutDataset = z.infer<typeof ActivityTimeoutDatasetSchema>;

export const ManagedDevicesDatasetSchema = z.object({
  devices: z.array(
    z.object({
      id: z.string(),
      deviceName: z.string().nullable().optional(),
      operatingSystem: z.string().nullable().optional(),
      isEncrypted: z.boolean().nullable().optional(),
      userPrincipalName: z.string().nullable().optional(),
      userId: z.string().nullable().optional(),
      complianceState: z.string().nullable().optional(),
      lastSyncDateTime: isoDate.nullable().optional(),
      /** The Entra device's `deviceId` (not its object `id`); absent in snapshots taken before it was read. */
      azureADDeviceId: z.string().nullable().optional(),
    }),
  ),
});
export type ManagedDevicesDataset = z.infer<typeof ManagedDevicesDatasetSchema>;

/** Device objects in Entra ID (`GET /devices`): every joined, hybrid-joined and registered device. */
export const EntraDevicesDatasetSchema = z.object({
  devices: z.array(
    z.object({
      id: z.string(),
      /** The identifier Intune (`azureADDeviceId`) and BitLocker keys (`deviceId`) refer to. */
      deviceId: z.string().nullable().optional(),
      displayName: z.string().nullable().optional(),
      operatingSystem: z.string().nullable().optional(),
      operatingSystemVersion: z.string().nullable().optional(),
      /** `AzureAd` (joined), `ServerAd` (hybrid joined), `Workplace` (registered); a string, not an enum, in the schema. */
      trustType: z.string().nullable().optional(),
      accountEnabled: z.boolean().nullable().optional(),
      approximateLastSignInDateTime: isoDate.nullable().optional(),
      isManaged: z.boolean().nullable().optional(),
      isCompliant: z.boolean().nullable().optional(),
      registrationDateTime: isoDate.nullable().optional(),
    }),
  ),
});
export type EntraDevicesDataset = z.infer<typeof EntraDevicesDatasetSchema>;

/** BitLocker recovery keys escrowed in Entra ID (metadata only: the key itself is never read). */
export const BitlockerKeysDatasetSchema = z.object({
  keys: z.array(
    z.object({
      id: z.string(),
      createdDateTime: isoDate.nullable().optional(),
      /** The Entra `deviceId` of the device the key was backed up from. */
      deviceId: z.string().nullable().optional(),
      /**
       * `graph.volumeType` (operatingSystemVolume = 1, fixedDataVolume = 2, ...). Every documented
       * example serialises it as the string "1", the enum's JSON form would be the member name: both are kept.
       */
      volumeType: z.union([z.string(), z.number()]).nullable().optional(),
    }),
  ),
});
export type BitlockerKeysDataset = z.infer<typeof BitlockerKeysDatasetSchema>;
/** Why part of a dataset could not be read, for data a collector reads beside the rest. */
const PartReasonSchema = z.object({
  kind: z.enum(['permission', 'license', 'api']),
  detail: z.string(),
  needs: z.array(z.string()).optional(),
});

/**
 * An Intune assignment target (`deviceAndAppManagementAssignmentTarget`): `@odata.type` is
 * `#microsoft.graph.allDevicesAssignmentTarget`, `allLicensedUsersAssignmentTarget`,
 * `groupAssignmentTarget` (`groupId`), `exclusionGroupAssignmentTarget` (`groupId`) or
 * `configurationManagerCollectionAssignmentTarget` (`collectionId`). The documented examples write
 * the type without its `#`; both spellings occur.
 */
export const IntuneAssignmentSchema = z.looseObject({
  id: z.string().nullable().optional(),
  target: z.looseObject({
    '@odata.type': z.string().nullable().optional(),
    groupId: z.string().nullable().optional(),
    collectionId: z.string().nullable().optional(),
    /** Beta only (settings catalog): an assignment filter narrows the target. */
    deviceAndAppManagementAssignmentFilterId: z.string().nullable().optional(),
    deviceAndAppManagementAssignmentFilterType: z.string().nullable().optional(),
  }),
});
export type IntuneAssignment = z.infer<typeof IntuneAssignmentSchema>;

const minutes = z.number().nullable().optional();

/**
 * A v1.0 compliance policy or device configuration profile, kept to its type, name, assignments
 * and the properties that set a screen lock (Graph's own names; which exist depends on the type).
 * An item without `@odata.type` is one whose real type v1.0 does not describe (Android Enterprise
 * fully managed / dedicated / AOSP policies): v1.0 serves it as the bare base type, settings unseen.
 */
export const IntuneLockPolicySchema = z.object({
  '@odata.type': z.string().nullable().optional(),
  id: z.string(),
  displayName: z.string().nullable().optional(),
  /** Compliance: windows10/macOS/android/androidWorkProfile; configuration: macOSGeneralDeviceConfiguration. */
  passwordMinutesOfInactivityBeforeLock: minutes,
  /** Configuration: windows10General, macOSGeneral, androidGeneral, androidWorkProfileGeneral. */
  passwordMinutesOfInactivityBeforeScreenTimeout: minutes,
  /** iOS compliance and iOS general configuration. */
  passcodeMinutesOfInactivityBeforeLock: minutes,
  /** iOS general configuration (the compliance policy has it only in beta). */
  passcodeMinutesOfInactivityBeforeScreenTimeout: minutes,
  /** Android work profile general configuration: the work profile's own lock. */
  workProfilePasswordMinutesOfInactivityBeforeScreenTimeout: minutes,
  passwordRequired: z.boolean().nullable().optional(),
  passcodeRequired: z.boolean().nullable().optional(),
  workProfileRequirePassword: z.boolean().nullable().optional(),
  assignments: z.array(IntuneAssignmentSchema).default([]),
});
export type IntuneLockPolicy = z.infer<typeof IntuneLockPolicySchema>;

/** Settings catalog definition ids of the two Windows inactivity locks. */
export const LOCK_SETTING_DEFINITIONS = {
  /** DeviceLock/MaxInactivityTimeDeviceLock: minutes, 0 = no timeout (a child of the DevicePasswordEnabled choice). */
  maxInactivityTimeDeviceLock: 'device_vendor_msft_policy_config_devicelock_maxinactivitytimedevicelock',
  /** LocalPoliciesSecurityOptions/InteractiveLogon_MachineInactivityLimit: seconds, 0 = not enforced. */
  machineInactivityLimit: 'device_vendor_msft_policy_config_localpoliciessecurityoptions_interactivelogon_machineinactivitylimit_v2',
} as const;

/** A settings catalog policy (beta `deviceManagementConfigurationPolicy`) with the lock settings found in it. */
export const SettingsCatalogPolicySchema = z.object({
  id: z.string(),
  name: z.string().nullable().optional(),
  /** e.g. `windows10`, `macOS`, `iOS`, `android` (a flags enum; may hold several, comma-separated). */
  platforms: z.string().nullable().optional(),
  technologies: z.string().nullable().optional(),
  assignments: z.array(IntuneAssignmentSchema).default([]),
  /**
   * The inactivity settings the policy holds, wherever they sit in its settings tree:
   * `device_vendor_msft_policy_config_devicelock_maxinactivitytimedevicelock` (minutes, 0 = none) and
   * `device_vendor_msft_policy_config_localpoliciessecurityoptions_interactivelogon_machineinactivitylimit_v2`
   * (seconds, 0 = not enforced).
   */
  lockSettings: z.array(z.object({ settingDefinitionId: z.string(), value: z.number().nullable() })),
});
export type SettingsCatalogPolicy = z.infer<typeof SettingsCatalogPolicySchema>;

/**
 * Every place Intune sets a device's inactivity lock: v1.0 compliance policies and device
 * configuration profiles, and settings catalog policies (Graph beta only), each with its assignments.
 */
export const DeviceLockPoliciesDatasetSchema = z.object({
  compliancePolicies: z.array(IntuneLockPolicySchema),
  deviceConfigurations: z.array(IntuneLockPolicySchema),
  configurationPolicies: z.array(SettingsCatalogPolicySchema),
});
export type DeviceLockPoliciesDataset = z.infer<typeof DeviceLockPoliciesDatasetSchema>;

const identitySet = z.unknown().optional();

/** Microsoft 365 Backup protection policy (`exchangeProtectionPolicy`, `sharePointProtectionPolicy`, `oneDriveForBusinessProtectionPolicy`). */
export const ProtectionPolicySchema = z.looseObject({
  '@odata.type': z.string(),
  id: z.string(),
  displayName: z.string().nullable().optional(),
  /** `inactive` | `activeWithErrors` | `updating` | `active`. */
  status: z.string().nullable().optional(),
  isEnabled: z.boolean().nullable().optional(),
  retentionSettings: z.array(z.object({ interval: z.string().nullable().optional(), period: z.string().nullable().optional() })).nullable().optional(),
  protectionPolicyArtifactCount: z
    .object({ total: z.number().nullable().optional(), completed: z.number().nullable().optional(), inProgress: z.number().nullable().optional(), failed: z.number().nullable().optional() })
    .nullable()
    .optional(),
  createdBy: identitySet,
  lastModifiedDateTime: isoDate.nullable().optional(),
});
export type ProtectionPolicy = z.infer<typeof ProtectionPolicySchema>;

/** A protection unit: a mailbox or OneDrive (`directoryObjectId` is the user's id) or a site (`siteId`). */
export const ProtectionUnitSchema = z.looseObject({
  '@odata.type': z.string().nullable().optional(),
  id: z.string(),
  policyId: z.string().nullable().optional(),
  /** `protectRequested` | `protected` | `unprotectRequested` | `unprotected` | `removeRequested` | `offboardRequested` | `offboarded` | `cancelOffboardRequested`. */
  status: z.string().nullable().optional(),
  directoryObjectId: z.string().nullable().optional(),
  siteId: z.string().nullable().optional(),
  siteWebUrl: z.string().nullable().optional(),
  error: z.unknown().optional(),
});
export type ProtectionUnit = z.infer<typeof ProtectionUnitSchema>;

/** A restore session (`exchangeRestoreSession`, `sharePointRestoreSession`, `oneDriveForBusinessRestoreSession`). */
export const RestoreSessionSchema = z.looseObject({
  '@odata.type': z.string().nullable().optional(),
  id: z.string(),
  /** `draft` | `activating` | `active` | `completedWithError` | `completed` | `failed`. */
  status: z.string().nullable().optional(),
  createdDateTime: isoDate.nullable().optional(),
  completedDateTime: isoDate.nullable().optional(),
  restoreJobType: z.string().nullable().optional(),
});
export type RestoreSession = z.infer<typeof RestoreSessionSchema>;

/**
 * Microsoft 365 Backup: whether the service is on, its protection policies and units, and restore
 * sessions (read beside the rest: they need their own permission). Restore points are not read:
 * Graph lists them only per protection unit.
 */
export const BackupDatasetSchema = z.object({
  serviceStatus: z.looseObject({
    /** `disabled` (the default) | `enabled` | `protectionChangeLocked` | `restoreLocked`. */
    status: z.string(),
    disableReason: z.string().nullable().optional(),
    backupServiceConsumer: z.string().nullable().optional(),
    gracePeriodDateTime: isoDate.nullable().optional(),
    restoreAllowedTillDateTime: isoDate.nullable().optional(),
    lastModifiedDateTime: isoDate.nullable().optional(),
  }),
  protectionPolicies: z.array(ProtectionPolicySchema),
  mailboxProtectionUnits: z.array(ProtectionUnitSchema),
  driveProtectionUnits: z.array(ProtectionUnitSchema),
  siteProtectionUnits: z.array(ProtectionUnitSchema),
  restoreSessions: z.discriminatedUnion('available', [
    z.object({ available: z.literal(true), sessions: z.array(RestoreSessionSchema) }),
    z.object({ available: z.literal(false), reason: PartReasonSchema }),
  ]),
});
export type BackupDataset = z.infer<typeof BackupDatasetSchema>;

/** SharePoint and OneDrive tenant settings (`GET /admin/sharepoint/settings`), the sharing ones kept. */
export const SharePointSettingsDatasetSchema = z.looseObject({
  /** `disabled` | `externalUserSharingOnly` | `externalUserAndGuestSharing` ("Anyone" links) | `existingExternalUserSharingOnly`. */
  sharingCapability: z.string(),
  /** `none` | `allowList` | `blockList`. */
  sharingDomainRestrictionMode: z.string().nullable().optional(),
  sharingAllowedDomainList: z.array(z.string()).nullable().optional(),
  sharingBlockedDomainList: z.array(z.string()).nullable().optional(),
  isResharingByExternalUsersEnabled: z.boolean().nullable().optional(),
  isRequireAcceptingUserToMatchInvitedUserEnabled: z.boolean().nullable().optional(),
  idleSessionSignOut: z
    .object({ isEnabled: z.boolean().nullable().optional(), warnAfterInSeconds: z.number().nullable().optional(), signOutAfterInSeconds: z.number().nullable().optional() })
    .nullable()
    .optional(),
});
export type SharePointSettingsDataset = z.infer<typeof SharePointSettingsDatasetSchema>;

/**
 * Microsoft Graph permissions that reach the content of mail, files, sites, chats, notes, calendars
 * or contacts: a consent to one of them lets an app read patient information. Matched on the
 * permission's value (`Mail.Read`, `Files.ReadWrite.All`, `Sites.FullControl.All`...).
 */
export const DATA_ACCESS_PERMISSION = /^(Mail|MailboxSettings|Files|Sites|Notes|Calendars|Contacts|Chat|ChannelMessage|OnlineMeetingTranscript|OnlineMeetingRecording|EWS|IMAP|POP|SMTP|full_access_as_app|AllSites|MyFiles)(\.|_|$)/i;

/**
 * An enterprise app (service principal) holding tenant-wide access: delegated permissions an admin
 * consented to for all users (`oauth2PermissionGrant` with `consentType` `AllPrincipals`), and
 * application permissions on Microsoft Graph (app role assignments).
 */
export const ConsentedAppSchema = z.object({
  /** The service principal's object id (what grants name as `clientId`). */
  servicePrincipalId: z.string(),
  /** The application (client) id: what a business associate's `covers` list names. */
  appId: z.string().nullable(),
  displayName: z.string().nullable(),
  /** The tenant that publishes the app (`f8cdef31-a31e-4b4a-93e4-5f571e91255a` for Microsoft's own apps, by convention; Graph does not document it). */
  appOwnerOrganizationId: z.string().nullable(),
  /** Delegated scopes consented for every user, per resource API. */
  delegatedGrants: z.array(z.object({ resourceId: z.string(), resourceDisplayName: z.string().nullable(), scopes: z.array(z.string()) })),
  /** Application permissions on Microsoft Graph (the role's `value`; null when the role id is not among Graph's app roles). */
  graphApplicationPermissions: z.array(z.object({ appRoleId: z.string(), value: z.string().nullable() })),
  /** The delegated scopes and application permissions above that reach mail, files or sites ({@link DATA_ACCESS_PERMISSION}). */
  dataAccessPermissions: z.array(z.string()),
});
export type ConsentedApp = z.infer<typeof ConsentedAppSchema>;

/** Enterprise apps with tenant-wide consent, for the business-associate and access checks. */
export const ConsentedAppsDatasetSchema = z.object({
  /** Object id of the Microsoft Graph service principal in this tenant (null if it has none). */
  graphServicePrincipalId: z.string().nullable(),
  apps: z.array(ConsentedAppSchema),
});
export type ConsentedAppsDataset = z.infer<typeof ConsentedAppsDatasetSchema>;

/** One user's attack simulation training (`attackSimulationTrainingUserCoverage`). */
export const TrainingUserCoverageSchema = z.object({
  attackSimulationUser: z.object({
    userId: z.string().nullable().optional(),
    displayName: z.string().nullable().optional(),
    email: z.string().nullable().optional(),
  }),
  userTrainings: z.array(
    z.object({
      displayName: z.string().nullable().optional(),
      assignedDateTime: isoDate.nullable().optional(),
      completionDateTime: isoDate.nullable().optional(),
      /** `unknown` | `assigned` | `inProgress` | `completed` | `overdue`. */
      trainingStatus: z.string().nullable().optional(),
    }),
  ),
});
export type TrainingUserCoverage = z.infer<typeof TrainingUserCoverageSchema>;

/** Defender for Office 365 attack simulation training coverage: users targeted by training and each one's status. */
export const TrainingCoverageDatasetSchema = z.object({
  userCoverage: z.array(TrainingUserCoverageSchema),
});
export type TrainingCoverageDataset = z.infer<typeof TrainingCoverageDatasetSchema>;

/** Every M365 dataset by name, with its schema. */
export const m365DatasetSchemas = {
  'm365.users': UsersDatasetSchema,
  'm365.securityDefaults': SecurityDefaultsDatasetSchema,
  'm365.conditionalAccess': ConditionalAccessDatasetSchema,
  'm365.roleAssignments': RoleAssignmentsDatasetSchema,
  'm365.registrationDetails': RegistrationDetailsDatasetSchema,
  'm365.roleAccountSignIns': RoleAccountSignInsDatasetSchema,
  'm365.subscribedSkus': SubscribedSkusDatasetSchema,
  'm365.subscriptions': CompanySubscriptionsDatasetSchema,
  'm365.activityTimeoutPolicies': ActivityTimeoutDatasetSchema,
  'm365.managedDevices': ManagedDevicesDatasetSchema,
  'm365.devices': EntraDevicesDatasetSchema,
  'm365.bitlockerKeys': BitlockerKeysDatasetSchema,
  'm365.deviceLockPolicies': DeviceLockPoliciesDatasetSchema,
  'm365.backup': BackupDatasetSchema,
  'm365.sharePointSettings': SharePointSettingsDatasetSchema,
  'm365.consentedApps': ConsentedAppsDatasetSchema,
  'm365.trainingCoverage': TrainingCoverageDatasetSchema,
} as const;

export type M365DatasetName = keyof typeof m365DatasetSchemas;
export type M365DatasetTypes = { [K in M365DatasetName]: z.infer<(typeof m365DatasetSchemas)[K]> };
