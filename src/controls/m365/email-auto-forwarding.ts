import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import { TransportRuleForwardingSchema, type AcceptedDomain, type OutboundSpamPolicy, type OutboundSpamRule, type TransportRule } from '../../datasets/m365-exchange.js';
import { count } from '../lib/text.js';

// Sources: "Control automatic external email forwarding in Microsoft 365" (Defender for Office 365
// docs: outbound-spam-policies-external-email-forwarding) for the layers and "the block typically
// wins"; Set-HostedOutboundSpamFilterPolicy (AutoForwardingMode values); Get-RemoteDomain;
// New-TransportRule (RedirectMessageTo, BlindCopyTo, AddToRecipients, CopyTo).

/**
 * Microsoft documents `Automatic` two ways: the Defender docs say it "is now the same as Off" for
 * all customers; the Set-HostedOutboundSpamFilterPolicy reference says organizations that were
 * already using it may still get On. An audit cannot tell which applies.
 */
export const AUTOMATIC_AMBIGUITY =
  'Microsoft documents "Automatic" two ways: the Defender for Office 365 documentation says it now means Off for every organization, while the Set-HostedOutboundSpamFilterPolicy reference says organizations that already used it may still get On and advises setting On or Off instead.';

/** A policy mode that lets some senders forward, and whom it covers. */
interface Opening {
  policy: string;
  mode: 'On' | 'Automatic';
  whom: string;
}

const list = (value: readonly string[] | null | undefined) => (value ?? []).filter((item) => item !== '');

/** Whom a custom policy's rule covers, in words: "senders x, y; members of z; except ...". */
export function whomRuleCovers(rule: OutboundSpamRule): string {
  const parts = [
    list(rule.From).length ? `senders ${list(rule.From).join(', ')}` : undefined,
    list(rule.FromMemberOf).length ? `members of ${list(rule.FromMemberOf).join(', ')}` : undefined,
    list(rule.SenderDomainIs).length ? `senders in ${list(rule.SenderDomainIs).join(', ')}` : undefined,
  ].filter(Boolean);
  const except = [...list(rule.ExceptIfFrom), ...list(rule.ExceptIfFromMemberOf), ...list(rule.ExceptIfSenderDomainIs)];
  return `${parts.length ? parts.join(' and ') : 'every sender'}${except.length ? ` (except ${except.join(', ')})` : ''}`;
}

const modeOf = (policy: OutboundSpamPolicy): string => {
  const mode = (policy.AutoForwardingMode ?? '').toLowerCase();
  return mode === 'on' ? 'On' : mode === 'off' ? 'Off' : mode === 'automatic' ? 'Automatic' : policy.AutoForwardingMode ?? 'unknown';
};

/** The policies in force and the openings they leave: the default for everyone, custom ones through their enabled rules. */
function openingsOf(policies: readonly OutboundSpamPolicy[], rules: readonly OutboundSpamRule[]): { openings: Opening[]; inForce: { policy: string; mode: string; whom: string }[]; defaultFound: boolean } {
  const inForce: { policy: string; mode: string; whom: string }[] = [];
  const defaultPolicy = policies.find((policy) => policy.IsDefault === true) ?? policies.find((policy) => policy.Name === 'Default');
  for (const policy of policies) {
    if (policy === defaultPolicy) {
      inForce.push({ policy: policy.Name, mode: modeOf(policy), whom: 'every sender no other policy covers' });
      continue;
    }
    // A custom policy acts only through its enabled rule (same name).
    for (const rule of rules.filter((r) => (r.HostedOutboundSpamFilterPolicy ?? r.Name) === policy.Name && (r.State ?? 'Enabled') === 'Enabled')) {
      inForce.push({ policy: policy.Name, mode: modeOf(policy), whom: whomRuleCovers(rule) });
    }
  }
  const openings = inForce.filter((entry): entry is Opening => entry.mode === 'On' || entry.mode === 'Automatic');
  return { openings, inForce, defaultFound: defaultPolicy !== undefined };
}

/** The domain of an address, or undefined for a recipient named without one (an alias or a display name). */
function domainOf(address: string): string | undefined {
  const at = address.trim().replace(/^smtp:/i, '').lastIndexOf('@');
  return at > 0 ? address.trim().slice(at + 1).toLowerCase() : undefined;
}

function isAccepted(domain: string, accepted: readonly AcceptedDomain[]): boolean {
  return accepted.some((entry) => {
    const name = entry.DomainName.toLowerCase();
    return domain === name || (entry.MatchSubDomains === true && domain.endsWith(`.${name}`));
  });
}

const RECIPIENT_ACTIONS = ['RedirectMessageTo', 'BlindCopyTo', 'AddToRecipients', 'CopyTo'] as const;

/** A date from a cmdlet property (ISO text or /Date(ms)/), or undefined. */
function dateOf(value: unknown): Date | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const ms = /^\/Date\((-?\d+)/.exec(value)?.[1];
  const date = ms ? new Date(Number(ms)) : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Enforced, enabled, current mail-flow rules that send copies or redirect mail to addresses outside the accepted domains. */
function externalRecipientRules(rules: readonly TransportRule[], accepted: readonly AcceptedDomain[], now: Date): { external: AffectedItem[]; unresolved: AffectedItem[] } {
  const external: AffectedItem[] = [];
  const unresolved: AffectedItem[] = [];
  for (const rule of rules) {
    if ((rule.State ?? 'Enabled') !== 'Enabled' || (rule.Mode ?? 'Enforce') !== 'Enforce') continue;
    const actions = TransportRuleForwardingSchema.safeParse(rule);
    if (!actions.success) {
      // Never skip a rule silently: one whose recipients cannot be read may forward outside.
      unresolved.push({ type: 'mailFlowRule', id: rule.Name, name: rule.Name, detail: `its redirect or copy recipients are in a shape tenant-audit cannot read (${actions.error.issues[0]?.path.join('.') ?? 'unknown field'}), so whether it sends mail outside is unknown` });
      continue;
    }
    const expiry = dateOf(actions.data.ExpiryDate);
    if (expiry && expiry.getTime() < now.getTime()) continue;
    for (const action of RECIPIENT_ACTIONS) {
      const value = actions.data[action];
      const recipients = (Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : []).map((item) => item.trim()).filter(Boolean);
      for (const recipient of recipients) {
        const domain = domainOf(recipient);
        if (domain === undefined) unresolved.push({ type: 'mailFlowRule', id: rule.Name, name: rule.Name, detail: `${action} ${recipient}: named without an address, so tenant-audit cannot tell whether it is outside the organization` });
        else if (!isAccepted(domain, accepted)) external.push({ type: 'mailFlowRule', id: rule.Name, name: rule.Name, detail: `${action} ${recipient}, outside the organization's accepted domains` });
      }
    }
  }
  return { external, unresolved };
}

/**
 * Automatic forwarding of mail to addresses outside the organization is blocked for every sender:
 * the outbound spam policies in force set AutoForwardingMode Off (or remote domains block every
 * external domain; Microsoft documents that the block wins), and no enforced mail-flow rule sends
 * copies or redirects mail to an external address.
 */
export const emailAutoForwarding = defineControl({
  meta: {
    id: 'm365.email.auto-forwarding',
    provider: 'm365',
    title: 'Mail is not forwarded automatically outside the practice',
    severity: 'high',
    hipaa: ['164.312(e)(1)', '164.308(a)(4)'],
    references: [
      'https://learn.microsoft.com/defender-office-365/outbound-spam-policies-external-email-forwarding',
      'https://learn.microsoft.com/powershell/module/exchangepowershell/set-hostedoutboundspamfilterpolicy',
      'https://learn.microsoft.com/powershell/module/exchangepowershell/get-hostedoutboundspamfilterrule',
      'https://learn.microsoft.com/powershell/module/exchangepowershell/get-remotedomain',
      'https://learn.microsoft.com/exchange/security-and-compliance/mail-flow-rules/mail-flow-rule-actions',
    ],
    datasets: ['m365.mailForwarding', 'm365.mailEncryption'],
    remediation:
      'In the Microsoft Defender portal (security.microsoft.com) go to Email & collaboration > Policies & rules > Threat policies > Anti-spam policies, open the outbound policy "Anti-spam outbound policy (Default)" and every custom outbound policy, and set "Automatic forwarding rules" to "Off - Forwarding is disabled" (not "Automatic"). Then in the Exchange admin center (admin.exchange.microsoft.com) under Mail flow > Rules, remove or narrow any rule that redirects, Bcc\'s or copies mail to an outside address. If one person truly needs to forward to a partner, allow it in a custom outbound policy for that person only and record why.',
  },
  evaluate: ({ data, options }) => {
    const forwarding = data['m365.mailForwarding'];
    const rules = data['m365.mailEncryption'].transportRules;
    const { openings, inForce, defaultFound } = openingsOf(forwarding.outboundSpamPolicies, forwarding.outboundSpamRules);
    // Remote domains that still let auto-forwarded mail through (the Default "*" one covers every other domain).
    const allowingDomains = forwarding.remoteDomains.filter((domain) => domain.AutoForwardEnabled !== false);
    const remoteDomainsBlockAll = forwarding.remoteDomains.length > 0 && allowingDomains.length === 0;
    const { external, unresolved } = externalRecipientRules(rules, forwarding.acceptedDomains, options.now);

    const on = openings.filter((opening) => opening.mode === 'On');
    const automatic = openings.filter((opening) => opening.mode === 'Automatic');
    const reach = allowingDomains.some((domain) => domain.DomainName === '*') ? 'any external domain' : allowingDomains.map((domain) => domain.DomainName).join(', ');
    const affected: AffectedItem[] = [
      ...(remoteDomainsBlockAll ? [] : on.map((opening) => ({ type: 'outboundSpamPolicy', id: opening.policy, name: opening.policy, detail: `AutoForwardingMode On for ${opening.whom}; remote domains let it reach ${reach}` }))),
      ...(remoteDomainsBlockAll ? [] : automatic.map((opening) => ({ type: 'outboundSpamPolicy', id: opening.policy, name: opening.policy, detail: `AutoForwardingMode Automatic for ${opening.whom}` }))),
      ...external,
      ...unresolved,
    ];
    const evidence = evidenceOf(affected, {
      policiesInForce: inForce,
      remoteDomains: forwarding.remoteDomains.map((domain) => ({ name: domain.Name, domain: domain.DomainName, autoForwardEnabled: domain.AutoForwardEnabled ?? null })),
      acceptedDomains: forwarding.acceptedDomains.map((domain) => domain.DomainName),
      mailFlowRulesRead: rules.length,
      ...(automatic.length ? { automaticMeaning: AUTOMATIC_AMBIGUITY } : {}),
      note: 'A remote domain that allows automatic forwarding (the built-in Default does) is not a gap by itself: Microsoft documents that when one setting allows external forwarding and another blocks it, the block wins.',
    });

    if (!defaultFound) {
      return {
        status: 'not_assessed',
        summary: 'Exchange Online returned no default outbound spam policy, so tenant-audit cannot tell whether automatic forwarding is blocked.',
        evidence,
        reason: { kind: 'schema', detail: 'Get-HostedOutboundSpamFilterPolicy returned no policy with IsDefault true' },
      };
    }
    const failures: string[] = [];
    if (on.length && !remoteDomainsBlockAll) {
      failures.push(`${on.map((opening) => `the outbound spam policy "${opening.policy}" turns automatic forwarding On for ${opening.whom}`).join('; ')}, and no remote domain setting blocks it`);
    }
    if (external.length) {
      const names = [...new Set(external.map((item) => item.name))];
      failures.push(`${count(names.length, 'mail-flow rule')} (${names.join(', ')}) ${names.length === 1 ? 'sends' : 'send'} mail to addresses outside the organization`);
    }
    if (failures.length) return { status: 'fail', summary: `Mail can be forwarded automatically outside the practice: ${failures.join('; ')}.`, evidence };

    const cautions: string[] = [];
    if (automatic.length && !remoteDomainsBlockAll) {
      cautions.push(`${automatic.map((opening) => `"${opening.policy}"`).join(', ')} ${automatic.length === 1 ? 'leaves' : 'leave'} automatic forwarding on "Automatic", which Microsoft documents both as Off and, for some older organizations, as On`);
    }
    if (unresolved.length) cautions.push(`${count(unresolved.length, 'mail-flow rule recipient')} cannot be placed inside or outside the organization`);
    if (cautions.length) return { status: 'warn', summary: `Automatic external forwarding is not shown to be blocked for everyone: ${cautions.join('; ')}.`, evidence };

    const layer = on.length || automatic.length
      ? 'every remote domain blocks automatically forwarded mail'
      : `${inForce.length === 1 ? 'the outbound spam policy sets' : `all ${inForce.length} outbound spam policies in force set`} automatic forwarding Off`;
    return {
      status: 'pass',
      summary: `Automatic forwarding outside the practice is blocked for every sender (${layer}), and no mail-flow rule sends mail to an outside address.`,
      evidence,
    };
  },
});
