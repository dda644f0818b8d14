/**
 * Named, deterministic Google Workspace customers for the demo, the integration tests, the
 * benchmarks and users' own tests. Every timestamp is relative to `now`; ids are derived, never
 * random. (Only the service account's RSA key is generated, once per process: see credential.ts.)
 */
import { googleOrgUnitId } from './ids.js';
import type { CloudIdentityDeviceModel, GooglePolicyModel, GoogleUserModel, GoogleWorkspaceModel, LicenseAssignmentModel, LoginActivityModel, MobileDeviceModel } from './model.js';
import { ALL_GOOGLE_AUDIT_SCOPES } from './model.js';
import {
  cloudSide,
  DLP_TRIGGERS,
  dlpRuleValue,
  endpointComputer,
  driveExternalSharingValue,
  GOOGLE_WORKSPACE_SKUS,
  googleUser,
  licenceOf,
  loginEvent,
  mobileDevice,
  orgUnits,
  phoneAsCloudIdentityDevice,
  policy,
  ScenarioClock,
  SETTING_TYPES,
  type GooglePersonSpec,
  type LoginOrigin,
} from './scenario-kit.js';

/** Options for the Google scenario builders. */
export interface GoogleScenarioOptions {
  /** The moment the scenario describes; every date is relative to it. Defaults to `new Date()`. */
  now?: Date;
}

/** Health-information detectors a compliant Gmail DLP rule uses (Google's predefined detector ids). */
const HEALTH_DETECTORS = ['US_SOCIAL_SECURITY_NUMBER', 'US_HEALTHCARE_NPI', 'ICD10_CODE'];

/** Weekday logins of the active (not suspended) users from `origin`, over the last `days` days. */
function routineLogins(
  key: string,
  customerId: string,
  clock: ScenarioClock,
  directory: ScenarioDirectory,
  days: number,
  origin: LoginOrigin,
  startSequence: number,
): { events: LoginActivityModel[]; next: number } {
  const events: LoginActivityModel[] = [];
  let sequence = startSequence;
  const active = directory.users.filter((user) => !user.suspended);
  const activeSpecs = directory.specs.filter((spec) => !spec.suspended);
  active.forEach((user, index) => {
    const spec = activeSpecs[index];
    if (!spec || spec.lastLoginDaysAgo === null) return;
    // Weekday logins from the last login back, each at its own minute past 7am or 8am.
    for (let day = spec.lastLoginDaysAgo; day <= days; day++) {
      if (day !== spec.lastLoginDaysAgo && !clock.isWeekday(day)) continue;
      events.push(loginEvent(key, customerId, sequence++, user, clock.daysAgo(day, 7 + (index % 2), (index * 7) % 60), origin));
    }
  });
  return { events, next: sequence };
}

/**
 * Sets each user's `lastLoginTime` to their latest successful login event, as Google keeps it;
 * users without events in the log keep the spec's value (e.g. a login older than the 180 days kept).
 */
function syncLastLogin(users: GoogleUserModel[], events: LoginActivityModel[]): void {
  const latest = new Map<string, string>();
  for (const event of events) {
    if (!event.events.some((entry) => entry.name === 'login_success')) continue;
    const email = event.actor.email.toLowerCase();
    const seen = latest.get(email);
    if (seen === undefined || event.id.time > seen) latest.set(email, event.id.time);
  }
  for (const user of users) {
    const time = latest.get(user.primaryEmail.toLowerCase());
    if (time !== undefined) user.lastLoginTime = time;
  }
}

/** A scenario's directory: the org-unit tree under a root named for the customer, and its people. */
interface ScenarioDirectory extends Pick<GoogleWorkspaceModel, 'rootOrgUnit' | 'orgUnits' | 'users'> {
  specs: GooglePersonSpec[];
}

function scenarioDirectory(
  key: string,
  domain: string,
  clock: ScenarioClock,
  rootName: string,
  units: { path: string; description?: string }[],
  specs: GooglePersonSpec[],
): ScenarioDirectory {
  return {
    rootOrgUnit: { orgUnitId: googleOrgUnitId(key, '/'), name: rootName },
    orgUnits: orgUnits(key, units),
    users: specs.map((spec) => googleUser(key, domain, clock, spec)),
    specs,
  };
}

/** The user whose address starts with `alias@`. */
function byAlias(directory: ScenarioDirectory, alias: string): GoogleUserModel {
  return directory.users.find((user) => user.primaryEmail.startsWith(`${alias}@`))!;
}

/** Top-level 2-Step Verification: enrolment allowed, enforced since `enforcedDaysAgo`, sign-in factors `factors`. */
function twoStepVerificationPolicies(
  key: string,
  directory: ScenarioDirectory,
  clock: ScenarioClock,
  enforcedDaysAgo: number,
  factors: 'ALL' | 'NO_TELEPHONY',
): GooglePolicyModel[] {
  return [
    policy(key, directory, null, SETTING_TYPES.enrollment, { allowEnrollment: true }),
    policy(key, directory, null, SETTING_TYPES.enforcement, { enforcedFrom: clock.daysAgo(enforcedDaysAgo, 0, 0) }),
    policy(key, directory, null, SETTING_TYPES.enforcementFactor, { allowedSignInFactorSet: factors }),
  ];
}

/** An ACTIVE top-level Gmail DLP rule that blocks outbound mail with health information. */
function gmailPhiRule(key: string, directory: ScenarioDirectory, createTime: string, description?: string): GooglePolicyModel {
  return policy(
    key,
    directory,
    null,
    SETTING_TYPES.dlpRule,
    dlpRuleValue({
      displayName: 'Block PHI in outbound email',
      ...(description === undefined ? {} : { description }),
      triggers: [DLP_TRIGGERS.gmailSend],
      detectors: HEALTH_DETECTORS,
      state: 'ACTIVE',
      gmail: 'block',
      createTime,
    }),
    { discriminator: 'gmail-phi' },
  );
}

/**
 * Top-level Drive sharing and Gmail forwarding of a careful practice: Drive shares only with
 * allowlisted partner domains (warned, no "anyone with the link", no non-Google invites, nothing
 * received from outside the allowlist) and automatic forwarding is off.
 */
function carefulDataSharingPolicies(key: string, directory: ScenarioDirectory): GooglePolicyModel[] {
  return [
    policy(
      key,
      directory,
      null,
      SETTING_TYPES.driveExternalSharing,
      driveExternalSharingValue({
        externalSharingMode: 'ALLOWLISTED_DOMAINS',
        allowNonGoogleInvites: false,
        allowPublishingFiles: false,
        allowReceivingFilesOutsideAllowlistedDomains: false,
        accessCheckerSuggestions: 'RECIPIENTS_ONLY',
        allowedPartiesForDistributingContent: 'ELIGIBLE_INTERNAL_USERS',
      }),
    ),
    policy(key, directory, null, SETTING_TYPES.gmailAutoForwarding, { enableAutoForwarding: false }),
  ];
}

/** The customer model from a scenario's parts, with its cloud side and each person's licence. */
function workspaceModel(
  key: string,
  domain: string,
  clock: ScenarioClock,
  parts: {
    customer: GoogleWorkspaceModel['customer'];
    projectId: string;
    directory: ScenarioDirectory;
    policies: GooglePolicyModel[];
    loginActivities: LoginActivityModel[];
    mobileDevices: MobileDeviceModel[];
    /** Computers reporting through endpoint verification; the phones are listed by the Devices API too. */
    computers: CloudIdentityDeviceModel[];
    /** Add-on licences (Voice, Vault...) beside each person's edition. */
    addOnLicences?: LicenseAssignmentModel[];
  },
): GoogleWorkspaceModel {
  const { directory } = parts;
  return {
    customer: parts.customer,
    clock: clock.now.toISOString(),
    ...cloudSide(key, parts.projectId),
    rootOrgUnit: directory.rootOrgUnit,
    orgUnits: directory.orgUnits,
    users: directory.users,
    policies: parts.policies,
    loginActivities: parts.loginActivities,
    mobileDevices: parts.mobileDevices,
    devices: [...parts.mobileDevices.map((phone) => phoneAsCloudIdentityDevice(key, phone)), ...parts.computers],
    licenseAssignments: [...directory.specs.flatMap((spec) => licenceOf(domain, spec)), ...(parts.addOnLicences ?? [])],
  };
}

// =============================================================================================
// Compliant practice

const COMPLIANT = 'google-compliant-practice';
const COMPLIANT_DOMAIN = 'cedarcreekpeds.example';

/** Customer id of {@link compliantPractice}. */
export const GOOGLE_COMPLIANT_PRACTICE_CUSTOMER_ID = 'C03az79cb';

/** Accounts of the compliant practice that tests refer to. */
export const GOOGLE_COMPLIANT_PRACTICE_ACCOUNTS = {
  superAdmin: `admin@${COMPLIANT_DOMAIN}`,
  /** A delegated admin with only the users-read privilege (not a super admin: the Policy API refuses them). */
  delegatedAdmin: `grace.kim@${COMPLIANT_DOMAIN}`,
  /** A former employee, suspended, holding no licence. */
  suspendedFormerEmployee: `jordan.wells@${COMPLIANT_DOMAIN}`,
} as const;

/**
 * Cedar Creek Pediatrics (`cedarcreekpeds.example`, customer `C03az79cb`), a small practice that
 * does things right. 8 staff and one suspended former employee (unlicensed); Google Workspace
 * Enterprise Standard for all staff. Org units `/Administration`, `/Clinical`, `/Clinical/Nurses`,
 * `/Front Office`. At the top level: 2-Step Verification allowed and enforced (since 400 days ago)
 * with no telephony factors (`NO_TELEPHONY`), web sessions of 12 hours (`43200s`), an ACTIVE
 * Gmail DLP rule blocking US_SOCIAL_SECURITY_NUMBER / US_HEALTHCARE_NPI / ICD10_CODE and an ACTIVE
 * Drive rule; Drive sharing only with allowlisted domains (no "anyone with the link") and Gmail
 * automatic forwarding off. Overrides: `/Clinical` sessions 8 hours, `/Administration` passkeys
 * only, `/Front Office` no Drive sharing outside at all. One policy (super-admin account recovery
 * off) comes without an org unit. Everyone is enrolled; everyone
 * logs in on weekdays from the practice (203.0.113.10, US-OR) over the last 179 days (about
 * 1,000 login events); 5 phones and 3 endpoint-verified computers (Mac, Windows, ChromeOS), all encrypted.
 */
export function compliantPractice(options: GoogleScenarioOptions = {}): GoogleWorkspaceModel {
  const clock = new ScenarioClock(options.now ?? new Date());
  const customerId = GOOGLE_COMPLIANT_PRACTICE_CUSTOMER_ID;
  const enterprise = GOOGLE_WORKSPACE_SKUS.enterpriseStandard;
  const specs: GooglePersonSpec[] = [
    { alias: 'admin', givenName: 'Avery', familyName: 'Brooks', orgUnitPath: '/Administration', admin: 'super', enrolled: true, lastLoginDaysAgo: 0, createdDaysAgo: 900, sku: enterprise },
    { alias: 'grace.kim', givenName: 'Grace', familyName: 'Kim', orgUnitPath: '/Administration', admin: { privileges: ['USERS_READ'] }, enrolled: true, lastLoginDaysAgo: 1, createdDaysAgo: 700, sku: enterprise },
    { alias: 'dr.ortiz', givenName: 'Elena', familyName: 'Ortiz', orgUnitPath: '/Clinical', enrolled: true, lastLoginDaysAgo: 0, createdDaysAgo: 880, sku: enterprise },
    { alias: 'dr.hughes', givenName: 'Marcus', familyName: 'Hughes', orgUnitPath: '/Clinical', enrolled: true, lastLoginDaysAgo: 1, createdDaysAgo: 850, sku: enterprise },
    { alias: 'priya.patel', givenName: 'Priya', familyName: 'Patel', orgUnitPath: '/Clinical/Nurses', enrolled: true, lastLoginDaysAgo: 0, createdDaysAgo: 600, sku: enterprise },
    { alias: 'sean.obrien', givenName: 'Sean', familyName: "O'Brien", orgUnitPath: '/Clinical/Nurses', enrolled: true, lastLoginDaysAgo: 2, createdDaysAgo: 400, sku: enterprise },
    { alias: 'lena.fischer', givenName: 'Lena', familyName: 'Fischer', orgUnitPath: '/Front Office', enrolled: true, lastLoginDaysAgo: 0, createdDaysAgo: 500, sku: enterprise },
    { alias: 'omar.haddad', givenName: 'Omar', familyName: 'Haddad', orgUnitPath: '/Front Office', enrolled: true, lastLoginDaysAgo: 1, createdDaysAgo: 300, sku: enterprise },
    { alias: 'jordan.wells', givenName: 'Jordan', familyName: 'Wells', orgUnitPath: '/Clinical', enrolled: true, lastLoginDaysAgo: 200, createdDaysAgo: 800, suspended: true },
  ];
  const units = [
    { path: '/Administration', description: 'Practice management and IT' },
    { path: '/Clinical', description: 'Physicians and clinical staff' },
    { path: '/Clinical/Nurses' },
    { path: '/Front Office', description: 'Reception and scheduling' },
  ];
  const directory = scenarioDirectory(COMPLIANT, COMPLIANT_DOMAIN, clock, 'Cedar Creek Pediatrics', units, specs);
  const policies: GooglePolicyModel[] = [
    ...twoStepVerificationPolicies(COMPLIANT, directory, clock, 400, 'NO_TELEPHONY'),
    policy(COMPLIANT, directory, null, SETTING_TYPES.gracePeriod, { enrollmentGracePeriod: '604800s' }),
    policy(COMPLIANT, directory, null, SETTING_TYPES.deviceTrust, { allowTrustingDevice: false }),
    policy(COMPLIANT, directory, null, SETTING_TYPES.sessionControls, { webSessionDuration: '43200s' }),
    policy(COMPLIANT, directory, '/Clinical', SETTING_TYPES.sessionControls, { webSessionDuration: '28800s' }),
    policy(COMPLIANT, directory, '/Administration', SETTING_TYPES.enforcementFactor, { allowedSignInFactorSet: 'PASSKEY_ONLY' }),
    policy(COMPLIANT, directory, 'none', SETTING_TYPES.superAdminRecovery, { enableAccountRecovery: false }),
    ...carefulDataSharingPolicies(COMPLIANT, directory),
    // The front office never shares files outside the practice.
    policy(COMPLIANT, directory, '/Front Office', SETTING_TYPES.driveExternalSharing, driveExternalSharingValue({ externalSharingMode: 'DISALLOWED', allowNonGoogleInvites: false, allowPublishingFiles: false })),
    gmailPhiRule(COMPLIANT, directory, clock.daysAgo(380, 10, 0), 'Blocks mail containing SSNs, NPIs or ICD-10 codes'),
    policy(
      COMPLIANT,
      directory,
      null,
      SETTING_TYPES.dlpRule,
      dlpRuleValue({
        displayName: 'Block external sharing of PHI in Drive',
        triggers: [DLP_TRIGGERS.driveShare],
        detectors: HEALTH_DETECTORS,
        state: 'ACTIVE',
        drive: 'block',
        createTime: clock.daysAgo(380, 10, 5),
      }),
      { discriminator: 'drive-phi' },
    ),
  ];
  const office: LoginOrigin = { ipAddress: '203.0.113.10', asn: 64500, regionCode: 'US', subdivisionCode: 'US-OR' };
  const { events } = routineLogins(COMPLIANT, customerId, clock, directory, 179, office, 1);
  syncLastLogin(directory.users, events);
  const device = (alias: string, spec: Parameters<typeof mobileDevice>[3]) => mobileDevice(COMPLIANT, clock, byAlias(directory, alias), spec);
  const computer = (alias: string, spec: Parameters<typeof endpointComputer>[3]) => endpointComputer(COMPLIANT, clock, byAlias(directory, alias), spec);
  const devices: MobileDeviceModel[] = [
    device('admin', { model: 'iPhone 15', os: 'iOS 18.1', type: 'IOS_SYNC', encrypted: true, lastSyncDaysAgo: 0, firstSyncDaysAgo: 300 }),
    device('dr.ortiz', { model: 'iPhone 14', os: 'iOS 18.0', type: 'IOS_SYNC', encrypted: true, lastSyncDaysAgo: 0, firstSyncDaysAgo: 500 }),
    device('dr.hughes', { model: 'Pixel 8', os: 'Android 15', type: 'ANDROID', encrypted: true, lastSyncDaysAgo: 1, firstSyncDaysAgo: 200 }),
    device('priya.patel', { model: 'Galaxy S23', os: 'Android 14', type: 'ANDROID', encrypted: true, lastSyncDaysAgo: 0, firstSyncDaysAgo: 250 }),
    device('lena.fischer', { model: 'iPhone 13', os: 'iOS 17.6', type: 'IOS_SYNC', encrypted: true, lastSyncDaysAgo: 2, firstSyncDaysAgo: 450 }),
  ];
  return workspaceModel(COMPLIANT, COMPLIANT_DOMAIN, clock, {
    customer: {
      id: customerId,
      customerDomain: COMPLIANT_DOMAIN,
      customerCreationTime: clock.daysAgo(900, 14, 0),
      alternateEmail: 'it.partner@harbourit.example',
      language: 'en',
      postalAddress: { organizationName: 'Cedar Creek Pediatrics', locality: 'Portland', region: 'OR', countryCode: 'US', postalCode: '97201' },
    },
    projectId: 'cedar-creek-audit',
    directory,
    policies,
    loginActivities: events,
    mobileDevices: devices,
    computers: [
      computer('admin', { deviceType: 'MAC_OS', model: 'MacBookPro18,3', osVersion: 'MacOS 14.6.1', hostname: 'cedar-admin-mbp', encrypted: true, lastSyncDaysAgo: 0, importedDaysAgo: 500 }),
      computer('dr.ortiz', { deviceType: 'WINDOWS', model: 'Latitude 5440', osVersion: 'Windows 11 23H2', hostname: 'CEDAR-EXAM-01', encrypted: true, lastSyncDaysAgo: 0, importedDaysAgo: 420 }),
      computer('priya.patel', { deviceType: 'CHROME_OS', model: 'Chromebook Plus', osVersion: 'ChromeOS 128', hostname: 'cedar-front-cb', encrypted: true, lastSyncDaysAgo: 1, importedDaysAgo: 300 }),
    ],
  });
}

// =============================================================================================
// Typical practice

const TYPICAL = 'google-typical-practice';
const TYPICAL_DOMAIN = 'maplestreetfm.example';

/** Customer id of {@link typicalPractice}. */
export const GOOGLE_TYPICAL_PRACTICE_CUSTOMER_ID = 'C04m7d2qx';

/** Accounts of the typical practice that show its problems. */
export const GOOGLE_TYPICAL_PRACTICE_ACCOUNTS = {
  superAdmin: `dana.whitfield@${TYPICAL_DOMAIN}`,
  /** Role-named account logging in from three IPs in three US states within the same hour. */
  sharedAccount: `frontdesk@${TYPICAL_DOMAIN}`,
  /** Left the practice: last login 120 days ago, still active and licensed. */
  leaver: `james.morrison@${TYPICAL_DOMAIN}`,
  /** The leaver's alias, the address HR knows him by. */
  leaverAlias: `jim.morrison@${TYPICAL_DOMAIN}`,
  /** Created 200 days ago, never logged in, licensed, not enrolled. */
  neverLoggedIn: `alex.rivera@${TYPICAL_DOMAIN}`,
  /** Suspended but still holding a Business Standard licence and a Google Voice Starter add-on. */
  suspendedLicensed: `ruth.ahmed@${TYPICAL_DOMAIN}`,
  /** The one user on Business Starter. */
  businessStarter: `tom.baker@${TYPICAL_DOMAIN}`,
  /** Active users not enrolled in 2-Step Verification. */
  notEnrolled: [`maria.lopez@${TYPICAL_DOMAIN}`, `alex.rivera@${TYPICAL_DOMAIN}`],
  /** Owner of the unencrypted Android phone. */
  unencryptedDeviceOwner: `frontdesk@${TYPICAL_DOMAIN}`,
} as const;

/**
 * Maple Street Family Medicine (`maplestreetfm.example`, customer `C04m7d2qx`), a small practice
 * with the usual gaps. Org units `/Clinical`, `/Front Desk`, `/Billing`. At the top level 2-Step
 * Verification is allowed and enforced (since 300 days ago) but every factor is allowed (`ALL`, so
 * SMS and voice codes), and web session length is unset (Google's default, 14 days). Overrides:
 * `/Front Desk` switches enforcement off (`value: {}`, no `enforcedFrom`); `/Billing` has it
 * scheduled 30 days ahead. No DLP rules (Business Standard has none). Drive sharing and Gmail
 * automatic forwarding are unset, so Google's defaults apply (sharing with anyone, "anyone with the
 * link" and forwarding all on), and `/Billing` also turns the external-sharing warning off. No
 * backup service is attested. Users: see
 * {@link GOOGLE_TYPICAL_PRACTICE_ACCOUNTS} — a shared `frontdesk@` account, a leaver who last
 * logged in 120 days ago, an account never logged into (created 200 days ago), a suspended user
 * still licensed (Business Standard and a Google Voice Starter add-on), one user on Business
 * Starter, two active users not enrolled. Three phones, the front desk's Android one unencrypted,
 * and one office PC reporting through endpoint verification.
 */
export function typicalPractice(options: GoogleScenarioOptions = {}): GoogleWorkspaceModel {
  const clock = new ScenarioClock(options.now ?? new Date());
  const customerId = GOOGLE_TYPICAL_PRACTICE_CUSTOMER_ID;
  const standard = GOOGLE_WORKSPACE_SKUS.businessStandard;
  const specs: GooglePersonSpec[] = [
    { alias: 'dana.whitfield', givenName: 'Dana', familyName: 'Whitfield', orgUnitPath: '/', admin: 'super', enrolled: true, lastLoginDaysAgo: 0, createdDaysAgo: 1200, sku: standard },
    { alias: 'dr.patel', givenName: 'Raj', familyName: 'Patel', orgUnitPath: '/Clinical', enrolled: true, lastLoginDaysAgo: 0, createdDaysAgo: 1100, sku: standard },
    { alias: 'dr.nguyen', givenName: 'Linh', familyName: 'Nguyen', orgUnitPath: '/Clinical', enrolled: true, lastLoginDaysAgo: 1, createdDaysAgo: 900, sku: standard },
    { alias: 'hana.kim', givenName: 'Hana', familyName: 'Kim', orgUnitPath: '/Clinical', enrolled: true, lastLoginDaysAgo: 0, createdDaysAgo: 700, sku: standard },
    { alias: 'maria.lopez', givenName: 'Maria', familyName: 'Lopez', orgUnitPath: '/Front Desk', enrolled: false, lastLoginDaysAgo: 0, createdDaysAgo: 650, sku: standard },
    { alias: 'frontdesk', givenName: 'Front', familyName: 'Desk', orgUnitPath: '/Front Desk', enrolled: true, lastLoginDaysAgo: 0, createdDaysAgo: 1000, sku: standard },
    { alias: 'tom.baker', givenName: 'Tom', familyName: 'Baker', orgUnitPath: '/Billing', enrolled: true, lastLoginDaysAgo: 1, createdDaysAgo: 500, sku: GOOGLE_WORKSPACE_SKUS.businessStarter },
    { alias: 'james.morrison', givenName: 'James', familyName: 'Morrison', orgUnitPath: '/Clinical', enrolled: true, lastLoginDaysAgo: 120, createdDaysAgo: 1000, sku: standard, aliases: ['jim.morrison'] },
    { alias: 'alex.rivera', givenName: 'Alex', familyName: 'Rivera', orgUnitPath: '/Clinical', enrolled: false, lastLoginDaysAgo: null, createdDaysAgo: 200, sku: standard },
    { alias: 'ruth.ahmed', givenName: 'Ruth', familyName: 'Ahmed', orgUnitPath: '/Clinical', enrolled: true, lastLoginDaysAgo: 60, createdDaysAgo: 800, suspended: true, sku: standard },
  ];
  const units = [{ path: '/Billing' }, { path: '/Clinical' }, { path: '/Front Desk', description: 'Reception' }];
  const directory = scenarioDirectory(TYPICAL, TYPICAL_DOMAIN, clock, 'Maple Street Family Medicine', units, specs);
  const policies: GooglePolicyModel[] = [
    ...twoStepVerificationPolicies(TYPICAL, directory, clock, 300, 'ALL'),
    policy(TYPICAL, directory, '/Front Desk', SETTING_TYPES.enforcement, {}),
    policy(TYPICAL, directory, '/Billing', SETTING_TYPES.enforcement, { enforcedFrom: clock.daysAhead(30) }),
    // Billing shares claims files with anyone and turned the warning off; "anyone with the link" stays at Google's default (on).
    policy(TYPICAL, directory, '/Billing', SETTING_TYPES.driveExternalSharing, driveExternalSharingValue({ warnForExternalSharing: false })),
  ];

  const office: LoginOrigin = { ipAddress: '198.51.100.20', asn: 64501, regionCode: 'US', subdivisionCode: 'US-OH' };
  const others: LoginOrigin[] = [
    { ipAddress: '203.0.113.45', asn: 64502, regionCode: 'US', subdivisionCode: 'US-KY' },
    { ipAddress: '192.0.2.88', asn: 64503, regionCode: 'US', subdivisionCode: 'US-IN' },
  ];
  const routine = routineLogins(TYPICAL, customerId, clock, directory, 150, office, 1);
  const events = routine.events;
  let sequence = routine.next;
  // The shared front-desk account: three people log in from three places in the same hour, every weekday for four weeks.
  const frontdesk = byAlias(directory, 'frontdesk');
  for (let day = 0; day < 28; day++) {
    if (!clock.isWeekday(day)) continue;
    events.push(loginEvent(TYPICAL, customerId, sequence++, frontdesk, clock.daysAgo(day, 8, 20), others[0]!, 'login_success', ['password', 'idv_preregistered_phone']));
    events.push(loginEvent(TYPICAL, customerId, sequence++, frontdesk, clock.daysAgo(day, 8, 45), others[1]!, 'login_success', ['password', 'idv_preregistered_phone']));
  }
  // A few failed logins (wrong password) by the unenrolled front-desk user.
  const maria = byAlias(directory, 'maria.lopez');
  for (const day of [3, 10, 17]) events.push(loginEvent(TYPICAL, customerId, sequence++, maria, clock.daysAgo(day, 7, 2), office, 'login_failure'));
  // The suspended user's logins stopped when she left, 60 days ago.
  const ruth = byAlias(directory, 'ruth.ahmed');
  for (let day = 60; day <= 150; day += 7) events.push(loginEvent(TYPICAL, customerId, sequence++, ruth, clock.daysAgo(day, 7, 30), office));
  syncLastLogin(directory.users, events);

  const device = (alias: string, spec: Parameters<typeof mobileDevice>[3]) => mobileDevice(TYPICAL, clock, byAlias(directory, alias), spec);
  const computer = (alias: string, spec: Parameters<typeof endpointComputer>[3]) => endpointComputer(TYPICAL, clock, byAlias(directory, alias), spec);
  const devices: MobileDeviceModel[] = [
    device('dana.whitfield', { model: 'iPhone 15 Pro', os: 'iOS 18.1', type: 'IOS_SYNC', encrypted: true, lastSyncDaysAgo: 0, firstSyncDaysAgo: 400 }),
    device('dr.patel', { model: 'iPhone 14', os: 'iOS 17.6', type: 'IOS_SYNC', encrypted: true, lastSyncDaysAgo: 1, firstSyncDaysAgo: 600 }),
    device('frontdesk', { model: 'Samsung Galaxy A14', os: 'Android 13', type: 'ANDROID', encrypted: false, lastSyncDaysAgo: 0, firstSyncDaysAgo: 350 }),
  ];
  return workspaceModel(TYPICAL, TYPICAL_DOMAIN, clock, {
    customer: {
      id: customerId,
      customerDomain: TYPICAL_DOMAIN,
      customerCreationTime: clock.daysAgo(1200, 16, 0),
      alternateEmail: 'dana.whitfield.home@mailbox.example',
      language: 'en',
      postalAddress: { organizationName: 'Maple Street Family Medicine', locality: 'Columbus', region: 'OH', countryCode: 'US', postalCode: '43215' },
    },
    projectId: 'maple-street-audit',
    directory,
    policies,
    loginActivities: events,
    mobileDevices: devices,
    computers: [
      computer('dana.whitfield', { deviceType: 'WINDOWS', model: 'OptiPlex 7010', osVersion: 'Windows 11 23H2', hostname: 'MAPLE-OFFICE-01', encrypted: true, lastSyncDaysAgo: 0, importedDaysAgo: 700 }),
    ],
    // The suspended leaver still holds a Google Voice number as well as her edition.
    addOnLicences: [
      { productId: '101033', productName: 'Google Voice', skuId: '1010330003', skuName: 'Google Voice Starter', userId: GOOGLE_TYPICAL_PRACTICE_ACCOUNTS.suspendedLicensed },
    ],
  });
}

// =============================================================================================
// Large tenant

const LARGE = 'google-large-tenant';
const LARGE_DOMAIN = 'riversidehp.example';

/** Customer id of {@link largeTenant}. */
export const GOOGLE_LARGE_TENANT_CUSTOMER_ID = 'C02lrg9tn';

/**
 * Riverside Health Partners (`riversidehp.example`, customer `C02lrg9tn`) with `userCount` users
 * (at least 1): `admin@` (super admin) and `user0001@`... spread over `/Clinical`, `/Front Desk`,
 * `/Billing` and `/Administration`, all enrolled and enforced, Enterprise Standard, with the
 * compliant practice's top-level policies; one login each in the last week, a phone for every
 * fifth user and an endpoint-verified workstation for every tenth. For request-count and timing tests: pages grow with users, requests should not.
 */
export function largeTenant(userCount: number, options: GoogleScenarioOptions = {}): GoogleWorkspaceModel {
  if (!Number.isInteger(userCount) || userCount < 1) throw new RangeError('largeTenant needs a positive whole number of users');
  const clock = new ScenarioClock(options.now ?? new Date());
  const customerId = GOOGLE_LARGE_TENANT_CUSTOMER_ID;
  const paths = ['/Administration', '/Billing', '/Clinical', '/Front Desk'];
  const sku = GOOGLE_WORKSPACE_SKUS.enterpriseStandard;
  const specs: GooglePersonSpec[] = [];
  for (let index = 0; index < userCount; index++) {
    const number = String(index).padStart(4, '0');
    specs.push(
      index === 0
        ? { alias: 'admin', givenName: 'Riley', familyName: 'Admin', orgUnitPath: '/Administration', admin: 'super', enrolled: true, lastLoginDaysAgo: 0, createdDaysAgo: 1500, sku }
        : {
            alias: `user${number}`,
            givenName: 'User',
            familyName: number,
            orgUnitPath: paths[index % paths.length]!,
            enrolled: true,
            lastLoginDaysAgo: index % 7,
            createdDaysAgo: 30 + (index % 900),
            sku,
          },
    );
  }
  const directory = scenarioDirectory(LARGE, LARGE_DOMAIN, clock, 'Riverside Health Partners', paths.map((path) => ({ path })), specs);
  const users = directory.users;
  const policies: GooglePolicyModel[] = [
    ...twoStepVerificationPolicies(LARGE, directory, clock, 500, 'NO_TELEPHONY'),
    policy(LARGE, directory, null, SETTING_TYPES.sessionControls, { webSessionDuration: '43200s' }),
    ...carefulDataSharingPolicies(LARGE, directory),
    gmailPhiRule(LARGE, directory, clock.daysAgo(450, 9, 0)),
  ];
  const office: LoginOrigin = { ipAddress: '198.51.100.200', asn: 64510, regionCode: 'US', subdivisionCode: 'US-CA' };
  const events = users.map((user, index) => loginEvent(LARGE, customerId, index + 1, user, clock.daysAgo(index % 7, 8, index % 60), office));
  syncLastLogin(users, events);
  const devices = users
    .filter((_, index) => index % 5 === 0)
    .map((user, index) =>
      mobileDevice(LARGE, clock, user, {
        model: index % 2 === 0 ? 'iPhone 15' : 'Pixel 8',
        os: index % 2 === 0 ? 'iOS 18.1' : 'Android 15',
        type: index % 2 === 0 ? 'IOS_SYNC' : 'ANDROID',
        encrypted: true,
        lastSyncDaysAgo: index % 3,
        firstSyncDaysAgo: 200,
      }),
    );
  // A shared workstation for every tenth user, reporting through endpoint verification.
  const computers = users
    .filter((_, index) => index % 10 === 3)
    .map((user, index) =>
      endpointComputer(LARGE, clock, user, {
        deviceType: index % 3 === 0 ? 'MAC_OS' : 'WINDOWS',
        model: index % 3 === 0 ? 'MacBookAir10,1' : 'OptiPlex 7010',
        osVersion: index % 3 === 0 ? 'MacOS 14.6.1' : 'Windows 11 23H2',
        hostname: `RIVERSIDE-WS-${String(index).padStart(4, '0')}`,
        encrypted: true,
        lastSyncDaysAgo: index % 4,
        importedDaysAgo: 400,
      }),
    );
  return workspaceModel(LARGE, LARGE_DOMAIN, clock, {
    customer: { id: customerId, customerDomain: LARGE_DOMAIN, customerCreationTime: clock.daysAgo(1500, 12, 0), language: 'en' },
    projectId: 'riverside-audit',
    directory,
    policies,
    loginActivities: events,
    mobileDevices: devices,
    computers,
  });
}

/**
 * The customer once an MSP's service account has domain-wide delegation in it: the same customer
 * (users, policies, data), audited through `msp`'s service account and Cloud project, whose client
 * id the customer's delegation list now names with every scope the audit reads. One key (or one
 * keyless identity) then serves every customer built this way, each with its own subject.
 *
 * @example
 * const msp = google.compliantPractice();
 * const clinic = delegatedToServiceAccountOf(google.typicalPractice(), msp);
 * startSimulator({ google: [msp, clinic] });
 * const key = simulatedServiceAccountKey(msp); // audits both, with subject googleSuperAdmin(clinic) for the clinic
 */
export function delegatedToServiceAccountOf(customer: GoogleWorkspaceModel, msp: Pick<GoogleWorkspaceModel, 'serviceAccount' | 'cloudProject' | 'workloadIdentity'>): GoogleWorkspaceModel {
  return {
    ...customer,
    serviceAccount: msp.serviceAccount,
    cloudProject: msp.cloudProject,
    domainWideDelegation: [{ clientId: msp.serviceAccount.clientId, scopes: [...ALL_GOOGLE_AUDIT_SCOPES] }],
    ...(msp.workloadIdentity ? { workloadIdentity: msp.workloadIdentity } : {}),
  };
}
