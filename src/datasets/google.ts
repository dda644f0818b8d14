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
      })
      .passthrough(),
  ),
});
export type MobileDevicesDataset = z.infer<typeof MobileDevicesDatasetSchema>;

/** Licensing API assignments per product. */
export const GoogleLicensesDatasetSchema = z.object({
  /** Products whose assignments were listed. */
  products: z.array(z.string()),
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
  'google.licenses': GoogleLicensesDatasetSchema,
  'google.customer': GoogleCustomerDatasetSchema,
  'google.mailDns': MailDnsDatasetSchema,
} as const;

export type GoogleDatasetName = keyof typeof googleDatasetSchemas;
