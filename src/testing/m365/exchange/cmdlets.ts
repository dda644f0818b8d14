/**
 * The cmdlets the simulated admin API runs: where each is available, which parameters it takes
 * (from Microsoft's cmdlet reference), which of those the simulator implements, and how it answers.
 * Cmdlet and parameter names are matched case-insensitively, as PowerShell does (a live request
 * sent `"CmdletName":"get-mailbox"`).
 */
import type { Json, JsonObject } from '../graph/http.js';
import type { M365User } from '../model.js';
import { notSimulated, parameterTransformation, unknownParameter, type ExchangeAnswer, type ExchangeRequestContext } from './errors.js';
import type { DlpCompliancePolicy, DlpComplianceRule, MailboxRecipientType } from './model.js';
import { FORWARDING_CMDLETS } from './forwarding.js';
import {
  renderAdminAuditLogConfig,
  renderAuditLogRetentionPolicy,
  renderDlpCompliancePolicy,
  renderDlpComplianceRule,
  renderIrmConfiguration,
  renderMailbox,
  renderOrganizationConfig,
  renderOutboundConnector,
  renderTransportRule,
  tenantMailboxes,
  type RenderScope,
} from './render.js';

/** Where a cmdlet lives. */
export type CmdletFamily = 'exchange' | 'securityAndCompliance' | 'both';

/** The rows a cmdlet returns, before paging; rendered a page at a time (large tenants have thousands of mailboxes). */
export interface CmdletOutput {
  count: number;
  /** Renders rows `start` (inclusive) to `end` (exclusive). */
  render(start: number, end: number): JsonObject[];
  /** `@adminapi.warnings` to send with the last page. */
  warnings: string[];
}

/** Output whose rows are rendered from `items` on demand. */
function lazyOutput<T>(items: readonly T[], renderItem: (item: T) => JsonObject, warnings: string[] = []): CmdletOutput {
  return { count: items.length, render: (start, end) => items.slice(start, end).map(renderItem), warnings };
}

/** A cmdlet the simulator runs. */
export interface CmdletDefinition {
  /** Canonical name, e.g. `Get-Mailbox`. */
  name: string;
  family: CmdletFamily;
  /** Whether recipient-only roles (Exchange Recipient Administrator, Helpdesk Administrator) may run it. */
  recipientCmdlet: boolean;
  /** Roles Exchange refuses this cmdlet to although they may run others (role template ids). */
  refusedRoles?: readonly string[];
  /** Whether it has `-ResultSize` (its truncated pages then warn, naming that parameter). */
  hasResultSize: boolean;
  /** Every parameter the cmdlet takes, by lower-case name → canonical name. */
  parameters: ReadonlyMap<string, string>;
  /** The parameters the simulator implements (canonical names). */
  simulated: ReadonlySet<string>;
  run(scope: RenderScope, parameters: Record<string, Json>, ctx: ExchangeRequestContext): CmdletOutput | ExchangeAnswer;
}

/** PowerShell common parameters a request may carry; accepted and ignored. */
const COMMON_PARAMETERS = ['ErrorAction', 'WarningAction', 'InformationAction', 'Verbose', 'Debug', 'ErrorVariable', 'WarningVariable', 'OutVariable'];

function parameterMap(names: readonly string[]): ReadonlyMap<string, string> {
  return new Map([...names, ...COMMON_PARAMETERS].map((name) => [name.toLowerCase(), name]));
}

/** The warning Exchange cmdlets give when -ResultSize was not set and more than 1000 objects exist. */
export const DEFAULT_RESULT_SIZE_WARNING =
  'By default, only the first 1000 items are returned. Use the ResultSize parameter to specify the number of items returned. To return all items, specify "-ResultSize Unlimited". Be aware that, depending on the actual number of items, returning all items can take a long time and consume a large amount of memory. Also, we don\'t recommend storing the results in a variable. Instead, pipe the results to another task or script to perform batch changes.';

/**
 * The warning when fewer objects are returned than exist (a smaller -ResultSize, or a page cut by
 * `Prefer: odata.maxpagesize`; graph2otel saw truncated pages carry a warning naming ResultSize).
 */
export const MORE_RESULTS_WARNING = 'There are more results available than are currently displayed. To view them, increase the value for the ResultSize parameter.';

/** The `RecipientTypeDetails` values Get-Mailbox documents. */
const MAILBOX_RECIPIENT_TYPES = [
  'DiscoveryMailbox',
  'EquipmentMailbox',
  'GroupMailbox',
  'LegacyMailbox',
  'LinkedMailbox',
  'LinkedRoomMailbox',
  'RoomMailbox',
  'SchedulingMailbox',
  'SharedMailbox',
  'TeamMailbox',
  'UserMailbox',
];

/** A multi-valued parameter as PowerShell binds it: an array, or a comma-separated string. */
function multiValue(value: Json): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => multiValue(item));
  if (typeof value === 'string') return value.split(',').map((part) => part.trim()).filter((part) => part !== '');
  return [String(value)];
}

type ResultSize = { kind: 'default' } | { kind: 'unlimited' } | { kind: 'limit'; limit: number };

/** `-ResultSize`: `Unlimited` or a positive whole number (given as a number or a string). */
function parseResultSize(value: Json | undefined, ctx: ExchangeRequestContext): ResultSize | ExchangeAnswer {
  if (value === undefined) return { kind: 'default' };
  const text = String(value).trim();
  if (text.toLowerCase() === 'unlimited') return { kind: 'unlimited' };
  if (/^\d+$/.test(text) && Number(text) > 0) return { kind: 'limit', limit: Number(text) };
  return parameterTransformation(
    ctx,
    'ResultSize',
    text,
    'Microsoft.Exchange.Data.Unlimited`1[System.UInt32]',
    `Cannot convert the "${text}" value of type "${typeof value === 'number' ? 'System.Int32' : 'System.String'}" to type "Microsoft.Exchange.Data.Unlimited\`1[System.UInt32]".`,
  );
}

/** Applies `-ResultSize` (default 1000, with Exchange's warnings) to a full result. */
function applyResultSize<T>(items: readonly T[], size: ResultSize, renderItem: (item: T) => JsonObject): CmdletOutput {
  if (size.kind === 'limit' && items.length > size.limit) return lazyOutput(items.slice(0, size.limit), renderItem, [MORE_RESULTS_WARNING]);
  if (size.kind === 'default' && items.length > 1000) return lazyOutput(items.slice(0, 1000), renderItem, [DEFAULT_RESULT_SIZE_WARNING]);
  return lazyOutput(items, renderItem);
}

function isAnswer(value: unknown): value is ExchangeAnswer {
  return typeof value === 'object' && value !== null && 'status' in value && 'headers' in value;
}

function lookup(parameters: Record<string, Json>, name: string): Json | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(parameters)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

const getMailbox: CmdletDefinition = {
  name: 'Get-Mailbox',
  family: 'exchange',
  recipientCmdlet: true,
  hasResultSize: true,
  parameters: parameterMap([
    'Identity',
    'Anr',
    'Archive',
    'Async',
    'Filter',
    'GroupMailbox',
    'InactiveMailboxOnly',
    'IncludeAcceptMessagesOnlyFromDLMembersWithDisplayNames',
    'IncludeAcceptMessagesOnlyFromSendersOrMembersWithDisplayNames',
    'IncludeAcceptMessagesOnlyFromWithDisplayNames',
    'IncludeEmailAddressDisplayNames',
    'IncludeForwardingAddressWithDisplayNames',
    'IncludeGrantSendOnBehalfToWithDisplayNames',
    'IncludeInactiveMailbox',
    'MailboxPlan',
    'Migration',
    'OrganizationalUnit',
    'PublicFolder',
    'RecipientTypeDetails',
    'ResultSize',
    'SoftDeletedMailbox',
    'SortBy',
  ]),
  simulated: new Set(['RecipientTypeDetails', 'ResultSize']),
  run(scope, parameters, ctx) {
    const requested = lookup(parameters, 'RecipientTypeDetails');
    let types: Set<string> | undefined;
    if (requested !== undefined) {
      types = new Set();
      for (const value of multiValue(requested)) {
        const match = MAILBOX_RECIPIENT_TYPES.find((type) => type.toLowerCase() === value.toLowerCase());
        if (!match) {
          return parameterTransformation(
            ctx,
            'RecipientTypeDetails',
            value,
            'Microsoft.Exchange.Data.Directory.Recipient.RecipientTypeDetails[]',
            `Unable to match the identifier name ${value} to a valid enumerator name. Specify one of the following enumerator names and try again: ${MAILBOX_RECIPIENT_TYPES.join(', ')}`,
          );
        }
        types.add(match);
      }
    }
    const size = parseResultSize(lookup(parameters, 'ResultSize'), ctx);
    if (isAnswer(size)) return size;
    const usersById = new Map<string, M365User>(scope.tenant.users.map((user) => [user.id, user]));
    const mailboxes = tenantMailboxes(scope.tenant, scope.exchange).filter((mailbox) => types === undefined || types.has(mailbox.RecipientTypeDetails as MailboxRecipientType));
    return applyResultSize(mailboxes, size, (mailbox) => renderMailbox(scope, mailbox, usersById));
  },
};

const getIrmConfiguration: CmdletDefinition = {
  name: 'Get-IRMConfiguration',
  family: 'exchange',
  recipientCmdlet: false,
  hasResultSize: false,
  parameters: parameterMap(['Identity', 'DomainController']),
  simulated: new Set(),
  run: (scope) => lazyOutput([scope], renderIrmConfiguration),
};

const getTransportRule: CmdletDefinition = {
  name: 'Get-TransportRule',
  family: 'exchange',
  recipientCmdlet: false,
  hasResultSize: true,
  parameters: parameterMap(['Identity', 'DlpPolicy', 'ExcludeConditionActionDetails', 'Filter', 'ResultSize', 'State']),
  simulated: new Set(['ResultSize', 'State']),
  run(scope, parameters, ctx) {
    const state = lookup(parameters, 'State');
    let wanted: string | undefined;
    if (state !== undefined) {
      const text = String(state);
      wanted = ['Enabled', 'Disabled'].find((value) => value.toLowerCase() === text.toLowerCase());
      if (wanted === undefined) {
        return parameterTransformation(
          ctx,
          'State',
          text,
          'Microsoft.Exchange.MessagingPolicies.Rules.RuleState',
          `Unable to match the identifier name ${text} to a valid enumerator name. Specify one of the following enumerator names and try again: Enabled, Disabled`,
        );
      }
    }
    const size = parseResultSize(lookup(parameters, 'ResultSize'), ctx);
    if (isAnswer(size)) return size;
    const rules = [...scope.exchange.transportRules].sort((a, b) => a.Priority - b.Priority).filter((rule) => wanted === undefined || rule.State === wanted);
    return applyResultSize(rules, size, (rule) => renderTransportRule(scope, rule));
  },
};

const getOutboundConnector: CmdletDefinition = {
  name: 'Get-OutboundConnector',
  family: 'exchange',
  recipientCmdlet: false,
  hasResultSize: true,
  // Get-OutboundConnector [[-Identity]] [-IncludeTestModeConnectors] [-IsTransportRuleScoped] [-ResultSize] (cmdlet reference).
  parameters: parameterMap(['Identity', 'IncludeTestModeConnectors', 'IsTransportRuleScoped', 'ResultSize']),
  simulated: new Set(['ResultSize']),
  run(scope, parameters, ctx) {
    const size = parseResultSize(lookup(parameters, 'ResultSize'), ctx);
    if (isAnswer(size)) return size;
    return applyResultSize(scope.exchange.outboundConnectors ?? [], size, (connector) => renderOutboundConnector(scope, connector));
  },
};

const getOrganizationConfig: CmdletDefinition = {
  name: 'Get-OrganizationConfig',
  family: 'exchange',
  recipientCmdlet: false,
  hasResultSize: false,
  parameters: parameterMap(['Identity', 'DomainController', 'Organization']),
  simulated: new Set(),
  run: (scope) => lazyOutput([scope], renderOrganizationConfig),
};

const getAdminAuditLogConfig: CmdletDefinition = {
  name: 'Get-AdminAuditLogConfig',
  family: 'both',
  recipientCmdlet: false,
  hasResultSize: false,
  parameters: parameterMap(['DomainController']),
  simulated: new Set(),
  run: (scope) => lazyOutput([scope], renderAdminAuditLogConfig),
};

const getDlpCompliancePolicy: CmdletDefinition = {
  name: 'Get-DlpCompliancePolicy',
  family: 'securityAndCompliance',
  recipientCmdlet: false,
  hasResultSize: false,
  parameters: parameterMap([
    'Identity',
    'DisplayName',
    'DistributionDetail',
    'ForceValidate',
    'IncludeExtendedProperties',
    'IncludeRulesMetadata',
    'IncludeSimulationResults',
    'IRMUserRiskConfiguredAnyRule',
    'Summary',
  ]),
  simulated: new Set(),
  run(scope) {
    const { dlpCompliancePolicies, dlpComplianceRules } = scope.exchange;
    const policies = [...dlpCompliancePolicies].sort((a, b) => a.Priority - b.Priority);
    return lazyOutput(policies, (policy) => renderDlpCompliancePolicy(scope, policy, dlpComplianceRules.filter((rule) => rule.ParentPolicyName === policy.Name)));
  },
};

const getDlpComplianceRule: CmdletDefinition = {
  name: 'Get-DlpComplianceRule',
  family: 'securityAndCompliance',
  recipientCmdlet: false,
  hasResultSize: false,
  parameters: parameterMap(['Identity', 'DisplayName', 'IncludeExecutionRuleGuids', 'Policy']),
  simulated: new Set(['Policy']),
  run(scope, parameters) {
    const { dlpCompliancePolicies, dlpComplianceRules } = scope.exchange;
    const policyFilter = lookup(parameters, 'Policy');
    const wanted = policyFilter === undefined ? undefined : String(policyFilter).toLowerCase();
    const listed: [DlpComplianceRule, DlpCompliancePolicy | undefined][] = [];
    for (const policy of [...dlpCompliancePolicies].sort((a, b) => a.Priority - b.Priority)) {
      if (wanted !== undefined && policy.Name.toLowerCase() !== wanted && policy.Guid.toLowerCase() !== wanted) continue;
      const rules = dlpComplianceRules.filter((rule) => rule.ParentPolicyName === policy.Name).sort((a, b) => a.Priority - b.Priority);
      for (const rule of rules) listed.push([rule, policy]);
    }
    // Rules whose policy the model lacks still list (with a null Policy), so a broken model shows.
    if (wanted === undefined) {
      const orphans = dlpComplianceRules.filter((rule) => !dlpCompliancePolicies.some((policy) => policy.Name === rule.ParentPolicyName));
      for (const rule of orphans) listed.push([rule, undefined]);
    }
    return lazyOutput(listed, ([rule, policy]) => renderDlpComplianceRule(scope, rule, policy));
  },
};

const getUnifiedAuditLogRetentionPolicy: CmdletDefinition = {
  name: 'Get-UnifiedAuditLogRetentionPolicy',
  family: 'securityAndCompliance',
  recipientCmdlet: false,
  hasResultSize: false,
  parameters: parameterMap(['Operation', 'RecordType', 'RetentionDuration', 'UserId']),
  simulated: new Set(),
  run: (scope) =>
    lazyOutput(
      [...scope.exchange.unifiedAuditLogRetentionPolicies].sort((a, b) => a.Priority - b.Priority),
      (policy) => renderAuditLogRetentionPolicy(scope, policy),
    ),
};

/** Every cmdlet the simulator runs, by lower-case name. */
export const CMDLETS: ReadonlyMap<string, CmdletDefinition> = new Map(
  [getMailbox, getIrmConfiguration, getTransportRule, getOutboundConnector, getOrganizationConfig, getAdminAuditLogConfig, getDlpCompliancePolicy, getDlpComplianceRule, getUnifiedAuditLogRetentionPolicy, ...FORWARDING_CMDLETS].map(
    (cmdlet) => [cmdlet.name.toLowerCase(), cmdlet],
  ),
);

/** Checks the request's parameters against the cmdlet: unknown ones → 400, unsimulated ones → 501. */
export function checkParameters(cmdlet: CmdletDefinition, parameters: Record<string, Json>, ctx: ExchangeRequestContext): ExchangeAnswer | null {
  const unknown: string[] = [];
  const unsimulated: string[] = [];
  for (const key of Object.keys(parameters)) {
    const canonical = cmdlet.parameters.get(key.toLowerCase());
    if (canonical === undefined) unknown.push(key);
    else if (!cmdlet.simulated.has(canonical) && !COMMON_PARAMETERS.includes(canonical)) unsimulated.push(canonical);
  }
  if (unknown.length > 0) return unknownParameter(ctx, unknown);
  if (unsimulated.length > 0) return notSimulated(ctx, `${cmdlet.name} -${unsimulated.join(' -')}`);
  return null;
}
