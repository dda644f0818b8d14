/**
 * The Exchange Online and Security & Compliance side of the named scenarios (see ../scenarios.ts):
 * shared mailboxes with their Entra user objects, mail-flow encryption, DLP, audit logging and
 * audit retention.
 */
import { deterministicGuid } from '../guid.js';
import type { M365SubscribedSku, M365User, UserRegistrationDetails } from '../model.js';
import { EXCHANGE_S_STANDARD, subscribedSku, type ScenarioClock } from '../scenario-kit.js';
import { EXCHANGE_ROLE_TEMPLATES, type ExchangeOnlineModel, type ExchangeTransportRule } from './model.js';
import { E5_COMPLIANCE_SKU_ID, e5Compliance, exchangeOrganisation, hipaaDlpPolicy, sharedMailbox, type SharedMailbox } from './scenario-kit.js';

/** The application permission the Exchange Online admin API needs ("Office 365 Exchange Online"). */
export const EXCHANGE_MANAGE_AS_APP = 'Exchange.ManageAsApp';

/** What a scenario adds to its tenant for Exchange Online. */
export interface ExchangeScenarioPart {
  exchange: ExchangeOnlineModel;
  /** The shared mailboxes' user objects, to append to `users`. */
  users: M365User[];
  /** Their registration-report entries, to append to `userRegistrationDetails`. */
  registrations: UserRegistrationDetails[];
  /** Subscriptions to append to `subscribedSkus`. */
  skus: M365SubscribedSku[];
}

/** A rule that tags mail from outside, as the ScubaGear sample tenant has: not an encryption rule. */
function externalTagRule(tenantKey: string, clock: ScenarioClock, priority: number, createdBy: string): ExchangeTransportRule {
  return {
    Name: 'Tag mail from outside the practice',
    Guid: deterministicGuid(tenantKey, 'transport-rule', 'external-tag'),
    Priority: priority,
    State: 'Enabled',
    Mode: 'Enforce',
    CreatedBy: createdBy,
    WhenChanged: clock.ago(500),
    FromScope: 'NotInOrganization',
    PrependSubject: '[External] ',
  };
}

/** What a scenario states about its Exchange organisation beyond what every organisation has. */
type ExchangeSettings = Omit<ExchangeOnlineModel, 'initialDomain' | 'appDirectoryRoles' | 'complianceEndpoint' | 'organizationConfig' | 'mailboxes'>;

/**
 * A scenario's Exchange part: the organisation (the app holding Global Reader), its shared
 * mailboxes (then the discovery mailbox) with their user objects, the scenario's settings and SKUs.
 */
function exchangePart(
  tenantKey: string,
  clock: ScenarioClock,
  organisation: { initialDomain: string; displayName: string },
  shared: SharedMailbox[],
  settings: ExchangeSettings,
  skus: M365SubscribedSku[],
): ExchangeScenarioPart {
  const org = exchangeOrganisation(tenantKey, clock, {
    initialDomain: organisation.initialDomain,
    appDirectoryRoles: [EXCHANGE_ROLE_TEMPLATES.globalReader],
    displayName: organisation.displayName,
  });
  const exchange: ExchangeOnlineModel = {
    initialDomain: org.initialDomain,
    appDirectoryRoles: org.appDirectoryRoles,
    complianceEndpoint: org.complianceEndpoint,
    organizationConfig: org.organizationConfig,
    mailboxes: [...shared.map((member) => member.mailbox), org.discovery],
    ...settings,
  };
  return { exchange, users: shared.map((member) => member.user), registrations: shared.map((member) => member.registration), skus };
}

/** Unified audit logging and mailbox auditing on since `optInDaysAgo`. */
function auditLoggingOn(clock: ScenarioClock, optInDaysAgo: number, changedDaysAgo: number): ExchangeSettings['adminAuditLogConfig'] {
  return { UnifiedAuditLogIngestionEnabled: true, AdminAuditLogEnabled: true, UnifiedAuditLogFirstOptInDate: clock.ago(optInDaysAgo), WhenChanged: clock.ago(changedDaysAgo) };
}

/**
 * An enforced rule encrypting every message to outside the organisation ("Define mail flow rules to
 * encrypt email messages": recipient outside the organisation, no other condition).
 */
function encryptAllOutboundRule(tenantKey: string, clock: ScenarioClock, rule: { createdBy: string; changedDaysAgo: number; comments?: string }): ExchangeTransportRule {
  return {
    Name: 'Encrypt all mail sent outside the practice',
    Guid: deterministicGuid(tenantKey, 'transport-rule', 'encrypt-outbound'),
    Priority: 0,
    State: 'Enabled',
    Mode: 'Enforce',
    ...(rule.comments === undefined ? {} : { Comments: rule.comments }),
    CreatedBy: rule.createdBy,
    WhenChanged: clock.ago(rule.changedDaysAgo),
    SentToScope: 'NotInOrganization',
    ApplyRightsProtectionTemplate: 'Encrypt',
  };
}

// =============================================================================================
// Compliant practice

/**
 * The compliant practice in Exchange Online: shared mailboxes `info@` and `billing-inbox@` with
 * sign-in blocked; Office Message Encryption on with an enforced rule encrypting every message sent
 * outside the practice; no outbound connector; the HIPAA Enhanced DLP
 * policy enforced in Exchange, SharePoint, OneDrive and Teams; unified audit logging on, mailbox
 * auditing on; a ten-year audit retention policy and Microsoft 365 E5 Compliance (Audit Premium)
 * for every staff member. The app holds Global Reader.
 */
export function compliantExchange(tenantKey: string, domain: string, clock: ScenarioClock): ExchangeScenarioPart {
  const shared = [
    sharedMailbox(tenantKey, domain, clock, { key: 'shared-info', displayName: 'Info', alias: 'info', department: 'Front Office', createdDaysAgo: 800 }),
    sharedMailbox(tenantKey, domain, clock, { key: 'shared-billing-inbox', displayName: 'Billing Inbox', alias: 'billing-inbox', department: 'Management', createdDaysAgo: 600 }),
  ];
  const admin = 'Marcus Reid';
  const encryptionRules: ExchangeTransportRule[] = [
    encryptAllOutboundRule(tenantKey, clock, {
      createdBy: admin,
      changedDaysAgo: 410,
      comments: 'Every message to outside the practice is encrypted with Office Message Encryption.',
    }),
  ];
  const dlp = hipaaDlpPolicy(tenantKey, clock, { createdBy: admin, createdDaysAgo: 380 });
  const organisation = { initialDomain: 'harbourviewmedical.onmicrosoft.com', displayName: 'Harbour View Medical Practice' };
  const settings: ExchangeSettings = {
    adminAuditLogConfig: auditLoggingOn(clock, 850, 420),
    irmConfiguration: {
      AzureRMSLicensingEnabled: true,
      InternalLicensingEnabled: true,
      ExternalLicensingEnabled: true,
      SimplifiedClientAccessEnabled: true,
      EnablePdfEncryption: true,
      TransportDecryptionSetting: 'Mandatory',
      WhenChanged: clock.ago(420),
    },
    transportRules: [...encryptionRules, externalTagRule(tenantKey, clock, 1, admin)],
    outboundConnectors: [],
    dlpCompliancePolicies: [dlp.policy],
    dlpComplianceRules: dlp.rules,
    unifiedAuditLogRetentionPolicies: [
      {
        // As the Purview portal creates it: record types chosen, Users left empty (everyone).
        Name: 'Keep audit records for ten years',
        Guid: deterministicGuid(tenantKey, 'audit-retention', 'ten-years'),
        Description: 'HIPAA documentation is kept six years; mailbox, file, sharing and sign-in records are kept ten.',
        RecordTypes: ['ExchangeItem', 'ExchangeItemGroup', 'SharePointFileOperation', 'SharePointSharingOperation', 'AzureActiveDirectoryStsLogon'],
        Operations: [],
        UserIds: [],
        RetentionDuration: 'TenYears',
        Priority: 1,
        Enabled: true,
        CreatedBy: admin,
        WhenCreated: clock.ago(370),
        WhenChanged: clock.ago(370),
      },
    ],
  };
  return exchangePart(tenantKey, clock, organisation, shared, settings, [e5Compliance(15)]);
}

/** Adds Microsoft 365 E5 Compliance to each of these users (Audit Premium is licensed per user). */
export function assignE5Compliance(users: readonly M365User[]): void {
  for (const user of users) user.assignedLicenses.push({ skuId: E5_COMPLIANCE_SKU_ID, disabledPlans: [] });
}

// =============================================================================================
// Typical practice

/** Exchange Online (Plan 1), which the typical practice bought for its front-desk inbox. */
export const EXCHANGE_ONLINE_PLAN_1_SKU_ID = '4b9405b0-7788-4568-add1-99614e613b69';

function exchangeOnlinePlan1(prepaid: number): M365SubscribedSku {
  return subscribedSku(EXCHANGE_ONLINE_PLAN_1_SKU_ID, 'EXCHANGESTANDARD', prepaid, [EXCHANGE_S_STANDARD]);
}

/**
 * The typical practice in Exchange Online: a shared mailbox `frontdesk-inbox@` whose user object can
 * sign in, holds a licence and was signed in to interactively yesterday (the front desk logs in to
 * it); Office Message Encryption available, and a rule that encrypts only when the sender types
 * "[secure]" in the subject (on-demand encryption); no DLP policy; unified audit
 * logging on but no retention policy and no Audit (Premium), so records are kept the 180-day
 * default. The app holds Global Reader.
 */
export function typicalExchange(tenantKey: string, domain: string, clock: ScenarioClock): ExchangeScenarioPart {
  const shared = [
    sharedMailbox(tenantKey, domain, clock, {
      key: 'shared-frontdesk-inbox',
      displayName: 'Front Desk Inbox',
      alias: 'frontdesk-inbox',
      department: 'Front Office',
      signInEnabled: true,
      licences: [EXCHANGE_ONLINE_PLAN_1_SKU_ID],
      lastSignInDaysAgo: 1,
      // Registered once, on the desk phone.
      mfa: 'phone',
      createdDaysAgo: 650,
    }),
  ];
  const organisation = { initialDomain: 'riversidefamilyclinic.onmicrosoft.com', displayName: 'Riverside Family Clinic' };
  const settings: ExchangeSettings = {
    adminAuditLogConfig: auditLoggingOn(clock, 880, 880),
    // OME is switched on in every tenant with Azure RMS; nobody added the Encrypt button or a rule.
    irmConfiguration: {
      AzureRMSLicensingEnabled: true,
      InternalLicensingEnabled: true,
      ExternalLicensingEnabled: false,
      SimplifiedClientAccessEnabled: false,
      WhenChanged: clock.ago(880),
    },
    transportRules: [
      externalTagRule(tenantKey, clock, 0, 'Karen Lee'),
      {
        Name: 'Encrypt when [secure] is in the subject',
        Guid: deterministicGuid(tenantKey, 'transport-rule', 'encrypt-secure-keyword'),
        Priority: 1,
        State: 'Enabled',
        Mode: 'Enforce',
        CreatedBy: 'Karen Lee',
        WhenChanged: clock.ago(700),
        SentToScope: 'NotInOrganization',
        SubjectContainsWords: ['[secure]'],
        ApplyRightsProtectionTemplate: 'Encrypt',
      },
    ],
    dlpCompliancePolicies: [],
    dlpComplianceRules: [],
    unifiedAuditLogRetentionPolicies: [],
  };
  return exchangePart(tenantKey, clock, organisation, shared, settings, [exchangeOnlinePlan1(1)]);
}

// =============================================================================================
// Large tenant

/**
 * The large tenant in Exchange Online: `5 + n/1000` shared mailboxes (sign-in blocked), the HIPAA DLP
 * policy, one rule encrypting all outbound mail, unified audit logging on, no retention policy. Every licensed user
 * also has a user mailbox, but `Get-Mailbox -RecipientTypeDetails SharedMailbox` returns only the
 * shared ones, so the number of Exchange requests does not grow with the number of users.
 */
export function largeExchange(tenantKey: string, domain: string, clock: ScenarioClock, n: number): ExchangeScenarioPart {
  const count = 5 + Math.floor(n / 1000);
  const shared = Array.from({ length: count }, (_, i) =>
    sharedMailbox(tenantKey, domain, clock, { key: `shared-${i}`, displayName: `Shared Inbox ${i + 1}`, alias: `shared-inbox-${i + 1}`, createdDaysAgo: 200 + i }),
  );
  const dlp = hipaaDlpPolicy(tenantKey, clock, { createdBy: 'IT Operations' });
  const organisation = { initialDomain: `${domain.split('.')[0]}.onmicrosoft.com`, displayName: tenantKey === 'large-tenant' ? 'Metro Health Partners' : tenantKey };
  const settings: ExchangeSettings = {
    adminAuditLogConfig: auditLoggingOn(clock, 900, 600),
    irmConfiguration: { AzureRMSLicensingEnabled: true, InternalLicensingEnabled: true, ExternalLicensingEnabled: true, SimplifiedClientAccessEnabled: true, WhenChanged: clock.ago(600) },
    transportRules: [encryptAllOutboundRule(tenantKey, clock, { createdBy: 'IT Operations', changedDaysAgo: 600 })],
    dlpCompliancePolicies: [dlp.policy],
    dlpComplianceRules: dlp.rules,
    unifiedAuditLogRetentionPolicies: [],
  };
  return exchangePart(tenantKey, clock, organisation, shared, settings, []);
}
