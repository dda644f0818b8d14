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
        includeGuestsOrExternalUsers: z.unknown().optional(),
        excludeGuestsOrExternalUsers: z.unknown().optional(),
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
});
export type ConditionalAccessDataset = z.infer<typeof ConditionalAccessDatasetSchema>;

export const RoleAssignmentsDatasetSchema = z.object({
  assignments: z.array(
    z.object({
      id: z.string(),
      principalId: z.string(),
      roleDefinitionId: z.string(),
      directoryScopeId: z.string().nullable().optional(),
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
    }),
  ),
});
export type ManagedDevicesDataset = z.infer<typeof ManagedDevicesDatasetSchema>;

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
} as const;

export type M365DatasetName = keyof typeof m365DatasetSchemas;
export type M365DatasetTypes = { [K in M365DatasetName]: z.infer<(typeof m365DatasetSchemas)[K]> };
