/**
 * Building blocks for the Exchange Online side of the named scenarios: real sensitive information
 * type ids, the Microsoft 365 E5 Compliance SKU with its Audit (Premium) service plan, shared
 * mailboxes with their Entra user objects, and the HIPAA DLP policy a practice makes from
 * Microsoft's template.
 */
import { deterministicGuid } from '../guid.js';
import type { IsoDateTime, M365SubscribedSku } from '../model.js';
import { person, servicePlan, subscribedSku, type Person, type PersonSpec, type ScenarioClock } from '../scenario-kit.js';
import type {
  DlpCompliancePolicy,
  DlpComplianceRule,
  ExchangeMailbox,
  ExchangeOnlineModel,
  SensitiveInformationTypeMatch,
} from './model.js';

/**
 * Sensitive information types of Microsoft's HIPAA templates, with the entity ids Microsoft's
 * entity-definition pages show (`<Entity id="...">`). All Medical Terms And Conditions' id is from a
 * third-party SIT catalogue (not confirmed on a Microsoft page).
 */
export const SENSITIVE_INFORMATION_TYPES = {
  usSsn: { name: 'U.S. Social Security Number (SSN)', id: 'a44669fe-0d48-453d-a9b1-2cc83f2cba77' },
  deaNumber: { name: 'Drug Enforcement Agency (DEA) Number', id: '9a5445ad-406e-43eb-8bd7-cac17ab6d0e4' },
  icd9: { name: 'International Classification of Diseases (ICD-9-CM)', id: 'fa3f9c74-ee07-4c52-b5f2-085d6b2c0ec4' },
  icd10: { name: 'International Classification of Diseases (ICD-10-CM)', id: '3356946c-6bb7-449b-b253-6ffa419c0ce7' },
  medicalTerms: { name: 'All Medical Terms And Conditions', id: '065bdd91-ef07-40d3-b8a4-0aea722eaa49' },
} as const;

/** A sensitive information type to look for, `minCount` or more times at `confidenceLevel`. */
export function sit(
  type: { name: string; id: string },
  minCount: number,
  maxCount = -1,
  confidenceLevel: SensitiveInformationTypeMatch['confidenceLevel'] = 'Medium',
): SensitiveInformationTypeMatch {
  return { name: type.name, id: type.id, minCount, maxCount, confidenceLevel };
}

// ---------------------------------------------------------------------------------------------
// Licences

/** Microsoft 365 E5 Compliance (`INFORMATION_PROTECTION_COMPLIANCE`), the add-on that brings Audit (Premium). */
export const E5_COMPLIANCE_SKU_ID = '184efa21-98c3-4e5d-95ab-d07053a96e67';

/** The Audit (Premium) service plan: with it, audit records can be kept longer than 180 days. */
export const ADVANCED_AUDITING_PLAN = servicePlan('M365_ADVANCED_AUDITING', '2f442157-a11c-46b9-ae5b-6e39ff4e5849');

/**
 * Microsoft 365 E5 Compliance. Plan ids as a real tenant's subscribedSkus lists them (the ScubaGear
 * licence sample in the shared reference); the set of plans is a subset of the SKU's.
 */
export function e5Compliance(prepaid: number): M365SubscribedSku {
  return subscribedSku(E5_COMPLIANCE_SKU_ID, 'INFORMATION_PROTECTION_COMPLIANCE', prepaid, [
    ADVANCED_AUDITING_PLAN,
    servicePlan('M365_AUDIT_PLATFORM', 'f6de4823-28fa-440b-b886-4783fa86ddba'),
    servicePlan('MIP_S_CLP1', '5136a095-5cf0-4aff-bec3-e84448b38ea5'),
    servicePlan('MIP_S_CLP2', 'efb0351d-3b08-4503-993d-383af8de41e3'),
    servicePlan('ML_CLASSIFICATION', 'd2d51368-76c9-4317-ada2-a12c004c432f'),
    servicePlan('RECORDS_MANAGEMENT', '65cc641f-cccd-4643-97e0-a17e3045e541'),
    servicePlan('INFO_GOVERNANCE', 'e26c2fcc-ab91-4a61-b35c-03cdc8dddf66'),
    servicePlan('INSIDER_RISK', 'd587c7a3-bda9-4f99-8776-9bcf59c84f75'),
    servicePlan('INSIDER_RISK_MANAGEMENT', '9d0c4ee5-e4a1-4625-ab39-d82b619b1a34'),
    servicePlan('MICROSOFT_COMMUNICATION_COMPLIANCE', 'a413a9ff-720c-4822-98ef-2f37c2a21f4c'),
    servicePlan('COMMUNICATIONS_DLP', '6dc145d6-95dd-4191-b9c3-185575ee6f6b'),
    servicePlan('MICROSOFTENDPOINTDLP', '64bfac92-2b17-4482-b5e5-a0304429de3e'),
    servicePlan('INFORMATION_BARRIERS', 'c4801e8a-cb58-4c35-aca6-f2dcc106f287'),
    servicePlan('CUSTOMER_KEY', '6db1f1db-2b46-403f-be40-e39395f08dbb'),
    servicePlan('PREMIUM_ENCRYPTION', '617b097b-4b93-4ede-83de-5f075bb5fb2f'),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Mailboxes

/** The facts a scenario states about a shared mailbox. */
export interface SharedMailboxSpec {
  /** Stable key, the source of the user id. */
  key: string;
  displayName: string;
  /** Local part of the address, e.g. `'info'`. */
  alias: string;
  /**
   * Whether the mailbox's user object can sign in. Exchange creates shared mailboxes with sign-in
   * blocked (`accountEnabled: false`); a practice that logs in to one has turned it back on.
   */
  signInEnabled?: boolean;
  licences?: string[];
  /** Days since the last interactive sign-in; `null` (default) for never. */
  lastSignInDaysAgo?: number | null;
  mfa?: PersonSpec['mfa'];
  department?: string | null;
  createdDaysAgo?: number;
}

/** A shared mailbox: its Entra user object, its registration-report entry and its Exchange mailbox. */
export interface SharedMailbox extends Person {
  mailbox: ExchangeMailbox;
}

/** A shared mailbox with its user object, as Exchange creates them (a user whose `mail` is the address). */
export function sharedMailbox(tenantKey: string, domain: string, clock: ScenarioClock, spec: SharedMailboxSpec): SharedMailbox {
  const created = spec.createdDaysAgo ?? 700;
  const member = person(tenantKey, domain, clock, {
    key: spec.key,
    displayName: spec.displayName,
    givenName: null,
    surname: null,
    alias: spec.alias,
    jobTitle: null,
    department: spec.department ?? null,
    enabled: spec.signInEnabled ?? false,
    licences: spec.licences ?? [],
    lastSignInDaysAgo: spec.lastSignInDaysAgo ?? null,
    mfa: spec.mfa ?? 'none',
    createdDaysAgo: created,
  });
  // A shared mailbox's user object carries the address whether or not it has a licence.
  member.user.mail = member.user.userPrincipalName;
  const mailbox: ExchangeMailbox = {
    ExternalDirectoryObjectId: member.user.id,
    RecipientTypeDetails: 'SharedMailbox',
    ExchangeGuid: deterministicGuid(tenantKey, 'exchange-guid', spec.key),
    Guid: deterministicGuid(tenantKey, 'mailbox-object', spec.key),
    Alias: spec.alias,
    WhenMailboxCreated: clock.ago(created),
  };
  return { ...member, mailbox };
}

/** The Discovery Search Mailbox every Exchange Online organisation has (`ExternalDirectoryObjectId` ''). */
export function discoveryMailbox(tenantKey: string, initialDomain: string, created: IsoDateTime): ExchangeMailbox {
  const alias = 'DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-7E09334BB852}';
  return {
    ExternalDirectoryObjectId: '',
    RecipientTypeDetails: 'DiscoveryMailbox',
    ExchangeGuid: deterministicGuid(tenantKey, 'exchange-guid', 'discovery'),
    Guid: deterministicGuid(tenantKey, 'mailbox-object', 'discovery'),
    Alias: alias,
    UserPrincipalName: `${alias}@${initialDomain}`,
    PrimarySmtpAddress: `${alias}@${initialDomain}`,
    DisplayName: 'Discovery Search Mailbox',
    AccountDisabled: true,
    IsDirSynced: false,
    HiddenFromAddressListsEnabled: true,
    AuditEnabled: false,
    WhenMailboxCreated: created,
  };
}

// ---------------------------------------------------------------------------------------------
// DLP

/** The name Microsoft's "U.S. Health Insurance Act (HIPAA) Enhanced" template gives a new policy. */
export const HIPAA_POLICY_NAME = 'U.S. Health Insurance Act (HIPAA) Enhanced';

/** Every location of a DLP policy. */
export const ALL_LOCATIONS = ['All'];

/**
 * A DLP policy made from the HIPAA template, enforced in Exchange, SharePoint, OneDrive and Teams,
 * with the template's two rules ("Low volume of content detected ..." notifying, "High volume of
 * content detected ..." blocking and reporting), both for content shared outside the organisation.
 */
export function hipaaDlpPolicy(
  tenantKey: string,
  clock: ScenarioClock,
  options: { createdBy: string; mode?: DlpCompliancePolicy['Mode']; createdDaysAgo?: number } = { createdBy: 'Practice Administrator' },
): { policy: DlpCompliancePolicy; rules: DlpComplianceRule[] } {
  const created = options.createdDaysAgo ?? 300;
  const types = SENSITIVE_INFORMATION_TYPES;
  const detect = (count: number, max: number) => [
    sit(types.usSsn, count, max),
    sit(types.deaNumber, count, max, 'High'),
    sit(types.icd9, count, max),
    sit(types.icd10, count, max),
    sit(types.medicalTerms, count, max),
  ];
  const policy: DlpCompliancePolicy = {
    Name: HIPAA_POLICY_NAME,
    Guid: deterministicGuid(tenantKey, 'dlp-policy', 'hipaa'),
    Priority: 0,
    Mode: options.mode ?? 'Enable',
    Enabled: true,
    ExchangeLocation: ALL_LOCATIONS,
    SharePointLocation: ALL_LOCATIONS,
    OneDriveLocation: ALL_LOCATIONS,
    TeamsLocation: ALL_LOCATIONS,
    Comment: 'Helps detect the presence of information subject to the United States Health Insurance Portability and Accountability Act (HIPAA).',
    CreatedBy: options.createdBy,
    WhenCreated: clock.ago(created),
    WhenChanged: clock.ago(created - 1),
    createdFromTemplate: true,
  };
  const rule = (volume: 'Low' | 'High', priority: number, matches: SensitiveInformationTypeMatch[], block: boolean): DlpComplianceRule => ({
    Name: `${volume} volume of content detected ${HIPAA_POLICY_NAME}`,
    Guid: deterministicGuid(tenantKey, 'dlp-rule', volume),
    ImmutableId: deterministicGuid(tenantKey, 'dlp-rule-immutable', volume),
    ParentPolicyName: HIPAA_POLICY_NAME,
    Priority: priority,
    Disabled: false,
    Mode: 'Enforce',
    ContentContainsSensitiveInformation: matches,
    conditionFormat: 'template',
    AccessScope: 'NotInOrganization',
    BlockAccess: block,
    BlockAccessScope: block ? 'All' : null,
    NotifyUser: ['SiteAdmin', 'LastModifier', 'Owner'],
    GenerateIncidentReport: block ? ['SiteAdmin'] : [],
    GenerateAlert: ['true'],
    EncryptRMSTemplate: null,
    ReportSeverityLevel: block ? 'High' : 'Low',
    CreatedBy: options.createdBy,
    WhenChanged: clock.ago(created - 1),
  });
  return { policy, rules: [rule('Low', 0, detect(1, 9), false), rule('High', 1, detect(10, -1), true)] };
}

// ---------------------------------------------------------------------------------------------
// Organisation

/** The parts of an Exchange model every scenario has; the scenario states the rest. */
export function exchangeOrganisation(
  tenantKey: string,
  clock: ScenarioClock,
  facts: Pick<ExchangeOnlineModel, 'initialDomain' | 'appDirectoryRoles'> & { displayName: string },
): Pick<ExchangeOnlineModel, 'initialDomain' | 'appDirectoryRoles' | 'complianceEndpoint' | 'organizationConfig'> & { discovery: ExchangeMailbox } {
  return {
    initialDomain: facts.initialDomain,
    appDirectoryRoles: facts.appDirectoryRoles,
    complianceEndpoint: 'available',
    organizationConfig: {
      DisplayName: facts.displayName,
      AuditDisabled: false,
      CustomerLockboxEnabled: false,
      ActivityBasedAuthenticationTimeoutEnabled: true,
      ActivityBasedAuthenticationTimeoutInterval: '06:00:00',
      WhenChanged: clock.ago(200),
    },
    discovery: discoveryMailbox(tenantKey, facts.initialDomain, clock.ago(900)),
  };
}
