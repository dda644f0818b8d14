/**
 * Builds cmdlet output objects from the tenant model: every property of the reference templates, in
 * their order, with the model's values and the wire annotations.
 */
import type { Json, JsonObject } from '../graph/http.js';
import { deterministicGuid } from '../guid.js';
import type { M365TenantModel, M365User } from '../model.js';
import {
  IRM_CONFIGURATION_TEMPLATE,
  ORGANIZATION_CONFIG_TAIL,
  OUTBOUND_CONNECTOR_TEMPLATE,
  UNIFIED_AUDIT_LOG_RETENTION_POLICY_TEMPLATE,
} from './assembled-templates.js';
import type {
  DlpCompliancePolicy,
  DlpComplianceRule,
  ExchangeMailbox,
  ExchangeOnlineModel,
  ExchangeOutboundConnector,
  ExchangeTransportRule,
  SensitiveInformationTypeMatch,
  UnifiedAuditLogRetentionPolicy,
} from './model.js';
import {
  ADMIN_AUDIT_LOG_CONFIG_TEMPLATE,
  DLP_COMPLIANCE_POLICY_TEMPLATE,
  DLP_COMPLIANCE_RULE_TEMPLATE,
  MAILBOX_TEMPLATE,
  ORGANIZATION_CONFIG_TEMPLATE,
  TRANSPORT_RULE_TEMPLATE,
} from './templates.js';
import { genericHashTable, renderObject, type PropertyTemplate } from './wire.js';

/** What a cmdlet renders from. */
export interface RenderScope {
  tenant: M365TenantModel;
  exchange: ExchangeOnlineModel;
  /** `compliance` when the Security & Compliance endpoint answers. */
  endpoint: 'exchange' | 'compliance';
}

/** The organisation label, e.g. `harbourviewmedical` for `harbourviewmedical.onmicrosoft.com`. */
export function organisationLabel(exchange: ExchangeOnlineModel): string {
  return exchange.initialDomain.split('.')[0] ?? exchange.initialDomain;
}

function render(scope: RenderScope, template: readonly PropertyTemplate[], values: Record<string, Json | undefined>, created: string, changed: string): JsonObject {
  return renderObject(template, { values, org: organisationLabel(scope.exchange), created, changed });
}

// ---------------------------------------------------------------------------------------------
// Mailboxes

/** Service plans that give a user an Exchange Online mailbox. */
const EXCHANGE_MAILBOX_PLANS = /^EXCHANGE_S_(STANDARD|ENTERPRISE|DESKLESS|ESSENTIALS)/;

/** Whether a Graph user holds a working licence with an Exchange Online mailbox plan. */
function hasMailboxLicence(tenant: M365TenantModel, user: M365User): boolean {
  return user.assignedLicenses.some((licence) => {
    const sku = tenant.subscribedSkus.find((candidate) => candidate.skuId === licence.skuId);
    if (!sku || (sku.capabilityStatus !== 'Enabled' && sku.capabilityStatus !== 'Warning')) return false;
    return sku.servicePlans.some((plan) => EXCHANGE_MAILBOX_PLANS.test(plan.servicePlanName) && !licence.disabledPlans.includes(plan.servicePlanId));
  });
}

/** Every mailbox of the tenant: those stated in the model, then one per licensed member user. */
export function tenantMailboxes(tenant: M365TenantModel, exchange: ExchangeOnlineModel): ExchangeMailbox[] {
  const stated = exchange.mailboxes;
  if (exchange.userMailboxesFromLicences === false) return [...stated];
  const covered = new Set(stated.map((mailbox) => mailbox.ExternalDirectoryObjectId));
  const derived: ExchangeMailbox[] = [];
  for (const user of tenant.users) {
    if (user.userType !== 'Member' || covered.has(user.id) || !hasMailboxLicence(tenant, user)) continue;
    derived.push({
      ExternalDirectoryObjectId: user.id,
      RecipientTypeDetails: 'UserMailbox',
      ExchangeGuid: deterministicGuid(tenant.tenantId, 'exchange-guid', user.id),
      Guid: deterministicGuid(tenant.tenantId, 'mailbox-object', user.id),
      Alias: user.userPrincipalName.split('@')[0] ?? user.id,
      WhenMailboxCreated: user.createdDateTime,
    });
  }
  return [...derived, ...stated];
}

/** Country names Exchange shows for Graph's two-letter `usageLocation`. */
const COUNTRIES: Record<string, string> = { US: 'United States', GB: 'United Kingdom', IE: 'Ireland', CA: 'Canada', AU: 'Australia' };

/** One `Get-Mailbox` object. */
export function renderMailbox(scope: RenderScope, mailbox: ExchangeMailbox, usersById: ReadonlyMap<string, M365User>): JsonObject {
  const { tenant, exchange } = scope;
  const user = mailbox.ExternalDirectoryObjectId === '' ? undefined : usersById.get(mailbox.ExternalDirectoryObjectId);
  const upn = mailbox.UserPrincipalName ?? user?.userPrincipalName ?? `${mailbox.Alias}@${exchange.initialDomain}`;
  const primary = mailbox.PrimarySmtpAddress ?? user?.mail ?? upn;
  const type = mailbox.RecipientTypeDetails;
  // Newer cloud mailboxes are named by their Entra object id (live answers in 2026); system ones by alias.
  const name = user ? user.id : mailbox.Alias;
  const accountDisabled = mailbox.AccountDisabled ?? (user ? !user.accountEnabled : true);
  const licensed = user ? user.assignedLicenses.length > 0 : false;
  const isUser = type === 'UserMailbox';
  const onMicrosoft = `${mailbox.Alias}@${exchange.initialDomain}`;
  const emailAddresses = [`SMTP:${primary}`, ...(onMicrosoft.toLowerCase() === primary.toLowerCase() ? [] : [`smtp:${onMicrosoft}`]), ...(isUser ? [`SIP:${primary}`] : [])];
  const created = mailbox.WhenMailboxCreated;
  const hex = mailbox.ExchangeGuid.replace(/-/g, '');
  const values: Record<string, Json | undefined> = {
    DeliverToMailboxAndForward: false,
    ForwardingAddress: null,
    ForwardingSmtpAddress: null,
    MessageCopyForSentAsEnabled: type === 'SharedMailbox',
    ExchangeGuid: mailbox.ExchangeGuid,
    MailboxLocations: [`1;${mailbox.ExchangeGuid};Primary;namprd12.prod.outlook.com;ae0627d4-b741-4f5e-bbc8-afde04ef72d2`],
    RetainDeletedItemsFor: '14.00:00:00',
    IsResource: type === 'RoomMailbox' || type === 'EquipmentMailbox',
    IsShared: type === 'SharedMailbox' || type === 'DiscoveryMailbox',
    ResourceType: type === 'RoomMailbox' ? 'Room' : type === 'EquipmentMailbox' ? 'Equipment' : null,
    RoomMailboxAccountEnabled: type === 'RoomMailbox' ? !accountDisabled : null,
    SamAccountName: `$${hex.slice(0, 6).toUpperCase()}-${hex.slice(6, 18).toUpperCase()}`,
    UserPrincipalName: upn,
    NetID: isUser || licensed ? hex.slice(0, 16).toUpperCase() : null,
    WindowsLiveID: upn,
    MicrosoftOnlineServicesID: upn,
    MailboxPlan: isUser ? `ExchangeOnlineEnterprise-${deterministicGuid(tenant.tenantId, 'mailbox-plan')}` : null,
    PersistedCapabilities: [],
    SKUAssigned: type === 'DiscoveryMailbox' ? null : licensed,
    AuditEnabled: mailbox.AuditEnabled ?? type !== 'DiscoveryMailbox',
    WhenMailboxCreated: created,
    UsageLocation: user?.usageLocation ? (COUNTRIES[user.usageLocation] ?? user.usageLocation) : null,
    AccountDisabled: accountDisabled,
    StsRefreshTokensValidFrom: created,
    EnforcedTimestamps: '[]',
    IsDirSynced: mailbox.IsDirSynced ?? user?.onPremisesSyncEnabled === true,
    AdministrativeUnits: [],
    Alias: mailbox.Alias,
    OrganizationalUnit: `namprd12.prod.outlook.com/Microsoft Exchange Hosted Organizations/${exchange.initialDomain}`,
    DisplayName: mailbox.DisplayName ?? user?.displayName ?? mailbox.Alias,
    EmailAddresses: emailAddresses,
    ExternalDirectoryObjectId: mailbox.ExternalDirectoryObjectId,
    HiddenFromAddressListsEnabled: mailbox.HiddenFromAddressListsEnabled ?? type === 'DiscoveryMailbox',
    LegacyExchangeDN: `/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=${hex}-${mailbox.Alias}`,
    PoliciesExcluded: [],
    PrimarySmtpAddress: primary,
    RecipientType: 'UserMailbox',
    RecipientTypeDetails: type,
    UMDtmfMap: [],
    WindowsEmailAddress: primary,
    Identity: name,
    Id: name,
    Name: name,
    DistinguishedName: `CN=${name},OU=${exchange.initialDomain},OU=Microsoft Exchange Hosted Organizations,DC=NAMPR12A001,DC=PROD,DC=OUTLOOK,DC=COM`,
    ExchangeObjectId: mailbox.Guid,
    OrganizationalUnitRoot: exchange.initialDomain,
    Guid: mailbox.Guid,
  };
  return render(scope, MAILBOX_TEMPLATE, values, created, created);
}

// ---------------------------------------------------------------------------------------------
// Exchange configuration singletons

/** `Get-OrganizationConfig`. */
export function renderOrganizationConfig(scope: RenderScope): JsonObject {
  const { exchange, tenant } = scope;
  const config = exchange.organizationConfig;
  const id = deterministicGuid(tenant.tenantId, 'exchange', 'organization-config');
  const values: Record<string, Json | undefined> = {
    Name: exchange.initialDomain,
    DisplayName: config.DisplayName,
    AuditDisabled: config.AuditDisabled,
    CustomerLockboxEnabled: config.CustomerLockboxEnabled,
    ActivityBasedAuthenticationTimeoutEnabled: config.ActivityBasedAuthenticationTimeoutEnabled,
    ActivityBasedAuthenticationTimeoutInterval: config.ActivityBasedAuthenticationTimeoutInterval,
    Identity: exchange.initialDomain,
    Id: exchange.initialDomain,
    DistinguishedName: `CN=Configuration,CN=${exchange.initialDomain},CN=ConfigurationUnits,DC=NAMPR09A006,DC=PROD,DC=OUTLOOK,DC=COM`,
    ExchangeObjectId: id,
    Guid: id,
  };
  return render(scope, [...ORGANIZATION_CONFIG_TEMPLATE, ...ORGANIZATION_CONFIG_TAIL], values, config.WhenChanged, config.WhenChanged);
}

/**
 * `Get-AdminAuditLogConfig`. Through the compliance endpoint `UnifiedAuditLogIngestionEnabled` is
 * always `false`: Microsoft documents the property as "always False in Security & Compliance
 * PowerShell", whatever the Exchange value.
 */
export function renderAdminAuditLogConfig(scope: RenderScope): JsonObject {
  const { exchange, tenant } = scope;
  const config = exchange.adminAuditLogConfig;
  const values: Record<string, Json | undefined> = {
    AdminAuditLogEnabled: config.AdminAuditLogEnabled,
    AdminAuditLogMailbox: '',
    UnifiedAuditLogIngestionEnabled: scope.endpoint === 'compliance' ? false : config.UnifiedAuditLogIngestionEnabled,
    UnifiedAuditLogFirstOptInDate: config.UnifiedAuditLogFirstOptInDate,
    ExchangeObjectId: deterministicGuid(tenant.tenantId, 'exchange', 'admin-audit-log-config', 'object'),
    Guid: deterministicGuid(tenant.tenantId, 'exchange', 'admin-audit-log-config'),
  };
  return render(scope, ADMIN_AUDIT_LOG_CONFIG_TEMPLATE, values, config.WhenChanged, config.WhenChanged);
}

/** `Get-IRMConfiguration`. */
export function renderIrmConfiguration(scope: RenderScope): JsonObject {
  const { exchange, tenant } = scope;
  const config = exchange.irmConfiguration;
  const id = deterministicGuid(tenant.tenantId, 'exchange', 'irm-configuration');
  const values: Record<string, Json | undefined> = {
    AzureRMSLicensingEnabled: config.AzureRMSLicensingEnabled,
    InternalLicensingEnabled: config.InternalLicensingEnabled,
    ExternalLicensingEnabled: config.ExternalLicensingEnabled,
    SimplifiedClientAccessEnabled: config.SimplifiedClientAccessEnabled,
    EnablePdfEncryption: config.EnablePdfEncryption,
    DecryptAttachmentForEncryptOnly: config.DecryptAttachmentForEncryptOnly,
    TransportDecryptionSetting: config.TransportDecryptionSetting,
    // With Azure RMS on, Exchange reports the tenant's RMS licensing endpoint.
    LicensingLocation: config.AzureRMSLicensingEnabled ? [`https://${deterministicGuid(tenant.tenantId, 'rms')}.rms.na.aadrm.com/_wmcs/licensing`] : [],
    ExchangeObjectId: id,
    Guid: id,
  };
  return render(scope, IRM_CONFIGURATION_TEMPLATE, values, config.WhenChanged, config.WhenChanged);
}

// ---------------------------------------------------------------------------------------------
// Mail-flow rules

const RULE_TYPES = 'Microsoft.Exchange.MessagingPolicies.Rules.Tasks';
const SCOPE_TEXT = { InOrganization: 'Inside the organization', NotInOrganization: 'Outside the organization' } as const;

/** Minimum confidence Purview uses for each confidence level. */
const CONFIDENCE = { Low: 65, Medium: 75, High: 85 } as const;

/** How a transport rule's `MessageContainsDataClassifications` entry reads (keys as New-TransportRule takes them). */
function dataClassification(match: SensitiveInformationTypeMatch): JsonObject[] {
  return genericHashTable({
    Name: match.name,
    MinCount: String(match.minCount),
    MaxCount: String(match.maxCount),
    MinConfidence: String(CONFIDENCE[match.confidenceLevel]),
    MaxConfidence: '100',
  });
}

/** `Get-TransportRule` object. The Conditions/Actions class names follow the sample's FromScopePredicate/PrependSubjectAction pattern. */
export function renderTransportRule(scope: RenderScope, rule: ExchangeTransportRule): JsonObject {
  const conditions: string[] = [];
  const actions: string[] = [];
  const when: string[] = [];
  const then: string[] = [];
  if (rule.FromScope) {
    conditions.push(`${RULE_TYPES}.FromScopePredicate`);
    when.push(`Is received from '${SCOPE_TEXT[rule.FromScope]}'`);
  }
  if (rule.SentToScope) {
    conditions.push(`${RULE_TYPES}.SentToScopePredicate`);
    when.push(`Is sent to '${SCOPE_TEXT[rule.SentToScope]}'`);
  }
  if (rule.SubjectContainsWords?.length) {
    conditions.push(`${RULE_TYPES}.SubjectContainsPredicate`);
    when.push(`Includes these words in the message subject: ${rule.SubjectContainsWords.map((word) => `'${word}'`).join(' or ')}`);
  }
  if (rule.SubjectOrBodyContainsWords?.length) {
    conditions.push(`${RULE_TYPES}.SubjectOrBodyContainsPredicate`);
    when.push(`Includes these words in the message subject or body: ${rule.SubjectOrBodyContainsWords.map((word) => `'${word}'`).join(' or ')}`);
  }
  if (rule.MessageContainsDataClassifications?.length) {
    conditions.push(`${RULE_TYPES}.MessageContainsDataClassificationsPredicate`);
    when.push(`Contains any of these sensitive information types: ${rule.MessageContainsDataClassifications.map((match) => `'${match.name}'`).join(', ')}`);
  }
  if (rule.ApplyRightsProtectionTemplate) {
    actions.push(`${RULE_TYPES}.RightsProtectMessageAction`);
    then.push(`Rights protect message with RMS template:  '${rule.ApplyRightsProtectionTemplate}'`);
  }
  if (rule.ApplyOME) {
    actions.push(`${RULE_TYPES}.ApplyOMEAction`);
    then.push('Apply Office 365 Message Encryption and rights protection to the message');
  }
  if (rule.RemoveOME) {
    actions.push(`${RULE_TYPES}.RemoveOMEAction`);
    then.push('Remove Office 365 Message Encryption and rights protection from the message');
  }
  if (rule.PrependSubject) {
    actions.push(`${RULE_TYPES}.PrependSubjectAction`);
    then.push(`Prepend the subject with '${rule.PrependSubject}'`);
  }
  const description = `If the message:\r\n${when.map((line, i) => `\t${i === 0 ? '' : 'and '}${line}\r\n`).join('')}Take the following actions:\r\n${then
    .map((line, i) => `\t${i === 0 ? '' : 'and '}${line}\r\n`)
    .join('')}`;
  const values: Record<string, Json | undefined> = {
    Priority: rule.Priority,
    Comments: rule.Comments ?? '',
    CreatedBy: rule.CreatedBy,
    LastModifiedBy: rule.CreatedBy,
    Description: description,
    Size: description.length * 2,
    Conditions: conditions,
    Actions: actions,
    State: rule.State,
    Mode: rule.Mode,
    FromScope: rule.FromScope ?? null,
    SentToScope: rule.SentToScope ?? null,
    SubjectContainsWords: rule.SubjectContainsWords?.length ? rule.SubjectContainsWords : null,
    SubjectOrBodyContainsWords: rule.SubjectOrBodyContainsWords?.length ? rule.SubjectOrBodyContainsWords : null,
    MessageContainsDataClassifications: rule.MessageContainsDataClassifications?.length ? rule.MessageContainsDataClassifications.map(dataClassification) : null,
    ApplyRightsProtectionTemplate: rule.ApplyRightsProtectionTemplate ?? null,
    ApplyOME: rule.ApplyOME ?? false,
    RemoveOME: rule.RemoveOME ?? false,
    PrependSubject: rule.PrependSubject ?? null,
    Identity: rule.Name,
    DistinguishedName: `CN=${rule.Name.replace(/"/g, '\\"')},CN=TransportVersioned,CN=Rules,CN=Transport Settings,CN=Configuration,CN=${scope.exchange.initialDomain},CN=ConfigurationUnits,DC=NAMPR09A006,DC=PROD,DC=OUTLOOK,DC=COM`,
    Guid: rule.Guid,
    ImmutableId: rule.Guid,
    Name: rule.Name,
  };
  return render(scope, TRANSPORT_RULE_TEMPLATE, values, rule.WhenChanged, rule.WhenChanged);
}

/** `Get-OutboundConnector` object. */
export function renderOutboundConnector(scope: RenderScope, connector: ExchangeOutboundConnector): JsonObject {
  const values: Record<string, Json | undefined> = {
    Enabled: connector.Enabled,
    UseMXRecord: connector.UseMXRecord,
    Comment: connector.Comment ?? '',
    ConnectorType: connector.ConnectorType,
    RecipientDomains: connector.RecipientDomains,
    SmartHosts: connector.SmartHosts,
    TlsDomain: connector.TlsDomain ?? null,
    TlsSettings: connector.TlsSettings,
    IsTransportRuleScoped: connector.IsTransportRuleScoped,
    Name: connector.Name,
    Identity: connector.Name,
    Guid: connector.Guid,
  };
  return render(scope, OUTBOUND_CONNECTOR_TEMPLATE, values, connector.WhenCreated, connector.WhenChanged);
}

// ---------------------------------------------------------------------------------------------
// Security & Compliance

/** Identity strings of Security & Compliance objects, as the DLP samples show them. */
function complianceIdentity(scope: RenderScope, name: string): { Identity: string; Id: string; DistinguishedName: string } {
  const domain = scope.exchange.initialDomain;
  const identity = `FFO.extest.microsoft.com/Microsoft Exchange Hosted Organizations/${domain}/Configuration/${name}`;
  return {
    Identity: identity,
    Id: identity,
    DistinguishedName: `CN=${name},CN=Configuration,CN=${domain},OU=Microsoft Exchange Hosted Organizations,DC=FFO,DC=extest,DC=microsoft,DC=com`,
  };
}

/** `Workload` of a DLP policy: the services its locations cover, in the portal's order. */
function dlpWorkload(policy: DlpCompliancePolicy): string {
  const workloads: [string, string[] | undefined][] = [
    ['Exchange', policy.ExchangeLocation],
    ['SharePoint', policy.SharePointLocation],
    ['OneDriveForBusiness', policy.OneDriveLocation],
    ['Teams', policy.TeamsLocation],
    ['EndpointDevices', policy.EndpointDlpLocation],
  ];
  return workloads
    .filter(([, location]) => location !== undefined && location.length > 0)
    .map(([name]) => name)
    .join(', ');
}

/** `Get-DlpCompliancePolicy` object. */
export function renderDlpCompliancePolicy(scope: RenderScope, policy: DlpCompliancePolicy, rules: readonly DlpComplianceRule[]): JsonObject {
  const latestRuleChange = rules.map((rule) => rule.WhenChanged).sort().at(-1) ?? policy.WhenChanged;
  const values: Record<string, Json | undefined> = {
    Mode: policy.Mode,
    DisplayName: policy.Name,
    Type: 'Dlp',
    ExchangeLocation: policy.ExchangeLocation,
    SharePointLocation: policy.SharePointLocation,
    OneDriveLocation: policy.OneDriveLocation,
    TeamsLocation: policy.TeamsLocation,
    EndpointDlpLocation: policy.EndpointDlpLocation ?? [],
    ThirdPartyAppDlpLocation: [],
    PolicyTemplateInfo: policy.createdFromTemplate ? {} : null,
    IsSimulationPolicy: policy.Mode === 'TestWithNotifications' || policy.Mode === 'TestWithoutNotifications',
    PolicyRulesMetaData: JSON.stringify({ WhenRulesChangedUtc: new Date(latestRuleChange).toISOString().replace('Z', '0000Z') }),
    Workload: dlpWorkload(policy),
    Priority: policy.Priority,
    ObjectVersion: deterministicGuid(policy.Guid, 'version', policy.WhenChanged),
    CreatedBy: policy.CreatedBy,
    LastModifiedBy: policy.CreatedBy,
    Comment: policy.Comment ?? '',
    Enabled: policy.Enabled,
    DistributionStatus: 'Success',
    ModificationTimeUtc: policy.WhenChanged,
    CreationTimeUtc: policy.WhenCreated,
    ...complianceIdentity(scope, policy.Name),
    Name: policy.Name,
    ExchangeObjectId: policy.Guid,
    Guid: policy.Guid,
    ObjectState: 'Unchanged',
  };
  return render(scope, DLP_COMPLIANCE_POLICY_TEMPLATE, values, policy.WhenCreated, policy.WhenChanged);
}

/** A sensitive information type as `ContentContainsSensitiveInformation` lists it (sample key order). */
function sitHashTable(match: SensitiveInformationTypeMatch): JsonObject[] {
  return genericHashTable({
    maxconfidence: '100',
    confidencelevel: match.confidenceLevel,
    id: match.id,
    minconfidence: String(CONFIDENCE[match.confidenceLevel]),
    classifiertype: 'Content',
    name: match.name,
    mincount: String(match.minCount),
    maxcount: String(match.maxCount),
  });
}

/** The `AdvancedRule` JSON string: indented by two spaces with CRLF line ends, as the samples are. */
function advancedRule(rule: DlpComplianceRule): string {
  const subConditions: Json[] = [];
  if (rule.AccessScope) subConditions.push({ ConditionName: 'AccessScope', Value: rule.AccessScope });
  const sensitiveTypes: Json =
    rule.conditionFormat === 'template'
      ? rule.ContentContainsSensitiveInformation.map((match) => ({
          id: match.id,
          maxconfidence: '100',
          name: match.name,
          maxcount: String(match.maxCount),
          minconfidence: String(CONFIDENCE[match.confidenceLevel]),
          classifiertype: 'Content',
          mincount: String(match.minCount),
          confidencelevel: match.confidenceLevel,
        }))
      : [
          {
            Groups: [
              {
                Name: 'Default',
                Operator: 'Or',
                Sensitivetypes: rule.ContentContainsSensitiveInformation.map((match) => ({
                  Name: match.name,
                  Id: match.id,
                  Mincount: match.minCount,
                  Maxcount: match.maxCount,
                  Confidencelevel: match.confidenceLevel,
                  Minconfidence: CONFIDENCE[match.confidenceLevel],
                  Maxconfidence: 100,
                })),
              },
            ],
            Operator: 'And',
          },
        ];
  subConditions.push({ ConditionName: 'ContentContainsSensitiveInformation', Value: sensitiveTypes });
  const document = { Version: '1.0', Condition: { Operator: 'And', SubConditions: subConditions } };
  return JSON.stringify(document, null, 2).replace(/\n/g, '\r\n');
}

/** `Get-DlpComplianceRule` object. */
export function renderDlpComplianceRule(scope: RenderScope, rule: DlpComplianceRule, policy: DlpCompliancePolicy | undefined): JsonObject {
  const values: Record<string, Json | undefined> = {
    BlockAccess: rule.BlockAccess,
    BlockAccessScope: rule.BlockAccessScope ?? null,
    EncryptRMSTemplate: rule.EncryptRMSTemplate ?? null,
    GenerateAlert: rule.GenerateAlert ?? ['true'],
    GenerateIncidentReport: rule.GenerateIncidentReport,
    IncidentReportContent:
      rule.GenerateIncidentReport.length > 0
        ? 'Title, DocumentAuthor, DocumentLastModifier, Service, MatchedItem, RulesMatched, Detections, Severity, DetectionDetails, OriginalContent, RetentionLabel, SensitivityLabel'
        : null,
    NotifyUser: rule.NotifyUser,
    Guid: rule.Guid,
    ParentPolicyName: rule.ParentPolicyName,
    ReportSeverityLevel: rule.ReportSeverityLevel,
    AdvancedRule: advancedRule(rule),
    DisplayName: rule.Name,
    IsAdvancedRule: rule.conditionFormat === 'groups',
    ContentContainsSensitiveInformation: rule.conditionFormat === 'template' ? rule.ContentContainsSensitiveInformation.map(sitHashTable) : null,
    AccessScope: rule.AccessScope ?? null,
    // Portal-built rules carry the id of the alert policy the portal made for them.
    ExternalScenarioDependancies: rule.conditionFormat === 'groups' ? { ProtectionAlertId: deterministicGuid(rule.Guid, 'alert') } : {},
    ImmutableId: rule.ImmutableId,
    Priority: rule.Priority,
    Workload: policy ? dlpWorkload(policy) : '',
    Policy: policy ? policy.Guid : null,
    Comment: '',
    Disabled: rule.Disabled,
    Mode: rule.Mode,
    ObjectVersion: deterministicGuid(rule.Guid, 'version', rule.WhenChanged),
    CreatedBy: rule.CreatedBy,
    LastModifiedBy: rule.CreatedBy,
    ...complianceIdentity(scope, rule.Name),
    Name: rule.Name,
    ExchangeObjectId: rule.Guid,
    ObjectState: 'Unchanged',
  };
  return render(scope, DLP_COMPLIANCE_RULE_TEMPLATE, values, rule.WhenChanged, rule.WhenChanged);
}

/** `Get-UnifiedAuditLogRetentionPolicy` object. */
export function renderAuditLogRetentionPolicy(scope: RenderScope, policy: UnifiedAuditLogRetentionPolicy): JsonObject {
  const values: Record<string, Json | undefined> = {
    Priority: policy.Priority,
    Description: policy.Description,
    RecordTypes: policy.RecordTypes,
    Operations: policy.Operations,
    UserIds: policy.UserIds,
    RetentionDuration: policy.RetentionDuration,
    Enabled: policy.Enabled,
    ObjectVersion: deterministicGuid(policy.Guid, 'version', policy.WhenChanged),
    CreatedBy: policy.CreatedBy,
    LastModifiedBy: policy.CreatedBy,
    ModificationTimeUtc: policy.WhenChanged,
    CreationTimeUtc: policy.WhenCreated,
    ...complianceIdentity(scope, policy.Name),
    Name: policy.Name,
    ExchangeObjectId: policy.Guid,
    Guid: policy.Guid,
  };
  return render(scope, UNIFIED_AUDIT_LOG_RETENTION_POLICY_TEMPLATE, values, policy.WhenCreated, policy.WhenChanged);
}
