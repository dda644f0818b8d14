export const SCOPE_BASE = 'https://www.googleapis.com/auth/';

/**
 * The OAuth scopes tenant-audit asks for, one per API family it reads. All are read-only except
 * `apps.licensing`: the Licensing API has no read-only scope, and tenant-audit only lists with it.
 */
export const GOOGLE_WORKSPACE_SCOPES = {
  users: `${SCOPE_BASE}admin.directory.user.readonly`,
  orgUnits: `${SCOPE_BASE}admin.directory.orgunit.readonly`,
  mobileDevices: `${SCOPE_BASE}admin.directory.device.mobile.readonly`,
  customer: `${SCOPE_BASE}admin.directory.customer.readonly`,
  reports: `${SCOPE_BASE}admin.reports.audit.readonly`,
  policies: `${SCOPE_BASE}cloud-identity.policies.readonly`,
  devices: `${SCOPE_BASE}cloud-identity.devices.readonly`,
  inboundSso: `${SCOPE_BASE}cloud-identity.inboundsso.readonly`,
  licensing: `${SCOPE_BASE}apps.licensing`,
} as const;

/** Every scope in {@link GOOGLE_WORKSPACE_SCOPES}, as one list (what a domain-wide delegation entry must hold). */
export const GOOGLE_WORKSPACE_SCOPE_LIST: readonly string[] = Object.values(GOOGLE_WORKSPACE_SCOPES);

/** Where domain-wide delegation is granted, as Google's Admin console names it today. */
export const DOMAIN_WIDE_DELEGATION_PATH = 'Admin console > Security > Access and data control > API controls > Manage Domain Wide Delegation';

/** The domain-wide delegation set-up in one line, printed after the scopes by `tenant-audit permissions google`. */
export const DOMAIN_WIDE_DELEGATION_STEPS =
  `In ${DOMAIN_WIDE_DELEGATION_PATH}, add the service account's client ID (its numeric unique ID) with the scopes above, comma-separated; ` +
  'impersonate (subject) a super administrator, as the Policy API answers only to super administrators; ' +
  'enable the Admin SDK API, Cloud Identity API and Enterprise License Manager API in the service account\'s Google Cloud project.';

/** The extra set-up for {@link keylessDelegation} (no service-account key), in one line. */
export const KEYLESS_DELEGATION_STEPS =
  "Keyless (GitHub Actions, Cloud Run): grant the workload's federated or attached identity the Service Account Token Creator role " +
  "(iam.serviceAccounts.signJwt) on the service account, enable the IAM Service Account Credentials API, and pass keylessDelegation({ serviceAccount, subject }) as auth.";

/** Google's OAuth token endpoint, the audience of every JWT bearer assertion. */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
