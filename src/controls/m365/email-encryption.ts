import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { DlpDataset, DlpRule, OutboundConnector, TransportRule } from '../../datasets/m365-exchange.js';
import { attestationRef, attestedBy } from '../lib/attestations.js';
import { capitalize, count } from '../lib/text.js';
import { detectedTypes, exchangeCoverage, knownType, modeOf, nonEmpty, typeLabel } from './lib/dlp.js';

/** Recipient scopes of `SentToScope` that reach people outside the organisation. */
const OUTBOUND_SCOPES = new Set(['notinorganization', 'externalpartner', 'externalnonpartner']);

const lower = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : '');
const prop = (rule: object, key: string): unknown => (rule as Record<string, unknown>)[key];
const quote = (words: readonly string[]) => words.map((word) => `"${word}"`).join(', ');

/**
 * The RMS template a rule applies. Over InvokeCommand `ApplyRightsProtectionTemplate` may come as
 * the template's name or as the serialised RmsTemplateIdentity object, so both are read.
 */
function templateName(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const key of ['Name', 'TemplateName', 'DisplayName', 'Id']) {
      const v = o[key];
      if (typeof v === 'string' && v.trim()) return v.trim();
    }
  }
  return undefined;
}

/** The rule's trigger in the words Exchange uses (its Description), on one line and bounded. */
function triggerOf(rule: TransportRule): string {
  const text = rule.Description?.replace(/\s+/g, ' ').trim();
  if (text) return text.length > 400 ? `${text.slice(0, 397)}...` : text;
  const conditions = (rule.Conditions ?? []).map(shortName);
  return conditions.length ? `conditions: ${conditions.join(', ')}` : 'no conditions (every message)';
}

/** `Microsoft.Exchange.MessagingPolicies.Rules.Tasks.SentToScopePredicate` → `SentToScope`. */
const shortName = (type: string) => type.split('.').pop()!.replace(/(Predicate|Action)$/, '');

/** A string list from a Word[] / Pattern[] property (null when unset, an array when set). */
function words(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(words);
  return typeof value === 'string' && value.trim() ? [value.trim()] : [];
}

/**
 * Conditions whose words decide whether a message is encrypted, so encryption depends on what the
 * sender writes (New-TransportRule: SubjectContainsWords, SubjectMatchesPatterns,
 * SubjectOrBodyContainsWords, SubjectOrBodyMatchesPatterns).
 */
const KEYWORD_CONDITIONS = [
  ['SubjectContainsWords', 'subject contains'],
  ['SubjectMatchesPatterns', 'subject matches'],
  ['SubjectOrBodyContainsWords', 'subject or body contains'],
  ['SubjectOrBodyMatchesPatterns', 'subject or body matches'],
] as const;

/**
 * Other conditions of New-TransportRule that limit which messages a rule acts on (read when
 * `Conditions` does not list them). Settings such as SenderAddressLocation are not conditions.
 */
const OTHER_CONDITIONS = [
  'From', 'FromMemberOf', 'FromAddressContainsWords', 'FromAddressMatchesPatterns', 'SentTo', 'SentToMemberOf', 'RecipientDomainIs',
  'SenderDomainIs', 'AnyOfToHeader', 'AnyOfToHeaderMemberOf', 'AnyOfCcHeader', 'AnyOfCcHeaderMemberOf', 'AnyOfToCcHeader',
  'AnyOfToCcHeaderMemberOf', 'AnyOfRecipientAddressContainsWords', 'AnyOfRecipientAddressMatchesPatterns', 'RecipientAddressContainsWords',
  'RecipientAddressMatchesPatterns', 'BetweenMemberOf1', 'BetweenMemberOf2', 'ManagerAddresses', 'SenderManagementRelationship',
  'ADComparisonAttribute', 'SenderADAttributeContainsWords', 'SenderADAttributeMatchesPatterns', 'RecipientADAttributeContainsWords',
  'RecipientADAttributeMatchesPatterns', 'HeaderContainsWords', 'HeaderMatchesPatterns', 'HasClassification', 'HasSenderOverride',
  'AttachmentNameMatchesPatterns', 'AttachmentExtensionMatchesWords', 'AttachmentContainsWords', 'AttachmentMatchesPatterns',
  'AttachmentPropertyContainsWords', 'AttachmentSizeOver', 'AttachmentIsUnsupported', 'AttachmentIsPasswordProtected',
  'AttachmentHasExecutableContent', 'AttachmentProcessingLimitExceeded', 'MessageSizeOver', 'MessageTypeMatches', 'WithImportance',
  'SCLOver', 'SenderIpRanges', 'ContentCharacterSetContainsWords', 'SenderInRecipientList', 'RecipientInSenderList',
] as const;

/** How a mail-flow rule's conditions decide which outbound messages it encrypts. */
interface Trigger {
  kind: 'all outbound' | 'keyword' | 'sensitive information' | 'narrowed';
  /** What must be true for the rule to encrypt ("the subject contains "[secure]""); empty for all outbound mail. */
  described: string;
}

/** Set in the sense of a rule condition: a value that is not null, false, empty or blank. */
const isSet = (v: unknown): boolean => (Array.isArray(v) ? v.some(isSet) : typeof v === 'string' ? v.trim() !== '' : v === true || (typeof v === 'number' ? true : v !== null && typeof v === 'object'));

/** Classify what makes an encrypting rule act: every outbound message, or only some. */
function triggerKind(rule: TransportRule): Trigger {
  const keyword = KEYWORD_CONDITIONS.map(([key, verb]) => ({ verb, list: words(prop(rule, key)) })).filter((k) => k.list.length > 0);
  const conditionNames = (rule.Conditions ?? []).map(shortName).filter((name) => name !== 'SentToScope' && name !== 'FromScope');
  const keywordNamed = conditionNames.filter((name) => name.startsWith('Subject'));
  const classifications = isSet(prop(rule, 'MessageContainsDataClassifications')) || conditionNames.some((name) => name.startsWith('MessageContainsDataClassification'));
  const others = new Set([
    ...conditionNames.filter((name) => !name.startsWith('Subject') && !name.startsWith('MessageContainsDataClassification')),
    ...OTHER_CONDITIONS.filter((key) => isSet(prop(rule, key))),
  ]);
  // Exceptions: the Exceptions list, or any ExceptIf* property; leaving out internal mail or inbound mail narrows nothing outbound.
  const exceptions = new Set(
    [
      ...((prop(rule, 'Exceptions') as string[] | null | undefined) ?? []).map(shortName).filter((name) => name !== 'SentToScope' && name !== 'FromScope'),
      ...Object.keys(rule)
        .filter((key) => key.startsWith('ExceptIf') && key !== 'ExceptIfSentToScope' && key !== 'ExceptIfFromScope' && isSet(prop(rule, key)))
        .map((key) => key.slice('ExceptIf'.length)),
    ].map((name) => name.replace(/(Words|Patterns)$/, '')),
  );
  const exceptionText = exceptions.size ? ` and has exceptions (${[...exceptions].join(', ')})` : '';

  if (keyword.length || keywordNamed.length) {
    const described = keyword.length
      ? keyword.map((k) => `the ${k.verb} ${quote(k.list)}`).join(' or ')
      : `the subject or body matches its words (${keywordNamed.join(', ')})`;
    return { kind: 'keyword', described: `${described}${exceptionText}` };
  }
  if (classifications) {
    return {
      kind: 'sensitive information',
      described: `it finds sensitive information types (MessageContainsDataClassifications), a condition Microsoft documents as "functional only in on-premises Exchange"${exceptionText}`,
    };
  }
  if (others.size || exceptions.size) {
    const parts = [others.size ? `it meets its other conditions (${[...others].join(', ')})` : '', exceptions.size ? `no exception applies (${[...exceptions].join(', ')})` : ''].filter(Boolean);
    return { kind: 'narrowed', described: parts.join(' and ') };
  }
  return { kind: 'all outbound', described: '' };
}

interface RuleVerdict {
  rule: TransportRule;
  action: string;
  /** Why the rule encrypts nothing outbound, when it does not. */
  disregarded?: string;
  trigger?: Trigger;
}

/** A date from a cmdlet property (ISO text or /Date(ms)/), or undefined. */
function dateOf(value: unknown): Date | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const ms = /^\/Date\((-?\d+)/.exec(value)?.[1];
  const date = ms ? new Date(Number(ms)) : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Classify one mail-flow rule: does it encrypt outbound mail, and which. */
function judge(rule: TransportRule, now: Date): RuleVerdict | { rule: TransportRule; decrypts: true } | undefined {
  const template = templateName(rule.ApplyRightsProtectionTemplate);
  const applyOme = rule.ApplyOME === true;
  if (!template && !applyOme) {
    const decrypts = ['RemoveOME', 'RemoveOMEv2', 'RemoveRMSAttachmentEncryption'].some((k) => prop(rule, k) === true);
    return decrypts ? { rule, decrypts: true } : undefined;
  }
  const action = template ? `applies RMS template "${template}"` : 'applies Office Message Encryption (ApplyOME)';
  const disregard = (why: string): RuleVerdict => ({ rule, action, disregarded: why });

  if (lower(rule.State) !== 'enabled') return disregard(`disabled (State: ${rule.State ?? 'not reported'})`);
  // Get-TransportRule's ActivationDate/ExpiryDate bound when an enabled rule actually runs.
  const activation = dateOf(prop(rule, 'ActivationDate'));
  const expiry = dateOf(prop(rule, 'ExpiryDate'));
  if (activation && activation > now) return disregard(`not active yet (ActivationDate ${activation.toISOString().slice(0, 10)})`);
  if (expiry && expiry <= now) return disregard(`expired (ExpiryDate ${expiry.toISOString().slice(0, 10)})`);
  // Audit and AuditAndNotify only log what the rule would do ("test mode").
  if (lower(rule.Mode) !== 'enforce') return disregard(`test mode (Mode: ${rule.Mode ?? 'not reported'}), nothing is encrypted`);
  const sentTo = lower(rule.SentToScope);
  if (sentTo === 'inorganization') return disregard('applies to internal mail only (SentToScope: InOrganization)');
  if (sentTo && !OUTBOUND_SCOPES.has(sentTo)) return disregard(`recipient scope ${rule.SentToScope} is not outbound`);
  if (lower(rule.FromScope) === 'notinorganization') return disregard('applies to inbound mail only (FromScope: NotInOrganization)');
  if (OUTBOUND_SCOPES.has(lower(prop(rule, 'ExceptIfSentToScope')))) return disregard('excludes mail to outside recipients (ExceptIfSentToScope)');
  if (lower(prop(rule, 'ExceptIfFromScope')) === 'inorganization') return disregard('excludes mail from inside the organisation (ExceptIfFromScope)');
  return { rule, action, trigger: triggerKind(rule) };
}

interface DlpVerdict {
  name: string;
  policy: string;
  template: string;
  healthTypes: string[];
  /** Why the rule does not encrypt all email with health information, when it does not. */
  caveat?: string;
}

/**
 * DLP rules that encrypt email (`EncryptRMSTemplate` on Get-DlpComplianceRule: Purview Message
 * Encryption applied to matching mail). One counts when it is enabled, its policy is on and covers
 * every Exchange mailbox, it is not limited to internal sharing, and it detects health information.
 */
function encryptingDlpRules(dlp: DlpDataset): DlpVerdict[] {
  const policies = new Map(dlp.policies.map((p) => [p.Name.toLowerCase(), p]));
  return dlp.rules
    .filter((rule) => nonEmpty(rule.EncryptRMSTemplate))
    .map((rule: DlpRule) => {
      const policy = policies.get((rule.ParentPolicyName ?? '').toLowerCase());
      const template = templateName(rule.EncryptRMSTemplate) ?? 'Encrypt';
      const types = detectedTypes(rule) ?? [];
      const healthTypes = [...new Set(types.filter((t) => knownType(t)?.kind === 'health').map(typeLabel))];
      const base = { name: rule.Name, policy: policy?.DisplayName ?? policy?.Name ?? rule.ParentPolicyName ?? '(unknown policy)', template, healthTypes };
      const ruleMode = lower(rule.Mode);
      const caveat = !policy
        ? 'its policy was not found'
        : rule.Disabled === true
          ? 'the rule is disabled'
          : modeOf(policy).mode !== 'enforced'
            ? `its policy is ${modeOf(policy).label}`
            : ruleMode !== '' && ruleMode !== 'enforce'
              ? `the rule is in ${rule.Mode} mode`
              : exchangeCoverage(policy).coverage !== 'all'
                ? `its policy covers only part of email (${exchangeCoverage(policy).detail})`
                : lower(prop(rule, 'AccessScope')) === 'inorganization'
                  ? 'it applies to mail inside the organisation only (AccessScope: InOrganization)'
                  : healthTypes.length === 0
                    ? `it encrypts only mail with ${types.length ? [...new Set(types.map(typeLabel))].join(', ') : 'its other conditions'}, not health information`
                    : undefined;
      return { ...base, ...(caveat ? { caveat } : {}) };
    });
}

/** A connector that sends mail to a third-party service's smart hosts (an encryption gateway, for example). */
function gatewayRoute(connector: OutboundConnector, rules: readonly TransportRule[]): { name: string; smartHosts: string[]; carries: string; all: boolean } | undefined {
  const smartHosts = words(connector.SmartHosts);
  if (connector.Enabled === false || lower(connector.ConnectorType) !== 'partner' || connector.UseMXRecord === true || smartHosts.length === 0) return undefined;
  const domains = words(connector.RecipientDomains);
  if (connector.IsTransportRuleScoped === true) {
    const routing = rules.filter((rule) => lower(prop(rule, 'RouteMessageOutboundConnector')) === lower(connector.Name)).map((rule) => `"${rule.Name}"`);
    return { name: connector.Name, smartHosts, carries: `only mail a mail-flow rule routes to it (${routing.length ? routing.join(', ') : 'no rule does'})`, all: false };
  }
  const all = domains.includes('*');
  return { name: connector.Name, smartHosts, carries: all ? 'all mail to outside recipients' : `only mail to ${domains.join(', ') || 'no domain'}`, all };
}

/**
 * Patient information emailed outside the practice must be encrypted in transit beyond TLS's
 * best effort (164.312(e)(2)(ii), addressable). Passes when Office Message Encryption is usable
 * (`Get-IRMConfiguration`: `AzureRMSLicensingEnabled`) and either an enabled, enforced mail-flow
 * rule encrypts every outbound message (recipient outside the organisation, no other condition
 * or exception), or an enforced Purview DLP rule encrypts email in which it finds health
 * information everywhere in Exchange; or when a gateway outside Microsoft 365 is attested
 * (`attestations.emailEncryptionGateway`). Warns when encryption depends on a keyword the sender
 * types (on-demand encryption), on a transport-rule sensitive-information condition Microsoft
 * documents as on-premises only, on other narrowing conditions, or on a connector to a gateway
 * whose encryption cannot be seen; fails when OME is not usable and no gateway is in sight.
 */
export const emailEncryption = defineControl({
  meta: {
    id: 'm365.email.encryption',
    provider: 'm365',
    title: 'Outbound email with patient information is encrypted automatically',
    severity: 'high',
    hipaa: ['164.312(e)(2)(ii)', '164.312(e)(1)'],
    references: [
      'https://learn.microsoft.com/purview/ome',
      'https://learn.microsoft.com/purview/define-mail-flow-rules-to-encrypt-email',
      'https://learn.microsoft.com/purview/set-up-new-message-encryption-capabilities',
      'https://learn.microsoft.com/purview/dlp-learn-about-dlp',
      'https://learn.microsoft.com/powershell/module/exchange/get-irmconfiguration',
      'https://learn.microsoft.com/powershell/module/exchange/new-transportrule',
      'https://learn.microsoft.com/powershell/module/exchange/new-dlpcompliancerule',
      'https://learn.microsoft.com/powershell/module/exchange/new-outboundconnector',
    ],
    datasets: ['m365.mailEncryption', 'm365.dlp'],
    remediation:
      'Make encryption automatic rather than something staff must remember. Either encrypt all mail that leaves the practice: in the Exchange admin center (admin.exchange.microsoft.com) go to Mail flow > Rules > Add a rule > "Apply Office 365 Message Encryption and rights protection to messages", set "Apply this rule if" to "The recipient is located: Outside the organization" with no other condition or exception, choose the "Encrypt" template, set the mode to Enforce and save it enabled. Or encrypt mail that carries health information with a Purview DLP policy (Business Premium and E3/E5 include DLP): in the Microsoft Purview portal create a policy from the "U.S. Health Insurance Act (HIPAA) Enhanced" template for Exchange email (all mailboxes) and give its rules the action that applies Microsoft Purview Message Encryption (Encrypt), then turn the policy on. A keyword rule such as "[secure]" in the subject only encrypts when the sender remembers, and the mail-flow rule condition "The message contains sensitive information" is documented as working only in on-premises Exchange. If a third-party gateway (such as Paubox or Zix) encrypts outbound mail, record it with the emailEncryptionGateway attestation (vendor, date, who). If Office Message Encryption is not available, it needs Azure Information Protection (included in Microsoft 365 Business Premium and E3/E5); once licensed it turns on by itself, or an administrator can run Set-IRMConfiguration -AzureRMSLicensingEnabled $true in Exchange Online PowerShell.',
  },
  evaluate: ({ data, options }) => {
    const { irmConfiguration, transportRules, outboundConnectors } = data['m365.mailEncryption'];
    const omeUsable = irmConfiguration.AzureRMSLicensingEnabled;
    const gatewayAnswer = options.attestations.emailEncryptionGateway;

    const judged = transportRules.map((rule) => judge(rule, options.now)).filter((v) => v !== undefined);
    const decrypting = judged.filter((v): v is { rule: TransportRule; decrypts: true } => 'decrypts' in v);
    const verdicts = judged.filter((v): v is RuleVerdict => 'action' in v);
    const counting = verdicts.filter((v) => v.trigger?.kind === 'all outbound');
    const partial = verdicts.filter((v) => v.trigger && v.trigger.kind !== 'all outbound');
    const disregarded = verdicts.filter((v) => v.disregarded);
    const dlpRules = encryptingDlpRules(data['m365.dlp']);
    const dlpCounting = dlpRules.filter((r) => !r.caveat);
    const dlpPartial = dlpRules.filter((r) => r.caveat);
    const routes = outboundConnectors?.map((c) => gatewayRoute(c, transportRules)).filter((r) => r !== undefined) ?? [];
    const allMailRoute = routes.find((r) => r.all);

    const describe = (v: RuleVerdict) => ({
      name: v.rule.Name,
      action: v.action,
      trigger: triggerOf(v.rule),
      ...(v.trigger ? { encrypts: v.trigger.kind === 'all outbound' ? 'every message to outside recipients' : `only when ${v.trigger.described}` } : {}),
      ...(v.disregarded ? { disregarded: v.disregarded } : {}),
    });
    const affected: AffectedItem[] = [
      ...partial.map((v) => ({ type: 'transportRule', id: v.rule.Name, name: v.rule.Name, detail: `encrypts only when ${v.trigger!.described}` })),
      ...disregarded.map((v) => ({ type: 'transportRule', id: v.rule.Name, name: v.rule.Name, detail: `does not count: ${v.disregarded}` })),
      ...decrypting.map((v) => ({ type: 'transportRule', id: v.rule.Name, name: v.rule.Name, detail: 'removes encryption (decrypt action)' })),
      ...dlpPartial.map((r) => ({ type: 'dlpRule', id: r.name, name: r.name, detail: `encrypts email, but ${r.caveat}` })),
    ];
    const evidence = evidenceOf(affected, {
      total: transportRules.length,
      omeUsable: omeUsable ?? null,
      encryptingRules: counting.map(describe),
      partialRules: partial.map(describe),
      disregardedRules: [...disregarded.map(describe), ...decrypting.map((v) => ({ name: v.rule.Name, trigger: triggerOf(v.rule), disregarded: 'removes encryption (decrypt action)' }))],
      dlpEncryptingRules: dlpRules.map((r) => ({ name: r.name, policy: r.policy, template: r.template, healthTypes: r.healthTypes, ...(r.caveat ? { doesNotCount: r.caveat } : {}) })),
      outboundConnectors:
        outboundConnectors === undefined
          ? 'not read (the snapshot was taken before Get-OutboundConnector was collected)'
          : outboundConnectors.map((c) => {
              const route = routes.find((r) => r.name === c.Name);
              return {
                name: c.Name,
                enabled: c.Enabled ?? null,
                type: c.ConnectorType ?? null,
                smartHosts: words(c.SmartHosts),
                recipientDomains: words(c.RecipientDomains),
                tls: c.TlsSettings ?? null,
                ...(route ? { carries: route.carries } : { gateway: false }),
              };
            }),
      gatewayAttestation: gatewayAnswer ? { ...gatewayAnswer } : 'not given',
    });
    const names = (list: readonly { rule: TransportRule }[]) => list.map((v) => `"${v.rule.Name}"`).join(', ');
    const routeText = (r: { name: string; smartHosts: string[]; carries: string }) => `outbound connector "${r.name}" sends ${r.carries} to ${r.smartHosts.join(', ')}`;

    if (gatewayAnswer) {
      const corroboration = routes.length
        ? ` In Exchange, ${routes.map(routeText).join('; ')}.`
        : outboundConnectors === undefined
          ? ''
          : ' No outbound connector sends mail to a gateway, so nothing in Microsoft 365 corroborates it.';
      return {
        status: 'pass',
        summary: `Outbound email is encrypted by ${gatewayAnswer.vendor}, a gateway outside Microsoft 365; this rests on the emailEncryptionGateway attestation${attestedBy(gatewayAnswer)}, which no Microsoft 365 setting can confirm.${corroboration}`,
        evidence,
        attestation: attestationRef('emailEncryptionGateway', gatewayAnswer),
      };
    }
    if (omeUsable === null || omeUsable === undefined) {
      return {
        status: 'not_assessed',
        summary: 'Whether Office Message Encryption is usable could not be read: Get-IRMConfiguration did not report AzureRMSLicensingEnabled.',
        evidence,
        reason: { kind: 'unsupported', detail: 'Get-IRMConfiguration returned no AzureRMSLicensingEnabled value' },
      };
    }
    const gatewayWarning = allMailRoute
      ? ` ${capitalize(routeText(allMailRoute))}, but whether that service encrypts it cannot be read from Microsoft 365: confirm it with the vendor and record it with the emailEncryptionGateway attestation.`
      : '';
    if (!omeUsable) {
      const ruleCount = counting.length + partial.length;
      const rules = ruleCount ? ` The ${count(ruleCount, 'mail-flow rule')} that ${ruleCount === 1 ? 'applies' : 'apply'} encryption (${names([...counting, ...partial])}) cannot work until it is.` : '';
      return {
        status: allMailRoute ? 'warn' : 'fail',
        summary: `Office Message Encryption is not usable in this tenant (AzureRMSLicensingEnabled is false), so Microsoft 365 cannot encrypt email leaving the practice.${rules}${gatewayWarning}`,
        evidence,
      };
    }
    if (counting.length > 0 || dlpCounting.length > 0) {
      const parts = [
        counting.length ? `${counting.length === 1 ? 'mail-flow rule' : 'mail-flow rules'} ${names(counting)} (every message to outside recipients)` : '',
        dlpCounting.length
          ? `${dlpCounting.length === 1 ? 'DLP rule' : 'DLP rules'} ${dlpCounting.map((r) => `"${r.name}"`).join(', ')} (email with ${[...new Set(dlpCounting.flatMap((r) => r.healthTypes))].join(', ')})`
          : '',
      ].filter(Boolean);
      return {
        status: 'pass',
        summary: `Outbound email is encrypted automatically by ${parts.join(' and by ')}.`,
        evidence,
      };
    }
    const gaps = [
      ...partial.map((v) =>
        v.trigger!.kind === 'keyword'
          ? `mail-flow rule "${v.rule.Name}" encrypts a message only when ${v.trigger!.described}: encryption is on demand and depends on what the sender types.`
          : v.trigger!.kind === 'sensitive information'
            ? `mail-flow rule "${v.rule.Name}" encrypts a message only when ${v.trigger!.described}; in Exchange Online use a Purview DLP rule that encrypts instead.`
            : `mail-flow rule "${v.rule.Name}" encrypts a message only when ${v.trigger!.described}.`,
      ),
      ...dlpPartial.map((r) => `DLP rule "${r.name}" encrypts email, but ${r.caveat}.`),
    ];
    const ignored = disregarded.length ? ` ${count(disregarded.length, 'encrypting rule')} ${disregarded.length === 1 ? 'does' : 'do'} not count (${disregarded.map((v) => `"${v.rule.Name}": ${v.disregarded}`).join('; ')}).` : '';
    return {
      status: 'warn',
      summary: gaps.length
        ? `No rule encrypts all outbound email or all email with health information automatically: ${gaps.join(' ')}${ignored}${gatewayWarning}`
        : `Office Message Encryption is available, but no enforced mail-flow or DLP rule encrypts outbound email: encryption happens only when staff choose Encrypt themselves.${ignored}${gatewayWarning}`,
      evidence,
    };
  },
});

