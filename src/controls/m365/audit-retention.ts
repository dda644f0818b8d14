import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { AuditRetentionDataset } from '../../datasets/m365-exchange.js';
import { attestedBy } from '../lib/attestations.js';

/**
 * Days per `RetentionDuration` value of audit log retention policies (the cmdlet's
 * UnifiedAuditLogRetentionDuration enum: SevenDays ... TenYears).
 * https://learn.microsoft.com/powershell/module/exchange/new-unifiedauditlogretentionpolicy
 */
const RETENTION_DAYS: Readonly<Record<string, number>> = {
  SevenDays: 7,
  OneMonth: 30,
  ThreeMonths: 90,
  SixMonths: 180,
  NineMonths: 270,
  TwelveMonths: 365,
  ThreeYears: 1095,
  FiveYears: 1825,
  SevenYears: 2555,
  TenYears: 3650,
};

/**
 * Audit (Standard) keeps records 180 days (90 before 17 October 2023). Audit (Premium) keeps
 * Exchange, SharePoint, OneDrive and Entra records one year by default, and only Premium honours
 * custom retention policies. https://learn.microsoft.com/purview/audit-log-retention-policies
 */
const STANDARD_DAYS = 180;
const PREMIUM_DEFAULT_DAYS = 365;
/** The service plan that carries Audit (Premium). */
const AUDIT_PREMIUM_PLAN = 'M365_ADVANCED_AUDITING';

type RetentionPolicy = AuditRetentionDataset['policies'][number];
const isEmpty = (list: readonly string[] | null | undefined) => !list || list.length === 0;
/** A policy with no record type, operation or user filter applies to every audit record. */
const coversEverything = (p: RetentionPolicy) => isEmpty(p.RecordTypes) && isEmpty(p.Operations) && isEmpty(p.UserIds);
const asText = (days: number) => (days >= 365 ? `${Math.round((days / 365) * 10) / 10} years` : `${days} days`);

/**
 * Audit records should be kept as long as HIPAA keeps its documentation (164.316(b)(2)(i): six
 * years, `thresholds.auditRetentionYears`). HIPAA sets no explicit retention for logs, so short
 * retention warns rather than fails. Effective retention: 180 days without Audit (Premium); with
 * it, the longest enabled retention policy that covers every record, else one year. An attested
 * archive outside Microsoft 365 (`attestations.auditLogArchive`) also satisfies it.
 */
export const auditRetention = defineControl({
  meta: {
    id: 'm365.audit.retention',
    provider: 'm365',
    title: 'Audit records are kept for the HIPAA documentation period',
    severity: 'medium',
    hipaa: ['164.312(b)', '164.316(b)(2)(i)'],
    references: [
      'https://learn.microsoft.com/purview/audit-log-retention-policies',
      'https://learn.microsoft.com/purview/audit-solutions-overview',
      'https://learn.microsoft.com/powershell/module/exchange/get-unifiedauditlogretentionpolicy',
      'https://learn.microsoft.com/office/office-365-management-api/office-365-management-activity-api-reference',
      'MS.EXO.17.3v1',
    ],
    datasets: ['m365.auditRetention', 'm365.subscribedSkus'],
    remediation:
      'Either keep the records inside Microsoft 365 or export them. Inside: Audit (Premium) (Microsoft 365 E5, E5 Compliance or the E5 eDiscovery and Audit add-on) plus the 10-Year Audit Log Retention add-on for the users whose activity must be kept; then in the Microsoft Purview portal go to Solutions > Audit > Audit retention policies > Create audit retention policy, leave Users, Record types and Activities empty so it covers everything, and choose 10 years. Outside: export the audit log regularly (Purview > Audit > search and export, the Office 365 Management Activity API, or a SIEM such as Microsoft Sentinel) to storage you keep for six years, and record the archive with the auditLogArchive attestation.',
  },
  evaluate: ({ data, options }) => {
    const { endpoint, policies } = data['m365.auditRetention'];
    const { skus } = data['m365.subscribedSkus'];
    const years = options.thresholds.auditRetentionYears;
    const requiredDays = Math.round(years * 365);
    const archiveAnswer = options.attestations.auditLogArchive;
    const archive = archiveAnswer?.location.trim();

    const premiumSkus = skus.filter(
      (s) =>
        s.capabilityStatus === 'Enabled' &&
        s.servicePlans.some((p) => p.servicePlanName === AUDIT_PREMIUM_PLAN && p.provisioningStatus !== 'Disabled') &&
        // A subscription nobody is assigned gives nobody Audit (Premium) retention.
        s.consumedUnits !== 0,
    );
    const premium = premiumSkus.length > 0;

    const enabled = policies.filter((p) => p.Enabled !== false);
    const unrecognised = enabled.filter((p) => !(p.RetentionDuration && p.RetentionDuration in RETENTION_DAYS));
    const covering = enabled.filter((p) => coversEverything(p) && !unrecognised.includes(p));
    const scoped = enabled.filter((p) => !coversEverything(p) && !unrecognised.includes(p));
    const longest = covering.reduce<RetentionPolicy | undefined>(
      (best, p) => (!best || RETENTION_DAYS[p.RetentionDuration!]! > RETENTION_DAYS[best.RetentionDuration!]! ? p : best),
      undefined,
    );

    let effectiveDays: number;
    let basis: string;
    if (!premium) {
      effectiveDays = STANDARD_DAYS;
      basis = `Audit (Standard) default: no enabled subscription includes the ${AUDIT_PREMIUM_PLAN} service plan` +
        (enabled.length ? `, so the ${enabled.length} retention ${enabled.length === 1 ? 'policy does' : 'policies do'} not apply` : '');
    } else if (longest) {
      effectiveDays = RETENTION_DAYS[longest.RetentionDuration!]!;
      basis = `retention policy "${longest.Name}" (${longest.RetentionDuration}) covers every audit record`;
      // A higher-priority (lower number) policy for some records with a shorter duration wins for those records.
      const days = (p: RetentionPolicy) => RETENTION_DAYS[p.RetentionDuration!]!;
      const overriding = scoped
        .filter((p) => days(p) < effectiveDays && (p.Priority ?? Number.MAX_SAFE_INTEGER) < (longest.Priority ?? Number.MAX_SAFE_INTEGER))
        .sort((a, b) => days(a) - days(b))[0];
      if (overriding) {
        effectiveDays = days(overriding);
        basis = `higher-priority retention policy "${overriding.Name}" (${overriding.RetentionDuration}) keeps some records shorter than "${longest.Name}" (${longest.RetentionDuration})`;
      }
    } else {
      effectiveDays = PREMIUM_DEFAULT_DAYS;
      basis = 'Audit (Premium) default policy: one year for Exchange, SharePoint, OneDrive and Entra records, 180 days for the rest';
    }

    const describe = (p: RetentionPolicy) => ({
      name: p.Name,
      retentionDuration: p.RetentionDuration ?? null,
      priority: p.Priority ?? null,
      ...(coversEverything(p) ? {} : { recordTypes: p.RecordTypes ?? [], operations: p.Operations ?? [], userIds: (p.UserIds ?? []).length }),
    });
    const caveats: string[] = [];
    if (premium && effectiveDays > PREMIUM_DEFAULT_DAYS) {
      // The add-on has no service plan we can recognise with confidence, so it is stated, not checked.
      caveats.push('Retention beyond one year also needs the 10-Year Audit Log Retention add-on for each user whose records must be kept; confirm it under Billing > Your products.');
    }
    if (premium) {
      caveats.push(`Audit (Premium) retention applies only to users assigned a licence that includes it (${premiumSkus.map((s) => `${s.skuPartNumber}: ${s.consumedUnits ?? '?'} assigned`).join(', ')}); other users' records are kept ${STANDARD_DAYS} days.`);
    }
    if (scoped.length) caveats.push(`${scoped.length} retention ${scoped.length === 1 ? 'policy covers' : 'policies cover'} only some records and ${scoped.length === 1 ? 'was' : 'were'} not counted.`);

    const affected: AffectedItem[] = unrecognised.map((p) => ({
      type: 'policy',
      id: p.Name,
      name: p.Name,
      detail: `RetentionDuration ${p.RetentionDuration ?? '(not reported)'} is not a known value`,
    }));
    const evidence = evidenceOf(affected, {
      total: policies.length,
      endpoint,
      requiredYears: years,
      requiredDays,
      effectiveRetentionDays: effectiveDays,
      basis,
      auditPremium: premium,
      auditPremiumSkus: premiumSkus.map((s) => s.skuPartNumber),
      coveringPolicies: covering.map(describe),
      scopedPolicies: scoped.map(describe),
      disabledPolicies: policies.filter((p) => p.Enabled === false).map((p) => p.Name),
      ...(archive ? { attestedArchive: archive } : {}),
      ...(caveats.length ? { caveats } : {}),
    });

    if (archive) {
      return {
        status: 'pass',
        summary: `Audit records are archived outside Microsoft 365 in ${archive}${attestedBy(archiveAnswer)}; Microsoft 365 itself keeps them about ${asText(effectiveDays)}.`,
        evidence,
      };
    }
    if (effectiveDays >= requiredDays) {
      return {
        status: 'pass',
        summary: `Audit records are kept ${asText(effectiveDays)} (${basis}), at least the ${years} years HIPAA documentation is kept.`,
        evidence,
      };
    }
    if (premium && unrecognised.some(coversEverything)) {
      // An unknown duration on a policy covering everything could be the longest: do not guess.
      return {
        status: 'not_assessed',
        summary: `Audit retention could not be worked out: ${unrecognised.map((p) => `"${p.Name}"`).join(', ')} report a retention duration this tool does not know.`,
        evidence,
        reason: {
          kind: 'unsupported',
          detail: `unknown RetentionDuration ${unrecognised.map((p) => `${p.RetentionDuration ?? '(none)'} on "${p.Name}"`).join(', ')}`,
        },
      };
    }
    return {
      status: 'warn',
      summary:
        `Audit records are kept about ${effectiveDays} days (${basis}), less than the ${years} years HIPAA keeps documentation (164.316(b)(2)(i)). ` +
        'HIPAA sets no explicit retention period for logs, but records needed for an investigation or a documentation request will be gone; keep them longer or export them to an archive.',
      evidence,
    };
  },
});
