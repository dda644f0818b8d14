import { z } from 'zod';

// Shapes of what the Google Workspace collectors store in a snapshot, with Google's own property
// names (discovery documents in reference/google). Unknown properties pass through.

/** Directory users.list with the fields mask tenant-audit asks for. */
export const GoogleUserSchema = z
  .object({
    id: z.string().optional(),
    primaryEmail: z.string(),
    suspended: z.boolean().optional(),
    archived: z.boolean().optional(),
    isAdmin: z.boolean().optional(),
    isEnrolledIn2Sv: z.boolean().optional(),
    isEnforcedIn2Sv: z.boolean().optional(),
    /** `1970-01-01T00:00:00.000Z` when the user never logged in. */
    lastLoginTime: z.string().optional(),
    creationTime: z.string().optional(),
    orgUnitPath: z.string().optional(),
    /** Other addresses of the account (Directory `aliases`); absent when it has none. */
    aliases: z.array(z.string()).optional(),
    /** Addresses Google adds, typically in alias domains (Directory `nonEditableAliases`). */
    nonEditableAliases: z.array(z.string()).optional(),
  })
  .passthrough();
export type GoogleUser = z.infer<typeof GoogleUserSchema>;

export const GoogleUsersDatasetSchema = z.object({ users: z.array(GoogleUserSchema) });
export type GoogleUsersDataset = z.infer<typeof GoogleUsersDatasetSchema>;

/** orgunits.list (type ALL), plus the root, so `orgUnits/{id}` in policies maps to paths. */
export const OrgUnitsDatasetSchema = z.object({
  orgUnits: z.array(
    z
      .object({
        orgUnitId: z.string(), // "id:03ph8a2z1xyz"
        orgUnitPath: z.string(),
        name: z.string().optional(),
        parentOrgUnitId: z.string().optional(),
        parentOrgUnitPath: z.string().optional(),
      })
      .passthrough(),
  ),
  /** The top-level OU's id (from a user or the customer), where known. */
  rootOrgUnitId: z.string().optional(),
});
export type OrgUnitsDataset = z.infer<typeof OrgUnitsDatasetSchema>;

export const GooglePolicySchema = z
  .object({
    name: z.string(),
    customer: z.string().optional(),
    /** Absent orgUnit means the top-level OU. */
    policyQuery: z
      .object({ orgUnit: z.string().optional(), group: z.string().optional(), query: z.string().optional(), sortOrder: z.number().optional() })
      .passthrough()
      .optional(),
    setting: z.object({ type: z.string(), value: z.record(z.string(), z.unknown()).optional() }).passthrough(),
    type: z.string().optional(), // ADMIN | SYSTEM
  })
  .passthrough();
export type GooglePolicy = z.infer<typeof GooglePolicySchema>;

/**
 * Cloud Identity Policy API policies of the setting types the controls read
 * (2-Step Verification, session controls, DLP rules, Drive external sharing, Gmail automatic forwarding).
 * Only set values appear; unset ones take Google's defaults.
 */
export const GooglePoliciesDatasetSchema = z.object({
  settingTypes: z.array(z.string()),
  policies: z.array(GooglePolicySchema),
});
export type GooglePoliciesDataset = z.infer<typeof GooglePoliciesDatasetSchema>;

export const LoginEventSchema = z.object({
  time: z.string(),
  email: z.string(),
  /** login_success, login_failure, ... */
  eventName: z.string(),
  ipAddress: z.string().optional(),
  regionCode: z.string().optional(),
  subdivisionCode: z.string().optional(),
  ipAsn: z.array(z.number()).optional(),
});
export type LoginEvent = z.infer<typeof LoginEventSchema>;

/** Reports API login activity (flattened from activities), bounded. */
export const LoginActivityDatasetSchema = z.object({
  since: z.string(),
  events: z.array(LoginEventSchema),
  /** The oldest event time seen (evidence of how far back Google keeps audit events). */
  oldestEventTime: z.string().optional(),
  truncated: z.boolean(),
});
export type LoginActivityDataset = z.infer<typeof LoginActivityDatasetSchema>;

export const MobileDevicesDatasetSchema = z.object({
  devices: z.array(
    z
      .object({
        resourceId: z.string(),
        deviceId: z.string().optional(),
        email: z.array(z.string()).optional(),
        model: z.string().optional(),
        os: z.string().optional(),
        type: z.string().optional(),
        status: z.string().optional(),
        /** "Encrypted", "Unencrypted", "Encryption not supported"... */
        encryptionStatus: z.string().optional(),
        lastSync: z.string().optional(),
        serialNumber: z.string().optional(),
      })
      .passthrough(),
  ),
});
export type MobileDevicesDataset = z.infer<typeof MobileDevicesDatasetSchema>;

/**
 * Cloud Identity Devices API devices.list (view USER_ASSIGNED_DEVICES): phones, tablets and
 * computers (endpoint verification), with Google's enum values as strings. Unset enums are absent
 * (proto3 JSON leaves default values out).
 */
export const GoogleDevicesDatasetSchema = z.object({
  /** The devices.list `view` asked for. */
  view: z.string(),
  devices: z.array(
    z
      .object({
        /** `devices/{id}`. */
        name: z.string(),
        /** ANDROID, IOS, GOOGLE_SYNC, WINDOWS, MAC_OS, LINUX, CHROME_OS, DEVICE_TYPE_UNSPECIFIED. */
        deviceType: z.string().optional(),
        /** ENCRYPTED, NOT_ENCRYPTED, UNSUPPORTED_BY_DEVICE, ENCRYPTION_STATE_UNSPECIFIED. */
        encryptionState: z.string().optional(),
        /** APPROVED, BLOCKED, PENDING, UNPROVISIONED, WIPING, WIPED, MANAGEMENT_STATE_UNSPECIFIED. */
        managementState: z.string().optional(),
        /** COMPANY, BYOD, DEVICE_OWNERSHIP_UNSPECIFIED. */
        ownerType: z.string().optional(),
        lastSyncTime: z.string().optional(),
        model: z.string().optional(),
        osVersion: z.string().optional(),
        serialNumber: z.string().optional(),
        hostname: z.string().optional(),
      })
      .passthrough(),
  ),
});
export type GoogleDevicesDataset = z.infer<typeof GoogleDevicesDatasetSchema>;

/** One inbound SSO assignment: an OU or group and the SSO profile its users sign in with. */
export const InboundSsoAssignmentSchema = z
  .object({
    name: z.string(),
    customer: z.string().optional(),
    /** `orgUnits/{id}` (exclusive with targetGroup). */
    targetOrgUnit: z.string().optional(),
    /** `groups/{id}`. */
    targetGroup: z.string().optional(),
    /** 0 (absent) for OU targets; the lowest group rank wins. */
    rank: z.number().optional(),
    /** SSO_OFF, SAML_SSO, OIDC_SSO, DOMAIN_WIDE_SAML_IF_ENABLED, SSO_MODE_UNSPECIFIED. */
    ssoMode: z.string().optional(),
    samlSsoInfo: z.object({ inboundSamlSsoProfile: z.string().optional() }).passthrough().optional(),
    oidcSsoInfo: z.object({ inboundOidcSsoProfile: z.string().optional() }).passthrough().optional(),
    /** `redirectCondition` NEVER: sign-in screens do not send users to the identity provider. */
    signInBehavior: z.object({ redirectCondition: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();
export type InboundSsoAssignment = z.infer<typeof InboundSsoAssignmentSchema>;

/** A SAML or OIDC SSO profile: the third-party identity provider users are sent to. */
export const InboundSsoProfileSchema = z
  .object({
    /** `inboundSamlSsoProfiles/{id}` or `inboundOidcSsoProfiles/{id}`. */
    name: z.string(),
    displayName: z.string().optional(),
    /** SAML: entityId, singleSignOnServiceUri; OIDC: issuerUri. */
    idpConfig: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();
export type InboundSsoProfile = z.infer<typeof InboundSsoProfileSchema>;

/** Cloud Identity inbound SSO: who signs in through a third-party identity provider, and which. */
export const InboundSsoDatasetSchema = z.object({
  assignments: z.array(InboundSsoAssignmentSchema),
  samlProfiles: z.array(InboundSsoProfileSchema),
  oidcProfiles: z.array(InboundSsoProfileSchema),
});
export type InboundSsoDataset = z.infer<typeof InboundSsoDatasetSchema>;

/** Licensing API assignments per product. */
export const GoogleLicensesDatasetSchema = z.object({
  /** Products whose assignments were listed. */
  products: z.array(z.string()),
  /** Add-on products Google refused to list (as it does for a product the customer does not have). */
  productsNotListed: z.array(z.object({ productId: z.string(), detail: z.string() })).optional(),
  assignments: z.array(
    z
      .object({ productId: z.string(), skuId: z.string(), userId: z.string(), productName: z.string().optional(), skuName: z.string().optional() })
      .passthrough(),
  ),
});
export type GoogleLicensesDataset = z.infer<typeof GoogleLicensesDatasetSchema>;

/** Directory customers.get: the customer id and primary domain. */
export const GoogleCustomerDatasetSchema = z.object({
  id: z.string(),
  customerDomain: z.string(),
});
export type GoogleCustomerDataset = z.infer<typeof GoogleCustomerDatasetSchema>;

/** MTA-STS and TLS-RPT DNS records of the primary domain (evidence only; DNS may not answer). */
export const MailDnsDatasetSchema = z.object({
  domain: z.string(),
  mtaSts: z.array(z.string()),
  tlsRpt: z.array(z.string()),
});
export type MailDnsDataset = z.infer<typeof MailDnsDatasetSchema>;

export const googleDatasetSchemas = {
  'google.users': GoogleUsersDatasetSchema,
  'google.orgUnits': OrgUnitsDatasetSchema,
  'google.policies': GooglePoliciesDatasetSchema,
  'google.loginActivity': LoginActivityDatasetSchema,
  'google.mobileDevices': MobileDevicesDatasetSchema,
  'google.devices': GoogleDevicesDatasetSchema,
  'google.inboundSso': InboundSsoDatasetSchema,
  'google.licenses': GoogleLicensesDatasetSchema,
  'google.customer': GoogleCustomerDatasetSchema,
  'google.mailDns': MailDnsDatasetSchema,
} as const;

export type GoogleDatasetName = keyof typeof googleDatasetSchemas;
