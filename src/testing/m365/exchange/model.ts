/**
 * The Exchange Online and Security & Compliance part of a simulated tenant. Cmdlet objects use the
 * cmdlets' own PascalCase property names (as `Get-Mailbox`, `Get-TransportRule`... return them);
 * the simulator fills every other property a real answer carries from reference templates. Knobs
 * that are not cmdlet properties (the app's roles, endpoint behaviour) are camelCase.
 */
import type { Guid, IsoDateTime } from '../model.js';

/** Built-in Entra role template ids that matter to the Exchange Online admin API. */
export const EXCHANGE_ROLE_TEMPLATES = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  exchangeAdministrator: '29232cdf-9323-42fd-ade2-1d097af3e4de',
  exchangeRecipientAdministrator: '31392ffb-586c-42d1-9346-e59415a2cc4e',
  complianceAdministrator: '17315797-102d-40b4-93e0-432062caca18',
  securityAdministrator: '194ae4cb-b126-40b2-bd5b-6091b380977d',
  securityReader: '5d6b6bb7-de71-4623-b4af-96380a352509',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
} as const;

/**
 * How `https://ps.compliance.protection.outlook.com` treats the auditing app:
 * - `available`: accepts compliance-scoped app-only tokens (aud `https://ps.compliance.protection.outlook.com`).
 * - `rejectsAppOnly`: answers 401 to every app-only token, as peers saw in commercial tenants, so a
 *   client must fall back to the Exchange endpoint.
 * - `redirectsToRegionalHost`: answers 302 to the tenant's regional host
 *   (`{region}.ps.compliance.protection.outlook.com`), which then serves the request; CIPP and
 *   go-exoscc both follow this redirect by hand, re-adding the bearer token that a fetch-style
 *   client drops on a cross-host redirect (and turning the POST into a GET on a 302).
 */
export type ComplianceEndpointBehaviour = 'available' | 'rejectsAppOnly' | 'redirectsToRegionalHost';

/** `RecipientTypeDetails` values the simulator serves. */
export type MailboxRecipientType = 'UserMailbox' | 'SharedMailbox' | 'RoomMailbox' | 'EquipmentMailbox' | 'DiscoveryMailbox';

/**
 * A mailbox (`Get-Mailbox`). UserPrincipalName, DisplayName, PrimarySmtpAddress, AccountDisabled and
 * IsDirSynced come from the Graph user named by `ExternalDirectoryObjectId` unless given here, as
 * Exchange takes them from Entra.
 */
export interface ExchangeMailbox {
  /** The Graph `user.id` of the mailbox's user object; `''` for system mailboxes, as the API sends. */
  ExternalDirectoryObjectId: Guid | '';
  RecipientTypeDetails: MailboxRecipientType;
  /** Mailbox id (`ExchangeGuid`). */
  ExchangeGuid: Guid;
  /** Directory object id (`Guid`, `ExchangeObjectId`). */
  Guid: Guid;
  Alias: string;
  WhenMailboxCreated: IsoDateTime;
  UserPrincipalName?: string;
  DisplayName?: string;
  PrimarySmtpAddress?: string;
  AccountDisabled?: boolean;
  IsDirSynced?: boolean;
  HiddenFromAddressListsEnabled?: boolean;
  AuditEnabled?: boolean;
}

/** `Get-OrganizationConfig` (the properties the simulator models). */
export interface ExchangeOrganizationConfig {
  DisplayName: string;
  /** `true` turns mailbox auditing off for the whole organisation. */
  AuditDisabled: boolean;
  CustomerLockboxEnabled?: boolean;
  ActivityBasedAuthenticationTimeoutEnabled?: boolean;
  ActivityBasedAuthenticationTimeoutInterval?: string;
  WhenChanged: IsoDateTime;
}

/** `Get-AdminAuditLogConfig`. */
export interface ExchangeAdminAuditLogConfig {
  /**
   * Whether the unified audit log records activity. Read through the compliance endpoint it is
   * always `false` ("always False in Security & Compliance PowerShell"), which the simulator reproduces.
   */
  UnifiedAuditLogIngestionEnabled: boolean;
  AdminAuditLogEnabled: boolean;
  /** When ingestion was first turned on; `null` if never. */
  UnifiedAuditLogFirstOptInDate: IsoDateTime | null;
  WhenChanged: IsoDateTime;
}

/** `Get-IRMConfiguration`. `AzureRMSLicensingEnabled: true` means Office Message Encryption is usable. */
export interface ExchangeIrmConfiguration {
  AzureRMSLicensingEnabled: boolean;
  InternalLicensingEnabled: boolean;
  ExternalLicensingEnabled: boolean;
  /** Shows the Encrypt button in Outlook on the web. */
  SimplifiedClientAccessEnabled: boolean;
  EnablePdfEncryption?: boolean;
  DecryptAttachmentForEncryptOnly?: boolean;
  /** `Disabled`, `Optional` or `Mandatory`. */
  TransportDecryptionSetting?: 'Disabled' | 'Optional' | 'Mandatory';
  WhenChanged: IsoDateTime;
}

/**
 * A sensitive information type a DLP rule or mail-flow rule looks for, e.g. U.S. Social Security
 * Number (SSN) `a44669fe-0d48-453d-a9b1-2cc83f2cba77`.
 */
export interface SensitiveInformationTypeMatch {
  name: string;
  id: Guid;
  minCount: number;
  /** `-1` for any number. */
  maxCount: number;
  confidenceLevel: 'Low' | 'Medium' | 'High';
}

/** A mail-flow rule (`Get-TransportRule`): the conditions and actions the simulator models. */
export interface ExchangeTransportRule {
  Name: string;
  Guid: Guid;
  Priority: number;
  State: 'Enabled' | 'Disabled';
  /** `Enforce`, or a test mode: `Audit` (test without policy tips), `AuditAndNotify`. */
  Mode: 'Enforce' | 'Audit' | 'AuditAndNotify';
  Comments?: string;
  CreatedBy: string;
  WhenChanged: IsoDateTime;
  /** Condition: recipient is inside or outside the organisation. */
  SentToScope?: 'InOrganization' | 'NotInOrganization' | null;
  /** Condition: sender is inside or outside the organisation. */
  FromScope?: 'InOrganization' | 'NotInOrganization' | null;
  /** Condition: subject or body contains any of these words. */
  SubjectOrBodyContainsWords?: string[];
  /** Condition: the subject contains any of these words, e.g. `['[secure]']` (on-demand encryption). */
  SubjectContainsWords?: string[];
  /** Condition: message contains these sensitive information types. */
  MessageContainsDataClassifications?: SensitiveInformationTypeMatch[];
  /** Action: apply this RMS template, e.g. `Encrypt` or `Do Not Forward`. */
  ApplyRightsProtectionTemplate?: string | null;
  /** Action: apply Office 365 Message Encryption (legacy OME). */
  ApplyOME?: boolean;
  /** Action: remove OME from the message. */
  RemoveOME?: boolean;
  /** Action: prepend this text to the subject. */
  PrependSubject?: string | null;
}

/**
 * An outbound connector (`Get-OutboundConnector`): the properties New-OutboundConnector documents.
 * Microsoft publishes no output sample; the key order follows a capture over the admin API (see
 * assembled-templates.ts).
 */
export interface ExchangeOutboundConnector {
  Name: string;
  Guid: Guid;
  Enabled: boolean;
  /** `Partner` (a third-party service such as an encryption gateway) or `OnPremises`. */
  ConnectorType: 'Partner' | 'OnPremises';
  /** Where mail is sent (FQDN, IP address or CIDR); required when UseMXRecord is false. */
  SmartHosts: string[];
  UseMXRecord: boolean;
  /** Domains whose mail the connector carries; `['*']` for every external domain. */
  RecipientDomains: string[];
  /** TLS required towards the smart host, or `null` (the default: opportunistic TLS). */
  TlsSettings: 'EncryptionOnly' | 'CertificateValidation' | 'DomainValidation' | null;
  TlsDomain?: string | null;
  /** Carries only mail that a mail-flow rule routes to it (RouteMessageOutboundConnector). */
  IsTransportRuleScoped: boolean;
  Comment?: string;
  WhenCreated: IsoDateTime;
  WhenChanged: IsoDateTime;
}

/** Where a DLP policy applies; `['All']` for every location. */
export type DlpLocation = string[];

/** A DLP policy (`Get-DlpCompliancePolicy`). */
export interface DlpCompliancePolicy {
  Name: string;
  /** Also its `ExchangeObjectId`; DLP rules point at it with `Policy`. */
  Guid: Guid;
  Priority: number;
  /** `Enable` enforces; `TestWithNotifications`/`TestWithoutNotifications` only simulate. */
  Mode: 'Enable' | 'TestWithNotifications' | 'TestWithoutNotifications' | 'Disable' | 'PendingDeletion';
  Enabled: boolean;
  ExchangeLocation: DlpLocation;
  SharePointLocation: DlpLocation;
  OneDriveLocation: DlpLocation;
  TeamsLocation: DlpLocation;
  EndpointDlpLocation?: DlpLocation;
  Comment?: string;
  CreatedBy: string;
  WhenCreated: IsoDateTime;
  WhenChanged: IsoDateTime;
  /** Set on policies created from a Microsoft template (the sample shows `{}`); `null` otherwise. */
  createdFromTemplate?: boolean;
}

/** A DLP rule (`Get-DlpComplianceRule`). */
export interface DlpComplianceRule {
  Name: string;
  Guid: Guid;
  ImmutableId: Guid;
  /** The policy's `Name`; the rule's `Policy` is that policy's `Guid`. */
  ParentPolicyName: string;
  Priority: number;
  Disabled: boolean;
  Mode: 'Enforce' | 'Audit' | 'AuditAndNotify' | 'PendingDeletion';
  /** The sensitive information types the rule detects. */
  ContentContainsSensitiveInformation: SensitiveInformationTypeMatch[];
  /**
   * How the condition is stored: `template` (rules made from a Microsoft template or by PowerShell)
   * carry the types in `ContentContainsSensitiveInformation` and `AdvancedRule`; `groups` (rules built
   * in the Purview portal with condition groups) leave `ContentContainsSensitiveInformation` null and
   * carry them only in the `AdvancedRule` JSON, as several sample rules do.
   */
  conditionFormat: 'template' | 'groups';
  /** Only content shared inside or outside the organisation. */
  AccessScope?: 'InOrganization' | 'NotInOrganization' | null;
  BlockAccess: boolean;
  BlockAccessScope?: 'All' | 'PerUser' | 'PerAnonymousUser' | null;
  /** Who gets a notification, e.g. `['SiteAdmin', 'LastModifier', 'Owner']`. */
  NotifyUser: string[];
  /** Who gets an incident report, e.g. `['SiteAdmin']`. */
  GenerateIncidentReport: string[];
  GenerateAlert?: string[];
  EncryptRMSTemplate?: string | null;
  ReportSeverityLevel: 'Low' | 'Medium' | 'High' | 'None';
  CreatedBy: string;
  WhenChanged: IsoDateTime;
}

/** `RetentionDuration` values of an audit log retention policy: the "Accepted values" of New-UnifiedAuditLogRetentionPolicy. */
export type UnifiedAuditLogRetentionDuration = 'ThreeMonths' | 'SixMonths' | 'NineMonths' | 'TwelveMonths' | 'TenYears';

/**
 * An audit log retention policy (`Get-UnifiedAuditLogRetentionPolicy`). The Purview portal requires
 * a record type or a user ("If you leave the Record type blank, then you must select a user"), so a
 * policy for everyone names its record types; Operations need exactly one record type.
 */
export interface UnifiedAuditLogRetentionPolicy {
  Name: string;
  Guid: Guid;
  Description: string;
  /** Record types it covers (AuditLogRecordType names, e.g. `ExchangeItem`). */
  RecordTypes: string[];
  /** Activities of its one record type; empty for all. */
  Operations: string[];
  /** The users it applies to; empty for everyone. */
  UserIds: string[];
  RetentionDuration: UnifiedAuditLogRetentionDuration;
  /** Lower numbers win. */
  Priority: number;
  Enabled: boolean;
  CreatedBy: string;
  WhenCreated: IsoDateTime;
  WhenChanged: IsoDateTime;
}

/** An outbound spam filter policy (`Get-HostedOutboundSpamFilterPolicy`): only the default one applies to everyone. */
export interface HostedOutboundSpamFilterPolicy {
  Name: string;
  Guid: Guid;
  IsDefault: boolean;
  /** `Automatic` (the cmdlet's default value), `On` or `Off`. */
  AutoForwardingMode: 'Automatic' | 'On' | 'Off';
  /** A live default policy reads `false`: it has no rule, so the flag means nothing there. */
  Enabled: boolean;
  WhenChanged: IsoDateTime;
}

/** The rule that applies a custom outbound policy to some senders (`Get-HostedOutboundSpamFilterRule`). */
export interface HostedOutboundSpamFilterRule {
  /** The same name as its policy, as the portal creates them. */
  Name: string;
  Guid: Guid;
  HostedOutboundSpamFilterPolicy: string;
  Priority: number;
  State: 'Enabled' | 'Disabled';
  From?: string[];
  FromMemberOf?: string[];
  SenderDomainIs?: string[];
  ExceptIfFrom?: string[];
  ExceptIfFromMemberOf?: string[];
  ExceptIfSenderDomainIs?: string[];
  WhenChanged: IsoDateTime;
}

/** A remote domain (`Get-RemoteDomain`); `Default` (DomainName `*`) applies to every domain without its own. */
export interface RemoteDomain {
  Name: string;
  DomainName: string;
  Guid: Guid;
  AutoForwardEnabled: boolean;
  WhenCreated: IsoDateTime;
  WhenChanged: IsoDateTime;
}

/** An accepted domain (`Get-AcceptedDomain`). */
export interface AcceptedDomain {
  DomainName: string;
  Guid: Guid;
  DomainType: 'Authoritative' | 'InternalRelay' | 'ExternalRelay';
  Default: boolean;
  InitialDomain: boolean;
  MatchSubDomains?: boolean;
  WhenCreated: IsoDateTime;
}

/** Exchange Online and Security & Compliance for a simulated tenant (`M365TenantModel.exchange`). */
export interface ExchangeOnlineModel {
  /** The tenant's initial domain, e.g. `'harbourviewmedical.onmicrosoft.com'`; Exchange names its objects after it. */
  initialDomain: string;
  /**
   * Entra directory role template ids assigned to the auditing app's service principal, e.g.
   * Global Reader. Entra puts them in app tokens as `wids` (see {@link simulatedCredential}); without
   * a role the admin API refuses the app with 403 even when it holds Exchange.ManageAsApp.
   */
  appDirectoryRoles: Guid[];
  complianceEndpoint: ComplianceEndpointBehaviour;
  /**
   * Whether the Exchange endpoint also runs the Security & Compliance cmdlets
   * (`Get-DlpCompliancePolicy`, `Get-DlpComplianceRule`, `Get-UnifiedAuditLogRetentionPolicy`), as
   * peers report relying on when the compliance endpoint refuses the app. Defaults to `true`.
   * Microsoft's cmdlet reference says these cmdlets are "available only in Security & Compliance
   * PowerShell"; set `false` to simulate that reading.
   */
  complianceCmdletsOnExchangeEndpoint?: boolean;
  /**
   * Whether every licensed Graph user with an Exchange Online service plan also gets a `UserMailbox`
   * (built from the user object). Defaults to `true`.
   */
  userMailboxesFromLicences?: boolean;
  /** Mailboxes besides those derived from licences: shared, room, discovery. */
  mailboxes: ExchangeMailbox[];
  organizationConfig: ExchangeOrganizationConfig;
  adminAuditLogConfig: ExchangeAdminAuditLogConfig;
  irmConfiguration: ExchangeIrmConfiguration;
  transportRules: ExchangeTransportRule[];
  /** `Get-OutboundConnector`; none when absent. */
  outboundConnectors?: ExchangeOutboundConnector[];
  dlpCompliancePolicies: DlpCompliancePolicy[];
  dlpComplianceRules: DlpComplianceRule[];
  unifiedAuditLogRetentionPolicies: UnifiedAuditLogRetentionPolicy[];
  /** Absent: the built-in `Default` policy with AutoForwardingMode `Automatic`, as a new organisation has. */
  hostedOutboundSpamFilterPolicies?: HostedOutboundSpamFilterPolicy[];
  hostedOutboundSpamFilterRules?: HostedOutboundSpamFilterRule[];
  /** Absent: the built-in `Default` (`*`) with AutoForwardEnabled `true`, its out-of-the-box value. */
  remoteDomains?: RemoteDomain[];
  /** Absent: the tenant's initial domain (the default one) and its verified domains. */
  acceptedDomains?: AcceptedDomain[];
}

/**
 * Roles the app-only docs support for Exchange Online PowerShell ("App-only authentication in
 * Exchange Online PowerShell and Security & Compliance PowerShell", Step 5 table).
 */
export const EXCHANGE_SUPPORTED_ROLES: readonly string[] = [
  EXCHANGE_ROLE_TEMPLATES.complianceAdministrator,
  EXCHANGE_ROLE_TEMPLATES.exchangeAdministrator,
  EXCHANGE_ROLE_TEMPLATES.exchangeRecipientAdministrator,
  EXCHANGE_ROLE_TEMPLATES.globalAdministrator,
  EXCHANGE_ROLE_TEMPLATES.globalReader,
  EXCHANGE_ROLE_TEMPLATES.helpdeskAdministrator,
  EXCHANGE_ROLE_TEMPLATES.securityAdministrator,
  EXCHANGE_ROLE_TEMPLATES.securityReader,
];

/** Roles the same table supports for Security & Compliance PowerShell. */
export const COMPLIANCE_SUPPORTED_ROLES: readonly string[] = [
  EXCHANGE_ROLE_TEMPLATES.complianceAdministrator,
  EXCHANGE_ROLE_TEMPLATES.globalAdministrator,
  EXCHANGE_ROLE_TEMPLATES.globalReader,
  EXCHANGE_ROLE_TEMPLATES.securityAdministrator,
  EXCHANGE_ROLE_TEMPLATES.securityReader,
];

/**
 * Roles limited to recipient tasks: the simulator lets them run `Get-Mailbox` only (a simplification
 * of Exchange RBAC, whose role groups decide this per cmdlet).
 */
export const RECIPIENT_ONLY_ROLES: readonly string[] = [
  EXCHANGE_ROLE_TEMPLATES.exchangeRecipientAdministrator,
  EXCHANGE_ROLE_TEMPLATES.helpdeskAdministrator,
];
