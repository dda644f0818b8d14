/**
 * The declarative model of a simulated Google Workspace customer. Property names are Google's own
 * (Admin SDK Directory and Reports, Cloud Identity Policy API, Enterprise License Manager; see the
 * discovery documents in the shared reference), so the simulator serves them with little
 * translation. Only what the simulator itself needs (keys, delegation grants, enabled APIs, faults)
 * is described in its own words.
 */

/** An RFC 3339 UTC timestamp as Google writes it, e.g. `'2026-11-01T09:30:00.000Z'`. */
export type GoogleTimestamp = string;

/** What the Admin SDK writes in `lastLoginTime` for a user who never logged in. */
export const NEVER_LOGGED_IN = '1970-01-01T00:00:00.000Z';

/** OAuth scope URLs tenant-audit reads with (all read-only but `apps.licensing`, which has no read-only form). */
export const GOOGLE_SCOPES = {
  users: 'https://www.googleapis.com/auth/admin.directory.user.readonly',
  orgUnits: 'https://www.googleapis.com/auth/admin.directory.orgunit.readonly',
  mobileDevices: 'https://www.googleapis.com/auth/admin.directory.device.mobile.readonly',
  customer: 'https://www.googleapis.com/auth/admin.directory.customer.readonly',
  reports: 'https://www.googleapis.com/auth/admin.reports.audit.readonly',
  policies: 'https://www.googleapis.com/auth/cloud-identity.policies.readonly',
  devices: 'https://www.googleapis.com/auth/cloud-identity.devices.readonly',
  inboundSso: 'https://www.googleapis.com/auth/cloud-identity.inboundsso.readonly',
  licensing: 'https://www.googleapis.com/auth/apps.licensing',
} as const;

/** Every scope in {@link GOOGLE_SCOPES}, as the domain-wide delegation screen takes them. */
export const ALL_GOOGLE_AUDIT_SCOPES: readonly string[] = Object.values(GOOGLE_SCOPES);

/** The Cloud APIs (service names) the simulator serves; each must be enabled in the project. */
export type GoogleApiService =
  | 'admin.googleapis.com'
  | 'cloudidentity.googleapis.com'
  | 'licensing.googleapis.com'
  | 'iamcredentials.googleapis.com';

/** Every API a complete audit set-up enables. */
export const ALL_AUDIT_APIS: readonly GoogleApiService[] = [
  'admin.googleapis.com',
  'cloudidentity.googleapis.com',
  'licensing.googleapis.com',
  'iamcredentials.googleapis.com',
];

/** A public key of the service account; the token endpoint verifies assertion signatures with it. */
export interface ServiceAccountPublicKey {
  /** The key id (`private_key_id` in a key file; `kid` in JWT headers), 40 hex digits. */
  keyId: string;
  /** SPKI PEM (`-----BEGIN PUBLIC KEY-----`). */
  publicKeyPem: string;
  /**
   * `USER_MANAGED`: a key the customer downloaded as JSON. `SYSTEM_MANAGED`: Google's own key, used
   * by IAM Credentials `signJwt` for the keyless path. Defaults to `USER_MANAGED`.
   */
  keyType?: 'USER_MANAGED' | 'SYSTEM_MANAGED';
}

/** The service account tenant-audit runs as, in a Google Cloud project. */
export interface SimulatedServiceAccount {
  /** e.g. `'tenant-audit@practice-audit.iam.gserviceaccount.com'`. */
  clientEmail: string;
  /** The numeric OAuth client id (the "unique ID"), the one named on the domain-wide delegation screen. */
  clientId: string;
  /** Its keys; {@link simulatedServiceAccountKey} signs with the first `USER_MANAGED` one. */
  keys: ServiceAccountPublicKey[];
}

/** The Cloud project that owns the service account: its APIs must be enabled for calls to work. */
export interface SimulatedCloudProject {
  projectId: string;
  /** 12 digits; Google names it in `accessNotConfigured` errors. */
  projectNumber: string;
  /** APIs enabled in the project; a call to any other answers 403 `accessNotConfigured`. */
  enabledApis: GoogleApiService[];
}

/** One row of Admin console > Security > API controls > Domain-wide delegation. */
export interface DomainWideDelegationGrant {
  /** The service account's numeric client id. */
  clientId: string;
  /** Scope URLs authorised for it. Every scope a token asks for must be listed. */
  scopes: string[];
}

/**
 * The keyless (workload identity federation) path: a federated access token, as Google's STS would
 * give a GitHub Actions or Cloud Run workload, that may call IAM Credentials `signJwt` on the
 * service account.
 */
export interface SimulatedWorkloadIdentity {
  /** The bearer token the workload holds (opaque). */
  federatedToken: string;
  /** Whether the federated principal has `iam.serviceAccounts.signJwt` on the service account. */
  canSignJwt: boolean;
}

/** The customer (Directory `customers.get`). */
export interface SimulatedCustomer {
  /** e.g. `'C03az79cb'`. */
  id: string;
  /** The primary domain, e.g. `'cedarcreekpeds.example'`. */
  customerDomain: string;
  /** Secondary domains (Licensing accepts any of the customer's domains as `customerId`). */
  secondaryDomains?: string[];
  customerCreationTime: GoogleTimestamp;
  alternateEmail?: string;
  language?: string;
  phoneNumber?: string;
  postalAddress?: {
    addressLine1?: string;
    contactName?: string;
    countryCode?: string;
    locality?: string;
    organizationName?: string;
    postalCode?: string;
    region?: string;
  };
}

/**
 * Admin privileges a delegated (non-super) admin may hold, in the simulator's words. Super admins
 * hold every privilege; the Policy API answers only super admins whatever privileges they hold.
 */
export type GoogleAdminPrivilege =
  | 'USERS_READ'
  | 'ORG_UNITS_READ'
  | 'CUSTOMER_READ'
  | 'MOBILE_DEVICES_READ'
  | 'REPORTS_READ'
  | 'LICENSE_MANAGEMENT';

/** A user (Directory `User`). Served with Google's other basic-projection fields filled in. */
export interface GoogleUserModel {
  /** Numeric string, about 21 digits. */
  id: string;
  primaryEmail: string;
  name: { givenName: string; familyName: string; fullName?: string };
  /** Super administrator. */
  isAdmin: boolean;
  /** Holds an admin role other than super admin (then `adminPrivileges` says what it allows). */
  isDelegatedAdmin: boolean;
  /** Privileges of a delegated admin. Ignored for super admins. */
  adminPrivileges?: GoogleAdminPrivilege[];
  suspended: boolean;
  /** Why a suspended user is suspended, e.g. `'ADMIN'`. */
  suspensionReason?: string;
  archived: boolean;
  isEnrolledIn2Sv: boolean;
  /**
   * When omitted, derived as Google does: 2SV enforcement (effective `enforcedFrom` in the past for
   * the user's OU, enrolment allowed) per the model's policies.
   */
  isEnforcedIn2Sv?: boolean;
  /** {@link NEVER_LOGGED_IN} when the user never logged in. */
  lastLoginTime: GoogleTimestamp;
  creationTime: GoogleTimestamp;
  /** `'/'` or e.g. `'/Front Desk'`. */
  orgUnitPath: string;
  /** Other addresses of the account; served only when there are some. */
  aliases?: string[];
  /** Addresses Google adds, typically in alias domains; served only when there are some. */
  nonEditableAliases?: string[];
  agreedToTerms?: boolean;
  changePasswordAtNextLogin?: boolean;
  /** Extra properties served as they are (e.g. `recoveryEmail`, `organizations`). */
  extra?: Record<string, unknown>;
}

/** An organisational unit below the top level (Directory `OrgUnit`). */
export interface GoogleOrgUnitModel {
  /** `'id:'` followed by the obfuscated id, e.g. `'id:03ph8a2z1xyz'`. */
  orgUnitId: string;
  /** Full path, e.g. `'/Clinical/Nurses'`. */
  orgUnitPath: string;
  name: string;
  description?: string;
  /** Derived from the path when omitted. */
  parentOrgUnitPath?: string;
  /** Derived from the parent's id when omitted. */
  parentOrgUnitId?: string;
  blockInheritance?: boolean;
}

/** The top-level organisational unit, which has its own id (policies name it) and the organisation's name. */
export interface GoogleRootOrgUnitModel {
  orgUnitId: string;
  name: string;
  description?: string;
}

/**
 * A Cloud Identity policy exactly as `policies.list` returns it. Conventions Google follows, and
 * the scenarios keep: the top-level OU holds every value that is set, a sub-OU holds only values it
 * overrides, unset settings are absent (Google's defaults apply), and a policy may come without
 * `policyQuery.orgUnit` (then it applies at the top level).
 */
export interface GooglePolicyModel {
  /** `'policies/...'`. */
  name: string;
  /** `'customers/C...'`; the model's customer when omitted. */
  customer?: string;
  policyQuery: {
    /** `'orgUnits/{id}'` (the org unit id without `id:`); absent means the top level. */
    orgUnit?: string;
    group?: string;
    /** The CEL query; derived from `orgUnit` when omitted. */
    query?: string;
    sortOrder?: number;
  };
  setting: {
    /** e.g. `'settings/security.two_step_verification_enforcement'`. */
    type: string;
    value: Record<string, unknown>;
  };
  type?: 'ADMIN' | 'SYSTEM';
}

/**
 * `settings/drive_and_docs.external_sharing` as the Policy API returns it: the ten fields always come
 * together, whichever one an admin changed (ScubaGoggles' sample report; field names and defaults
 * from Google's "Default field values" list).
 */
export interface DriveExternalSharingValue {
  externalSharingMode: 'DISALLOWED' | 'ALLOWLISTED_DOMAINS' | 'ALLOWED';
  warnForExternalSharing: boolean;
  warnForSharingOutsideAllowlistedDomains: boolean;
  allowNonGoogleInvites: boolean;
  allowNonGoogleInvitesInAllowlistedDomains: boolean;
  allowPublishingFiles: boolean;
  allowReceivingExternalFiles: boolean;
  allowReceivingFilesOutsideAllowlistedDomains: boolean;
  /** Values seen: RECIPIENTS_ONLY, RECIPIENTS_OR_AUDIENCE, RECIPIENTS_OR_AUDIENCE_OR_PUBLIC. */
  accessCheckerSuggestions: string;
  /** Values seen: ALL_ELIGIBLE_USERS, ELIGIBLE_INTERNAL_USERS, NONE. */
  allowedPartiesForDistributingContent: string;
}

/** `settings/gmail.auto_forwarding` as the Policy API returns it. */
export interface GmailAutoForwardingValue {
  enableAutoForwarding: boolean;
}

/** One parameter of a Reports API event. */
export interface ActivityParameter {
  name: string;
  value?: string;
  boolValue?: boolean;
  intValue?: string;
  multiValue?: string[];
}

/** A login audit event (Reports API `Activity` for application `login`). */
export interface LoginActivityModel {
  id: {
    time: GoogleTimestamp;
    /** Signed 64-bit integer as a string. */
    uniqueQualifier: string;
    applicationName: 'login';
    customerId: string;
  };
  actor: { email: string; profileId: string; callerType: 'USER' };
  ipAddress: string;
  networkInfo?: { ipAsn: number[]; regionCode: string; subdivisionCode?: string };
  events: Array<{
    type: 'login';
    /** `'login_success'`, `'login_failure'`, `'logout'`, `'login_challenge'`, ... */
    name: string;
    parameters?: ActivityParameter[];
  }>;
}

/** A mobile device (Directory `MobileDevice`). */
export interface MobileDeviceModel {
  resourceId: string;
  deviceId: string;
  email: string[];
  name: string[];
  model: string;
  /** e.g. `'Android 14'`, `'iOS 17.5'`. */
  os: string;
  /** `'ANDROID'`, `'IOS_SYNC'`, `'GOOGLE_SYNC'`, ... */
  type: string;
  /** `'APPROVED'`, `'PENDING'`, `'BLOCKED'`, ... */
  status: string;
  /** `'Encrypted'` or `'Unencrypted'` (the simulator's reading of Google's free-text status). */
  encryptionStatus: string;
  firstSync: GoogleTimestamp;
  lastSync: GoogleTimestamp;
  /** Other `MobileDevice` properties, served as given (FULL projection only). */
  extra?: Record<string, unknown>;
}

/**
 * A device as the Cloud Identity Devices API lists it (`GoogleAppsCloudidentityDevicesV1Device`):
 * a phone or tablet under Google management, or a computer reporting through endpoint
 * verification. Enum values are Google's; unset ones are left out of answers, as proto3 JSON does.
 */
export interface CloudIdentityDeviceModel {
  /** The id in `devices/{id}`. */
  id: string;
  deviceType: 'ANDROID' | 'IOS' | 'GOOGLE_SYNC' | 'WINDOWS' | 'MAC_OS' | 'LINUX' | 'CHROME_OS' | 'DEVICE_TYPE_UNSPECIFIED';
  encryptionState?: 'ENCRYPTED' | 'NOT_ENCRYPTED' | 'UNSUPPORTED_BY_DEVICE' | 'ENCRYPTION_STATE_UNSPECIFIED';
  managementState?: 'APPROVED' | 'BLOCKED' | 'PENDING' | 'UNPROVISIONED' | 'WIPING' | 'WIPED' | 'MANAGEMENT_STATE_UNSPECIFIED';
  ownerType?: 'COMPANY' | 'BYOD' | 'DEVICE_OWNERSHIP_UNSPECIFIED';
  compromisedState?: 'COMPROMISED' | 'UNCOMPROMISED' | 'COMPROMISED_STATE_UNSPECIFIED';
  /** Primary emails of the users registered on it; the simulator uses them for `view`, Google does not serve them here. */
  users: string[];
  /** When a company-owned device was imported (empty for BYOD, per the reference); puts it in the COMPANY_INVENTORY view. */
  createTime?: GoogleTimestamp;
  lastSyncTime?: GoogleTimestamp;
  model?: string;
  osVersion?: string;
  serialNumber?: string;
  hostname?: string;
  /** Other `Device` properties, served as given. */
  extra?: Record<string, unknown>;
}

/** An inbound SSO assignment (Cloud Identity `InboundSsoAssignment`), as inboundSsoAssignments.list serves it. */
export interface InboundSsoAssignmentModel {
  /** `'inboundSsoAssignments/{id}'`. */
  name: string;
  /** `'orgUnits/{id}'` (the org unit id without `id:`); exclusive with `targetGroup`. */
  targetOrgUnit?: string;
  /** `'groups/{id}'`. */
  targetGroup?: string;
  /** Group targets only (1 or more); Google leaves it out for OU targets. */
  rank?: number;
  ssoMode: 'SSO_OFF' | 'SAML_SSO' | 'OIDC_SSO' | 'DOMAIN_WIDE_SAML_IF_ENABLED' | 'SSO_MODE_UNSPECIFIED';
  samlSsoInfo?: { inboundSamlSsoProfile: string };
  oidcSsoInfo?: { inboundOidcSsoProfile: string };
  signInBehavior?: { redirectCondition?: 'REDIRECT_CONDITION_UNSPECIFIED' | 'NEVER' };
}

/** A SAML SSO profile (Cloud Identity `InboundSamlSsoProfile`). */
export interface InboundSamlSsoProfileModel {
  /** `'inboundSamlSsoProfiles/{id}'`. */
  name: string;
  displayName: string;
  idpConfig: { entityId: string; singleSignOnServiceUri: string; logoutRedirectUri?: string; changePasswordUri?: string };
}

/** An OIDC SSO profile (Cloud Identity `InboundOidcSsoProfile`); the client secret is input only and never served. */
export interface InboundOidcSsoProfileModel {
  /** `'inboundOidcSsoProfiles/{id}'`. */
  name: string;
  displayName: string;
  idpConfig: { issuerUri: string; changePasswordUri?: string };
  rpConfig: { clientId: string; redirectUris?: string[] };
}

/** The customer's inbound SSO set-up: assignments and the profiles they name. */
export interface InboundSsoModel {
  assignments: InboundSsoAssignmentModel[];
  samlProfiles: InboundSamlSsoProfileModel[];
  oidcProfiles: InboundOidcSsoProfileModel[];
}

/** One licence assignment (Licensing `LicenseAssignment`). */
export interface LicenseAssignmentModel {
  /** e.g. `'Google-Apps'`. */
  productId: string;
  /** e.g. `'1010020028'` (Business Standard). */
  skuId: string;
  /** The user's primary email. */
  userId: string;
  productName?: string;
  skuName?: string;
}

/** When a fault applies: an exact path (`/admin/directory/v1/users`) or a RegExp tested on `host + path?query`. */
export type GoogleFaultPath = string | RegExp;

/** Answer the first `times` matching requests with 429 `RESOURCE_EXHAUSTED` (`rateLimitExceeded`). */
export interface GoogleThrottleFault {
  path: GoogleFaultPath;
  times: number;
  /** Sent as `Retry-After` when given; Google usually sends none. */
  retryAfterSeconds?: number;
}

/** Answer the first `times` matching requests with 403 `userRateLimitExceeded` (Admin SDK quota). */
export interface GoogleUserRateLimitFault {
  path: GoogleFaultPath;
  times: number;
}

/** Answer the first `times` matching requests with a 500 or 503 `backendError`. */
export interface GoogleServerErrorFault {
  path: GoogleFaultPath;
  times: number;
  status: 500 | 503;
}

/** Injected failures; counters are kept per handler set and per customer. */
export interface GoogleFaults {
  throttle?: GoogleThrottleFault | GoogleThrottleFault[];
  userRateLimit?: GoogleUserRateLimitFault | GoogleUserRateLimitFault[];
  serverError?: GoogleServerErrorFault | GoogleServerErrorFault[];
}

/** A simulated Google Workspace customer with the Cloud project and service account that audit it. */
export interface GoogleWorkspaceModel {
  customer: SimulatedCustomer;
  /**
   * The moment the model describes (Reports API's 180-day window, "in the future" checks and the
   * derived `isEnforcedIn2Sv` count from it). Real time when omitted. Token lifetimes always use real time.
   */
  clock?: GoogleTimestamp;
  serviceAccount: SimulatedServiceAccount;
  cloudProject: SimulatedCloudProject;
  /** The customer's domain-wide delegation list. */
  domainWideDelegation: DomainWideDelegationGrant[];
  /** The keyless path, when the scenario offers one. */
  workloadIdentity?: SimulatedWorkloadIdentity;
  rootOrgUnit: GoogleRootOrgUnitModel;
  orgUnits: GoogleOrgUnitModel[];
  users: GoogleUserModel[];
  policies: GooglePolicyModel[];
  /** Login audit events, any order; served newest first. */
  loginActivities: LoginActivityModel[];
  mobileDevices: MobileDeviceModel[];
  /** Cloud Identity devices (phones and endpoint-verified computers); none when omitted. */
  devices?: CloudIdentityDeviceModel[];
  /** Inbound SSO assignments and profiles; none (everyone signs in at Google) when omitted. */
  inboundSso?: InboundSsoModel;
  licenseAssignments: LicenseAssignmentModel[];
  faults?: GoogleFaults;
}
