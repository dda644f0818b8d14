/**
 * The cmdlets that decide automatic external forwarding: Get-HostedOutboundSpamFilterPolicy,
 * Get-HostedOutboundSpamFilterRule, Get-RemoteDomain and Get-AcceptedDomain, with their output
 * templates. Sources, per template below; where no full record exists the template says so.
 */
import { deterministicGuid } from '../guid.js';
import type { Json, JsonObject } from '../graph/http.js';
import type { M365TenantModel } from '../model.js';
import { EXCHANGE_ROLE_TEMPLATES, type AcceptedDomain, type ExchangeOnlineModel, type HostedOutboundSpamFilterPolicy, type HostedOutboundSpamFilterRule, type RemoteDomain } from './model.js';
import type { CmdletDefinition, CmdletOutput } from './cmdlets.js';
import { organisationLabel, type RenderScope } from './render.js';
import { renderObject, type PropertyTemplate } from './wire.js';

/**
 * Get-RemoteDomain: every property of the real record in the ScubaGear sample
 * (reference/exchange/scubagear-sample-cmdlet-output.json), dates and GUIDs typed as the live
 * graph2otel capture annotates them.
 */
export const REMOTE_DOMAIN_TEMPLATE: readonly PropertyTemplate[] = [
  ['DomainName', '*'],
  ['IsInternal', false],
  ['TargetDeliveryDomain', false],
  ['ByteEncoderTypeFor7BitCharsets', 'Undefined'],
  ['CharacterSet', 'iso-8859-1'],
  ['NonMimeCharacterSet', 'iso-8859-1'],
  ['AllowedOOFType', 'External'],
  ['AutoReplyEnabled', true],
  ['AutoForwardEnabled', true],
  ['DeliveryReportEnabled', true],
  ['NDREnabled', true],
  ['MeetingForwardNotificationEnabled', false],
  ['ContentType', 'MimeHtmlText'],
  ['DisplaySenderName', true],
  ['PreferredInternetCodePageForShiftJis', 'Undefined'],
  // Tri-state: null, not false, in both real records.
  ['RequiredCharsetCoverage', null],
  ['TNEFEnabled', null],
  ['LineWrapSize', 'Unlimited'],
  ['TrustedMailOutboundEnabled', false],
  ['TrustedMailInboundEnabled', false],
  ['UseSimpleDisplayName', false],
  ['NDRDiagnosticInfoEnabled', true],
  ['MessageCountThreshold', 2147483647, 'Int32'],
  ['AdminDisplayName', ''],
  ['ExchangeVersion', '0.1 (8.0.535.0)'],
  ['Name', 'Default'],
  ['DistinguishedName', 'CN=Default,CN=Internet Message Formats,CN=Global Settings,CN=Configuration,CN={{org}}.onmicrosoft.com,CN=ConfigurationUnits,DC=NAMPR09A006,DC=PROD,DC=OUTLOOK,DC=COM'],
  ['Identity', 'Default'],
  ['ObjectCategory', 'NAMPR09A006.PROD.OUTLOOK.COM/Configuration/Schema/ms-Exch-Domain-Content-Config'],
  ['ObjectClass', ['top', 'msExchDomainContentConfig'], 'Collection'],
  ['WhenChanged', null, 'DateTime'],
  ['WhenCreated', null, 'DateTime'],
  ['WhenChangedUTC', null, 'DateTime'],
  ['WhenCreatedUTC', null, 'DateTime'],
  ['ExchangeObjectId', null, 'Guid'],
  ['OrganizationalUnitRoot', '{{org}}.onmicrosoft.com'],
  ['OrganizationId', 'NAMPR09A006.PROD.OUTLOOK.COM/Microsoft Exchange Hosted Organizations/{{org}}.onmicrosoft.com - NAMPR09A006.PROD.OUTLOOK.COM/ConfigurationUnits/{{org}}.onmicrosoft.com/Configuration'],
  ['Id', 'Default'],
  ['Guid', null, 'Guid'],
  ['OriginatingServer', 'BY1PR09A06DC005.NAMPR09A006.PROD.OUTLOOK.COM'],
  ['IsValid', true],
  ['ObjectState', 'Unchanged'],
];

/**
 * Get-AcceptedDomain: the properties, in order, of a real tenant's output as listed in
 * EvotecIT/PSWinDocumentation.O365 (Private/Get-WinExchangeAcceptedDomains.ps1); its
 * PowerShell-formatted values converted to JSON types.
 */
export const ACCEPTED_DOMAIN_TEMPLATE: readonly PropertyTemplate[] = [
  ['DomainName', ''],
  ['CatchAllRecipientID', null],
  ['DomainType', 'Authoritative'],
  ['MatchSubDomains', false],
  ['AddressBookEnabled', true],
  ['Default', false],
  ['EmailOnly', false],
  ['ExternallyManaged', false],
  ['AuthenticationType', 'Managed'],
  ['LiveIdInstanceType', 'Business'],
  ['PendingRemoval', false],
  ['PendingCompletion', false],
  ['FederatedOrganizationLink', null],
  ['MailFlowPartner', null],
  ['OutboundOnly', false],
  ['PendingFederatedAccountNamespace', false],
  ['PendingFederatedDomain', false],
  ['IsCoexistenceDomain', false],
  ['PerimeterDuplicateDetected', false],
  ['IsDefaultFederatedDomain', false],
  ['EnableNego2Authentication', false],
  ['InitialDomain', false],
  ['AdminDisplayName', ''],
  ['ExchangeVersion', '0.20 (15.0.0.0)'],
  ['Name', ''],
  ['DistinguishedName', ''],
  ['Identity', ''],
  ['ObjectCategory', 'NAMPR09A006.PROD.OUTLOOK.COM/Configuration/Schema/ms-Exch-Accepted-Domain'],
  ['ObjectClass', ['top', 'msExchAcceptedDomain'], 'Collection'],
  ['WhenChanged', null, 'DateTime'],
  ['WhenCreated', null, 'DateTime'],
  ['WhenChangedUTC', null, 'DateTime'],
  ['WhenCreatedUTC', null, 'DateTime'],
  ['ExchangeObjectId', null, 'Guid'],
  ['OrganizationId', 'NAMPR09A006.PROD.OUTLOOK.COM/Microsoft Exchange Hosted Organizations/{{org}}.onmicrosoft.com - NAMPR09A006.PROD.OUTLOOK.COM/ConfigurationUnits/{{org}}.onmicrosoft.com/Configuration'],
  ['Id', ''],
  ['Guid', null, 'Guid'],
  ['OriginatingServer', 'BY1PR09A06DC005.NAMPR09A006.PROD.OUTLOOK.COM'],
  ['IsValid', true],
  ['ObjectState', 'Unchanged'],
];

/**
 * Get-HostedOutboundSpamFilterPolicy: Microsoft documents no output. The properties of the live
 * default policy captured by rknightion/graph2otel (trimmed by its author to the keys it reads, so
 * a real answer carries more); its `Enabled: false` on the default policy is kept.
 */
export const OUTBOUND_SPAM_POLICY_TEMPLATE: readonly PropertyTemplate[] = [
  ['AdminDisplayName', ''],
  ['IsDefault', false],
  ['ConfigurationType', 'HostedOutboundSpamFilterPolicy'],
  ['Enabled', false],
  ['RecipientLimitExternalPerHour', 0, 'Int32'],
  ['RecipientLimitInternalPerHour', 0, 'Int32'],
  ['RecipientLimitPerDay', 0, 'Int32'],
  ['ActionWhenThresholdReached', 'BlockUserForToday'],
  ['NotifyOutboundSpamRecipients', [], 'Collection'],
  ['BccSuspiciousOutboundAdditionalRecipients', [], 'Collection'],
  ['BccSuspiciousOutboundMail', false],
  ['NotifyOutboundSpam', false],
  ['RecommendedPolicyType', 'Custom'],
  ['AutoForwardingMode', 'Automatic'],
  ['Name', 'Default'],
  ['DistinguishedName', ''],
  ['Identity', 'Default'],
  ['WhenChangedUTC', null, 'DateTime'],
  ['ExchangeObjectId', null, 'Guid'],
  ['OrganizationId', 'NAMPR09A006.PROD.OUTLOOK.COM/Microsoft Exchange Hosted Organizations/{{org}}.onmicrosoft.com'],
  ['Id', 'Default'],
  ['Guid', null, 'Guid'],
  ['IsValid', true],
];

/**
 * Get-HostedOutboundSpamFilterRule: no real or documented record exists. Assembled from the
 * documented output names (`Format-Table Name,Priority,State,HostedOutboundSpamFilterPolicy`), the
 * New-HostedOutboundSpamFilterRule parameters (conditions and exceptions) and the directory-object
 * tail every Exchange rule carries. A real answer may carry more.
 */
export const OUTBOUND_SPAM_RULE_TEMPLATE: readonly PropertyTemplate[] = [
  ['HostedOutboundSpamFilterPolicy', ''],
  ['State', 'Enabled'],
  ['Priority', 0, 'Int32'],
  ['Comments', null],
  ['From', null, 'Collection'],
  ['FromMemberOf', null, 'Collection'],
  ['SenderDomainIs', null, 'Collection'],
  ['ExceptIfFrom', null, 'Collection'],
  ['ExceptIfFromMemberOf', null, 'Collection'],
  ['ExceptIfSenderDomainIs', null, 'Collection'],
  ['Conditions', null, 'Collection'],
  ['Exceptions', null, 'Collection'],
  ['Name', ''],
  ['Identity', ''],
  ['DistinguishedName', ''],
  ['WhenChanged', null, 'DateTime'],
  ['ExchangeObjectId', null, 'Guid'],
  ['Guid', null, 'Guid'],
  ['IsValid', true],
  ['ObjectState', 'Unchanged'],
];

/** A new organisation's defaults for whatever the model leaves out. */
function outboundPolicies(tenant: M365TenantModel, exchange: ExchangeOnlineModel): HostedOutboundSpamFilterPolicy[] {
  return (
    exchange.hostedOutboundSpamFilterPolicies ?? [
      { Name: 'Default', Guid: deterministicGuid(tenant.tenantId, 'exchange', 'outbound-spam-default'), IsDefault: true, AutoForwardingMode: 'Automatic', Enabled: false, WhenChanged: exchange.organizationConfig.WhenChanged },
    ]
  );
}

function remoteDomains(tenant: M365TenantModel, exchange: ExchangeOnlineModel): RemoteDomain[] {
  const changed = exchange.organizationConfig.WhenChanged;
  return exchange.remoteDomains ?? [{ Name: 'Default', DomainName: '*', Guid: deterministicGuid(tenant.tenantId, 'exchange', 'remote-domain-default'), AutoForwardEnabled: true, WhenCreated: changed, WhenChanged: changed }];
}

function acceptedDomains(tenant: M365TenantModel, exchange: ExchangeOnlineModel): AcceptedDomain[] {
  if (exchange.acceptedDomains) return exchange.acceptedDomains;
  const created = exchange.organizationConfig.WhenChanged;
  const names = [...new Set([tenant.primaryDomain, ...(tenant.domains ?? []), exchange.initialDomain].map((name) => name.toLowerCase()))];
  return names.map((name) => ({
    DomainName: name,
    Guid: deterministicGuid(tenant.tenantId, 'exchange', 'accepted-domain', name),
    DomainType: 'Authoritative',
    Default: name === tenant.primaryDomain.toLowerCase(),
    InitialDomain: name === exchange.initialDomain.toLowerCase(),
    WhenCreated: created,
  }));
}

function render(scope: RenderScope, template: readonly PropertyTemplate[], values: Record<string, Json | undefined>, created: string, changed: string): JsonObject {
  return renderObject(template, { values, org: organisationLabel(scope.exchange), created, changed });
}

function configurationDn(scope: RenderScope, name: string, container: string): string {
  return `CN=${name},${container},CN=Configuration,CN=${scope.exchange.initialDomain},CN=ConfigurationUnits,DC=NAMPR09A006,DC=PROD,DC=OUTLOOK,DC=COM`;
}

function renderOutboundPolicy(scope: RenderScope, policy: HostedOutboundSpamFilterPolicy): JsonObject {
  return render(
    scope,
    OUTBOUND_SPAM_POLICY_TEMPLATE,
    {
      IsDefault: policy.IsDefault,
      Enabled: policy.Enabled,
      AutoForwardingMode: policy.AutoForwardingMode,
      Name: policy.Name,
      Identity: policy.Name,
      Id: policy.Name,
      DistinguishedName: configurationDn(scope, policy.Name, 'CN=Outbound Spam Filter,CN=Transport Settings'),
      ExchangeObjectId: policy.Guid,
      Guid: policy.Guid,
    },
    policy.WhenChanged,
    policy.WhenChanged,
  );
}

const list = (values: string[] | undefined): Json => (values && values.length ? values : null);

function renderOutboundRule(scope: RenderScope, rule: HostedOutboundSpamFilterRule): JsonObject {
  const conditions = [
    rule.From?.length ? 'Microsoft.Exchange.MessagingPolicies.Rules.Tasks.FromPredicate' : undefined,
    rule.FromMemberOf?.length ? 'Microsoft.Exchange.MessagingPolicies.Rules.Tasks.FromMemberOfPredicate' : undefined,
    rule.SenderDomainIs?.length ? 'Microsoft.Exchange.MessagingPolicies.Rules.Tasks.SenderDomainIsPredicate' : undefined,
  ].filter((value): value is string => value !== undefined);
  return render(
    scope,
    OUTBOUND_SPAM_RULE_TEMPLATE,
    {
      HostedOutboundSpamFilterPolicy: rule.HostedOutboundSpamFilterPolicy,
      State: rule.State,
      Priority: rule.Priority,
      From: list(rule.From),
      FromMemberOf: list(rule.FromMemberOf),
      SenderDomainIs: list(rule.SenderDomainIs),
      ExceptIfFrom: list(rule.ExceptIfFrom),
      ExceptIfFromMemberOf: list(rule.ExceptIfFromMemberOf),
      ExceptIfSenderDomainIs: list(rule.ExceptIfSenderDomainIs),
      Conditions: conditions.length ? conditions : null,
      Name: rule.Name,
      Identity: rule.Name,
      DistinguishedName: configurationDn(scope, rule.Name, 'CN=HostedOutboundSpamFilterVersioned,CN=Rules,CN=Transport Settings'),
      ExchangeObjectId: rule.Guid,
      Guid: rule.Guid,
    },
    rule.WhenChanged,
    rule.WhenChanged,
  );
}

function renderRemoteDomain(scope: RenderScope, domain: RemoteDomain): JsonObject {
  return render(
    scope,
    REMOTE_DOMAIN_TEMPLATE,
    {
      DomainName: domain.DomainName,
      AutoForwardEnabled: domain.AutoForwardEnabled,
      Name: domain.Name,
      Identity: domain.Name,
      Id: domain.Name,
      DistinguishedName: configurationDn(scope, domain.Name, 'CN=Internet Message Formats,CN=Global Settings'),
      ExchangeObjectId: domain.Guid,
      Guid: domain.Guid,
    },
    domain.WhenCreated,
    domain.WhenChanged,
  );
}

function renderAcceptedDomain(scope: RenderScope, domain: AcceptedDomain): JsonObject {
  return render(
    scope,
    ACCEPTED_DOMAIN_TEMPLATE,
    {
      DomainName: domain.DomainName,
      DomainType: domain.DomainType,
      Default: domain.Default,
      InitialDomain: domain.InitialDomain,
      MatchSubDomains: domain.MatchSubDomains ?? false,
      Name: domain.DomainName,
      Identity: domain.DomainName,
      Id: domain.DomainName,
      DistinguishedName: configurationDn(scope, domain.DomainName, 'CN=Accepted Domains,CN=Transport Settings'),
      ExchangeObjectId: domain.Guid,
      Guid: domain.Guid,
    },
    domain.WhenCreated,
    domain.WhenCreated,
  );
}

/** PowerShell's common parameters, accepted on every cmdlet (the same list cmdlets.ts uses). */
const COMMON = ['ErrorAction', 'WarningAction', 'InformationAction', 'Verbose', 'Debug', 'ErrorVariable', 'WarningVariable', 'OutVariable'];
const parameters = (names: readonly string[]) => new Map([...names, ...COMMON].map((name) => [name.toLowerCase(), name]));
const output = <T>(items: readonly T[], renderItem: (item: T) => JsonObject): CmdletOutput => ({ count: items.length, render: (start, end) => items.slice(start, end).map(renderItem), warnings: [] });

const getHostedOutboundSpamFilterPolicy: CmdletDefinition = {
  name: 'Get-HostedOutboundSpamFilterPolicy',
  family: 'exchange',
  recipientCmdlet: false,
  hasResultSize: false,
  parameters: parameters(['Identity']),
  simulated: new Set(),
  run: (scope) => output(outboundPolicies(scope.tenant, scope.exchange), (policy) => renderOutboundPolicy(scope, policy)),
};

const getHostedOutboundSpamFilterRule: CmdletDefinition = {
  name: 'Get-HostedOutboundSpamFilterRule',
  family: 'exchange',
  recipientCmdlet: false,
  hasResultSize: false,
  parameters: parameters(['Identity', 'State']),
  simulated: new Set(),
  // The default policy has no rule: a tenant without custom policies gets an empty list.
  run: (scope) => output([...(scope.exchange.hostedOutboundSpamFilterRules ?? [])].sort((a, b) => a.Priority - b.Priority), (rule) => renderOutboundRule(scope, rule)),
};

const getRemoteDomain: CmdletDefinition = {
  name: 'Get-RemoteDomain',
  family: 'exchange',
  recipientCmdlet: false,
  // rknightion/graph2otel measured 403 for Get-RemoteDomain with Security Reader; Global Reader reads it.
  refusedRoles: [EXCHANGE_ROLE_TEMPLATES.securityReader],
  hasResultSize: true,
  parameters: parameters(['Identity', 'ResultSize']),
  simulated: new Set(),
  run: (scope) => output(remoteDomains(scope.tenant, scope.exchange), (domain) => renderRemoteDomain(scope, domain)),
};

const getAcceptedDomain: CmdletDefinition = {
  name: 'Get-AcceptedDomain',
  family: 'exchange',
  recipientCmdlet: false,
  hasResultSize: true,
  parameters: parameters(['Identity', 'ResultSize']),
  simulated: new Set(),
  run: (scope) => output(acceptedDomains(scope.tenant, scope.exchange), (domain) => renderAcceptedDomain(scope, domain)),
};

/** The forwarding cmdlets, for the simulator's cmdlet table. */
export const FORWARDING_CMDLETS: readonly CmdletDefinition[] = [getHostedOutboundSpamFilterPolicy, getHostedOutboundSpamFilterRule, getRemoteDomain, getAcceptedDomain];
