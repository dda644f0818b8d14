/**
 * Named, deterministic Microsoft 365 tenants for the demo, the integration tests, the benchmarks
 * and users' own tests. Every timestamp is relative to `now`; ids are derived, never random.
 */
import { deterministicGuid } from './guid.js';
import type {
  ActivityBasedTimeoutPolicy,
  AppliedConditionalAccessPolicy,
  BitlockerRecoveryKey,
  ConditionalAccessPolicy,
  EntraDevice,
  M365Group,
  M365TenantModel,
  SignInEvent,
} from './model.js';
import {
  ADMIN_ROLE_TEMPLATES,
  APPS,
  bitlockerKey,
  BUSINESS_PREMIUM_SKU_ID,
  businessPremium,
  businessStandard,
  conditionalAccessPolicy,
  entraDevice,
  entraDeviceOf,
  flowFree,
  idleTimeoutDefinition,
  managedDevice,
  person,
  PHISHING_RESISTANT_MFA,
  ROLE_TEMPLATES,
  roleAssignment,
  SCENARIO_PERMISSIONS,
  ScenarioClock,
  signInEvent,
  type Person,
  type PersonSpec,
  type SignInOrigin,
} from './scenario-kit.js';
import { assignE5Compliance, compliantExchange, EXCHANGE_MANAGE_AS_APP, largeExchange, typicalExchange } from './exchange/scenarios.js';
import { compliantForwarding, compliantSafeguards, typicalForwarding, typicalSafeguards } from './safeguards-scenarios.js';

/** Options for the scenario builders. */
export interface ScenarioOptions {
  /** The moment the scenario describes; every date is relative to it. Defaults to `new Date()`. */
  now?: Date;
}

// =============================================================================================
// Compliant practice

const COMPLIANT = 'compliant-practice';
const COMPLIANT_DOMAIN = 'harbourviewmedical.example';

/** UPN of the compliant practice's emergency-access (break-glass) account, excluded from its CA policies. */
export const COMPLIANT_BREAK_GLASS_UPN = `breakglass@${COMPLIANT_DOMAIN}`;

/** The compliant practice's shared mailboxes: sign-in blocked, unlicensed, never signed in to. */
export const COMPLIANT_PRACTICE_SHARED_MAILBOXES = [`info@${COMPLIANT_DOMAIN}`, `billing-inbox@${COMPLIANT_DOMAIN}`] as const;

/** Tenant id of {@link compliantPractice}. */
export const COMPLIANT_PRACTICE_TENANT_ID = deterministicGuid(COMPLIANT, 'tenant');

const OFFICE: Omit<SignInOrigin, 'deviceId' | 'deviceName' | 'operatingSystem' | 'browser' | 'managed'> = {
  ipAddress: '203.0.113.10',
  city: 'Portland',
  state: 'Oregon',
  latitude: 45.5152,
  longitude: -122.6784,
};

function staff(
  key: string,
  displayName: string,
  alias: string,
  jobTitle: string,
  department: string,
  rest: Partial<PersonSpec> = {},
): PersonSpec {
  const [givenName = null, ...others] = displayName.replace(/^Dr\.? /, '').split(' ');
  return {
    key,
    displayName,
    givenName,
    surname: others.join(' ') || null,
    alias,
    jobTitle,
    department,
    licences: [BUSINESS_PREMIUM_SKU_ID],
    lastSignInDaysAgo: 1,
    mfa: 'authenticator',
    ...rest,
  };
}

/** Sign-ins of ordinary staff: one a day on their own managed device at the practice. */
function routineSignIns(
  tenantKey: string,
  clock: ScenarioClock,
  people: Person[],
  days: number,
  policies: (person: Person) => AppliedConditionalAccessPolicy[],
  startSequence: number,
): SignInEvent[] {
  const events: SignInEvent[] = [];
  let sequence = startSequence;
  people.forEach((member, index) => {
    if (!member.user.accountEnabled || member.spec.lastSignInDaysAgo === null || member.spec.lastSignInDaysAgo > days) return;
    for (let day = Math.max(1, member.spec.lastSignInDaysAgo); day <= days; day++) {
      events.push(
        signInEvent(
          tenantKey,
          sequence++,
          member.user,
          clock.onDay(day, 7 + (index % 3), (index * 7) % 60),
          index % 2 === 0 ? APPS.officeHome : APPS.teams,
          {
            ...OFFICE,
            deviceId: deterministicGuid(tenantKey, 'entra-device', `${member.spec.key}-laptop`),
            deviceName: `${member.spec.alias.toUpperCase().replace(/\W/g, '').slice(0, 10)}-LT`,
            operatingSystem: 'Windows10',
            browser: 'Edge 131.0.0',
            managed: true,
          },
          policies(member),
        ),
      );
    }
  });
  return events;
}

/**
 * A small practice that does things right: 12 staff plus a break-glass account; Microsoft 365
 * Business Premium (Entra ID P1, Intune); security defaults off in favour of Conditional Access:
 * "Require MFA for all users" (all apps, break-glass excluded), "Block legacy authentication" and a
 * sign-in frequency policy, and phishing-resistant MFA (authentication strength) for the 14
 * administrator roles, all enabled; everyone registered for MFA (the admins with FIDO2 keys) and
 * signing in recently; no departed staff; a 30-minute idle-session timeout; two named Global
 * Administrators (plus the break-glass account); every Intune device encrypted and compliant, each
 * in Entra ID (computers joined, the iPhone registered), with the Windows BitLocker recovery keys
 * escrowed in Entra ID.
 *
 * In Exchange Online (`exchange`, see exchange/scenarios.ts): shared mailboxes `info@` and
 * `billing-inbox@` with sign-in blocked ({@link COMPLIANT_PRACTICE_SHARED_MAILBOXES}); Office
 * Message Encryption with enforced rules encrypting outbound mail with patient information; the HIPAA
 * Enhanced DLP policy enforced everywhere; unified audit logging on; a ten-year audit retention
 * policy and Microsoft 365 E5 Compliance (Audit Premium) for the staff. The app is granted
 * Exchange.ManageAsApp and holds Global Reader.
 */
export function compliantPractice(options: ScenarioOptions = {}): M365TenantModel {
  const clock = new ScenarioClock(options.now ?? new Date());
  const key = COMPLIANT;
  const specs: PersonSpec[] = [
    staff('amelia.hart', 'Dr Amelia Hart', 'amelia.hart', 'General Practitioner', 'Clinical'),
    staff('rohan.mehta', 'Dr Rohan Mehta', 'rohan.mehta', 'General Practitioner', 'Clinical', { lastSignInDaysAgo: 2 }),
    staff('grace.liu', 'Dr Grace Liu', 'grace.liu', 'General Practitioner', 'Clinical'),
    staff('sarah.okafor', 'Sarah Okafor', 'sarah.okafor', 'Practice Nurse', 'Clinical'),
    staff('tom.becker', 'Tom Becker', 'tom.becker', 'Practice Nurse', 'Clinical', { lastSignInDaysAgo: 3 }),
    staff('fatima.rahman', 'Fatima Rahman', 'fatima.rahman', 'Healthcare Assistant', 'Clinical'),
    staff('helen.price', 'Helen Price', 'helen.price', 'Practice Manager', 'Management', { admin: true, mfa: 'fido2' }),
    staff('marcus.reid', 'Marcus Reid', 'marcus.reid', 'IT Administrator', 'Management', { admin: true, mfa: 'fido2' }),
    staff('priya.shah', 'Priya Shah', 'priya.shah', 'Receptionist', 'Front Office'),
    staff('daniel.evans', 'Daniel Evans', 'daniel.evans', 'Receptionist', 'Front Office'),
    staff('lucy.nguyen', 'Lucy Nguyen', 'lucy.nguyen', 'Medical Secretary', 'Front Office', { lastSignInDaysAgo: 2 }),
    staff('owen.clarke', 'Owen Clarke', 'owen.clarke', 'Billing Coordinator', 'Management'),
    // Emergency-access accounts are signed in to on a schedule to prove they work.
    breakGlassSpec(25),
  ];
  const people = specs.map((spec) => person(key, COMPLIANT_DOMAIN, clock, spec));
  const byKey = (k: string): Person => people.find((p) => p.spec.key === k)!;
  const breakGlass = byKey('breakglass');
  const exchangePart = compliantExchange(key, COMPLIANT_DOMAIN, clock);
  // Audit (Premium) is licensed per user: every member of staff has the E5 Compliance add-on.
  assignE5Compliance(people.filter((p) => p !== breakGlass).map((p) => p.user));

  const baseline = mfaAndLegacyAuthPolicies(key, clock, breakGlass.user.id, 420);
  const frequencyPolicyId = deterministicGuid(key, 'ca', 'sign-in-frequency');
  const adminPolicyId = deterministicGuid(key, 'ca', 'admins-phishing-resistant');
  const policies = [
    ...baseline.policies,
    conditionalAccessPolicy({
      id: frequencyPolicyId,
      displayName: 'Sign-in frequency 12 hours, no persistent browser sessions',
      state: 'enabled',
      excludeUsers: [breakGlass.user.id],
      grant: null,
      session: {
        signInFrequency: {
          isEnabled: true,
          type: 'hours',
          value: 12,
          authenticationType: 'primaryAndSecondaryAuthentication',
          frequencyInterval: 'timeBased',
        },
        persistentBrowser: { isEnabled: true, mode: 'never' },
      },
      createdDateTime: clock.ago(300),
    }),
    conditionalAccessPolicy({
      id: adminPolicyId,
      displayName: 'Require phishing-resistant MFA for administrators',
      state: 'enabled',
      includeRoles: [...ADMIN_ROLE_TEMPLATES],
      excludeUsers: [breakGlass.user.id],
      grant: { operator: 'OR', controls: [] },
      authenticationStrength: PHISHING_RESISTANT_MFA,
      createdDateTime: clock.ago(300),
    }),
  ];
  const applied = (member: Person): AppliedConditionalAccessPolicy[] =>
    member === breakGlass
      ? []
      : [
          ...baseline.applied,
          {
            id: frequencyPolicyId,
            displayName: 'Sign-in frequency 12 hours, no persistent browser sessions',
            enforcedGrantControls: [],
            enforcedSessionControls: ['SignInFrequency', 'PersistentBrowserSessionMode'],
            result: 'success',
          },
          {
            id: adminPolicyId,
            displayName: 'Require phishing-resistant MFA for administrators',
            enforcedGrantControls: member.spec.admin ? ['Phishing-resistant MFA'] : [],
            enforcedSessionControls: [],
            result: member.spec.admin ? 'success' : 'notApplied',
          },
        ];

  const groups: M365Group[] = [
    group(key, 'all-staff', 'All Staff', [], ['clinical', 'front-office', 'management']),
    group(key, 'clinical', 'Clinical', ['amelia.hart', 'rohan.mehta', 'grace.liu', 'sarah.okafor', 'tom.becker', 'fatima.rahman'], []),
    group(key, 'front-office', 'Front Office', ['priya.shah', 'daniel.evans', 'lucy.nguyen'], []),
    group(key, 'management', 'Management', ['helen.price', 'marcus.reid', 'owen.clarke'], []),
    group(key, 'emergency-access', 'Emergency Access Accounts', ['breakglass'], []),
  ];

  const device = (owner: string, spec: Omit<Parameters<typeof managedDevice>[3], 'isEncrypted' | 'complianceState'>) =>
    managedDevice(key, clock, byKey(owner).user, { ...spec, isEncrypted: true, complianceState: 'compliant' });
  const managedDevices = [
    device('amelia.hart', { key: 'hv-lt-01', deviceName: 'HV-LT-01', operatingSystem: 'Windows', osVersion: '10.0.22631.4460', manufacturer: 'Dell Inc.', model: 'Latitude 7440', lastSyncDaysAgo: 0, owner: 'company' }),
    device('rohan.mehta', { key: 'hv-lt-02', deviceName: 'HV-LT-02', operatingSystem: 'Windows', osVersion: '10.0.22631.4460', manufacturer: 'Dell Inc.', model: 'Latitude 7440', lastSyncDaysAgo: 1, owner: 'company' }),
    device('priya.shah', { key: 'hv-desk-01', deviceName: 'HV-DESK-01', operatingSystem: 'Windows', osVersion: '10.0.22631.4460', manufacturer: 'HP', model: 'EliteDesk 800 G9', lastSyncDaysAgo: 0, owner: 'company' }),
    device('helen.price', { key: 'hv-mac-01', deviceName: 'HV-MAC-01', operatingSystem: 'macOS', osVersion: '14.7.1', manufacturer: 'Apple', model: 'MacBook Air (M2)', lastSyncDaysAgo: 1, owner: 'company' }),
    device('helen.price', { key: 'hv-iphone-helen', deviceName: "Helen's iPhone", operatingSystem: 'iOS', osVersion: '18.1.1', manufacturer: 'Apple', model: 'iPhone 15', lastSyncDaysAgo: 0, owner: 'company' }),
    device('marcus.reid', { key: 'hv-lt-it', deviceName: 'HV-LT-IT', operatingSystem: 'Windows', osVersion: '10.0.26100.2314', manufacturer: 'Lenovo', model: 'ThinkPad T14 Gen 5', lastSyncDaysAgo: 0, owner: 'company' }),
  ];
  // Every device is in Entra ID (the Mac joined through Platform SSO, the iPhone registered), and
  // Intune's BitLocker policy backed each Windows system drive's recovery key up to Entra ID.
  const devices = managedDevices.map((managed) => entraDeviceOf(key, managed));
  const recoveryKeys = managedDevices
    .filter((managed) => managed.operatingSystem === 'Windows')
    .map((managed) => bitlockerKey(key, clock, managed.azureADDeviceId, 'operatingSystemVolume', 380));
  const safeguards = compliantSafeguards(key, clock, people.map((p) => p.user), byKey('marcus.reid').user, COMPLIANT_DOMAIN);
  const { skus: safeguardSkus, ...safeguardParts } = safeguards;

  return {
    tenantId: COMPLIANT_PRACTICE_TENANT_ID,
    displayName: 'Harbour View Medical Practice',
    primaryDomain: COMPLIANT_DOMAIN,
    grantedPermissions: [...SCENARIO_PERMISSIONS, EXCHANGE_MANAGE_AS_APP],
    subscribedSkus: [businessPremium(15), ...exchangePart.skus, ...safeguardSkus],
    users: [...people.map((p) => p.user), ...exchangePart.users],
    groups,
    directoryRoleAssignments: [
      roleAssignment(ROLE_TEMPLATES.globalAdministrator, byKey('helen.price').user.id),
      roleAssignment(ROLE_TEMPLATES.globalAdministrator, byKey('marcus.reid').user.id),
      roleAssignment(ROLE_TEMPLATES.globalAdministrator, breakGlass.user.id),
    ],
    securityDefaults: { isEnabled: false },
    conditionalAccessPolicies: policies,
    activityBasedTimeoutPolicies: [idleTimeoutPolicy(key, '30 minutes', '00:30:00')],
    userRegistrationDetails: [...people.map((p) => p.registration), ...exchangePart.registrations],
    signIns: routineSignIns(key, clock, people, 7, applied, 1),
    managedDevices,
    intuneLicensed: true,
    devices,
    bitlockerRecoveryKeys: recoveryKeys,
    ...safeguardParts,
    exchange: { ...exchangePart.exchange, ...compliantForwarding(key, clock) },
  };
}

function group(tenantKey: string, groupKey: string, displayName: string, userKeys: string[], groupKeys: string[]): M365Group {
  return {
    id: deterministicGuid(tenantKey, 'group', groupKey),
    displayName,
    securityEnabled: true,
    mailEnabled: false,
    memberUserIds: userKeys.map((userKey) => deterministicGuid(tenantKey, 'user', userKey)),
    memberGroupIds: groupKeys.map((nested) => deterministicGuid(tenantKey, 'group', nested)),
  };
}

/** An unlicensed emergency-access (break-glass) account, with a FIDO2 key and an admin role. */
function breakGlassSpec(lastSignInDaysAgo: number): PersonSpec {
  return {
    key: 'breakglass',
    displayName: 'Emergency Access (break glass)',
    givenName: null,
    surname: null,
    alias: 'breakglass',
    jobTitle: null,
    department: null,
    licences: [],
    lastSignInDaysAgo,
    mfa: 'fido2',
    admin: true,
  };
}

/**
 * The two enforced policies a well-run tenant starts with, the break-glass account excluded:
 * "Require MFA for all users" and "Block legacy authentication"; with what each does to a sign-in.
 */
function mfaAndLegacyAuthPolicies(
  tenantKey: string,
  clock: ScenarioClock,
  breakGlassUserId: string,
  createdDaysAgo: number,
): { policies: ConditionalAccessPolicy[]; applied: AppliedConditionalAccessPolicy[] } {
  const mfaPolicyId = deterministicGuid(tenantKey, 'ca', 'require-mfa');
  const legacyPolicyId = deterministicGuid(tenantKey, 'ca', 'block-legacy');
  return {
    policies: [
      conditionalAccessPolicy({
        id: mfaPolicyId,
        displayName: 'Require MFA for all users',
        state: 'enabled',
        excludeUsers: [breakGlassUserId],
        grant: { operator: 'OR', controls: ['mfa'] },
        createdDateTime: clock.ago(createdDaysAgo),
      }),
      conditionalAccessPolicy({
        id: legacyPolicyId,
        displayName: 'Block legacy authentication',
        state: 'enabled',
        excludeUsers: [breakGlassUserId],
        clientAppTypes: ['exchangeActiveSync', 'other'],
        grant: { operator: 'OR', controls: ['block'] },
        createdDateTime: clock.ago(createdDaysAgo),
      }),
    ],
    applied: [
      { id: mfaPolicyId, displayName: 'Require MFA for all users', enforcedGrantControls: ['Mfa'], enforcedSessionControls: [], result: 'success' },
      { id: legacyPolicyId, displayName: 'Block legacy authentication', enforcedGrantControls: [], enforcedSessionControls: [], result: 'notApplied' },
    ],
  };
}

/** The organisation-wide activity-based timeout policy, one idle timeout (`hh:mm:ss`) for every web app. */
function idleTimeoutPolicy(tenantKey: string, label: string, timeout: string): ActivityBasedTimeoutPolicy {
  return {
    id: deterministicGuid(tenantKey, 'activity-timeout'),
    displayName: `Idle session timeout (${label})`,
    definition: [idleTimeoutDefinition(timeout)],
    isOrganizationDefault: true,
  };
}

// =============================================================================================
// Typical practice

const TYPICAL = 'typical-practice';
const TYPICAL_DOMAIN = 'riversidefamilyclinic.example';

/** Tenant id of {@link typicalPractice}. */
export const TYPICAL_PRACTICE_TENANT_ID = deterministicGuid(TYPICAL, 'tenant');

/** The accounts in {@link typicalPractice} that its usual failures are about. */
export const TYPICAL_PRACTICE_ACCOUNTS = {
  /** Shared by three receptionists: sign-ins from three devices and IP addresses in overlapping hours. */
  sharedFrontDesk: `frontdesk@${TYPICAL_DOMAIN}`,
  /** A check-in kiosk account used from one device only (matches the `reception` prefix, not shared). */
  receptionKiosk: `reception.kiosk@${TYPICAL_DOMAIN}`,
  /** Left 30 days ago (employeeLeaveDateTime), still enabled. */
  leaverWithLeaveDate: `paul.murphy@${TYPICAL_DOMAIN}`,
  /** Last successful sign-in 120 days ago, still enabled, no leave date. */
  leaverInactive: `rachel.adams@${TYPICAL_DOMAIN}`,
  /** Disabled after leaving, still holding a Business Premium licence. */
  disabledLicensed: `nathan.hughes@${TYPICAL_DOMAIN}`,
  /** Not registered for MFA. */
  notMfaRegistered: [`susan.park@${TYPICAL_DOMAIN}`, `ben.carter@${TYPICAL_DOMAIN}`],
  /** Global Administrators. */
  globalAdmins: [`michael.turner@${TYPICAL_DOMAIN}`, `karen.lee@${TYPICAL_DOMAIN}`],
  /** The Intune laptop that is not encrypted (its user's UPN is ahmed.karim@). */
  unencryptedDevice: 'RFC-LT-04',
  /** A Windows laptop joined to Entra ID that Intune does not manage and that escrowed no BitLocker key. */
  unmanagedJoinedDevice: 'RECEPTION-LAPTOP',
  /** A receptionist's own iPhone, only registered in Entra ID (personal, not managed). */
  personalRegisteredDevice: "Sofia's iPhone",
  /** A retired exam-room PC still joined to Entra ID, last signed in 160 days ago. */
  staleDevice: 'RFC-EXAM-OLD',
  /** A shared mailbox whose user object can sign in, is licensed and was signed in to yesterday. */
  sharedMailboxSignInEnabled: `frontdesk-inbox@${TYPICAL_DOMAIN}`,
} as const;

/**
 * A typical small practice with the usual gaps: 16 accounts; Business Premium (Entra ID P1,
 * Intune) plus a free Power Automate SKU (`FLOW_FREE`); security defaults off and only a
 * report-only MFA policy, no legacy-authentication block, no idle-session timeout; a `frontdesk@`
 * account shared by three receptionists (sign-ins in the last 7 days from three devices and IP
 * addresses in overlapping hours); two leavers still enabled (one with employeeLeaveDateTime 30
 * days ago, one last signed in 120 days ago); a disabled leaver still licensed; two users not
 * registered for MFA; one unencrypted Intune laptop; in Entra ID, a joined laptop Intune does not
 * manage and with no BitLocker key escrowed, a personal iPhone only registered, and a retired PC
 * not signed in for 160 days. See {@link TYPICAL_PRACTICE_ACCOUNTS}.
 *
 * In Exchange Online: a shared mailbox `frontdesk-inbox@` whose user object can sign in, holds an
 * Exchange Online (Plan 1) licence and was signed in to interactively yesterday; Office Message
 * Encryption available but no encryption rule; no DLP policy; unified audit logging on with no
 * retention policy and no Audit (Premium), so the 180-day default applies. The app is granted
 * Exchange.ManageAsApp and holds Global Reader.
 */
export function typicalPractice(options: ScenarioOptions = {}): M365TenantModel {
  const clock = new ScenarioClock(options.now ?? new Date());
  const key = TYPICAL;
  const specs: PersonSpec[] = [
    staff('michael.turner', 'Dr Michael Turner', 'michael.turner', 'Principal Physician', 'Clinical', { admin: true }),
    staff('susan.park', 'Dr Susan Park', 'susan.park', 'Physician', 'Clinical', { mfa: 'none' }),
    staff('ahmed.karim', 'Dr Ahmed Karim', 'ahmed.karim', 'Physician', 'Clinical', { lastSignInDaysAgo: 2 }),
    staff('jenny.walsh', 'Jenny Walsh', 'jenny.walsh', 'Registered Nurse', 'Clinical'),
    staff('chloe.martin', 'Chloe Martin', 'chloe.martin', 'Registered Nurse', 'Clinical', { lastSignInDaysAgo: 3 }),
    staff('paul.murphy', 'Paul Murphy', 'paul.murphy', 'Registered Nurse', 'Clinical', { leaveDaysAgo: 30, lastSignInDaysAgo: 31 }),
    staff('rachel.adams', 'Rachel Adams', 'rachel.adams', 'Medical Assistant', 'Clinical', { lastSignInDaysAgo: 120 }),
    staff('nathan.hughes', 'Nathan Hughes', 'nathan.hughes', 'Registered Nurse', 'Clinical', {
      enabled: false,
      leaveDaysAgo: 60,
      lastSignInDaysAgo: 61,
    }),
    staff('karen.lee', 'Karen Lee', 'karen.lee', 'Practice Manager', 'Management', { admin: true }),
    staff('olivia.grant', 'Olivia Grant', 'olivia.grant', 'Medical Secretary', 'Front Office'),
    staff('emma.scott', 'Emma Scott', 'emma.scott', 'Receptionist', 'Front Office'),
    staff('liam.brooks', 'Liam Brooks', 'liam.brooks', 'Receptionist', 'Front Office', { lastSignInDaysAgo: 2 }),
    staff('sofia.ramirez', 'Sofia Ramirez', 'sofia.ramirez', 'Receptionist', 'Front Office'),
    staff('ben.carter', 'Ben Carter', 'ben.carter', 'Billing Clerk', 'Management', { mfa: 'none', licences: [BUSINESS_PREMIUM_SKU_ID, flowFree().skuId] }),
    {
      key: 'frontdesk',
      displayName: 'Front Desk',
      givenName: null,
      surname: null,
      alias: 'frontdesk',
      jobTitle: null,
      department: 'Front Office',
      licences: [BUSINESS_PREMIUM_SKU_ID, flowFree().skuId],
      lastSignInDaysAgo: 1,
      // Registered once, on the desk phone, which everyone at the desk uses.
      mfa: 'phone',
    },
    {
      key: 'reception.kiosk',
      displayName: 'Reception Check-in Kiosk',
      givenName: null,
      surname: null,
      alias: 'reception.kiosk',
      jobTitle: null,
      department: 'Front Office',
      licences: [BUSINESS_PREMIUM_SKU_ID],
      lastSignInDaysAgo: 1,
      mfa: 'authenticator',
    },
    // The practice's outside billing consultant, invited as a guest to the shared billing files.
    staff('dana.whitfield', 'Dana Whitfield', 'dana.whitfield', 'Billing Consultant', 'External', {
      userType: 'Guest',
      externalEmail: 'dana@whitfieldbilling.example',
      licences: [],
      lastSignInDaysAgo: 5,
      mfa: 'authenticator',
    }),
  ];
  const people = specs.map((spec) => person(key, TYPICAL_DOMAIN, clock, spec));
  const byKey = (k: string): Person => people.find((p) => p.spec.key === k)!;
  const exchangePart = typicalExchange(key, TYPICAL_DOMAIN, clock);

  const reportOnlyMfaId = deterministicGuid(key, 'ca', 'mfa-report-only');
  const policies = [
    conditionalAccessPolicy({
      id: reportOnlyMfaId,
      displayName: 'Require MFA for all users',
      state: 'enabledForReportingButNotEnforced',
      excludeUsers: [],
      grant: { operator: 'OR', controls: ['mfa'] },
      createdDateTime: clock.ago(200),
    }),
  ];
  const applied = (): AppliedConditionalAccessPolicy[] => [
    { id: reportOnlyMfaId, displayName: 'Require MFA for all users', enforcedGrantControls: ['Mfa'], enforcedSessionControls: [], result: 'reportOnlyFailure' },
  ];

  const routine = people.filter((p) => !['frontdesk', 'reception.kiosk'].includes(p.spec.key));
  const signIns = routineSignIns(key, clock, routine, 7, applied, 1);
  let sequence = 1000;
  const frontDesk = byKey('frontdesk').user;
  // Three people, three machines, three networks, the same morning hours every day.
  const frontDeskOrigins: { origin: SignInOrigin; app: { appId: string; appDisplayName: string }; hour: number; minute: number; client: string }[] = [
    {
      origin: { ...OFFICE, deviceId: deterministicGuid(key, 'entra-device', 'rfc-desk-01'), deviceName: 'RFC-DESK-01', operatingSystem: 'Windows10', browser: 'Edge 131.0.0', managed: true },
      app: APPS.officeHome,
      hour: 8,
      minute: 2,
      client: 'Browser',
    },
    {
      origin: {
        ipAddress: '198.51.100.23',
        city: 'Beaverton',
        state: 'Oregon',
        latitude: 45.4871,
        longitude: -122.8037,
        deviceId: deterministicGuid(key, 'entra-device', 'reception-laptop'),
        deviceName: 'RECEPTION-LAPTOP',
        operatingSystem: 'Windows10',
        browser: 'Chrome 131.0.0',
        managed: false,
      },
      app: APPS.office,
      hour: 8,
      minute: 31,
      client: 'Mobile Apps and Desktop clients',
    },
    {
      origin: {
        ipAddress: '192.0.2.45',
        city: 'Portland',
        state: 'Oregon',
        latitude: 45.5231,
        longitude: -122.6765,
        deviceId: deterministicGuid(key, 'entra-device', 'personal-iphone'),
        deviceName: null,
        operatingSystem: 'Ios 18.1',
        browser: 'Mobile Safari 18.1',
        managed: false,
      },
      app: APPS.outlookMobile,
      hour: 9,
      minute: 15,
      client: 'Mobile Apps and Desktop clients',
    },
  ];
  for (const day of [1, 2, 3, 4, 5, 6, 10]) {
    for (const entry of frontDeskOrigins) {
      signIns.push(signInEvent(key, sequence++, frontDesk, clock.onDay(day, entry.hour, entry.minute), entry.app, entry.origin, applied(), entry.client));
    }
  }
  const kiosk = byKey('reception.kiosk').user;
  const kioskOrigin: SignInOrigin = {
    ...OFFICE,
    deviceId: deterministicGuid(key, 'entra-device', 'checkin-kiosk'),
    deviceName: 'RFC-KIOSK-01',
    operatingSystem: 'Windows10',
    browser: 'Edge 131.0.0',
    managed: true,
  };
  for (const day of [1, 2, 3, 4, 5, 6]) {
    signIns.push(signInEvent(key, sequence++, kiosk, clock.onDay(day, 7, 55), APPS.officeHome, kioskOrigin, applied()));
  }

  const device = (owner: string, spec: Parameters<typeof managedDevice>[3]) => managedDevice(key, clock, byKey(owner).user, spec);
  const windows = { operatingSystem: 'Windows' as const, osVersion: '10.0.22631.4460', owner: 'company' as const };
  const managedDevices = [
    device('frontdesk', { key: 'rfc-desk-01', deviceName: 'RFC-DESK-01', ...windows, manufacturer: 'HP', model: 'ProDesk 400 G9', isEncrypted: true, complianceState: 'compliant', lastSyncDaysAgo: 0 }),
    device('michael.turner', { key: 'rfc-lt-01', deviceName: 'RFC-LT-01', ...windows, manufacturer: 'Dell Inc.', model: 'Latitude 5440', isEncrypted: true, complianceState: 'compliant', lastSyncDaysAgo: 0 }),
    device('susan.park', { key: 'rfc-lt-02', deviceName: 'RFC-LT-02', ...windows, manufacturer: 'Dell Inc.', model: 'Latitude 5440', isEncrypted: true, complianceState: 'compliant', lastSyncDaysAgo: 1 }),
    device('jenny.walsh', { key: 'rfc-lt-03', deviceName: 'RFC-LT-03', ...windows, manufacturer: 'Dell Inc.', model: 'Latitude 5440', isEncrypted: true, complianceState: 'compliant', lastSyncDaysAgo: 2 }),
    device('ahmed.karim', { key: 'rfc-lt-04', deviceName: TYPICAL_PRACTICE_ACCOUNTS.unencryptedDevice, ...windows, osVersion: '10.0.19045.5131', manufacturer: 'Lenovo', model: 'ThinkPad E14', isEncrypted: false, complianceState: 'noncompliant', lastSyncDaysAgo: 4 }),
    device('karen.lee', { key: 'rfc-lt-05', deviceName: 'RFC-LT-05', ...windows, manufacturer: 'Microsoft Corporation', model: 'Surface Laptop 5', isEncrypted: true, complianceState: 'compliant', lastSyncDaysAgo: 0 }),
    device('karen.lee', { key: 'rfc-iphone-karen', deviceName: "Karen's iPhone", operatingSystem: 'iOS', osVersion: '18.1.1', manufacturer: 'Apple', model: 'iPhone 14', owner: 'personal', isEncrypted: true, complianceState: 'compliant', lastSyncDaysAgo: 0 }),
    device('reception.kiosk', { key: 'checkin-kiosk', deviceName: 'RFC-KIOSK-01', ...windows, manufacturer: 'Microsoft Corporation', model: 'Surface Pro 9', isEncrypted: true, complianceState: 'compliant', lastSyncDaysAgo: 0 }),
  ];
  // Entra ID holds more than Intune: a laptop joined at first start-up but never enrolled (the one
  // the front desk uses from home), a receptionist's own iPhone registered for Outlook, and a
  // retired exam-room PC nobody deleted. Its key is still escrowed; the unencrypted laptop has none.
  const notManaged = [
    entraDevice(key, clock, { key: 'reception-laptop', displayName: TYPICAL_PRACTICE_ACCOUNTS.unmanagedJoinedDevice, operatingSystem: 'Windows', operatingSystemVersion: '10.0.22631.4460', trustType: 'AzureAd', lastSignInDaysAgo: 1, registeredDaysAgo: 210, manufacturer: 'ASUS', model: 'Vivobook 15' }),
    entraDevice(key, clock, { key: 'personal-iphone', displayName: TYPICAL_PRACTICE_ACCOUNTS.personalRegisteredDevice, operatingSystem: 'iOS', operatingSystemVersion: '18.1', trustType: 'Workplace', lastSignInDaysAgo: 1, registeredDaysAgo: 300, manufacturer: 'Apple', model: 'iPhone 13' }),
    entraDevice(key, clock, { key: 'rfc-exam-old', displayName: TYPICAL_PRACTICE_ACCOUNTS.staleDevice, operatingSystem: 'Windows', operatingSystemVersion: '10.0.19045.3803', trustType: 'AzureAd', lastSignInDaysAgo: 160, registeredDaysAgo: 1500, manufacturer: 'HP', model: 'EliteDesk 800 G5' }),
  ];
  const devices: EntraDevice[] = [...managedDevices.map((managed) => entraDeviceOf(key, managed)), ...notManaged];
  const recoveryKeys: BitlockerRecoveryKey[] = [
    ...managedDevices
      .filter((managed) => managed.operatingSystem === 'Windows' && managed.isEncrypted)
      .map((managed) => bitlockerKey(key, clock, managed.azureADDeviceId, 'operatingSystemVolume', 365)),
    // The front desk PC's second drive (scanned documents) is encrypted too.
    bitlockerKey(key, clock, managedDevices[0]!.azureADDeviceId, 'fixedDataVolume', 300),
    bitlockerKey(key, clock, notManaged[2]!.deviceId, 'operatingSystemVolume', 1400),
  ];

  return {
    tenantId: TYPICAL_PRACTICE_TENANT_ID,
    displayName: 'Riverside Family Clinic',
    primaryDomain: TYPICAL_DOMAIN,
    grantedPermissions: [...SCENARIO_PERMISSIONS, EXCHANGE_MANAGE_AS_APP],
    subscribedSkus: [businessPremium(16), flowFree(), ...exchangePart.skus],
    users: [...people.map((p) => p.user), ...exchangePart.users],
    groups: [
      group(key, 'all-staff', 'All Staff', [], ['clinical', 'front-office', 'management']),
      group(key, 'clinical', 'Clinical Staff', ['michael.turner', 'susan.park', 'ahmed.karim', 'jenny.walsh', 'chloe.martin', 'paul.murphy', 'rachel.adams', 'nathan.hughes'], []),
      group(key, 'front-office', 'Reception Team', ['olivia.grant', 'emma.scott', 'liam.brooks', 'sofia.ramirez', 'frontdesk', 'reception.kiosk'], []),
      group(key, 'management', 'Management', ['karen.lee', 'ben.carter'], []),
    ],
    directoryRoleAssignments: [
      roleAssignment(ROLE_TEMPLATES.globalAdministrator, byKey('michael.turner').user.id),
      roleAssignment(ROLE_TEMPLATES.globalAdministrator, byKey('karen.lee').user.id),
    ],
    securityDefaults: { isEnabled: false },
    conditionalAccessPolicies: policies,
    activityBasedTimeoutPolicies: [],
    userRegistrationDetails: [...people.map((p) => p.registration), ...exchangePart.registrations],
    signIns,
    managedDevices,
    intuneLicensed: true,
    devices,
    bitlockerRecoveryKeys: recoveryKeys,
    ...typicalSafeguards(key, clock),
    exchange: { ...exchangePart.exchange, ...typicalForwarding(key, clock, byKey('ben.carter').user.userPrincipalName) },
  };
}

// =============================================================================================
// Large tenant

const LARGE = 'large-tenant';
const LARGE_DOMAIN = 'metrohealthpartners.example';
const FIRST_NAMES = ['Alex', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Jamie', 'Avery', 'Quinn', 'Parker', 'Rowan', 'Sam', 'Drew', 'Reese', 'Skyler', 'Hayden'];
const LAST_NAMES = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Lee', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Lopez', 'Hill'];
const DEPARTMENTS = ['Cardiology', 'Pediatrics', 'Radiology', 'Oncology', 'Orthopedics', 'Emergency', 'Pharmacy', 'Laboratory', 'Administration', 'Billing'];

/** Tenant id of {@link largeTenant}. */
export const LARGE_TENANT_ID = deterministicGuid(LARGE, 'tenant');

/**
 * A tenant of `n` users (plus a break-glass account) for paging, batching and benchmarks: 60% on
 * Business Premium, 30% on Business Standard, 10% unlicensed; 2% disabled (half of them still
 * licensed); 1% leavers still enabled; 3% inactive for over 100 days; 95% registered for MFA;
 * enforced MFA and legacy-authentication Conditional Access, a one-hour idle timeout; four Global
 * Administrators and some Security Administrators; an Intune device for every other user (every
 * 25th unencrypted), each joined to Entra ID with its BitLocker key escrowed when encrypted; a
 * hybrid-joined ward desktop outside Intune for one user in 20 (one in three of those without an
 * escrowed key, and stale where its user is inactive) and a registered personal iPhone for another
 * one in 20; one sign-in per active user in the last week; department groups nested under "All Users". Builds 10,000 users in a few tens of milliseconds.
 *
 * In Exchange Online: `5 + n/1000` shared mailboxes (their disabled user objects come after the
 * break-glass account in `users`), the HIPAA DLP policy, one encryption rule, unified audit logging
 * on. A client reads shared mailboxes in one call however large `n` is.
 */
export function largeTenant(n: number, options: ScenarioOptions & { tenantKey?: string; displayName?: string } = {}): M365TenantModel {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`largeTenant needs a positive whole number of users, not ${n}`);
  const clock = new ScenarioClock(options.now ?? new Date());
  // Another key gives another tenant (ids, domain, name) with the same shape: fleets for sweeps.
  const key = options.tenantKey ?? LARGE;
  const domain = options.tenantKey ? `${options.tenantKey}.example` : LARGE_DOMAIN;
  const premium = businessPremium(Math.ceil(n * 0.65));
  const standard = businessStandard(Math.ceil(n * 0.35));
  const people: Person[] = [];
  for (let i = 0; i < n; i++) {
    const first = FIRST_NAMES[i % FIRST_NAMES.length] ?? 'Alex';
    const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length] ?? 'Smith';
    const bucket = i % 10;
    const disabled = i % 50 === 7;
    people.push(
      person(key, domain, clock, {
        key: `user-${i}`,
        displayName: `${first} ${last}`,
        givenName: first,
        surname: last,
        alias: `${first}.${last}.${i}`.toLowerCase(),
        jobTitle: 'Staff',
        department: DEPARTMENTS[i % DEPARTMENTS.length] ?? null,
        enabled: !disabled,
        licences: disabled && i % 100 !== 7 ? [] : bucket < 6 ? [premium.skuId] : bucket < 9 ? [standard.skuId] : [],
        lastSignInDaysAgo: disabled ? 90 : i % 33 === 5 ? 100 + (i % 60) : 1 + (i % 6),
        ...(i % 100 === 13 ? { leaveDaysAgo: 10 + (i % 20) } : {}),
        mfa: i % 20 === 3 ? 'none' : 'authenticator',
        createdDaysAgo: 30 + (i % 1000),
      }),
    );
  }
  const breakGlass = person(key, domain, clock, breakGlassSpec(20));
  const admins = people.slice(0, Math.min(4, n));
  const securityAdmins = people.filter((_, i) => i % 997 === 500);
  for (const admin of [...admins, ...securityAdmins]) admin.registration.isAdmin = true;

  const { policies, applied } = mfaAndLegacyAuthPolicies(key, clock, breakGlass.user.id, 700);

  const signIns: SignInEvent[] = [];
  const devices = [];
  const entraDevices: EntraDevice[] = [];
  const recoveryKeys: BitlockerRecoveryKey[] = [];
  for (let i = 0; i < people.length; i++) {
    const member = people[i]!;
    const lastSignIn = member.spec.lastSignInDaysAgo;
    if (member.user.accountEnabled && lastSignIn !== null && lastSignIn <= 7) {
      signIns.push(
        signInEvent(key, i, member.user, clock.onDay(Math.max(1, lastSignIn), 7 + (i % 10), i % 60), APPS.officeHome, {
          ...OFFICE,
          ipAddress: `203.0.113.${(i % 200) + 20}`,
          deviceId: deterministicGuid(key, 'entra-device', `user-${i}`),
          deviceName: `MHP-${String(i).padStart(5, '0')}`,
          operatingSystem: 'Windows10',
          browser: 'Edge 131.0.0',
          managed: i % 2 === 0,
        }, applied),
      );
    }
    if (i % 2 === 0) {
      const managed = managedDevice(key, clock, member.user, {
        key: `user-${i}`,
        deviceName: `MHP-${String(i).padStart(5, '0')}`,
        operatingSystem: 'Windows',
        osVersion: '10.0.22631.4460',
        manufacturer: 'Dell Inc.',
        model: 'Latitude 7450',
        isEncrypted: i % 25 !== 0,
        complianceState: i % 25 !== 0 ? 'compliant' : 'noncompliant',
        lastSyncDaysAgo: i % 5,
        owner: 'company',
      });
      devices.push(managed);
      entraDevices.push(entraDeviceOf(key, managed));
      if (managed.isEncrypted) recoveryKeys.push(bitlockerKey(key, clock, managed.azureADDeviceId, 'operatingSystemVolume', 200 + (i % 300)));
    }
    if (i % 20 === 5) {
      // Ward desktops still joined to the on-premises domain (hybrid joined), outside Intune; most escrowed their key.
      const desktop = entraDevice(key, clock, {
        key: `ward-${i}`,
        displayName: `MHP-WARD-${String(i).padStart(5, '0')}`,
        operatingSystem: 'Windows',
        operatingSystemVersion: '10.0.19045.5131',
        trustType: 'ServerAd',
        lastSignInDaysAgo: member.spec.lastSignInDaysAgo,
        manufacturer: 'HP',
        model: 'EliteDesk 800 G6',
      });
      entraDevices.push(desktop);
      if (i % 60 !== 5) recoveryKeys.push(bitlockerKey(key, clock, desktop.deviceId, 'operatingSystemVolume', 600));
    }
    if (i % 20 === 10) {
      entraDevices.push(
        entraDevice(key, clock, { key: `phone-${i}`, displayName: `${member.spec.givenName ?? 'Staff'}'s iPhone`, operatingSystem: 'iOS', operatingSystemVersion: '18.1', trustType: 'Workplace', lastSignInDaysAgo: 2, manufacturer: 'Apple', model: 'iPhone 15' }),
      );
    }
  }

  const allPeople = [...people, breakGlass];
  const exchangePart = largeExchange(key, domain, clock, n);
  const departmentGroups: M365Group[] = DEPARTMENTS.map((department, d) => ({
    id: deterministicGuid(key, 'group', department),
    displayName: department,
    securityEnabled: true,
    mailEnabled: false,
    memberUserIds: people.filter((_, i) => i % DEPARTMENTS.length === d).map((p) => p.user.id),
    memberGroupIds: [],
  }));
  return {
    tenantId: options.tenantKey ? deterministicGuid(key, 'tenant') : LARGE_TENANT_ID,
    displayName: options.displayName ?? 'Metro Health Partners',
    primaryDomain: domain,
    grantedPermissions: [...SCENARIO_PERMISSIONS, EXCHANGE_MANAGE_AS_APP],
    subscribedSkus: [premium, standard],
    users: [...allPeople.map((p) => p.user), ...exchangePart.users],
    groups: [
      {
        id: deterministicGuid(key, 'group', 'all-users'),
        displayName: 'All Users',
        securityEnabled: true,
        mailEnabled: false,
        memberUserIds: [breakGlass.user.id],
        memberGroupIds: departmentGroups.map((g) => g.id),
      },
      ...departmentGroups,
    ],
    directoryRoleAssignments: [
      ...admins.map((admin) => roleAssignment(ROLE_TEMPLATES.globalAdministrator, admin.user.id)),
      roleAssignment(ROLE_TEMPLATES.globalAdministrator, breakGlass.user.id),
      ...securityAdmins.map((admin) => roleAssignment(ROLE_TEMPLATES.securityAdministrator, admin.user.id)),
    ],
    securityDefaults: { isEnabled: false },
    conditionalAccessPolicies: policies,
    activityBasedTimeoutPolicies: [idleTimeoutPolicy(key, '1 hour', '01:00:00')],
    userRegistrationDetails: [...allPeople.map((p) => p.registration), ...exchangePart.registrations],
    signIns,
    managedDevices: devices,
    intuneLicensed: true,
    devices: entraDevices,
    bitlockerRecoveryKeys: recoveryKeys,
    exchange: exchangePart.exchange,
  };
}

/**
 * A fleet of distinct tenants for MSP sweeps and benchmarks: `count` tenants of the large-tenant
 * shape, each with its own ids, domain and name, and sizes spread from `minUsers` to `maxUsers`
 * (deterministic, so two fleets built alike are alike).
 */
export function practiceFleet(count: number, options: ScenarioOptions & { minUsers?: number; maxUsers?: number } = {}): M365TenantModel[] {
  return [...practiceFleetModels(count, options)];
}

/** {@link practiceFleet} one tenant at a time, so a caller can keep only what it needs of each. */
export function* practiceFleetModels(count: number, options: ScenarioOptions & { minUsers?: number; maxUsers?: number } = {}): Generator<M365TenantModel> {
  const min = options.minUsers ?? 10;
  const max = options.maxUsers ?? 500;
  for (let index = 0; index < count; index += 1) {
    const users = count === 1 ? min : Math.round(min + ((max - min) * ((index * 7919) % count)) / (count - 1));
    const number = String(index + 1).padStart(4, '0');
    yield largeTenant(users, { ...(options.now ? { now: options.now } : {}), tenantKey: `clinic-${number}`, displayName: `Clinic ${number}` });
  }
}
