import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { TransportRule } from '../../datasets/m365-exchange.js';
import { count } from '../lib/text.js';

/** Recipient scopes of `SentToScope` that reach people outside the organisation. */
const OUTBOUND_SCOPES = new Set(['notinorganization', 'externalpartner', 'externalnonpartner']);

const lower = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : '');
const prop = (rule: TransportRule, key: string): unknown => (rule as Record<string, unknown>)[key];

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
  const conditions = (rule.Conditions ?? []).map((c) => c.split('.').pop()!.replace(/Predicate$/, ''));
  return conditions.length ? `conditions: ${conditions.join(', ')}` : 'no conditions (every message)';
}

interface RuleVerdict {
  rule: TransportRule;
  encrypts: boolean;
  /** Why the rule does not count, when it does not. */
  disregarded?: string;
  action?: string;
}

/** A date from a cmdlet property (ISO text or /Date(ms)/), or undefined. */
function dateOf(value: unknown): Date | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const ms = /^\/Date\((-?\d+)/.exec(value)?.[1];
  const date = ms ? new Date(Number(ms)) : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Classify one mail-flow rule: does it encrypt outbound mail, and if not, why not. */
function judge(rule: TransportRule, now: Date): RuleVerdict | undefined {
  const template = templateName(rule.ApplyRightsProtectionTemplate);
  const applyOme = rule.ApplyOME === true;
  if (!template && !applyOme) {
    const decrypts = ['RemoveOME', 'RemoveOMEv2', 'RemoveRMSAttachmentEncryption'].some((k) => prop(rule, k) === true);
    return decrypts ? { rule, encrypts: false, disregarded: 'removes encryption (decrypt action)' } : undefined;
  }
  const action = template ? `applies RMS template "${template}"` : 'applies Office Message Encryption (ApplyOME)';
  const verdict = (disregarded?: string): RuleVerdict => ({ rule, encrypts: !disregarded, action, ...(disregarded ? { disregarded } : {}) });

  if (lower(rule.State) !== 'enabled') return verdict(`disabled (State: ${rule.State ?? 'not reported'})`);
  // Get-TransportRule's ActivationDate/ExpiryDate bound when an enabled rule actually runs.
  const activation = dateOf(prop(rule, 'ActivationDate'));
  const expiry = dateOf(prop(rule, 'ExpiryDate'));
  if (activation && activation > now) return verdict(`not active yet (ActivationDate ${activation.toISOString().slice(0, 10)})`);
  if (expiry && expiry <= now) return verdict(`expired (ExpiryDate ${expiry.toISOString().slice(0, 10)})`);
  // Audit and AuditAndNotify only log what the rule would do ("test mode").
  if (lower(rule.Mode) !== 'enforce') return verdict(`test mode (Mode: ${rule.Mode ?? 'not reported'}), nothing is encrypted`);
  const sentTo = lower(rule.SentToScope);
  if (sentTo === 'inorganization') return verdict('applies to internal mail only (SentToScope: InOrganization)');
  if (sentTo && !OUTBOUND_SCOPES.has(sentTo)) return verdict(`recipient scope ${rule.SentToScope} is not outbound`);
  if (lower(rule.FromScope) === 'notinorganization') return verdict('applies to inbound mail only (FromScope: NotInOrganization)');
  if (OUTBOUND_SCOPES.has(lower(prop(rule, 'ExceptIfSentToScope')))) return verdict('excludes mail to outside recipients (ExceptIfSentToScope)');
  return verdict();
}

/**
 * Patient information emailed outside the practice must be encrypted in transit beyond TLS's
 * best effort. Passes when Office Message Encryption is usable (`Get-IRMConfiguration`:
 * `AzureRMSLicensingEnabled`) and at least one enabled, enforced mail-flow rule encrypts outbound
 * mail (an RMS template such as Encrypt / Encrypt-Only, or ApplyOME) whose recipient scope
 * reaches outside the organisation (or is unrestricted). Warns when encryption is only on demand,
 * fails when OME is not usable.
 */
export const emailEncryption = defineControl({
  meta: {
    id: 'm365.email.encryption',
    provider: 'm365',
    title: 'Outbound email with patient information is encrypted by a mail-flow rule',
    severity: 'high',
    hipaa: ['164.312(e)(2)(ii)', '164.312(e)(1)'],
    references: [
      'https://learn.microsoft.com/purview/ome',
      'https://learn.microsoft.com/purview/define-mail-flow-rules-to-encrypt-email',
      'https://learn.microsoft.com/purview/set-up-new-message-encryption-capabilities',
      'https://learn.microsoft.com/powershell/module/exchange/get-irmconfiguration',
      'https://learn.microsoft.com/powershell/module/exchange/get-transportrule',
    ],
    datasets: ['m365.mailEncryption'],
    remediation:
      'In the Exchange admin center (admin.exchange.microsoft.com) go to Mail flow > Rules > Add a rule > "Apply Office 365 Message Encryption and rights protection to messages". Set "Apply this rule if" to "The recipient is located: Outside the organization" and, to encrypt only patient information, add "The message contains sensitive information" with the U.S. HIPAA types (ICD-10-CM, ICD-9-CM, DEA number, Social Security number) or a subject keyword staff type, such as [secure]. Choose the "Encrypt" template, set the rule mode to Enforce and save it enabled. If Office Message Encryption is not available, it needs Azure Information Protection (included in Microsoft 365 Business Premium and E3/E5); once licensed it turns on by itself, or an administrator can run Set-IRMConfiguration -AzureRMSLicensingEnabled $true in Exchange Online PowerShell.',
  },
  evaluate: ({ data, options }) => {
    const { irmConfiguration, transportRules } = data['m365.mailEncryption'];
    const omeUsable = irmConfiguration.AzureRMSLicensingEnabled;

    const verdicts = transportRules.map((rule) => judge(rule, options.now)).filter((v): v is RuleVerdict => v !== undefined);
    const encrypting = verdicts.filter((v) => v.encrypts);
    const disregarded = verdicts.filter((v) => !v.encrypts);

    const describe = (v: RuleVerdict) => ({
      name: v.rule.Name,
      ...(v.action ? { action: v.action } : {}),
      trigger: triggerOf(v.rule),
      ...(v.disregarded ? { disregarded: v.disregarded } : {}),
    });
    const affected: AffectedItem[] = disregarded.map((v) => ({
      type: 'transportRule',
      id: v.rule.Name,
      name: v.rule.Name,
      detail: `does not count: ${v.disregarded}`,
    }));
    const evidence = evidenceOf(affected, {
      total: transportRules.length,
      omeUsable: omeUsable ?? null,
      encryptingRules: encrypting.map(describe),
      disregardedRules: disregarded.map(describe),
    });
    const names = (list: RuleVerdict[]) => list.map((v) => `"${v.rule.Name}"`).join(', ');

    if (omeUsable === null || omeUsable === undefined) {
      return {
        status: 'not_assessed',
        summary: 'Whether Office Message Encryption is usable could not be read: Get-IRMConfiguration did not report AzureRMSLicensingEnabled.',
        evidence,
        reason: { kind: 'unsupported', detail: 'Get-IRMConfiguration returned no AzureRMSLicensingEnabled value' },
      };
    }
    if (!omeUsable) {
      const rules = encrypting.length ? ` The ${count(encrypting.length, 'mail-flow rule')} that ${encrypting.length === 1 ? 'applies' : 'apply'} encryption (${names(encrypting)}) cannot work until it is.` : '';
      return {
        status: 'fail',
        summary: `Office Message Encryption is not usable in this tenant (AzureRMSLicensingEnabled is false), so email leaving the practice cannot be encrypted.${rules}`,
        evidence,
      };
    }
    if (encrypting.length > 0) {
      return {
        status: 'pass',
        summary: `Outbound email is encrypted by ${encrypting.length} enforced mail-flow ${encrypting.length === 1 ? 'rule' : 'rules'}: ${names(encrypting)}.`,
        evidence,
      };
    }
    const ignored = disregarded.length ? ` ${count(disregarded.length, 'encryption-related rule')} ${disregarded.length === 1 ? 'does' : 'do'} not count (${disregarded.map((v) => `"${v.rule.Name}": ${v.disregarded}`).join('; ')}).` : '';
    return {
      status: 'warn',
      summary: `Office Message Encryption is available, but no enforced mail-flow rule encrypts outbound email: encryption happens only when staff choose Encrypt themselves.${ignored}`,
      evidence,
    };
  },
});
