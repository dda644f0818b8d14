import { findingFingerprint } from '../core/fingerprint.js';
import { ConfigError } from '../core/options.js';
import { SEVERITY_ORDER, type Finding, type Severity, type Status, type Summary, type TenantRef } from '../core/model.js';

/**
 * A report as {@link diffReports} reads it: any report tenant-audit wrote, including those written
 * before findings carried a `fingerprint` (it is then recomputed from provider, tenant and control).
 */
export interface ComparableReport {
  provider: string;
  tenant: TenantRef;
  collectedAt?: string;
  summary?: Summary;
  findings: readonly ComparableFinding[];
}

/** A finding as {@link diffReports} reads it: `fingerprint` may be missing in older reports. */
export type ComparableFinding = Pick<Finding, 'controlId' | 'title' | 'status' | 'severity' | 'summary'> & { fingerprint?: string };

/** One control on one tenant whose status is compared between two runs. */
export interface DiffEntry {
  controlId: string;
  /** The finding's fingerprint (provider, tenant, control): the key the runs were matched on. */
  fingerprint: string;
  title: string;
  /** The severity in the newer run (in the older one for a control no longer run). */
  severity: Severity;
  /** The status in the older run; absent when the control was not run then. */
  before?: Status;
  /** The status in the newer run; absent when the control is no longer run. */
  after?: Status;
  /** The finding's summary in the newer run (in the older one for a control no longer run). May name people. */
  summary: string;
  /** The older run's summary, when the control was run then and its wording changed. */
  summaryBefore?: string;
}

/** How one tenant changed between two runs. */
export interface TenantDiff {
  provider: string;
  tenant: TenantRef;
  /** `added`: only in the newer run (every failure is new); `removed`: only in the older one (nothing is compared). */
  change: 'compared' | 'added' | 'removed';
  /** When each run's data was collected. */
  collectedBefore?: string;
  collectedAfter?: string;
  /** Failing or errored now; passing, warning, manual, not assessed or not run before. */
  newFailures: DiffEntry[];
  /** Failing or errored before; passing or warning now. */
  fixed: DiffEntry[];
  /** Failing or errored in both runs. */
  stillFailing: DiffEntry[];
  /** Not assessed now (the data could not be read); assessed before. */
  newlyNotAssessed: DiffEntry[];
  /** Any other change of status (e.g. pass to warn, fail to manual, not assessed to pass). */
  otherChanges: DiffEntry[];
  /** Controls run now that were not run before on this tenant (their verdicts are also in the lists above). */
  controlsAdded: DiffEntry[];
  /** Controls run before that are no longer run on this tenant. */
  controlsRemoved: DiffEntry[];
}

/** The result of {@link diffReports}. */
export interface ReportDiff {
  /** Every tenant of either run: those in both first (in the newer run's order), then added, then removed. */
  tenants: TenantDiff[];
  /** Tenants only in the newer run. */
  tenantsAdded: TenantRef[];
  /** Tenants only in the older run. */
  tenantsRemoved: TenantRef[];
  /** Totals over every tenant. */
  counts: { newFailures: number; fixed: number; stillFailing: number; newlyNotAssessed: number; otherChanges: number };
}

const FAILING: ReadonlySet<Status> = new Set(['fail', 'error']);
const MET: ReadonlySet<Status> = new Set(['pass', 'warn']);
/** Statuses that mean the control could not judge the tenant from its data. */
const UNASSESSED: ReadonlySet<Status> = new Set(['not_assessed', 'error']);

const tenantKey = (report: Pick<ComparableReport, 'provider' | 'tenant'>) => `${report.provider}\0${report.tenant.id.toLowerCase()}`;

function fingerprintOf(report: ComparableReport, finding: ComparableFinding): string {
  return finding.fingerprint ?? findingFingerprint({ provider: report.provider, tenantId: report.tenant.id }, finding.controlId);
}

function byTenant(reports: readonly ComparableReport[], which: string): Map<string, ComparableReport> {
  const map = new Map<string, ComparableReport>();
  for (const report of reports) {
    const key = tenantKey(report);
    if (map.has(key)) {
      throw new ConfigError(`The ${which} reports hold tenant ${report.tenant.id} (${report.provider}) twice: compare one run per tenant`, which);
    }
    map.set(key, report);
  }
  return map;
}

function entry(fingerprint: string, before: ComparableFinding | undefined, after: ComparableFinding | undefined): DiffEntry {
  const current = (after ?? before)!;
  return {
    controlId: current.controlId,
    fingerprint,
    title: current.title,
    severity: current.severity,
    ...(before ? { before: before.status } : {}),
    ...(after ? { after: after.status } : {}),
    summary: current.summary,
    ...(before && after && before.summary !== after.summary ? { summaryBefore: before.summary } : {}),
  };
}

function compareTenant(before: ComparableReport | undefined, after: ComparableReport | undefined): TenantDiff {
  const current = (after ?? before)!;
  const diff: TenantDiff = {
    provider: current.provider,
    tenant: current.tenant,
    change: before && after ? 'compared' : after ? 'added' : 'removed',
    ...(before?.collectedAt ? { collectedBefore: before.collectedAt } : {}),
    ...(after?.collectedAt ? { collectedAfter: after.collectedAt } : {}),
    newFailures: [],
    fixed: [],
    stillFailing: [],
    newlyNotAssessed: [],
    otherChanges: [],
    controlsAdded: [],
    controlsRemoved: [],
  };
  // A tenant no longer audited says nothing about its controls: nothing was fixed or lost.
  if (!after) return diff;
  const old = new Map((before?.findings ?? []).map((finding) => [fingerprintOf(before!, finding), finding]));
  const seen = new Set<string>();
  for (const finding of after.findings) {
    const fingerprint = fingerprintOf(after, finding);
    seen.add(fingerprint);
    const previous = old.get(fingerprint);
    const item = entry(fingerprint, previous, finding);
    if (before && !previous) diff.controlsAdded.push(item);
    const now = finding.status;
    const then = previous?.status;
    if (FAILING.has(now)) {
      if (then !== undefined && FAILING.has(then)) diff.stillFailing.push(item);
      else diff.newFailures.push(item);
    } else if (then !== undefined && FAILING.has(then) && MET.has(now)) {
      diff.fixed.push(item);
    } else if (now === 'not_assessed' && then !== undefined && !UNASSESSED.has(then)) {
      diff.newlyNotAssessed.push(item);
    } else if (then !== undefined && then !== now) {
      diff.otherChanges.push(item);
    }
  }
  for (const [fingerprint, finding] of old) {
    if (!seen.has(fingerprint)) diff.controlsRemoved.push(entry(fingerprint, finding, undefined));
  }
  const bySeverity = (a: DiffEntry, b: DiffEntry) => SEVERITY_ORDER.indexOf(b.severity) - SEVERITY_ORDER.indexOf(a.severity) || a.controlId.localeCompare(b.controlId);
  for (const list of [diff.newFailures, diff.fixed, diff.stillFailing, diff.newlyNotAssessed, diff.otherChanges, diff.controlsAdded, diff.controlsRemoved]) list.sort(bySeverity);
  return diff;
}

/**
 * Compare two runs: which controls newly fail, which were fixed, which still fail and which can no
 * longer be assessed, per tenant. Findings are matched by their `fingerprint` (provider, tenant id
 * and control id; recomputed for reports written before findings carried one), tenants by provider
 * and tenant id. Each list is sorted by severity, highest first.
 *
 * A tenant only in the newer run counts every failure as new; a tenant only in the older run is
 * listed as removed and compares nothing. Throws a `ConfigError` when one side holds a tenant twice.
 *
 * @param before - The older run: one report or several (e.g. a sweep's).
 * @param after - The newer run.
 * @example
 * const diff = diffReports(lastWeek, thisWeek);
 * for (const tenant of diff.tenants) {
 *   for (const entry of tenant.newFailures) console.log(`${tenant.tenant.id}: ${entry.controlId} now ${entry.after}`);
 * }
 * if (diff.counts.newFailures > 0) process.exitCode = 1;
 */
export function diffReports(before: ComparableReport | readonly ComparableReport[], after: ComparableReport | readonly ComparableReport[]): ReportDiff {
  const older = byTenant(Array.isArray(before) ? (before as readonly ComparableReport[]) : [before as ComparableReport], 'older');
  const newer = byTenant(Array.isArray(after) ? (after as readonly ComparableReport[]) : [after as ComparableReport], 'newer');
  const tenants: TenantDiff[] = [];
  for (const [key, report] of newer) if (older.has(key)) tenants.push(compareTenant(older.get(key), report));
  for (const [key, report] of newer) if (!older.has(key)) tenants.push(compareTenant(undefined, report));
  for (const [key, report] of older) if (!newer.has(key)) tenants.push(compareTenant(report, undefined));
  const total = (list: keyof ReportDiff['counts']) => tenants.reduce((sum, tenant) => sum + tenant[list].length, 0);
  return {
    tenants,
    tenantsAdded: tenants.filter((tenant) => tenant.change === 'added').map((tenant) => tenant.tenant),
    tenantsRemoved: tenants.filter((tenant) => tenant.change === 'removed').map((tenant) => tenant.tenant),
    counts: { newFailures: total('newFailures'), fixed: total('fixed'), stillFailing: total('stillFailing'), newlyNotAssessed: total('newlyNotAssessed'), otherChanges: total('otherChanges') },
  };
}

/** The new failures of a diff at or above a severity: what a regression gate fails on. */
export function regressions(diff: ReportDiff, failOn: Severity = 'low'): { tenant: TenantDiff; entry: DiffEntry }[] {
  const minimum = SEVERITY_ORDER.indexOf(failOn);
  return diff.tenants.flatMap((tenant) => tenant.newFailures.filter((entry) => SEVERITY_ORDER.indexOf(entry.severity) >= minimum).map((entry) => ({ tenant, entry })));
}
