import type { CollectContext, DatasetCollector } from '../types.js';
import type { Requirement } from '../../core/permissions.js';
import { DatasetError } from './errors.js';
import { type CmdletAnswer, type ExchangeAdminSession } from './exchange-client.js';
import { endpointName } from './exchange-errors.js';
import type {
  AdminEndpoint,
  AuditConfigDataset,
  AuditRetentionDataset,
  DlpPolicy,
  DlpRule,
  MailEncryptionDataset,
  MailForwardingDataset,
  OutboundConnector,
  SharedMailbox,
  TransportRule,
  exchangeDatasetSchemas,
} from '../../datasets/m365-exchange.js';

/** Name of a dataset read through the Exchange Online admin API. */
export type ExchangeDatasetName = keyof typeof exchangeDatasetSchemas;

/** What an Exchange collector gets: an Exchange admin session for the tenant plus the common context. */
export interface ExchangeCollectContext extends CollectContext {
  exchange: ExchangeAdminSession;
}

type ExchangeCollector<N extends ExchangeDatasetName> = DatasetCollector<N, ExchangeCollectContext>;

// App-only access to the admin API needs an application permission and a directory role, both
// documented in "App-only authentication in Exchange Online PowerShell and Security & Compliance
// PowerShell" (learn.microsoft.com/powershell/exchange/app-only-auth-powershell-v2): Global Reader
// serves both Exchange Online and Security & Compliance; Compliance Administrator serves both too.
const manageAsApp: Requirement = {
  kind: 'exchange-application-permission',
  name: 'Exchange.ManageAsApp (Office 365 Exchange Online)',
  purpose: 'run read-only Exchange Online cmdlets as the app',
};
const directoryRole: Requirement = {
  kind: 'exchange-role',
  name: 'Global Reader',
  purpose: 'lets the app read Exchange Online and Security & Compliance settings (Compliance Administrator also serves Security & Compliance)',
};
// Microsoft's docs (MicrosoftDocs/office-docs-powershell PR #13783) say Security & Compliance
// app-only access needs Exchange.ManageAsApp on "Microsoft Exchange Online Protection". Optional:
// without it the compliance endpoint refuses and these cmdlets are read through Exchange instead.
const complianceManageAsApp: Requirement = {
  kind: 'exchange-application-permission',
  name: 'Exchange.ManageAsApp (Microsoft Exchange Online Protection)',
  purpose: 'lets the Security & Compliance endpoint answer DLP and audit retention cmdlets (without it they are read through Exchange Online)',
  optional: true,
};
const exchangeRequirements = [manageAsApp, directoryRole];
const complianceRequirements = [manageAsApp, directoryRole, complianceManageAsApp];

/** Mailbox properties kept: the ones the controls read (the schema's). */
const MAILBOX_PROPERTIES = ['ExternalDirectoryObjectId', 'UserPrincipalName', 'PrimarySmtpAddress', 'DisplayName', 'RecipientTypeDetails', 'IsDirSynced'] as const;

function pick<T extends Record<string, unknown>>(item: Record<string, unknown>, keys: readonly string[]): T {
  return Object.fromEntries(keys.filter((key) => key in item).map((key) => [key, item[key]])) as T;
}

/** Record facts about how a cmdlet was answered (fallbacks, warnings) in the dataset's notes. */
function noteAnswer(note: (text: string) => void, cmdlet: string, answer: CmdletAnswer<unknown>): void {
  const refusal = answer.complianceRefusal;
  if (refusal) {
    note(`${cmdlet} was read through the Exchange Online endpoint: Security & Compliance refused the app (${refusal.status} ${refusal.code})`);
  }
  for (const warning of answer.warnings) note(`${cmdlet} warned: ${warning}`);
}

/** A cmdlet that returns one settings object (Get-OrganizationConfig, ...). */
async function invokeSingle<T>(exchange: ExchangeAdminSession, note: (text: string) => void, cmdlet: string): Promise<T> {
  const answer = await exchange.invoke<T>(cmdlet);
  noteAnswer(note, cmdlet, answer);
  const [first] = answer.items;
  if (first === undefined) {
    throw new DatasetError({ kind: 'api', detail: `${endpointName(answer.endpoint)} answered ${cmdlet} with no settings object` });
  }
  return first;
}

export const collectSharedMailboxes: ExchangeCollector<'m365.sharedMailboxes'> = {
  name: 'm365.sharedMailboxes',
  description: 'Shared mailboxes (one paged Get-Mailbox call, never one per user).',
  reads: [`Get-Mailbox -RecipientTypeDetails SharedMailbox -ResultSize Unlimited ($select ${MAILBOX_PROPERTIES.join(', ')})`],
  weight: 3,
  requirements: exchangeRequirements,
  async collect({ exchange, note }) {
    const answer = await exchange.invoke<Record<string, unknown>>(
      'Get-Mailbox',
      { RecipientTypeDetails: 'SharedMailbox', ResultSize: 'Unlimited' },
      { select: MAILBOX_PROPERTIES },
    );
    noteAnswer(note, 'Get-Mailbox', answer);
    // Kept to the properties read, whatever the service returns: a mailbox has hundreds.
    return { mailboxes: answer.items.map((mailbox) => pick<SharedMailbox>(mailbox, MAILBOX_PROPERTIES)) };
  },
};

export const collectMailEncryption: ExchangeCollector<'m365.mailEncryption'> = {
  name: 'm365.mailEncryption',
  description:
    'Office Message Encryption readiness (Get-IRMConfiguration), mail-flow rules (Get-TransportRule) and outbound connectors to gateways (Get-OutboundConnector).',
  reads: ['Get-IRMConfiguration', 'Get-TransportRule', 'Get-OutboundConnector'],
  weight: 2,
  requirements: exchangeRequirements,
  async collect({ exchange, note }): Promise<MailEncryptionDataset> {
    // Independent cmdlets, sent together.
    const [irmConfiguration, rules, connectors] = await Promise.all([
      invokeSingle<MailEncryptionDataset['irmConfiguration']>(exchange, note, 'Get-IRMConfiguration'),
      exchange.invoke<TransportRule>('Get-TransportRule'),
      exchange.invoke<OutboundConnector>('Get-OutboundConnector'),
    ]);
    noteAnswer(note, 'Get-TransportRule', rules);
    noteAnswer(note, 'Get-OutboundConnector', connectors);
    // ScubaGear's export shows an empty result as [null]; keep objects only.
    return { irmConfiguration, transportRules: rules.items, outboundConnectors: connectors.items.filter((item) => item !== null && typeof item === 'object') };
  },
};

/** The endpoint a dataset records: the one that answered, Exchange if the two cmdlets differed. */
function answeredBy(note: (text: string) => void, answers: readonly CmdletAnswer<unknown>[]): AdminEndpoint {
  const endpoints = new Set(answers.map((answer) => answer.endpoint));
  if (endpoints.size === 1) return [...endpoints][0]!;
  note('the cmdlets were answered by different endpoints (Security & Compliance, then Exchange Online)');
  return 'exchange';
}

export const collectDlp: ExchangeCollector<'m365.dlp'> = {
  name: 'm365.dlp',
  description: 'Purview DLP policies and rules (Get-DlpCompliancePolicy, Get-DlpComplianceRule) from Security & Compliance, or Exchange as fallback.',
  reads: ['Get-DlpCompliancePolicy', 'Get-DlpComplianceRule (Security & Compliance; Exchange Online when it refuses)'],
  weight: 2,
  requirements: complianceRequirements,
  async collect({ exchange, note }) {
    const [policies, rules] = await Promise.all([
      exchange.invoke<DlpPolicy>('Get-DlpCompliancePolicy', {}, { endpoint: 'compliance' }),
      exchange.invoke<DlpRule>('Get-DlpComplianceRule', {}, { endpoint: 'compliance' }),
    ]);
    noteAnswer(note, 'Get-DlpCompliancePolicy', policies);
    noteAnswer(note, 'Get-DlpComplianceRule', rules);
    return { endpoint: answeredBy(note, [policies, rules]), policies: policies.items, rules: rules.items };
  },
};

export const collectAuditConfig: ExchangeCollector<'m365.auditConfig'> = {
  name: 'm365.auditConfig',
  description: 'Unified audit log ingestion (Get-AdminAuditLogConfig) and organisation-wide mailbox auditing (Get-OrganizationConfig).',
  reads: ['Get-AdminAuditLogConfig', 'Get-OrganizationConfig'],
  weight: 2,
  requirements: exchangeRequirements,
  async collect({ exchange, note }): Promise<AuditConfigDataset> {
    // Through the Exchange endpoint only: read through Security & Compliance,
    // UnifiedAuditLogIngestionEnabled can show false while ingestion is on.
    const [adminAuditLogConfig, organizationConfig] = await Promise.all([
      invokeSingle<AuditConfigDataset['adminAuditLogConfig']>(exchange, note, 'Get-AdminAuditLogConfig'),
      invokeSingle<AuditConfigDataset['organizationConfig']>(exchange, note, 'Get-OrganizationConfig'),
    ]);
    return { adminAuditLogConfig, organizationConfig };
  },
};

export const collectAuditRetention: ExchangeCollector<'m365.auditRetention'> = {
  name: 'm365.auditRetention',
  description: 'Audit log retention policies (Get-UnifiedAuditLogRetentionPolicy) from Security & Compliance, or Exchange as fallback.',
  reads: ['Get-UnifiedAuditLogRetentionPolicy (Security & Compliance; Exchange Online when it refuses)'],
  weight: 2,
  requirements: complianceRequirements,
  async collect({ exchange, note }) {
    const answer = await exchange.invoke<AuditRetentionDataset['policies'][number]>('Get-UnifiedAuditLogRetentionPolicy', {}, { endpoint: 'compliance' });
    noteAnswer(note, 'Get-UnifiedAuditLogRetentionPolicy', answer);
    return { endpoint: answer.endpoint, policies: answer.items };
  },
};

/** Properties kept of each forwarding record: the ones the controls read (a remote domain has about forty). */
const OUTBOUND_POLICY_PROPERTIES = ['Name', 'Identity', 'IsDefault', 'AutoForwardingMode', 'Enabled'] as const;
const OUTBOUND_RULE_PROPERTIES = ['Name', 'HostedOutboundSpamFilterPolicy', 'Priority', 'State', 'From', 'FromMemberOf', 'SenderDomainIs', 'ExceptIfFrom', 'ExceptIfFromMemberOf', 'ExceptIfSenderDomainIs'] as const;
const REMOTE_DOMAIN_PROPERTIES = ['Name', 'DomainName', 'AutoForwardEnabled'] as const;
const ACCEPTED_DOMAIN_PROPERTIES = ['Name', 'DomainName', 'DomainType', 'MatchSubDomains'] as const;

export const collectMailForwarding: ExchangeCollector<'m365.mailForwarding'> = {
  name: 'm365.mailForwarding',
  description: 'Automatic external forwarding settings: outbound spam policies and their rules, remote domains, and the accepted domains that tell internal addresses from external ones.',
  reads: ['Get-HostedOutboundSpamFilterPolicy', 'Get-HostedOutboundSpamFilterRule', 'Get-RemoteDomain', 'Get-AcceptedDomain'],
  weight: 2,
  // Get-RemoteDomain is refused to Security Reader (measured by rknightion/graph2otel); Global Reader reads all four.
  requirements: exchangeRequirements,
  async collect({ exchange, note }): Promise<MailForwardingDataset> {
    const cmdlets = ['Get-HostedOutboundSpamFilterPolicy', 'Get-HostedOutboundSpamFilterRule', 'Get-RemoteDomain', 'Get-AcceptedDomain'] as const;
    const [policies, rules, remoteDomains, acceptedDomains] = await Promise.all(cmdlets.map((cmdlet) => exchange.invoke<Record<string, unknown>>(cmdlet)));
    cmdlets.forEach((cmdlet, index) => noteAnswer(note, cmdlet, [policies, rules, remoteDomains, acceptedDomains][index]!));
    return {
      outboundSpamPolicies: policies!.items.map((item) => pick(item, OUTBOUND_POLICY_PROPERTIES)),
      outboundSpamRules: rules!.items.map((item) => pick(item, OUTBOUND_RULE_PROPERTIES)),
      remoteDomains: remoteDomains!.items.map((item) => pick(item, REMOTE_DOMAIN_PROPERTIES)),
      acceptedDomains: acceptedDomains!.items.map((item) => pick(item, ACCEPTED_DOMAIN_PROPERTIES)),
    };
  },
};

/** Every Exchange-backed M365 collector, by the dataset it fills. */
export const exchangeCollectors = {
  'm365.sharedMailboxes': collectSharedMailboxes,
  'm365.mailEncryption': collectMailEncryption,
  'm365.dlp': collectDlp,
  'm365.auditConfig': collectAuditConfig,
  'm365.auditRetention': collectAuditRetention,
  'm365.mailForwarding': collectMailForwarding,
} satisfies { [K in ExchangeDatasetName]: ExchangeCollector<K> };

/** Type guard: is this dataset read through the Exchange admin API? */
export function isExchangeDataset(name: string): name is ExchangeDatasetName {
  return Object.hasOwn(exchangeCollectors, name);
}
