/**
 * Building blocks for the named scenarios: real SKU and service-plan ids, built-in role template
 * ids, and builders that fill Graph's documented shapes so scenarios only state what matters.
 */
import { deterministicGuid } from './guid.js';
import type {
  AppliedConditionalAccessPolicy,
  AuthenticationStrengthPolicy,
  BitlockerRecoveryKey,
  BitlockerVolumeType,
  ComplianceState,
  ConditionalAccessClientApp,
  ConditionalAccessGrantControl,
  ConditionalAccessPolicy,
  ConditionalAccessSessionControls,
  DeviceTrustType,
  EntraDevice,
  IsoDateTime,
  M365RoleAssignment,
  M365SubscribedSku,
  M365User,
  ManagedDevice,
  ServicePlanInfo,
  SignInEvent,
  UserRegistrationDetails,
} from './model.js';

// ---------------------------------------------------------------------------------------------
// Licences. SKU and plan ids from Microsoft's "Product names and service plan identifiers for
// licensing" list; AAD_PREMIUM, INTUNE_A and MFA_PREMIUM cross-checked against the ScubaGear
// sample in the shared reference (exchange/scubagear-sample-licenses.json).

/** A service plan of a SKU, provisioned. */
export const servicePlan = (servicePlanName: string, servicePlanId: string, appliesTo: 'User' | 'Company' = 'User'): ServicePlanInfo => ({
  servicePlanId,
  servicePlanName,
  provisioningStatus: 'Success',
  appliesTo,
});

/** Microsoft 365 Business Premium: includes Entra ID P1 (AAD_PREMIUM) and Intune (INTUNE_A). */
export const BUSINESS_PREMIUM_SKU_ID = 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46';
const BUSINESS_STANDARD_SKU_ID = 'f245ecc8-75af-4f8e-b61f-27d8114de5f3';
const FLOW_FREE_SKU_ID = 'f30db892-07e9-47e9-837c-80727f46fd3d';

/** Exchange Online (Plan 1), the mailbox plan of the business SKUs. */
export const EXCHANGE_S_STANDARD = servicePlan('EXCHANGE_S_STANDARD', '9aaf7827-d63c-4b61-89c3-182f06f82e5c');
const TEAMS1 = servicePlan('TEAMS1', '57ff2da0-773e-42df-b2af-ffb7a2317929');
const SHAREPOINTSTANDARD = servicePlan('SHAREPOINTSTANDARD', 'c7699d2e-19aa-44de-8edf-1736da088ca1');

/** An enabled, per-user subscription with `prepaid` seats and these service plans. */
export function subscribedSku(skuId: string, skuPartNumber: string, prepaid: number, servicePlans: ServicePlanInfo[]): M365SubscribedSku {
  return {
    skuId,
    skuPartNumber,
    capabilityStatus: 'Enabled',
    appliesTo: 'User',
    prepaidUnits: { enabled: prepaid, suspended: 0, warning: 0, lockedOut: 0 },
    servicePlans,
  };
}

/** Microsoft 365 Business Premium (`SPB`). */
export function businessPremium(prepaid: number): M365SubscribedSku {
  return subscribedSku(BUSINESS_PREMIUM_SKU_ID, 'SPB', prepaid, [
    servicePlan('AAD_PREMIUM', '41781fb2-bc02-4b7c-bd55-b576c07bb09d'),
    servicePlan('MFA_PREMIUM', '8a256a2b-b617-496d-b51b-e76466e88db0'),
    servicePlan('INTUNE_A', 'c1ec4a95-1f05-45b3-a911-aa3fa01094f5'),
    EXCHANGE_S_STANDARD,
    TEAMS1,
    SHAREPOINTSTANDARD,
    servicePlan('ATP_ENTERPRISE', 'f20fedf3-f3c3-43c3-8267-2bfdd51c0939'),
    // "Data Loss Prevention": Purview DLP for Exchange, SharePoint and OneDrive (licensing service plan reference).
    servicePlan('BPOS_S_DlpAddOn', '9bec7e34-c9fa-40b7-a9d1-bd6d1165c7ed'),
  ]);
}

/** Microsoft 365 Business Standard (`O365_BUSINESS_PREMIUM`): no Entra ID P1, no Intune. */
export function businessStandard(prepaid: number): M365SubscribedSku {
  return subscribedSku(BUSINESS_STANDARD_SKU_ID, 'O365_BUSINESS_PREMIUM', prepaid, [EXCHANGE_S_STANDARD, TEAMS1, SHAREPOINTSTANDARD]);
}

/** Power Automate Free (`FLOW_FREE`): a free, self-service SKU not covered by Microsoft's BAA. */
export function flowFree(): M365SubscribedSku {
  return subscribedSku(FLOW_FREE_SKU_ID, 'FLOW_FREE', 10000, [
    servicePlan('DYN365_CDS_VIRAL', '17ab22cd-a0b3-4536-910a-cb6eb12696c0'),
    servicePlan('EXCHANGE_S_FOUNDATION', '113feb6c-3fe4-4440-bddc-54d774bf0318', 'Company'),
    servicePlan('FLOW_P2_VIRAL', '50e68c76-46c6-4674-81f9-75456511b170'),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Directory roles: built-in role template ids (Entra built-in roles reference).

/** Built-in Entra role template ids used by the scenarios. */
export const ROLE_TEMPLATES = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  securityAdministrator: '194ae4cb-b126-40b2-bd5b-6091b380977d',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
} as const;

/** A GUID's 16 bytes in .NET `Guid.ToByteArray()` order (first three groups little-endian). */
function guidBytes(guid: string): number[] {
  const hex = guid.replace(/-/g, '');
  const bytes = Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
  return [bytes[3], bytes[2], bytes[1], bytes[0], bytes[5], bytes[4], bytes[7], bytes[6], ...bytes.slice(8)].map((b) => b ?? 0);
}

/**
 * A directory role assignment with an id shaped like Graph's: base64url of the role template and
 * principal GUID bytes, then `-1` (the documented example's "lAPpYvVpN0KRkAEhdxReEMmO4KwRqtpKkUWt3wOYIz4-1"
 * decodes to Global Administrator's template id followed by the principal's id).
 */
export function roleAssignment(roleDefinitionId: string, principalId: string): M365RoleAssignment {
  const binary = String.fromCharCode(...guidBytes(roleDefinitionId), ...guidBytes(principalId));
  const id = `${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}-1`;
  return { id, principalId, roleDefinitionId, directoryScopeId: '/' };
}

// ---------------------------------------------------------------------------------------------
// Time: every timestamp is relative to the scenario's `now`, whole seconds, UTC, like Graph's.

const DAY_MS = 86_400_000;

/** Timestamps relative to a fixed `now`. */
export class ScenarioClock {
  /** Formatted timestamps by epoch second: big scenarios repeat the same few thousand. */
  private readonly formatted = new Map<number, IsoDateTime>();

  constructor(readonly now: Date) {}

  /** `now` minus a duration, as Graph writes a timestamp. */
  ago(days: number, hours = 0, minutes = 0): IsoDateTime {
    return this.iso(this.now.getTime() - days * DAY_MS - hours * 3_600_000 - minutes * 60_000);
  }

  /** A wall-clock time on the UTC day `days` before today (use days ≥ 1 so it is in the past). */
  onDay(days: number, hour: number, minute: number): IsoDateTime {
    const startOfToday = Date.UTC(this.now.getUTCFullYear(), this.now.getUTCMonth(), this.now.getUTCDate());
    return this.iso(startOfToday - days * DAY_MS + hour * 3_600_000 + minute * 60_000);
  }

  private iso(epochMs: number): IsoDateTime {
    const second = Math.floor(epochMs / 1000);
    let text = this.formatted.get(second);
    if (text === undefined) {
      text = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
      this.formatted.set(second, text);
    }
    return text;
  }
}

// ---------------------------------------------------------------------------------------------
// People.

/** How a person registered for MFA, if at all. */
export type MfaRegistration = 'authenticator' | 'phone' | 'fido2' | 'none';

/** The facts a scenario states about one account. */
export interface PersonSpec {
  /** Stable key, also the source of the deterministic id. */
  key: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  /** Local part of the UPN, e.g. `'frontdesk'`. */
  alias: string;
  jobTitle: string | null;
  department: string | null;
  enabled?: boolean;
  licences: string[];
  /** Days since the last successful sign-in; `null` if the account never signed in. */
  lastSignInDaysAgo: number | null;
  leaveDaysAgo?: number;
  createdDaysAgo?: number;
  mfa: MfaRegistration;
  admin?: boolean;
  userType?: 'Member' | 'Guest';
  /** Extra mail addresses of the mailbox (`smtp:` proxy addresses). */
  aliases?: string[];
  /** Other addresses the person gave (`otherMails`). */
  otherMails?: string[];
  /** A guest's own address in its home organisation. */
  externalEmail?: string;
}

/** A person's user object and registration-report entry. */
export interface Person {
  spec: PersonSpec;
  user: M365User;
  registration: UserRegistrationDetails;
}

const METHODS: Record<MfaRegistration, { methods: string[]; preferred: UserRegistrationDetails['userPreferredMethodForSecondaryAuthentication']; system: string[] }> = {
  authenticator: { methods: ['microsoftAuthenticatorPush', 'softwareOneTimePasscode'], preferred: 'push', system: ['push'] },
  phone: { methods: ['mobilePhone'], preferred: 'sms', system: ['sms'] },
  fido2: { methods: ['fido2'], preferred: 'none', system: ['fido2'] },
  none: { methods: [], preferred: '', system: [] },
};

/** Builds a user and its registration details from a spec. */
export function person(tenantKey: string, domain: string, clock: ScenarioClock, spec: PersonSpec): Person {
  const id = deterministicGuid(tenantKey, 'user', spec.key);
  // An invited guest's UPN is its own address with '#EXT#' in the host tenant (Graph's user docs).
  const guest = spec.userType === 'Guest';
  const upn = guest ? `${(spec.externalEmail ?? `${spec.alias}@partner.example`).replace('@', '_')}#EXT#@${domain}` : `${spec.alias}@${domain}`;
  const lastSignIn = spec.lastSignInDaysAgo;
  const user: M365User = {
    id,
    displayName: spec.displayName,
    userPrincipalName: upn,
    accountEnabled: spec.enabled ?? true,
    userType: spec.userType ?? 'Member',
    createdDateTime: clock.ago(spec.createdDaysAgo ?? 900),
    employeeLeaveDateTime: spec.leaveDaysAgo === undefined ? null : clock.ago(spec.leaveDaysAgo),
    assignedLicenses: spec.licences.map((skuId) => ({ skuId, disabledPlans: [] })),
    onPremisesSyncEnabled: null,
    signInActivity:
      lastSignIn === null
        ? null
        : {
            lastSignInDateTime: clock.ago(lastSignIn, 2),
            lastSignInRequestId: deterministicGuid(tenantKey, 'sign-in-request', spec.key, 'interactive'),
            lastNonInteractiveSignInDateTime: clock.ago(lastSignIn, 1),
            lastNonInteractiveSignInRequestId: deterministicGuid(tenantKey, 'sign-in-request', spec.key, 'non-interactive'),
            lastSuccessfulSignInDateTime: clock.ago(lastSignIn, 1),
            lastSuccessfulSignInRequestId: deterministicGuid(tenantKey, 'sign-in-request', spec.key, 'non-interactive'),
          },
    givenName: spec.givenName,
    surname: spec.surname,
    mail: spec.licences.length > 0 ? upn : null,
    // A mailbox's addresses: the primary SMTP address, and the tenant's onmicrosoft alias.
    proxyAddresses: spec.licences.length > 0 ? [`SMTP:${upn}`, ...(spec.aliases ?? []).map((alias) => `smtp:${alias}`)] : [],
    otherMails: spec.otherMails ?? (guest ? [spec.externalEmail ?? `${spec.alias}@partner.example`] : []),
    ...(guest ? { externalUserState: 'Accepted', creationType: 'Invitation', mail: spec.externalEmail ?? `${spec.alias}@partner.example` } : {}),
    jobTitle: spec.jobTitle,
    department: spec.department,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-US',
    businessPhones: [],
    usageLocation: 'US',
  };
  const mfa = METHODS[spec.mfa];
  const registered = spec.mfa !== 'none';
  const registration: UserRegistrationDetails = {
    id,
    userPrincipalName: upn,
    userDisplayName: spec.displayName,
    userType: spec.userType === 'Guest' ? 'guest' : 'member',
    isAdmin: spec.admin ?? false,
    isSsprRegistered: registered,
    isSsprEnabled: true,
    isSsprCapable: registered,
    isMfaRegistered: registered,
    isMfaCapable: registered,
    isPasswordlessCapable: spec.mfa === 'fido2',
    methodsRegistered: mfa.methods,
    isSystemPreferredAuthenticationMethodEnabled: true,
    systemPreferredAuthenticationMethods: mfa.system,
    userPreferredMethodForSecondaryAuthentication: mfa.preferred,
    lastUpdatedDateTime: clock.ago(1),
  };
  return { spec, user, registration };
}

// ---------------------------------------------------------------------------------------------
// Sign-in log.

/** Applications that show up in a small practice's sign-in log. */
export const APPS = {
  officeHome: { appId: '4765445b-32c6-49b0-83e6-1d93765276ca', appDisplayName: 'OfficeHome' },
  outlookMobile: { appId: '27922004-5251-4030-b22d-91ecd9a37ea4', appDisplayName: 'Outlook Mobile' },
  teams: { appId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', appDisplayName: 'Microsoft Teams' },
  office: { appId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', appDisplayName: 'Microsoft Office' },
} as const;

const EXCHANGE_ONLINE = { resourceId: '00000002-0000-0ff1-ce00-000000000000', resourceDisplayName: 'Office 365 Exchange Online' };

/** Where a sign-in came from. */
export interface SignInOrigin {
  deviceId: string;
  deviceName: string | null;
  operatingSystem: string;
  browser: string;
  ipAddress: string;
  city: string;
  state: string;
  managed: boolean;
  latitude: number;
  longitude: number;
}

/** One sign-in event of the documented signIn shape. */
export function signInEvent(
  tenantKey: string,
  sequence: number,
  user: M365User,
  createdDateTime: IsoDateTime,
  app: { appId: string; appDisplayName: string },
  origin: SignInOrigin,
  policies: AppliedConditionalAccessPolicy[],
  clientAppUsed = 'Browser',
): SignInEvent {
  const anyApplied = policies.some((policy) => policy.result === 'success' || policy.result === 'failure');
  return {
    id: deterministicGuid(tenantKey, 'sign-in', sequence),
    createdDateTime,
    userDisplayName: user.displayName,
    userPrincipalName: user.userPrincipalName,
    userId: user.id,
    appId: app.appId,
    appDisplayName: app.appDisplayName,
    ipAddress: origin.ipAddress,
    clientAppUsed,
    correlationId: deterministicGuid(tenantKey, 'correlation', sequence),
    conditionalAccessStatus: anyApplied ? 'success' : 'notApplied',
    isInteractive: true,
    riskDetail: 'none',
    riskLevelAggregated: 'none',
    riskLevelDuringSignIn: 'none',
    riskState: 'none',
    riskEventTypes: [],
    resourceDisplayName: EXCHANGE_ONLINE.resourceDisplayName,
    resourceId: EXCHANGE_ONLINE.resourceId,
    status: { errorCode: 0, failureReason: null, additionalDetails: null },
    deviceDetail: {
      deviceId: origin.deviceId,
      displayName: origin.deviceName,
      operatingSystem: origin.operatingSystem,
      browser: origin.browser,
      isCompliant: origin.managed ? true : null,
      isManaged: origin.managed ? true : null,
      trustType: origin.managed ? 'Azure AD joined' : null,
    },
    location: {
      city: origin.city,
      state: origin.state,
      countryOrRegion: 'US',
      geoCoordinates: { altitude: null, latitude: origin.latitude, longitude: origin.longitude },
    },
    appliedConditionalAccessPolicies: policies,
  };
}

// ---------------------------------------------------------------------------------------------
// Intune.

/** The facts a scenario states about one device. */
export interface DeviceSpec {
  key: string;
  deviceName: string;
  operatingSystem: 'Windows' | 'macOS' | 'iOS' | 'Android';
  osVersion: string;
  manufacturer: string;
  model: string;
  isEncrypted: boolean;
  complianceState: ComplianceState;
  lastSyncDaysAgo: number;
  owner: 'company' | 'personal';
}

/** An Intune managed device for a user. */
export function managedDevice(tenantKey: string, clock: ScenarioClock, user: M365User, spec: DeviceSpec): ManagedDevice {
  const id = deterministicGuid(tenantKey, 'device', spec.key);
  return {
    id,
    userId: user.id,
    userPrincipalName: user.userPrincipalName,
    userDisplayName: user.displayName,
    deviceName: spec.deviceName,
    operatingSystem: spec.operatingSystem,
    osVersion: spec.osVersion,
    complianceState: spec.complianceState,
    isEncrypted: spec.isEncrypted,
    lastSyncDateTime: clock.ago(spec.lastSyncDaysAgo, 3),
    enrolledDateTime: clock.ago(400),
    managedDeviceOwnerType: spec.owner,
    manufacturer: spec.manufacturer,
    model: spec.model,
    serialNumber: id.replace(/-/g, '').slice(0, 10).toUpperCase(),
    azureADDeviceId: deterministicGuid(tenantKey, 'entra-device', spec.key),
    deviceEnrollmentType: spec.operatingSystem === 'Windows' ? 'windowsAzureADJoin' : 'userEnrollment',
  };
}

// ---------------------------------------------------------------------------------------------
// Entra ID devices and BitLocker recovery keys.

/** The facts a scenario states about a device in Entra ID that Intune does not manage. */
export interface EntraDeviceSpec {
  /** Stable key; the same key as an Intune device gives the same Entra device id. */
  key: string;
  displayName: string;
  /** As Entra writes it: `'Windows'`, `'MacMDM'`, `'macOS'`, `'iOS'`, `'Android'`. */
  operatingSystem: string;
  operatingSystemVersion: string;
  trustType: DeviceTrustType;
  /** Days since the device last signed in; `null` if it never did. */
  lastSignInDaysAgo: number | null;
  registeredDaysAgo?: number;
  enabled?: boolean;
  manufacturer?: string;
  model?: string;
}

/** A device in Entra ID that no MDM manages (joined, hybrid joined or registered). */
export function entraDevice(tenantKey: string, clock: ScenarioClock, spec: EntraDeviceSpec): EntraDevice {
  const deviceId = deterministicGuid(tenantKey, 'entra-device', spec.key);
  return {
    id: deterministicGuid(tenantKey, 'entra-device-object', deviceId),
    deviceId,
    displayName: spec.displayName,
    operatingSystem: spec.operatingSystem,
    operatingSystemVersion: spec.operatingSystemVersion,
    trustType: spec.trustType,
    accountEnabled: spec.enabled ?? true,
    approximateLastSignInDateTime: spec.lastSignInDaysAgo === null ? null : clock.ago(spec.lastSignInDaysAgo, 5),
    registrationDateTime: clock.ago(spec.registeredDaysAgo ?? 420),
    isManaged: false,
    isCompliant: null,
    manufacturer: spec.manufacturer ?? null,
    model: spec.model ?? null,
    deviceOwnership: spec.trustType === 'Workplace' ? 'Personal' : 'Company',
  };
}

/** How Entra names the operating system of a device Intune enrolled ("MacMDM" for an enrolled Mac). */
const ENTRA_OPERATING_SYSTEMS: Record<string, string> = { Windows: 'Windows', macOS: 'MacMDM', iOS: 'iOS', Android: 'Android' };

/**
 * The Entra object of an Intune-managed device: the same device id (`azureADDeviceId`), signed in
 * when it last checked in. Computers are joined (`AzureAd`; a Mac through Platform SSO) unless
 * `trustType` says otherwise; phones are registered (`Workplace`): only Windows joins Entra ID
 * directly, and iOS and Android devices are only registered (plan-device-deployment).
 */
export function entraDeviceOf(tenantKey: string, device: ManagedDevice, trustType?: DeviceTrustType): EntraDevice {
  const computer = device.operatingSystem === 'Windows' || device.operatingSystem === 'macOS';
  const trust = trustType ?? (computer ? 'AzureAd' : 'Workplace');
  return {
    id: deterministicGuid(tenantKey, 'entra-device-object', device.azureADDeviceId),
    deviceId: device.azureADDeviceId,
    displayName: device.deviceName,
    operatingSystem: ENTRA_OPERATING_SYSTEMS[device.operatingSystem] ?? device.operatingSystem,
    operatingSystemVersion: device.osVersion,
    trustType: trust,
    accountEnabled: true,
    approximateLastSignInDateTime: device.lastSyncDateTime,
    registrationDateTime: device.enrolledDateTime,
    isManaged: true,
    isCompliant: device.complianceState === 'compliant',
    manufacturer: device.manufacturer,
    model: device.model,
    deviceOwnership: device.managedDeviceOwnerType === 'personal' ? 'Personal' : 'Company',
  };
}

/** A BitLocker recovery key backed up to Entra ID from a device (the key itself is never modelled). */
export function bitlockerKey(tenantKey: string, clock: ScenarioClock, deviceId: string, volumeType: BitlockerVolumeType, createdDaysAgo: number): BitlockerRecoveryKey {
  return { id: deterministicGuid(tenantKey, 'bitlocker-key', deviceId, volumeType), createdDateTime: clock.ago(createdDaysAgo, 2), deviceId, volumeType };
}

// ---------------------------------------------------------------------------------------------
// Conditional Access.

/** Entra's built-in "Phishing-resistant MFA" authentication strength. */
export const PHISHING_RESISTANT_MFA: AuthenticationStrengthPolicy = {
  id: '00000000-0000-0000-0000-000000000004',
  createdDateTime: '2021-12-01T08:00:00Z',
  modifiedDateTime: '2021-12-01T08:00:00Z',
  displayName: 'Phishing-resistant MFA',
  description: 'Phishing-resistant, Passwordless methods for the strongest authentication, such as a FIDO2 security key',
  policyType: 'builtIn',
  requirementsSatisfied: 'mfa',
  allowedCombinations: ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor'],
};

/**
 * The 14 administrator roles of Microsoft's "Require phishing-resistant multifactor authentication
 * for administrators" Conditional Access template (role template ids).
 */
export const ADMIN_ROLE_TEMPLATES: readonly string[] = [
  '62e90394-69f5-4237-9190-012177145e10', // Global Administrator
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', // Application Administrator
  'c4e39bd9-1100-46d3-8c65-fb160da0071f', // Authentication Administrator
  'b0f54661-2d74-4c50-afa3-1ec803f12efe', // Billing Administrator
  '158c047a-c907-4556-b7ef-446551a6b5f7', // Cloud Application Administrator
  'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9', // Conditional Access Administrator
  '29232cdf-9323-42fd-ade2-1d097af3e4de', // Exchange Administrator
  '729827e3-9c14-49f7-bb1b-9608f156bbb8', // Helpdesk Administrator
  '966707d0-3269-4727-9be2-8c3a10f19b9d', // Password Administrator
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13', // Privileged Authentication Administrator
  'e8611ab8-c189-46e8-94e1-60213ab1f814', // Privileged Role Administrator
  '194ae4cb-b126-40b2-bd5b-6091b380977d', // Security Administrator
  'f28a1f50-f6e7-4571-818b-6a12f2af6b6c', // SharePoint Administrator
  'fe930be7-5e62-47db-91af-98c3a49a38b1', // User Administrator
];

/** The facts a scenario states about one Conditional Access policy. */
export interface PolicySpec {
  id: string;
  displayName: string;
  state: ConditionalAccessPolicy['state'];
  excludeUsers: string[];
  includeUsers?: string[];
  includeRoles?: string[];
  authenticationStrength?: AuthenticationStrengthPolicy;
  includeApplications?: string[];
  clientAppTypes?: ConditionalAccessClientApp[];
  grant: { operator: 'AND' | 'OR'; controls: ConditionalAccessGrantControl[] } | null;
  session?: Partial<ConditionalAccessSessionControls>;
  createdDateTime: IsoDateTime;
}

/** A Conditional Access policy with every documented condition present (unused ones empty or null). */
export function conditionalAccessPolicy(spec: PolicySpec): ConditionalAccessPolicy {
  return {
    id: spec.id,
    templateId: null,
    displayName: spec.displayName,
    createdDateTime: spec.createdDateTime,
    modifiedDateTime: spec.createdDateTime,
    state: spec.state,
    sessionControls:
      spec.session === undefined
        ? null
        : {
            applicationEnforcedRestrictions: null,
            cloudAppSecurity: null,
            persistentBrowser: null,
            signInFrequency: null,
            disableResilienceDefaults: null,
            ...spec.session,
          },
    conditions: {
      userRiskLevels: [],
      signInRiskLevels: [],
      clientAppTypes: spec.clientAppTypes ?? ['all'],
      platforms: null,
      locations: null,
      applications: {
        includeApplications: spec.includeApplications ?? ['All'],
        excludeApplications: [],
        includeUserActions: [],
        includeAuthenticationContextClassReferences: [],
        applicationFilter: null,
      },
      users: {
        includeUsers: spec.includeUsers ?? (spec.includeRoles ? [] : ['All']),
        excludeUsers: spec.excludeUsers,
        includeGroups: [],
        excludeGroups: [],
        includeRoles: spec.includeRoles ?? [],
        excludeRoles: [],
        includeGuestsOrExternalUsers: null,
        excludeGuestsOrExternalUsers: null,
      },
      servicePrincipalRiskLevels: [],
      clientApplications: null,
      devices: null,
      authenticationFlows: null,
      insiderRiskLevels: null,
    },
    grantControls:
      spec.grant === null
        ? null
        : {
            operator: spec.grant.operator,
            builtInControls: spec.grant.controls,
            customAuthenticationFactors: [],
            termsOfUse: [],
            ...(spec.authenticationStrength ? { authenticationStrength: spec.authenticationStrength } : {}),
          },
  };
}

/** The `definition` string of an activity-based timeout policy with one idle timeout for every web app. */
export function idleTimeoutDefinition(webSessionIdleTimeout: string): string {
  return JSON.stringify({
    ActivityBasedTimeoutPolicy: { Version: 1, ApplicationPolicies: [{ ApplicationId: 'default', WebSessionIdleTimeout: webSessionIdleTimeout }] },
  });
}

/**
 * The application permissions the scenarios grant: what tenant-audit's collectors need, by the
 * reference's least-privileged permission per endpoint (plus User-LifeCycleInfo.Read.All, without
 * which Graph returns employeeLeaveDateTime as null).
 */
export const SCENARIO_PERMISSIONS: readonly string[] = [
  'User.Read.All',
  'User-LifeCycleInfo.Read.All',
  'GroupMember.Read.All',
  'LicenseAssignment.Read.All',
  'Organization.Read.All',
  'Policy.Read.All',
  'RoleManagement.Read.Directory',
  'AuditLog.Read.All',
  'DeviceManagementManagedDevices.Read.All',
  'Device.Read.All',
  'BitlockerKey.ReadBasic.All',
  'DeviceManagementConfiguration.Read.All',
  'BackupRestore-Control.Read.All',
  'BackupRestore-Configuration.Read.All',
  'BackupRestore-Restore.Read.All',
  'SharePointTenantSettings.Read.All',
  'AttackSimulation.Read.All',
];

/**
 * The documented least-privileged permission for tenant-wide consent grants (`m365.consentedApps`).
 * The scenarios leave it out: it also opens users, groups, licences and role assignments, which
 * would hide a missing narrower permission from the tests. Add it to read consented apps.
 */
export const CONSENT_READ_PERMISSION = 'Directory.Read.All';
