/**
 * Building blocks for the Google scenarios: real SKU ids, Policy API setting types and value shapes,
 * and builders that fill Google's documented shapes so scenarios state only what matters.
 * Every timestamp is relative to the scenario's `now`; every id is derived, never random.
 */
import { processServiceAccountPublicKeys } from './credential.js';
import {
  deterministicAlnum,
  deterministicDigits,
  deterministicHex,
  googleDeviceResourceId,
  googleOrgUnitId,
  googlePolicyName,
  googleUniqueQualifier,
  googleUserId,
} from './ids.js';
import {
  ALL_AUDIT_APIS,
  ALL_GOOGLE_AUDIT_SCOPES,
  NEVER_LOGGED_IN,
  type DriveExternalSharingValue,
  type GoogleAdminPrivilege,
  type GoogleOrgUnitModel,
  type GooglePolicyModel,
  type GoogleUserModel,
  type CloudIdentityDeviceModel,
  type GoogleWorkspaceModel,
  type LicenseAssignmentModel,
  type LoginActivityModel,
  type MobileDeviceModel,
} from './model.js';
import { policyOrgUnitName } from './resolve.js';

// ---------------------------------------------------------------------------------------------
// Licences: product `Google-Apps` edition SKUs, from Google's Licensing API "Products and SKUs"
// page (the ids tenant-audit's issue lists: 1010020027 Business Starter, 1010020028 Business
// Standard, 1010020025 Business Plus, 1010020026 Enterprise Standard, 1010020020 Enterprise Plus).

/** A SKU as licence assignments name it. */
export interface GoogleSku {
  productId: string;
  productName: string;
  skuId: string;
  skuName: string;
}

const workspace = (skuId: string, skuName: string): GoogleSku => ({ productId: 'Google-Apps', productName: 'Google Workspace', skuId, skuName });

/** Google Workspace edition SKUs used by the scenarios. */
export const GOOGLE_WORKSPACE_SKUS = {
  businessStarter: workspace('1010020027', 'Google Workspace Business Starter'),
  businessStandard: workspace('1010020028', 'Google Workspace Business Standard'),
  businessPlus: workspace('1010020025', 'Google Workspace Business Plus'),
  enterpriseStandard: workspace('1010020026', 'Google Workspace Enterprise Standard'),
  enterprisePlus: workspace('1010020020', 'Google Workspace Enterprise Plus'),
} as const satisfies Record<string, GoogleSku>;

// ---------------------------------------------------------------------------------------------
// Policy API setting types (Google's "Supported Policy API settings"; value field names as
// ScubaGoggles reads them).

/** Setting types the audit reads. */
export const SETTING_TYPES = {
  enrollment: 'settings/security.two_step_verification_enrollment',
  enforcement: 'settings/security.two_step_verification_enforcement',
  enforcementFactor: 'settings/security.two_step_verification_enforcement_factor',
  gracePeriod: 'settings/security.two_step_verification_grace_period',
  deviceTrust: 'settings/security.two_step_verification_device_trust',
  sessionControls: 'settings/security.session_controls',
  superAdminRecovery: 'settings/security.super_admin_account_recovery',
  dlpRule: 'settings/rule.dlp',
  driveExternalSharing: 'settings/drive_and_docs.external_sharing',
  gmailAutoForwarding: 'settings/gmail.auto_forwarding',
} as const;

/**
 * Google's defaults for Drive sharing ("Default field values", Policy API concepts; as copied into
 * ScubaGoggles' policy_api.py): what an admin starts from when changing any one field.
 */
export const DRIVE_EXTERNAL_SHARING_DEFAULTS: DriveExternalSharingValue = {
  externalSharingMode: 'ALLOWED',
  warnForExternalSharing: true,
  warnForSharingOutsideAllowlistedDomains: true,
  allowNonGoogleInvites: true,
  allowNonGoogleInvitesInAllowlistedDomains: false,
  allowPublishingFiles: true,
  allowReceivingExternalFiles: true,
  allowReceivingFilesOutsideAllowlistedDomains: true,
  accessCheckerSuggestions: 'RECIPIENTS_OR_AUDIENCE_OR_PUBLIC',
  allowedPartiesForDistributingContent: 'ALL_ELIGIBLE_USERS',
};

/** A `settings/drive_and_docs.external_sharing` value: Google's defaults with the admin's changes, all ten fields. */
export function driveExternalSharingValue(changes: Partial<DriveExternalSharingValue>): Record<string, unknown> {
  return { ...DRIVE_EXTERNAL_SHARING_DEFAULTS, ...changes };
}

/** DLP rule triggers (Policy API guide; ScubaGoggles' DLP parser). */
export const DLP_TRIGGERS = {
  gmailSend: 'google.workspace.gmail.email.v1.send',
  driveShare: 'google.workspace.drive.file.v1.share',
  chatMessageSend: 'google.workspace.chat.message.v1.send',
  chatAttachmentUpload: 'google.workspace.chat.attachment.v1.upload',
} as const;

/** A DLP detector clause as the Policy API writes rule conditions (CEL). */
export function dlpDetector(detector: string, likelihood: 'POSSIBLE' | 'LIKELY' | 'VERY_LIKELY' = 'LIKELY'): string {
  return `all_content.matches_dlp_detector('${detector}', google.privacy.dlp.v2.Likelihood.${likelihood}, {'minimum_match_count': 1, 'minimum_unique_match_count': 1})`;
}

/** A `settings/rule.dlp` value. */
export function dlpRuleValue(options: {
  displayName: string;
  description?: string;
  triggers: string[];
  detectors: string[];
  state: 'ACTIVE' | 'INACTIVE';
  /** What happens on a match in Gmail / Drive; alerts always go to the alert center. */
  gmail?: 'block' | 'warn' | 'audit';
  drive?: 'block' | 'warn' | 'audit';
  createTime: string;
}): Record<string, unknown> {
  const action: Record<string, unknown> = { alertCenterAction: { alertCenterConfig: {} } };
  if (options.gmail === 'block') action['gmailAction'] = { blockContent: { actionParams: { applyExternalMessages: true, applyInternalMessages: true } } };
  if (options.gmail === 'warn') action['gmailAction'] = { warnUser: { actionParams: { applyExternalMessages: true, applyInternalMessages: false } } };
  if (options.gmail === 'audit') action['gmailAction'] = { auditOnly: {} };
  if (options.drive === 'block') action['driveAction'] = { blockAccess: {} };
  if (options.drive === 'warn') action['driveAction'] = { warnUser: {} };
  if (options.drive === 'audit') action['driveAction'] = { auditOnly: {} };
  return {
    displayName: options.displayName,
    ...(options.description === undefined ? {} : { description: options.description }),
    triggers: options.triggers,
    condition: { contentCondition: options.detectors.map((detector) => dlpDetector(detector)).join(' || ') },
    action,
    state: options.state,
    createTime: options.createTime,
    updateTime: options.createTime,
  };
}

// ---------------------------------------------------------------------------------------------
// Clock

/** Dates relative to the scenario's `now`, as Google formats them (UTC, milliseconds). */
export class ScenarioClock {
  constructor(readonly now: Date) {}

  /** `days` before now, at `hour:minute` UTC (or now's time of day when omitted). */
  daysAgo(days: number, hour?: number, minute = 0): string {
    const date = new Date(this.now.getTime() - days * 86_400_000);
    if (hour !== undefined) date.setUTCHours(hour, minute, 0, 0);
    // "Today at 8am" before 8am would be in the future: take the day before instead.
    if (date.getTime() > this.now.getTime()) date.setTime(date.getTime() - 86_400_000);
    return date.toISOString();
  }

  /** `days` after now, at midnight UTC. */
  daysAhead(days: number): string {
    const date = new Date(this.now.getTime() + days * 86_400_000);
    date.setUTCHours(0, 0, 0, 0);
    return date.toISOString();
  }

  /** Whether the day `days` before now is a weekday. */
  isWeekday(days: number): boolean {
    const day = new Date(this.now.getTime() - days * 86_400_000).getUTCDay();
    return day !== 0 && day !== 6;
  }
}

// ---------------------------------------------------------------------------------------------
// People

/** What a scenario says about a person; the builder fills the rest. */
export interface GooglePersonSpec {
  /** Local part of the email, e.g. `'dr.ortiz'`. */
  alias: string;
  givenName: string;
  familyName: string;
  orgUnitPath: string;
  admin?: 'super' | { privileges: GoogleAdminPrivilege[] };
  enrolled: boolean;
  /** Days since the last login; `null` for never. */
  lastLoginDaysAgo: number | null;
  createdDaysAgo: number;
  suspended?: boolean;
  sku?: GoogleSku;
  /** Local parts of the person's other addresses (aliases) in the same domain. */
  aliases?: string[];
}

/** A scenario's service-account side: project, key, delegation grant, keyless path. */
export function cloudSide(key: string, projectId: string): Pick<GoogleWorkspaceModel, 'serviceAccount' | 'cloudProject' | 'domainWideDelegation' | 'workloadIdentity'> {
  const clientId = deterministicDigits(21, key, 'client-id');
  return {
    serviceAccount: {
      clientEmail: `tenant-audit@${projectId}.iam.gserviceaccount.com`,
      clientId,
      keys: processServiceAccountPublicKeys(),
    },
    cloudProject: { projectId, projectNumber: deterministicDigits(12, key, 'project-number'), enabledApis: [...ALL_AUDIT_APIS] },
    domainWideDelegation: [{ clientId, scopes: [...ALL_GOOGLE_AUDIT_SCOPES] }],
    workloadIdentity: { federatedToken: `ya29.d.${deterministicAlnum(120, key, 'federated-token')}`, canSignJwt: true },
  };
}

/** Org units from their paths (parents before children), with derived ids. */
export function orgUnits(key: string, paths: { path: string; description?: string }[]): GoogleOrgUnitModel[] {
  return paths.map(({ path, description }) => ({
    orgUnitId: googleOrgUnitId(key, path),
    orgUnitPath: path,
    name: path.slice(path.lastIndexOf('/') + 1),
    ...(description === undefined ? {} : { description }),
  }));
}

/** A user from a person spec. */
export function googleUser(key: string, domain: string, clock: ScenarioClock, spec: GooglePersonSpec): GoogleUserModel {
  const admin = spec.admin;
  return {
    id: googleUserId(key, spec.alias),
    primaryEmail: `${spec.alias}@${domain}`,
    name: { givenName: spec.givenName, familyName: spec.familyName, fullName: `${spec.givenName} ${spec.familyName}` },
    isAdmin: admin === 'super',
    isDelegatedAdmin: admin !== undefined && admin !== 'super',
    ...(admin !== undefined && admin !== 'super' ? { adminPrivileges: admin.privileges } : {}),
    suspended: spec.suspended ?? false,
    archived: false,
    isEnrolledIn2Sv: spec.enrolled,
    lastLoginTime: spec.lastLoginDaysAgo === null ? NEVER_LOGGED_IN : clock.daysAgo(spec.lastLoginDaysAgo, 8, 12),
    creationTime: clock.daysAgo(spec.createdDaysAgo, 15, 0),
    orgUnitPath: spec.orgUnitPath,
    ...(spec.aliases?.length ? { aliases: spec.aliases.map((alias) => `${alias}@${domain}`) } : {}),
    agreedToTerms: spec.lastLoginDaysAgo !== null,
  };
}

/** The licence assignment of a person, if they hold one. */
export function licenceOf(domain: string, spec: GooglePersonSpec): LicenseAssignmentModel[] {
  if (!spec.sku) return [];
  const { productId, productName, skuId, skuName } = spec.sku;
  return [{ productId, productName, skuId, skuName, userId: `${spec.alias}@${domain}` }];
}

/** A policy at an org unit (`null`: the top level, named by the root's id) or with no org unit at all (`'none'`). */
export function policy(
  key: string,
  model: Pick<GoogleWorkspaceModel, 'rootOrgUnit' | 'orgUnits'>,
  at: string | null | 'none',
  type: string,
  value: Record<string, unknown>,
  options: { sortOrder?: number; policyType?: 'ADMIN' | 'SYSTEM'; discriminator?: string } = {},
): GooglePolicyModel {
  let orgUnit: string | undefined;
  if (at === null) orgUnit = policyOrgUnitName(model.rootOrgUnit.orgUnitId);
  else if (at !== 'none') {
    const unit = model.orgUnits.find((candidate) => candidate.orgUnitPath === at);
    if (!unit) throw new Error(`Scenario policy names an unknown org unit ${at}`);
    orgUnit = policyOrgUnitName(unit.orgUnitId);
  }
  return {
    name: googlePolicyName(key, at ?? '/', type, options.discriminator ?? ''),
    policyQuery: { ...(orgUnit === undefined ? {} : { orgUnit }), sortOrder: options.sortOrder ?? 1 },
    setting: { type, value },
    type: options.policyType ?? 'ADMIN',
  };
}

// ---------------------------------------------------------------------------------------------
// Login activity

/** Where a login came from. */
export interface LoginOrigin {
  ipAddress: string;
  asn: number;
  regionCode: string;
  subdivisionCode: string;
}

/** A login audit event. */
export function loginEvent(
  key: string,
  customerId: string,
  sequence: number,
  user: GoogleUserModel,
  time: string,
  origin: LoginOrigin,
  outcome: 'login_success' | 'login_failure' = 'login_success',
  challenge: string[] = ['password', 'google_authenticator'],
): LoginActivityModel {
  const parameters =
    outcome === 'login_success'
      ? [
          { name: 'login_type', value: 'google_password' },
          { name: 'login_challenge_method', multiValue: challenge },
          { name: 'is_suspicious', boolValue: false },
        ]
      : [
          { name: 'login_type', value: 'google_password' },
          { name: 'login_challenge_method', multiValue: ['password'] },
          { name: 'login_failure_type', value: 'login_failure_invalid_password' },
          { name: 'is_suspicious', boolValue: false },
        ];
  return {
    id: { time, uniqueQualifier: googleUniqueQualifier(key, sequence), applicationName: 'login', customerId },
    actor: { email: user.primaryEmail, profileId: user.id, callerType: 'USER' },
    ipAddress: origin.ipAddress,
    networkInfo: { ipAsn: [origin.asn], regionCode: origin.regionCode, subdivisionCode: origin.subdivisionCode },
    events: [{ type: 'login', name: outcome, parameters }],
  };
}

// ---------------------------------------------------------------------------------------------
// Devices

/** A mobile device of a user. */
export function mobileDevice(
  key: string,
  clock: ScenarioClock,
  user: GoogleUserModel,
  spec: { model: string; os: string; type: 'ANDROID' | 'IOS_SYNC'; encrypted: boolean; lastSyncDaysAgo: number; firstSyncDaysAgo: number; label?: string },
): MobileDeviceModel {
  const label = spec.label ?? spec.model;
  return {
    resourceId: googleDeviceResourceId(key, user.primaryEmail, label),
    deviceId: deterministicHex(16, key, 'device-id', user.primaryEmail, label),
    email: [user.primaryEmail],
    name: [user.name.fullName ?? `${user.name.givenName} ${user.name.familyName}`],
    model: spec.model,
    os: spec.os,
    type: spec.type,
    status: 'APPROVED',
    encryptionStatus: spec.encrypted ? 'Encrypted' : 'Unencrypted',
    firstSync: clock.daysAgo(spec.firstSyncDaysAgo, 9, 30),
    lastSync: clock.daysAgo(spec.lastSyncDaysAgo, 17, 45),
    extra: {
      manufacturer: spec.type === 'ANDROID' ? spec.model.split(' ')[0] : 'Apple',
      userAgent: spec.type === 'ANDROID' ? `Android Device Policy ${spec.os}` : `iOS Account Manager ${spec.os}`,
      serialNumber: deterministicAlnum(12, key, 'serial', user.primaryEmail, label).toUpperCase(),
    },
  };
}

/** A Cloud Identity device id, shaped like Google's (a UUID). */
function cloudIdentityDeviceId(...parts: string[]): string {
  const hex = deterministicHex(32, 'ci-device', ...parts);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The same phone as the Cloud Identity Devices API lists it (a user-owned phone is in both lists):
 * `IOS_SYNC` is `IOS` there, the Directory's "Encrypted"/"Unencrypted" is `ENCRYPTED`/`NOT_ENCRYPTED`.
 */
export function phoneAsCloudIdentityDevice(key: string, phone: MobileDeviceModel): CloudIdentityDeviceModel {
  const serial = phone.extra?.['serialNumber'];
  return {
    id: cloudIdentityDeviceId(key, phone.resourceId),
    deviceType: phone.type === 'ANDROID' ? 'ANDROID' : phone.type === 'GOOGLE_SYNC' ? 'GOOGLE_SYNC' : 'IOS',
    encryptionState: phone.encryptionStatus === 'Encrypted' ? 'ENCRYPTED' : 'NOT_ENCRYPTED',
    managementState: 'APPROVED',
    ownerType: 'BYOD',
    compromisedState: 'UNCOMPROMISED',
    users: [...phone.email],
    lastSyncTime: phone.lastSync,
    model: phone.model,
    osVersion: phone.os,
    ...(typeof serial === 'string' ? { serialNumber: serial } : {}),
  };
}

/** A company computer that reports through endpoint verification (Windows, Mac, ChromeOS or Linux). */
export function endpointComputer(
  key: string,
  clock: ScenarioClock,
  user: GoogleUserModel,
  spec: { deviceType: 'WINDOWS' | 'MAC_OS' | 'CHROME_OS' | 'LINUX'; model: string; osVersion: string; hostname: string; encrypted: boolean; lastSyncDaysAgo: number; importedDaysAgo: number },
): CloudIdentityDeviceModel {
  return {
    id: cloudIdentityDeviceId(key, user.primaryEmail, spec.hostname),
    deviceType: spec.deviceType,
    encryptionState: spec.encrypted ? 'ENCRYPTED' : 'NOT_ENCRYPTED',
    managementState: 'APPROVED',
    ownerType: 'COMPANY',
    users: [user.primaryEmail],
    createTime: clock.daysAgo(spec.importedDaysAgo, 10, 0),
    lastSyncTime: clock.daysAgo(spec.lastSyncDaysAgo, 16, 20),
    model: spec.model,
    osVersion: spec.osVersion,
    serialNumber: deterministicAlnum(10, key, 'serial', spec.hostname).toUpperCase(),
    hostname: spec.hostname,
  };
}
