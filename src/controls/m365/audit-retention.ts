import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { AuditRetentionDataset } from '../../datasets/m365-exchange.js';
import type { SubscribedSkusDataset } from '../../datasets/m365.js';
import { attestationRef, attestedBy } from '../lib/attestations.js';
import { count, everyOne } from '../lib/text.js';

/**
 * Days per `RetentionDuration` value of audit log retention policies. The cmdlet reference
 * (New-UnifiedAuditLogRetentionPolicy) accepts ThreeMonths, SixMonths, NineMonths, TwelveMonths
 * and TenYears; SevenDays, OneMonth, ThreeYears, FiveYears and SevenYears appear only in
 * Microsoft365DSC's list of the enum's values, so they are read (their length is plain) but never
 * suggested. https://learn.microsoft.com/powershell/module/exchange/new-unifiedauditlogretentionpolicy
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
 * Audit (Standard) keeps records 180 days (90 before 17 October 2023). Audit (Premium) users'
 * Exchange, SharePoint, OneDrive and Entra records are kept one year by the default policy, and
 * only their records follow custom retention policies, which take precedence over the default.
 * https://learn.microsoft.com/purview/audit-log-retention-policies
 */
const STANDARD_DAYS = 180;
const PREMIUM_DEFAULT_DAYS = 365;
/** The service plan that carries Audit (Premium). */
const AUDIT_PREMIUM_PLAN = 'M365_ADVANCED_AUDITING';
const AUDIT_PREMIUM_PLAN_ID = '2f442157-a11c-46b9-ae5b-6e39ff4e5849';

/**
 * The records an investigation of patient data needs first (AuditLogRecordType, Office 365
 * Management Activity API schema): mailbox items, SharePoint and OneDrive files, and sign-ins.
 * All three are in the Audit (Premium) default policy's workloads.
 */
const KEY_RECORD_TYPES = [
  { recordType: 'ExchangeItem', what: 'mailbox items' },
  { recordType: 'SharePointFileOperation', what: 'SharePoint and OneDrive files' },
  { recordType: 'AzureActiveDirectoryStsLogon', what: 'sign-ins' },
] as const;

type RetentionPolicy = AuditRetentionDataset['policies'][number];
type Sku = SubscribedSkusDataset['skus'][number];
const isEmpty = (list: readonly string[] | null | undefined) => !list || list.length === 0;
const asText = (days: number) => {
  const years = Math.round((days / 365) * 10) / 10;
  return days >= 365 ? `${years} ${years === 1 ? 'year' : 'years'}` : `${days} days`;
};
const priorityOf = (p: RetentionPolicy) => p.Priority ?? Number.MAX_SAFE_INTEGER;
const label = (p: RetentionPolicy) => `"${p.Name}" (${p.RetentionDuration ?? 'no duration'}, priority ${p.Priority ?? 'not reported'})`;

/** Whether a policy applies to a record type: it names it, or names no record type at all. */
const appliesTo = (p: RetentionPolicy, recordType: string) => isEmpty(p.RecordTypes) || p.RecordTypes!.some((t) => t.toLowerCase() === recordType.toLowerCase());
/** A policy for every user and every activity of the record types it applies to. */
const forEveryone = (p: RetentionPolicy) => isEmpty(p.UserIds) && isEmpty(p.Operations);
/** What a scoped policy is limited to, in words. */
function scopeOf(p: RetentionPolicy): string {
  const parts = [
    isEmpty(p.UserIds) ? '' : `${count(p.UserIds!.length, 'listed user')}`,
    isEmpty(p.Operations) ? '' : `activities ${p.Operations!.join(', ')}`,
  ].filter(Boolean);
  return parts.join(' and ');
}

interface RecordTypeRetention {
  recordType: string;
  what: string;
  /** Days every Audit (Premium) user's records of this type are kept, at least. */
  days: number;
  basis: string;
  /** A policy with an unknown duration decides this, so `days` cannot be trusted. */
  unknown?: string;
}

/**
 * How long Audit (Premium) users' records of one type are kept. Policies are applied by priority
 * (1 is the highest; custom policies win over the default): the highest-priority policy for every
 * user and activity sets the retention, or the one-year default when there is none, and a
 * higher-priority policy scoped to some users or activities that keeps records shorter lowers it
 * for them. A scoped policy that keeps records longer covers only those users or activities.
 */
function retentionFor(recordType: string, what: string, policies: readonly RetentionPolicy[]): RecordTypeRetention {
  const applicable = policies.filter((p) => appliesTo(p, recordType)).sort((a, b) => priorityOf(a) - priorityOf(b));
  const deciding = applicable.find(forEveryone);
  const above = deciding ? applicable.filter((p) => priorityOf(p) < priorityOf(deciding)) : applicable;
  const unknownAbove = [...above, ...(deciding ? [deciding] : [])].filter((p) => !(p.RetentionDuration && p.RetentionDuration in RETENTION_DAYS));
  const days = (p: RetentionPolicy) => RETENTION_DAYS[p.RetentionDuration!]!;
  let result: RecordTypeRetention = deciding && !unknownAbove.includes(deciding)
    ? { recordType, what, days: days(deciding), basis: `policy ${label(deciding)} for all users` }
    : { recordType, what, days: PREMIUM_DEFAULT_DAYS, basis: 'the Audit (Premium) default policy (one year): no retention policy covers it for all users' };
  const shorter = above
    .filter((p) => !forEveryone(p) && !unknownAbove.includes(p) && days(p) < result.days)
    .sort((a, b) => days(a) - days(b))[0];
  if (shorter) result = { recordType, what, days: days(shorter), basis: `higher-priority policy ${label(shorter)} keeps the records of ${scopeOf(shorter)} shorter` };
  const longerForSome = above.filter((p) => !forEveryone(p) && !unknownAbove.includes(p) && days(p) > result.days);
  if (longerForSome.length) result.basis += `; ${longerForSome.map((p) => `${label(p)} covers only ${scopeOf(p)}`).join('; ')}`;
  if (unknownAbove.length) result.unknown = unknownAbove.map((p) => `${p.RetentionDuration ?? '(none)'} on "${p.Name}"`).join(', ');
  return result;
}

/**
 * Audit records should be kept as long as HIPAA keeps its documentation (164.316(b)(2)(i): six
 * years, `thresholds.auditRetentionYears`). HIPAA sets no explicit retention for logs, so short
 * retention warns rather than fails. Without Audit (Premium) records are kept 180 days. With it,
 * each key record type (mailbox items, files, sign-ins) is kept as the policies decide by
 * priority, and only for the users holding Audit (Premium): it passes only when every licensed,
 * enabled member is covered. An attested archive outside Microsoft 365
 * (`attestations.auditLogArchive`) also satisfies it.
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
      'https://learn.microsoft.com/powershell/module/exchange/new-unifiedauditlogretentionpolicy',
      'https://learn.microsoft.com/office/office-365-management-api/office-365-management-activity-api-schema#auditlogrecordtype',
      'https://learn.microsoft.com/entra/identity/users/licensing-service-plan-reference',
      'MS.EXO.17.3v1',
    ],
    datasets: ['m365.auditRetention', 'm365.subscribedSkus', 'm365.users'],
    remediation:
      'Either keep the records inside Microsoft 365 or export them. Inside: give every member of staff Audit (Premium) (Microsoft 365 E5, E5 Compliance or the E5 eDiscovery and Audit add-on), plus the 10-Year Audit Log Retention add-on for records kept beyond one year; one seat covers only the person it is assigned to. Then in the Microsoft Purview portal go to Solutions > Audit > Audit retention policies > Create audit retention policy: leave Users empty so it applies to everyone, choose the record types to keep (at least ExchangeItem, ExchangeItemGroup, SharePointFileOperation, SharePointSharingOperation and AzureActiveDirectoryStsLogon; with several record types Activities stays empty), set Duration to 10 years and give it the highest priority (1) so no shorter policy overrides it. The portal requires a record type or a user, so there is no "everything" policy. Outside: export the audit log regularly (Purview > Audit > search and export, the Office 365 Management Activity API, or a SIEM such as Microsoft Sentinel) to storage you keep for six years, and record the archive with the auditLogArchive attestation.',
  },
  evaluate: ({ data, options }) => {
    const { endpoint, policies } = data['m365.auditRetention'];
    const { skus } = data['m365.subscribedSkus'];
    const { users } = data['m365.users'];
    const years = options.thresholds.auditRetentionYears;
    const requiredDays = Math.round(years * 365);
    const archiveAnswer = options.attestations.auditLogArchive;
    const archive = archiveAnswer?.location.trim();

    const premiumPlanOf = (s: Sku) => s.servicePlans.find((p) => p.servicePlanName === AUDIT_PREMIUM_PLAN || p.servicePlanId.toLowerCase() === AUDIT_PREMIUM_PLAN_ID);
    const premiumSkus = skus.filter(
      (s) =>
        s.capabilityStatus === 'Enabled' &&
        premiumPlanOf(s) !== undefined &&
        premiumPlanOf(s)!.provisioningStatus !== 'Disabled' &&
        // A subscription nobody is assigned gives nobody Audit (Premium) retention.
        s.consumedUnits !== 0,
    );
    const premium = premiumSkus.length > 0;

    // Audit (Premium) is per user: the staff who hold a licence, against those whose licence includes the plan (not disabled for them).
    const licensedStaff = users.filter((u) => u.accountEnabled === true && u.userType !== 'Guest' && u.assignedLicenses.length > 0);
    const premiumById = new Map(premiumSkus.map((s) => [s.skuId.toLowerCase(), premiumPlanOf(s)!.servicePlanId.toLowerCase()]));
    const covered = licensedStaff.filter((u) =>
      u.assignedLicenses.some((l) => {
        const plan = premiumById.get(l.skuId.toLowerCase());
        return plan !== undefined && !(l.disabledPlans ?? []).some((d) => d.toLowerCase() === plan);
      }),
    );
    const uncovered = licensedStaff.filter((u) => !covered.includes(u));
    const seats = premiumSkus.reduce((sum, s) => sum + (s.consumedUnits ?? 0), 0);

    const enabled = policies.filter((p) => p.Enabled !== false && String((p as Record<string, unknown>).Mode ?? '').toLowerCase() !== 'pendingdeletion');
    const perRecordType = premium ? KEY_RECORD_TYPES.map((k) => retentionFor(k.recordType, k.what, enabled)) : [];
    const premiumDays = perRecordType.length ? Math.min(...perRecordType.map((r) => r.days)) : STANDARD_DAYS;
    const shortest = perRecordType.find((r) => r.days === premiumDays);
    const effectiveDays = premium && uncovered.length === 0 ? premiumDays : STANDARD_DAYS;

    const describe = (p: RetentionPolicy) => ({
      name: p.Name,
      retentionDuration: p.RetentionDuration ?? null,
      priority: p.Priority ?? null,
      recordTypes: p.RecordTypes ?? [],
      operations: p.Operations ?? [],
      users: (p.UserIds ?? []).length,
    });
    const caveats: string[] = [];
    if (premium && premiumDays > PREMIUM_DEFAULT_DAYS) {
      // The add-on has no service plan we can recognise with confidence, so it is stated, not checked.
      caveats.push('Retention beyond one year also needs the 10-Year Audit Log Retention add-on for each user whose records must be kept; confirm it under Billing > Your products.');
    }
    const affected: AffectedItem[] = [
      ...uncovered.map((u) => ({ type: 'user', id: u.id, name: u.userPrincipalName, detail: `holds no licence with Audit (Premium): audit records kept ${STANDARD_DAYS} days` })),
      ...policies
        .filter((p) => !(p.RetentionDuration && p.RetentionDuration in RETENTION_DAYS))
        .map((p) => ({ type: 'policy', id: p.Name, name: p.Name, detail: `RetentionDuration ${p.RetentionDuration ?? '(not reported)'} is not a known value` })),
    ];
    const basis = !premium
      ? `Audit (Standard) default: no enabled subscription includes the ${AUDIT_PREMIUM_PLAN} service plan` +
        (enabled.length ? `, so the ${enabled.length} retention ${enabled.length === 1 ? 'policy does' : 'policies do'} not apply` : '')
      : `${shortest!.what} (${shortest!.recordType}): ${shortest!.basis}`;
    const evidence = evidenceOf(affected, {
      total: policies.length,
      endpoint,
      requiredYears: years,
      requiredDays,
      effectiveRetentionDays: effectiveDays,
      basis,
      auditPremium: premium,
      auditPremiumSkus: premiumSkus.map((s) => `${s.skuPartNumber}: ${s.consumedUnits ?? '?'} assigned`),
      auditPremiumSeats: seats,
      licensedEnabledUsers: licensedStaff.length,
      usersWithAuditPremium: covered.length,
      ...(premium ? { premiumRetentionDays: premiumDays, retentionByRecordType: perRecordType } : {}),
      policies: enabled.map(describe),
      disabledPolicies: policies.filter((p) => !enabled.includes(p)).map((p) => p.Name),
      ...(archive ? { attestedArchive: archive } : {}),
      ...(caveats.length ? { caveats } : {}),
    });

    if (archive) {
      return {
        status: 'pass',
        summary: `Audit records are archived outside Microsoft 365 in ${archive}${attestedBy(archiveAnswer)}; Microsoft 365 itself keeps them about ${asText(effectiveDays)}.`,
        evidence,
        attestation: attestationRef('auditLogArchive', archiveAnswer!),
      };
    }
    const undecided = perRecordType.filter((r) => r.unknown);
    if (undecided.length && premiumDays < requiredDays) {
      // An unknown duration on the policy that decides a record type could be the longest: do not guess.
      return {
        status: 'not_assessed',
        summary: `Audit retention could not be worked out: the policy deciding ${undecided.map((r) => r.what).join(', ')} reports a retention duration this tool does not know.`,
        evidence,
        reason: { kind: 'unsupported', detail: `unknown RetentionDuration ${[...new Set(undecided.map((r) => r.unknown!))].join(', ')}` },
      };
    }
    const hipaaNote =
      'HIPAA sets no explicit retention period for logs, but records needed for an investigation or a documentation request will be gone; keep them longer or export them to an archive.';
    if (premium && uncovered.length > 0) {
      const coverage =
        covered.length === 0
          ? `Audit (Premium) is assigned (${count(seats, 'seat')}) but to none of the ${count(licensedStaff.length, 'licensed enabled user')}, so their audit records are kept ${STANDARD_DAYS} days.`
          : `Audit (Premium) covers ${covered.length} of ${licensedStaff.length} licensed enabled users (${count(seats, 'seat')} assigned), so the audit records of the other ${uncovered.length} are kept ${STANDARD_DAYS} days; ` +
            `${covered.length === 1 ? 'the covered user has' : 'the covered users have'} records kept about ${asText(premiumDays)}.`;
      return {
        status: 'warn',
        summary: `${coverage} That is less than the ${years} years HIPAA keeps documentation (164.316(b)(2)(i)). ${hipaaNote}`,
        evidence,
      };
    }
    if (effectiveDays >= requiredDays && requiredDays > PREMIUM_DEFAULT_DAYS) {
      // Beyond one year Microsoft keeps records only for holders of the 10-Year Audit Log Retention
      // add-on, which no subscription or service plan shows: a pass would rest on what cannot be seen.
      return {
        status: 'warn',
        summary:
          `Retention policies keep audit records ${asText(effectiveDays)} for ${everyOne(licensedStaff.length, 'licensed enabled user')} (shortest: ${basis}), ` +
          'but Microsoft keeps them beyond one year only for users who also hold the 10-Year Audit Log Retention add-on, which no API shows: confirm it under Billing > Your products, or archive the records and record that with the auditLogArchive attestation.',
        evidence,
      };
    }
    if (effectiveDays >= requiredDays) {
      return {
        status: 'pass',
        // Only reached when the years asked for fit in the year kept without the 10-year add-on.
        summary: `Audit records are kept at least ${asText(Math.min(effectiveDays, PREMIUM_DEFAULT_DAYS))} for ${everyOne(licensedStaff.length, 'licensed enabled user')} (shortest: ${basis}), at least the ${count(years, 'year')} asked for (thresholds.auditRetentionYears).`,
        evidence,
      };
    }
    return {
      status: 'warn',
      summary: `Audit records are kept about ${effectiveDays} days (${basis}), less than the ${years} years HIPAA keeps documentation (164.316(b)(2)(i)). ${hipaaNote}`,
      evidence,
    };
  },
});
