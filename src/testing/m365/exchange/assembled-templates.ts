/**
 * Templates for cmdlet output the shared reference has no sample of. Assembled from Microsoft's
 * cmdlet reference (the parameters of the matching Set-/New- cmdlet are the properties Get- returns)
 * and the directory-object properties every Exchange configuration object carries (the tail of the
 * Get-AdminAuditLogConfig sample, and of the DLP policy sample for Security & Compliance objects).
 * Not captured from a live answer: a real one may carry more properties.
 */
import type { PropertyTemplate } from './wire.js';

/** The directory-object tail of Exchange Online configuration objects (Get-AdminAuditLogConfig sample). */
function exchangeConfigTail(name: string, objectClass: string[]): PropertyTemplate[] {
  return [
    ['AdminDisplayName', ''],
    ['ExchangeVersion', '0.20 (15.0.0.0)'],
    ['Name', name],
    ['DistinguishedName', `CN=${name},CN=Global Settings,CN=Configuration,CN={{org}}.onmicrosoft.com,CN=ConfigurationUnits,DC=NAMPR09A006,DC=PROD,DC=OUTLOOK,DC=COM`],
    ['Identity', name],
    ['ObjectCategory', `NAMPR09A006.PROD.OUTLOOK.COM/Configuration/Schema/ms-Exch-${objectClass[1] ?? 'Container'}`],
    ['ObjectClass', objectClass, 'Collection'],
    ['WhenChanged', null, 'DateTime'],
    ['WhenCreated', null, 'DateTime'],
    ['WhenChangedUTC', null, 'DateTime'],
    ['WhenCreatedUTC', null, 'DateTime'],
    ['ExchangeObjectId', null, 'Guid'],
    ['OrganizationalUnitRoot', '{{org}}.onmicrosoft.com'],
    [
      'OrganizationId',
      'NAMPR09A006.PROD.OUTLOOK.COM/Microsoft Exchange Hosted Organizations/{{org}}.onmicrosoft.com - NAMPR09A006.PROD.OUTLOOK.COM/ConfigurationUnits/{{org}}.onmicrosoft.com/Configuration',
    ],
    ['Id', name],
    ['Guid', null, 'Guid'],
    ['OriginatingServer', 'BY1PR09A06DC005.NAMPR09A006.PROD.OUTLOOK.COM'],
    ['IsValid', true],
    ['ObjectState', 'Unchanged'],
  ];
}

/** `Get-IRMConfiguration` (Set-IRMConfiguration's parameters, plus the locations it reports). */
export const IRM_CONFIGURATION_TEMPLATE: readonly PropertyTemplate[] = [
  ['AutomaticServiceUpdateEnabled', true],
  ['AzureRMSLicensingEnabled', false],
  ['ClientAccessServerEnabled', true],
  ['DecryptAttachmentForEncryptOnly', false],
  ['DecryptAttachmentFromPortal', false],
  ['EDiscoverySuperUserEnabled', true],
  ['EnablePdfEncryption', false],
  ['EnablePortalTrackingLogs', false],
  ['ExternalLicensingEnabled', false],
  ['InternalLicensingEnabled', false],
  ['JournalReportDecryptionEnabled', true],
  ['LicensingLocation', [], 'Collection'],
  ['PublishingLocation', null],
  ['RejectIfRecipientHasNoRights', false],
  ['RMSOnlineKeySharingLocation', null],
  ['SearchEnabled', true],
  ['ServiceLocation', null],
  ['SimplifiedClientAccessDoNotForwardDisabled', false],
  ['SimplifiedClientAccessEnabled', false],
  ['SimplifiedClientAccessEncryptOnlyDisabled', false],
  ['TransportDecryptionSetting', 'Mandatory'],
  ...exchangeConfigTail('ControlPoint Configuration', ['top', 'msExchControlPointConfig']),
];

/** The directory tail of the Get-OrganizationConfig sample's missing part (not in ScubaGear's selection). */
export const ORGANIZATION_CONFIG_TAIL: readonly PropertyTemplate[] = exchangeConfigTail('{{org}}.onmicrosoft.com', ['top', 'container', 'msExchConfigurationUnitContainer']);

/**
 * `Get-UnifiedAuditLogRetentionPolicy`: the properties its cmdlet reference lists (Name, Description,
 * RecordTypes, Operations, UserIds, RetentionDuration, Priority) plus `Enabled` and the Security &
 * Compliance policy tail of the DLP policy sample.
 */
export const UNIFIED_AUDIT_LOG_RETENTION_POLICY_TEMPLATE: readonly PropertyTemplate[] = [
  ['Priority', 0, 'Int32'],
  ['Description', ''],
  ['RecordTypes', [], 'Collection'],
  ['Operations', [], 'Collection'],
  ['UserIds', [], 'Collection'],
  ['RetentionDuration', 'TwelveMonths'],
  ['Enabled', true],
  ['ObjectVersion', null],
  ['CreatedBy', ''],
  ['LastModifiedBy', ''],
  ['ReadOnly', false],
  ['ExternalIdentity', null],
  ['Comment', ''],
  ['ModificationTimeUtc', null, 'DateTime'],
  ['CreationTimeUtc', null, 'DateTime'],
  ['Identity', ''],
  ['Id', ''],
  ['IsValid', true],
  ['ExchangeVersion', '0.20 (15.0.0.0)'],
  ['Name', ''],
  ['DistinguishedName', ''],
  ['ObjectCategory', null],
  ['ObjectClass', ['msExchUnifiedPolicy'], 'Collection'],
  ['WhenChanged', null, 'DateTime'],
  ['WhenCreated', null, 'DateTime'],
  ['WhenChangedUTC', null, 'DateTime'],
  ['WhenCreatedUTC', null, 'DateTime'],
  ['ExchangeObjectId', null, 'Guid'],
  ['OrganizationalUnitRoot', 'FFO.extest.microsoft.com/Microsoft Exchange Hosted Organizations/{{org}}.onmicrosoft.com'],
  [
    'OrganizationId',
    'FFO.extest.microsoft.com/Microsoft Exchange Hosted Organizations/{{org}}.onmicrosoft.com - FFO.extest.microsoft.com/Microsoft Exchange Hosted Organizations/{{org}}.onmicrosoft.com/Configuration',
  ],
  ['Guid', null, 'Guid'],
  ['OriginatingServer', ''],
  ['ObjectState', 'Unchanged'],
];

/**
 * `Get-OutboundConnector`. Microsoft documents no output sample; the keys and their order are those
 * of a capture over the Exchange Online admin API (rknightion/graph2otel, exchangeconnectors test,
 * 2026-07-24), the values' meaning from New-OutboundConnector's reference. The capture carries no
 * directory tail (no DistinguishedName, ExchangeVersion...), so none is added.
 */
export const OUTBOUND_CONNECTOR_TEMPLATE: readonly PropertyTemplate[] = [
  ['Enabled', true],
  ['UseMXRecord', true],
  ['Comment', ''],
  ['ConnectorType', 'Partner'],
  ['ConnectorSource', 'AdminUI'],
  ['RecipientDomains', [], 'Collection'],
  ['SmartHosts', [], 'Collection'],
  ['TlsDomain', null],
  ['TlsSettings', null],
  ['IsTransportRuleScoped', false],
  ['RouteAllMessagesViaOnPremises', false],
  ['CloudServicesMailEnabled', false],
  ['AllAcceptedDomains', false],
  ['SenderRewritingEnabled', false],
  ['MtaStsMode', 'Opportunistic'],
  ['SmtpDaneMode', 'Opportunistic'],
  ['TestMode', false],
  ['ValidationRecipients', [], 'Collection'],
  ['IsValidated', false],
  // A date in the capture (2026-07-24T18:59:12.0000000, no zone); null for a connector never validated.
  ['LastValidationTimestamp', null],
  ['AdminDisplayName', ''],
  ['Name', ''],
  ['Identity', ''],
  ['WhenChangedUTC', null, 'DateTime'],
  ['WhenCreatedUTC', null, 'DateTime'],
  ['Guid', null, 'Guid'],
  ['IsValid', true],
];
