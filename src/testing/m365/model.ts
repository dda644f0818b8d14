/**
 * The declarative model of a simulated Microsoft 365 tenant. Property names are Microsoft Graph
 * v1.0's own (see graph-v1.0-types.json in the shared reference), so the simulator can serve them
 * as Graph does with little translation. Nothing here is tenant-audit's own vocabulary.
 */

import type { EntraServicePrincipal } from './entra/model.js';
import type { ExchangeOnlineModel } from './exchange/model.js';
import type { BackupModel, EnterpriseApp, IntunePoliciesModel, SharePointSettingsModel, TrainingCoverageEntry } from './safeguards-model.js';

/** A GUID as Entra writes it, e.g. `'62e90394-69f5-4237-9190-012177145e10'`. */
export type Guid = string;

/** An ISO 8601 UTC timestamp as Graph writes it, e.g. `'2026-11-01T09:30:00Z'`. */
export type IsoDateTime = string;

/** A simulated Microsoft 365 tenant: directory, licences, policies, logs and devices. */
export interface M365TenantModel {
  /** Entra tenant id; the simulator picks the tenant by the token's `tid` claim. */
  tenantId: Guid;
  /** Organisation name, e.g. `'Harbour View Family Practice'`. */
  displayName: string;
  /** Primary verified domain, e.g. `'harbourviewfp.example'`. */
  primaryDomain: string;
  /**
   * Other verified domains, e.g. the initial `'harbourviewfp.onmicrosoft.com'`. The simulated Entra
   * token service accepts any of them (and `primaryDomain`, `exchange.initialDomain`) in place of
   * the tenant id.
   */
  domains?: string[];
  /**
   * Application permissions (app roles) granted to the auditing app, e.g. `'User.Read.All'`.
   * {@link simulatedCredential} puts them in the token's `roles` claim; Graph checks the token.
   */
  grantedPermissions: string[];
  /** The tenant's subscriptions, as `GET /subscribedSkus` lists them. */
  subscribedSkus: M365SubscribedSku[];
  /** Every account: staff, shared and service accounts, guests. */
  users: M365User[];
  /** Groups, which may nest other groups. */
  groups: M365Group[];
  /** Entra directory role assignments (`/roleManagement/directory/roleAssignments`). */
  directoryRoleAssignments: M365RoleAssignment[];
  /** `/policies/identitySecurityDefaultsEnforcementPolicy`. */
  securityDefaults: { isEnabled: boolean };
  conditionalAccessPolicies: ConditionalAccessPolicy[];
  activityBasedTimeoutPolicies: ActivityBasedTimeoutPolicy[];
  /** `/reports/authenticationMethods/userRegistrationDetails`, one entry per user. */
  userRegistrationDetails: UserRegistrationDetails[];
  /** Entra sign-in log (`/auditLogs/signIns`), any order; served newest first. */
  signIns: SignInEvent[];
  /** Intune managed devices (`/deviceManagement/managedDevices`). */
  managedDevices: ManagedDevice[];
  /** Whether the tenant has Intune; without it Intune answers 400 "Request not applicable to target tenant." */
  intuneLicensed: boolean;
  /**
   * Device objects in Entra ID (`/devices`): joined, hybrid-joined and registered devices. An
   * Intune-managed device's `azureADDeviceId` names one of these by its `deviceId`. Absent: none.
   */
  devices?: EntraDevice[];
  /** BitLocker recovery keys escrowed in Entra ID (`/informationProtection/bitlocker/recoveryKeys`). Absent: none. */
  bitlockerRecoveryKeys?: BitlockerRecoveryKey[];
  /** Intune compliance policies, configuration profiles and settings catalog policies; none when absent. */
  intunePolicies?: IntunePoliciesModel;
  /** Microsoft 365 Backup; absent: never enabled (Graph reports `disabled`). */
  backup?: BackupModel;
  /** SharePoint tenant settings; absent: a new tenant's ("Anyone" links allowed). */
  sharePointSettings?: SharePointSettingsModel;
  /** Enterprise apps with tenant-wide consent (Microsoft Graph's own service principal is always there). */
  enterpriseApps?: EnterpriseApp[];
  /** Attack simulation training coverage; served only with Defender for Office 365 Plan 2 (`THREAT_INTELLIGENCE`). */
  attackSimulationTraining?: TrainingCoverageEntry[];
  /** Injected failures, for testing retries and error handling. */
  faults?: M365Faults;
  /**
   * The apps with a service principal here (admin consent given), for the simulated Entra token
   * service. Without it the tenant has one: the simulated auditing app (`SIMULATED_APP_ID`),
   * granted `grantedPermissions`, as {@link simulatedCredential} assumes.
   */
  servicePrincipals?: EntraServicePrincipal[];
  /**
   * Exchange Online and Security & Compliance, served at the admin API's `InvokeCommand`. Without
   * it the tenant has no Exchange organisation and those endpoints answer 401.
   */
  exchange?: ExchangeOnlineModel;
}

/** `subscribedSku` status. */
export type CapabilityStatus = 'Enabled' | 'Warning' | 'Suspended' | 'Deleted' | 'LockedOut';

/** A subscription (`microsoft.graph.subscribedSku`). */
export interface M365SubscribedSku {
  skuId: Guid;
  /** e.g. `'SPB'` (Microsoft 365 Business Premium), `'FLOW_FREE'`. */
  skuPartNumber: string;
  capabilityStatus: CapabilityStatus;
  /** Defaults to `'User'`. */
  appliesTo?: 'User' | 'Company';
  prepaidUnits: { enabled: number; suspended: number; warning: number; lockedOut?: number };
  /** Licences in use; when omitted, the number of users holding this SKU. */
  consumedUnits?: number;
  servicePlans: ServicePlanInfo[];
  /**
   * The commercial subscription behind the SKU (`GET /directory/subscriptions`): a free trial
   * (`isTrial`) keeps the product's own skuId and part number. Defaults to a paid subscription.
   */
  isTrial?: boolean;
  /** When the subscription moves to its next state if not renewed (companySubscription.nextLifecycleDateTime). */
  nextLifecycleDateTime?: IsoDateTime | null;
  /** companySubscription.createdDateTime. */
  createdDateTime?: IsoDateTime | null;
}

/** A service plan inside a SKU (`microsoft.graph.servicePlanInfo`). */
export interface ServicePlanInfo {
  servicePlanId: Guid;
  /** e.g. `'AAD_PREMIUM'`, `'INTUNE_A'`. */
  servicePlanName: string;
  provisioningStatus: 'Success' | 'Disabled' | 'PendingInput' | 'PendingActivation' | 'PendingProvisioning' | 'Error';
  appliesTo: 'User' | 'Company';
}

/** `microsoft.graph.assignedLicense`. */
export interface AssignedLicense {
  skuId: Guid;
  disabledPlans: Guid[];
}

/** `microsoft.graph.signInActivity` (needs AuditLog.Read.All and Entra ID P1 to read). */
export interface SignInActivity {
  lastSignInDateTime: IsoDateTime | null;
  lastSignInRequestId: Guid | null;
  lastNonInteractiveSignInDateTime: IsoDateTime | null;
  lastNonInteractiveSignInRequestId: Guid | null;
  lastSuccessfulSignInDateTime: IsoDateTime | null;
  lastSuccessfulSignInRequestId: Guid | null;
}

/** A user (`microsoft.graph.user`). Optional properties are served as `null` when absent. */
export interface M365User {
  id: Guid;
  displayName: string;
  userPrincipalName: string;
  accountEnabled: boolean;
  userType: 'Member' | 'Guest';
  createdDateTime: IsoDateTime;
  /** Graph returns it only to apps granted User-LifeCycleInfo.Read.All (otherwise `null`). */
  employeeLeaveDateTime: IsoDateTime | null;
  assignedLicenses: AssignedLicense[];
  onPremisesSyncEnabled: boolean | null;
  /** `null`: the user never signed in; Graph then leaves the property out of the user. */
  signInActivity: SignInActivity | null;
  givenName?: string | null;
  surname?: string | null;
  mail?: string | null;
  /** `SMTP:` marks the primary address, `smtp:` the aliases (Graph returns it only when selected). */
  proxyAddresses?: string[];
  /** Additional addresses the user gave (Graph returns it only when selected). */
  otherMails?: string[];
  /** Guests: `PendingAcceptance` or `Accepted` (null for members). */
  externalUserState?: string | null;
  /** `Invitation` for invited guests (null for members created in the directory). */
  creationType?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  mobilePhone?: string | null;
  officeLocation?: string | null;
  preferredLanguage?: string | null;
  businessPhones?: string[];
  usageLocation?: string | null;
  employeeHireDate?: IsoDateTime | null;
}

/** A group; members may be users or (nested) groups. */
export interface M365Group {
  id: Guid;
  displayName: string;
  description?: string | null;
  securityEnabled?: boolean;
  mailEnabled?: boolean;
  memberUserIds: Guid[];
  memberGroupIds: Guid[];
}

/** `microsoft.graph.unifiedRoleAssignment` for an Entra directory role. */
export interface M365RoleAssignment {
  id: string;
  principalId: Guid;
  /** The role's template id, e.g. Global Administrator `62e90394-69f5-4237-9190-012177145e10`. */
  roleDefinitionId: Guid;
  /** `'/'` for the whole tenant. */
  directoryScopeId: string;
}

/** Risk levels used by Conditional Access conditions. */
export type RiskLevel = 'low' | 'medium' | 'high' | 'hidden' | 'none' | 'unknownFutureValue';

/** `microsoft.graph.conditionalAccessClientApp`. */
export type ConditionalAccessClientApp =
  | 'all'
  | 'browser'
  | 'mobileAppsAndDesktopClients'
  | 'exchangeActiveSync'
  | 'easSupported'
  | 'other'
  | 'unknownFutureValue';

/** `microsoft.graph.conditionalAccessGrantControl`. */
export type ConditionalAccessGrantControl =
  | 'block'
  | 'mfa'
  | 'compliantDevice'
  | 'domainJoinedDevice'
  | 'approvedApplication'
  | 'compliantApplication'
  | 'passwordChange'
  | 'unknownFutureValue'
  | 'riskRemediation';

/** `microsoft.graph.conditionalAccessDevicePlatform`. */
export type ConditionalAccessDevicePlatform =
  | 'android'
  | 'iOS'
  | 'windows'
  | 'windowsPhone'
  | 'macOS'
  | 'all'
  | 'unknownFutureValue'
  | 'linux';

/** `microsoft.graph.conditionalAccessFilter`. */
export interface ConditionalAccessFilter {
  mode: 'include' | 'exclude';
  rule: string;
}

/** `microsoft.graph.conditionalAccessGuestsOrExternalUsers`. */
export interface ConditionalAccessGuestsOrExternalUsers {
  guestOrExternalUserTypes: string;
  externalTenants: { membershipKind: 'all' | 'enumerated' | 'unknownFutureValue'; members?: string[] } | null;
}

/** `microsoft.graph.conditionalAccessUsers`: ids, or the literals `'All'`, `'None'`, `'GuestsOrExternalUsers'`. */
export interface ConditionalAccessUsers {
  includeUsers: string[];
  excludeUsers: string[];
  includeGroups: string[];
  excludeGroups: string[];
  includeRoles: string[];
  excludeRoles: string[];
  includeGuestsOrExternalUsers?: ConditionalAccessGuestsOrExternalUsers | null;
  excludeGuestsOrExternalUsers?: ConditionalAccessGuestsOrExternalUsers | null;
}

/** `microsoft.graph.conditionalAccessApplications`: app ids or `'All'`, `'None'`, `'Office365'`. */
export interface ConditionalAccessApplications {
  includeApplications: string[];
  excludeApplications: string[];
  includeUserActions: string[];
  includeAuthenticationContextClassReferences?: string[];
  applicationFilter?: ConditionalAccessFilter | null;
}

/** `microsoft.graph.conditionalAccessConditionSet`. */
export interface ConditionalAccessConditionSet {
  applications: ConditionalAccessApplications;
  users: ConditionalAccessUsers;
  clientAppTypes: ConditionalAccessClientApp[];
  platforms: { includePlatforms: ConditionalAccessDevicePlatform[]; excludePlatforms: ConditionalAccessDevicePlatform[] } | null;
  locations: { includeLocations: string[]; excludeLocations: string[] } | null;
  signInRiskLevels: RiskLevel[];
  userRiskLevels?: RiskLevel[];
  servicePrincipalRiskLevels?: RiskLevel[];
  clientApplications?: {
    includeServicePrincipals: string[];
    excludeServicePrincipals: string[];
    servicePrincipalFilter?: ConditionalAccessFilter | null;
  } | null;
  devices?: { deviceFilter: ConditionalAccessFilter | null } | null;
  authenticationFlows?: { transferMethods: string } | null;
  insiderRiskLevels?: string | null;
}

/** `microsoft.graph.authenticationStrengthPolicy`, e.g. the built-in "Phishing-resistant MFA" (id ending ...0004). */
export interface AuthenticationStrengthPolicy {
  id: string;
  createdDateTime: IsoDateTime;
  modifiedDateTime: IsoDateTime;
  displayName: string;
  description: string | null;
  policyType: 'builtIn' | 'custom' | 'unknownFutureValue';
  requirementsSatisfied: 'none' | 'mfa' | 'unknownFutureValue';
  /** e.g. `'fido2'`, `'windowsHelloForBusiness'`, `'x509CertificateMultiFactor'`. */
  allowedCombinations: string[];
}

/** `microsoft.graph.conditionalAccessGrantControls`. */
export interface ConditionalAccessGrantControls {
  operator: 'AND' | 'OR';
  builtInControls: ConditionalAccessGrantControl[];
  customAuthenticationFactors: string[];
  termsOfUse: string[];
  /** The required authentication strength (a contained navigation property Graph returns inline). */
  authenticationStrength?: AuthenticationStrengthPolicy | null;
}

/** `microsoft.graph.signInFrequencySessionControl`. */
export interface SignInFrequencySessionControl {
  isEnabled: boolean;
  type: 'days' | 'hours' | null;
  value: number | null;
  authenticationType?: 'primaryAndSecondaryAuthentication' | 'secondaryAuthentication' | 'unknownFutureValue';
  frequencyInterval?: 'timeBased' | 'everyTime' | 'unknownFutureValue';
}

/** `microsoft.graph.conditionalAccessSessionControls`. */
export interface ConditionalAccessSessionControls {
  applicationEnforcedRestrictions: { isEnabled: boolean } | null;
  cloudAppSecurity: {
    isEnabled: boolean;
    cloudAppSecurityType: 'mcasConfigured' | 'monitorOnly' | 'blockDownloads' | 'unknownFutureValue';
  } | null;
  persistentBrowser: { isEnabled: boolean; mode: 'always' | 'never' } | null;
  signInFrequency: SignInFrequencySessionControl | null;
  disableResilienceDefaults?: boolean | null;
  secureSignInSession?: { isEnabled: boolean } | null;
}

/** A Conditional Access policy (`microsoft.graph.conditionalAccessPolicy`). */
export interface ConditionalAccessPolicy {
  id: Guid;
  displayName: string;
  description?: string | null;
  templateId?: string | null;
  createdDateTime: IsoDateTime | null;
  modifiedDateTime: IsoDateTime | null;
  state: 'enabled' | 'disabled' | 'enabledForReportingButNotEnforced';
  conditions: ConditionalAccessConditionSet;
  grantControls: ConditionalAccessGrantControls | null;
  sessionControls: ConditionalAccessSessionControls | null;
}

/**
 * `microsoft.graph.activityBasedTimeoutPolicy`. Graph's `definition` is an array of JSON strings,
 * e.g. `'{"ActivityBasedTimeoutPolicy":{"Version":1,"ApplicationPolicies":[{"ApplicationId":"default","WebSessionIdleTimeout":"01:00:00"}]}}'`.
 */
export interface ActivityBasedTimeoutPolicy {
  id: Guid;
  displayName: string;
  description?: string | null;
  definition: string[];
  isOrganizationDefault: boolean | null;
}

/** `microsoft.graph.userDefaultAuthenticationMethod`; the documented example also shows `''`. */
export type UserDefaultAuthenticationMethod =
  | 'push'
  | 'oath'
  | 'voiceMobile'
  | 'voiceAlternateMobile'
  | 'voiceOffice'
  | 'sms'
  | 'none'
  | 'unknownFutureValue'
  | '';

/** `microsoft.graph.userRegistrationDetails` (authentication methods registration report). */
export interface UserRegistrationDetails {
  /** The user's object id. */
  id: Guid;
  userPrincipalName: string;
  userDisplayName: string;
  userType: 'member' | 'guest';
  isAdmin: boolean;
  isSsprRegistered: boolean;
  isSsprEnabled: boolean;
  isSsprCapable: boolean;
  isMfaRegistered: boolean;
  isMfaCapable: boolean;
  isPasswordlessCapable: boolean;
  /** e.g. `'microsoftAuthenticatorPush'`, `'softwareOneTimePasscode'`, `'mobilePhone'`, `'fido2'`. */
  methodsRegistered: string[];
  isSystemPreferredAuthenticationMethodEnabled: boolean;
  systemPreferredAuthenticationMethods: string[];
  userPreferredMethodForSecondaryAuthentication: UserDefaultAuthenticationMethod;
  lastUpdatedDateTime: IsoDateTime;
}

/** `microsoft.graph.appliedConditionalAccessPolicy`. */
export interface AppliedConditionalAccessPolicy {
  id: Guid;
  displayName: string;
  enforcedGrantControls: string[];
  enforcedSessionControls: string[];
  result:
    | 'success'
    | 'failure'
    | 'notApplied'
    | 'notEnabled'
    | 'unknown'
    | 'unknownFutureValue'
    | 'reportOnlySuccess'
    | 'reportOnlyFailure'
    | 'reportOnlyNotApplied'
    | 'reportOnlyInterrupted';
}

/** A sign-in event (`microsoft.graph.signIn`), with the properties the documented example shows. */
export interface SignInEvent {
  id: Guid;
  createdDateTime: IsoDateTime;
  userDisplayName: string;
  userPrincipalName: string;
  userId: Guid;
  appId: Guid;
  appDisplayName: string;
  ipAddress: string;
  /** e.g. `'Browser'`, `'Mobile Apps and Desktop clients'`, `'Exchange ActiveSync'`, `'IMAP4'`. */
  clientAppUsed: string;
  correlationId: Guid;
  conditionalAccessStatus: 'success' | 'failure' | 'notApplied' | 'unknownFutureValue';
  isInteractive: boolean;
  riskDetail: string;
  riskLevelAggregated: RiskLevel;
  riskLevelDuringSignIn: RiskLevel;
  riskState: string;
  riskEventTypes: string[];
  resourceDisplayName: string;
  resourceId: Guid;
  status: { errorCode: number; failureReason: string | null; additionalDetails: string | null };
  deviceDetail: {
    deviceId: string;
    displayName: string | null;
    operatingSystem: string | null;
    browser: string | null;
    isCompliant: boolean | null;
    isManaged: boolean | null;
    trustType: string | null;
  };
  location: {
    city: string | null;
    state: string | null;
    countryOrRegion: string | null;
    geoCoordinates: { altitude: number | null; latitude: number | null; longitude: number | null } | null;
  };
  appliedConditionalAccessPolicies: AppliedConditionalAccessPolicy[];
  userAgent?: string | null;
}

/** `microsoft.graph.complianceState`. */
export type ComplianceState = 'unknown' | 'compliant' | 'noncompliant' | 'conflict' | 'error' | 'inGracePeriod' | 'configManager';

/**
 * An Intune managed device (`microsoft.graph.managedDevice`). The simulator fills the rest of the
 * documented properties with empty values.
 */
export interface ManagedDevice {
  id: Guid;
  userId: Guid;
  userPrincipalName: string;
  userDisplayName: string;
  deviceName: string;
  /** e.g. `'Windows'`, `'macOS'`, `'iOS'`, `'Android'`. */
  operatingSystem: string;
  osVersion: string;
  complianceState: ComplianceState;
  isEncrypted: boolean;
  lastSyncDateTime: IsoDateTime;
  enrolledDateTime: IsoDateTime;
  managedDeviceOwnerType: 'unknown' | 'company' | 'personal';
  manufacturer: string;
  model: string;
  serialNumber: string;
  azureADDeviceId: Guid;
  emailAddress?: string;
  isSupervised?: boolean;
  jailBroken?: string;
  managementAgent?: string;
  deviceEnrollmentType?: string;
  deviceRegistrationState?: string;
}

/**
 * How a device is tied to Entra ID (`device.trustType`, a string in the schema): `AzureAd` joined,
 * `ServerAd` hybrid joined (on-premises domain joined and synced), `Workplace` registered (personal
 * devices, "bring your own").
 */
export type DeviceTrustType = 'AzureAd' | 'ServerAd' | 'Workplace';

/**
 * A device object in Entra ID (`microsoft.graph.device`). The simulator fills the other documented
 * properties with empty values.
 */
export interface EntraDevice {
  /** The directory object id. */
  id: Guid;
  /** The device id: what Intune's `azureADDeviceId` and a BitLocker key's `deviceId` refer to. */
  deviceId: Guid;
  displayName: string;
  /** e.g. `'Windows'`, `'MacMDM'` (a Mac enrolled in Intune), `'macOS'`, `'iOS'`, `'Android'`. */
  operatingSystem: string;
  operatingSystemVersion: string;
  trustType: DeviceTrustType;
  accountEnabled: boolean;
  /** Updated at sign-in, at most every 14 days or so ("approximate"); `null` if never signed in. */
  approximateLastSignInDateTime: IsoDateTime | null;
  registrationDateTime: IsoDateTime;
  /** `true` while an MDM (Intune) manages it. */
  isManaged: boolean;
  /** Intune's compliance verdict; `null` for a device no MDM manages. */
  isCompliant: boolean | null;
  manufacturer?: string | null;
  model?: string | null;
  /** `'Company'`, `'Personal'` or `'unknown'`. */
  deviceOwnership?: string;
}

/** A BitLocker volume type (`microsoft.graph.volumeType`). */
export type BitlockerVolumeType = 'operatingSystemVolume' | 'fixedDataVolume' | 'removableDataVolume';

/**
 * A BitLocker recovery key backed up to Entra ID (`microsoft.graph.bitlockerRecoveryKey`), without
 * the key itself (lists never return it).
 */
export interface BitlockerRecoveryKey {
  id: Guid;
  createdDateTime: IsoDateTime;
  /** The Entra `deviceId` of the device the key was backed up from. */
  deviceId: Guid;
  volumeType: BitlockerVolumeType;
}

/**
 * Targets a fault at an Exchange Online admin API cmdlet instead of a Graph path, optionally on one
 * endpoint only (`exchange`: outlook.office365.com; `compliance`: ps.compliance.protection.outlook.com).
 */
export interface CmdletFaultTarget {
  /** Cmdlet name, matched case-insensitively, e.g. `'Get-Mailbox'`. */
  cmdlet: string;
  endpoint?: 'exchange' | 'compliance';
}

/**
 * When a fault applies: a Graph path relative to `/v1.0` (case-insensitive, exact), a RegExp tested
 * on a Graph `path?query`, or an Exchange admin API cmdlet.
 */
export type FaultPath = RegExp | string | CmdletFaultTarget;

/**
 * Answer the first `times` matching requests with 429 Too Many Requests, also inside `$batch`.
 * `retryAfterSeconds: null` leaves out `Retry-After`, as Conditional Access does (throttling docs).
 */
export interface ThrottleFault {
  path: FaultPath;
  times: number;
  retryAfterSeconds: number | null;
}

/** Answer the first `times` matching requests with a 500 or 503. */
export interface ServerErrorFault {
  path: FaultPath;
  times: number;
  status: 500 | 503;
  /** Sent as `Retry-After` when given (503 may carry one, per Graph's error docs). */
  retryAfterSeconds?: number;
}

/** Injected faults; counters are kept per simulator instance and per tenant. */
export interface M365Faults {
  throttle?: ThrottleFault | ThrottleFault[];
  serverError?: ServerErrorFault | ServerErrorFault[];
}

/** Service plans that give Entra ID P1 (P2 includes P1). */
export const ENTRA_ID_P1_SERVICE_PLANS: readonly string[] = ['AAD_PREMIUM', 'AAD_PREMIUM_P2'];

/**
 * Whether the tenant has Entra ID P1: some SKU that is `Enabled` (or `Warning`, the grace period
 * after expiry, when it still works) carries a service plan named `AAD_PREMIUM` or `AAD_PREMIUM_P2`.
 */
export function hasEntraIdP1(model: Pick<M365TenantModel, 'subscribedSkus'>): boolean {
  return model.subscribedSkus.some(
    (sku) =>
      (sku.capabilityStatus === 'Enabled' || sku.capabilityStatus === 'Warning') &&
      sku.servicePlans.some((plan) => ENTRA_ID_P1_SERVICE_PLANS.includes(plan.servicePlanName)),
  );
}
