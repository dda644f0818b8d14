import { z } from 'zod';

// Shapes of what the Exchange Online admin API (InvokeCommand) returns, stored as the cmdlets name
// their properties (PascalCase, see reference/exchange/scubagear-sample-cmdlet-output.json). Only the
// properties the controls read are kept; every object schema passes unknown properties through.

const stringList = z.array(z.string()).nullable().optional();
/** Which endpoint answered a Security & Compliance cmdlet (the compliance one, or Exchange as fallback). */
export const AdminEndpointSchema = z.enum(['exchange', 'compliance']);
export type AdminEndpoint = z.infer<typeof AdminEndpointSchema>;

export const SharedMailboxSchema = z
  .object({
    ExternalDirectoryObjectId: z.string().nullable().optional(),
    UserPrincipalName: z.string().nullable().optional(),
    PrimarySmtpAddress: z.string().nullable().optional(),
    DisplayName: z.string().nullable().optional(),
    RecipientTypeDetails: z.string().nullable().optional(),
    IsDirSynced: z.boolean().nullable().optional(),
  })
  .passthrough();
export type SharedMailbox = z.infer<typeof SharedMailboxSchema>;

/** `Get-Mailbox -RecipientTypeDetails SharedMailbox`, one paged call. */
export const SharedMailboxesDatasetSchema = z.object({ mailboxes: z.array(SharedMailboxSchema) });
export type SharedMailboxesDataset = z.infer<typeof SharedMailboxesDatasetSchema>;

export const TransportRuleSchema = z
  .object({
    Name: z.string(),
    State: z.string().nullable().optional(), // Enabled | Disabled
    Mode: z.string().nullable().optional(), // Enforce | Audit | AuditAndNotify
    Priority: z.number().nullable().optional(),
    Description: z.string().nullable().optional(),
    ApplyRightsProtectionTemplate: z.unknown().optional(),
    ApplyOME: z.boolean().nullable().optional(),
    SentToScope: z.string().nullable().optional(), // NotInOrganization for outbound
    FromScope: z.string().nullable().optional(),
    Conditions: stringList,
    Actions: stringList,
  })
  .passthrough();
export type TransportRule = z.infer<typeof TransportRuleSchema>;

/** `Get-OutboundConnector`: where Exchange Online sends mail besides MX delivery (e.g. an encryption gateway). */
export const OutboundConnectorSchema = z
  .object({
    Name: z.string(),
    Enabled: z.boolean().nullable().optional(),
    ConnectorType: z.string().nullable().optional(), // Partner | OnPremises
    SmartHosts: stringList,
    UseMXRecord: z.boolean().nullable().optional(),
    RecipientDomains: stringList, // ["*"] for every external domain
    TlsSettings: z.string().nullable().optional(), // EncryptionOnly | CertificateValidation | DomainValidation | null
    IsTransportRuleScoped: z.boolean().nullable().optional(),
  })
  .passthrough();
export type OutboundConnector = z.infer<typeof OutboundConnectorSchema>;

/** Office Message Encryption readiness, the mail-flow rules that could apply it, and outbound connectors. */
export const MailEncryptionDatasetSchema = z.object({
  /** `Get-IRMConfiguration`. */
  irmConfiguration: z
    .object({
      AzureRMSLicensingEnabled: z.boolean().nullable().optional(),
      SimplifiedClientAccessEnabled: z.boolean().nullable().optional(),
      InternalLicensingEnabled: z.boolean().nullable().optional(),
    })
    .passthrough(),
  /** `Get-TransportRule`. */
  transportRules: z.array(TransportRuleSchema),
  /** `Get-OutboundConnector`; absent in snapshots taken before it was read. */
  outboundConnectors: z.array(OutboundConnectorSchema).optional(),
});
export type MailEncryptionDataset = z.infer<typeof MailEncryptionDatasetSchema>;

export const DlpPolicySchema = z
  .object({
    Name: z.string(),
    DisplayName: z.string().nullable().optional(),
    Mode: z.string().nullable().optional(), // Enable | TestWithNotifications | TestWithoutNotifications | Disable
    Enabled: z.boolean().nullable().optional(),
    IsSimulationPolicy: z.boolean().nullable().optional(),
    Workload: z.string().nullable().optional(),
    ExchangeLocation: z.unknown().optional(),
    SharePointLocation: z.unknown().optional(),
    OneDriveLocation: z.unknown().optional(),
    TeamsLocation: z.unknown().optional(),
  })
  .passthrough();
export type DlpPolicy = z.infer<typeof DlpPolicySchema>;

export const DlpRuleSchema = z
  .object({
    Name: z.string(),
    ParentPolicyName: z.string().nullable().optional(),
    Disabled: z.boolean().nullable().optional(),
    Mode: z.string().nullable().optional(),
    ContentContainsSensitiveInformation: z.unknown().optional(),
    BlockAccess: z.boolean().nullable().optional(),
    NotifyUser: stringList,
    GenerateIncidentReport: stringList,
    GenerateAlert: z.unknown().optional(),
    EncryptRMSTemplate: z.unknown().optional(),
  })
  .passthrough();
export type DlpRule = z.infer<typeof DlpRuleSchema>;

/** Purview DLP: `Get-DlpCompliancePolicy` and `Get-DlpComplianceRule`. */
export const DlpDatasetSchema = z.object({
  endpoint: AdminEndpointSchema,
  policies: z.array(DlpPolicySchema),
  rules: z.array(DlpRuleSchema),
});
export type DlpDataset = z.infer<typeof DlpDatasetSchema>;

/** `Get-AdminAuditLogConfig` (through the Exchange endpoint) and `Get-OrganizationConfig`. */
export const AuditConfigDatasetSchema = z.object({
  adminAuditLogConfig: z.object({ UnifiedAuditLogIngestionEnabled: z.boolean().nullable().optional() }).passthrough(),
  organizationConfig: z.object({ AuditDisabled: z.boolean().nullable().optional() }).passthrough(),
});
export type AuditConfigDataset = z.infer<typeof AuditConfigDatasetSchema>;

/** `Get-UnifiedAuditLogRetentionPolicy`. */
export const AuditRetentionDatasetSchema = z.object({
  endpoint: AdminEndpointSchema,
  policies: z.array(
    z
      .object({
        Name: z.string(),
        Enabled: z.boolean().nullable().optional(),
        RetentionDuration: z.string().nullable().optional(), // ThreeMonths, SixMonths, NineMonths, TwelveMonths, TenYears
        Priority: z.number().nullable().optional(),
        RecordTypes: stringList,
        Operations: stringList,
        UserIds: stringList,
      })
      .passthrough(),
  ),
});
export type AuditRetentionDataset = z.infer<typeof AuditRetentionDatasetSchema>;

/**
 * Recipients a mail-flow rule adds or redirects to (`RedirectMessageTo`, `BlindCopyTo`,
 * `AddToRecipients`, `CopyTo`): read from the kept `Get-TransportRule` records. Whether the wire
 * carries an array or a single string is not documented (both are seen), so both are accepted.
 */
export const TransportRuleRecipientsSchema = z.union([z.array(z.string()), z.string()]).nullable().optional();

/** The forwarding-related actions of a mail-flow rule (the rest of the rule is in {@link TransportRuleSchema}). */
export const TransportRuleForwardingSchema = z
  .object({
    RedirectMessageTo: TransportRuleRecipientsSchema,
    BlindCopyTo: TransportRuleRecipientsSchema,
    AddToRecipients: TransportRuleRecipientsSchema,
    CopyTo: TransportRuleRecipientsSchema,
    ActivationDate: z.string().nullable().optional(),
    ExpiryDate: z.string().nullable().optional(),
  })
  .passthrough();

/** `Get-HostedOutboundSpamFilterPolicy`: the default policy (`IsDefault`, applies to everyone) and custom ones. */
export const OutboundSpamPolicySchema = z
  .object({
    Name: z.string(),
    Identity: z.string().nullable().optional(),
    IsDefault: z.boolean().nullable().optional(),
    /** `Automatic` | `Off` | `On`. */
    AutoForwardingMode: z.string().nullable().optional(),
    /** Not meaningful on the default policy (a live one reads `false`); a custom policy applies through its rule. */
    Enabled: z.boolean().nullable().optional(),
  })
  .passthrough();
export type OutboundSpamPolicy = z.infer<typeof OutboundSpamPolicySchema>;

/** `Get-HostedOutboundSpamFilterRule`: who a custom policy applies to (conditions OR within a type, AND across types). */
export const OutboundSpamRuleSchema = z
  .object({
    Name: z.string(),
    HostedOutboundSpamFilterPolicy: z.string().nullable().optional(),
    Priority: z.number().nullable().optional(),
    /** `Enabled` | `Disabled`. */
    State: z.string().nullable().optional(),
    From: stringList,
    FromMemberOf: stringList,
    SenderDomainIs: stringList,
    ExceptIfFrom: stringList,
    ExceptIfFromMemberOf: stringList,
    ExceptIfSenderDomainIs: stringList,
  })
  .passthrough();
export type OutboundSpamRule = z.infer<typeof OutboundSpamRuleSchema>;

/** `Get-RemoteDomain`: `Default` (`DomainName` `*`) and any domain-specific entries. */
export const RemoteDomainSchema = z
  .object({
    Name: z.string(),
    DomainName: z.string(),
    AutoForwardEnabled: z.boolean().nullable().optional(),
  })
  .passthrough();
export type RemoteDomain = z.infer<typeof RemoteDomainSchema>;

/** `Get-AcceptedDomain`: the organisation's own mail domains (what "external" is measured against). */
export const AcceptedDomainSchema = z
  .object({
    Name: z.string().nullable().optional(),
    DomainName: z.string(),
    /** `Authoritative` | `InternalRelay` | `ExternalRelay`. */
    DomainType: z.string().nullable().optional(),
    MatchSubDomains: z.boolean().nullable().optional(),
  })
  .passthrough();
export type AcceptedDomain = z.infer<typeof AcceptedDomainSchema>;

/** Everything that decides whether mail is forwarded automatically outside the organisation (besides mail-flow rules, in `m365.mailEncryption`). */
export const MailForwardingDatasetSchema = z.object({
  outboundSpamPolicies: z.array(OutboundSpamPolicySchema),
  outboundSpamRules: z.array(OutboundSpamRuleSchema),
  remoteDomains: z.array(RemoteDomainSchema),
  acceptedDomains: z.array(AcceptedDomainSchema),
});
export type MailForwardingDataset = z.infer<typeof MailForwardingDatasetSchema>;

export const exchangeDatasetSchemas = {
  'm365.sharedMailboxes': SharedMailboxesDatasetSchema,
  'm365.mailEncryption': MailEncryptionDatasetSchema,
  'm365.dlp': DlpDatasetSchema,
  'm365.auditConfig': AuditConfigDatasetSchema,
  'm365.auditRetention': AuditRetentionDatasetSchema,
  'm365.mailForwarding': MailForwardingDatasetSchema,
} as const;
