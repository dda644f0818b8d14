import { controlCatalogue } from '../controls/index.js';
import { SEVERITY_ORDER, type AuditReport, type Finding, type Severity } from '../core/model.js';
import { diffReports, type ComparableReport } from './diff.js';

/** Options of {@link gate}. */
export interface GateOptions {
  /** The lowest severity whose failure fails the gate (default `low`). */
  failOn?: Severity;
  /**
   * A previous run (one report or several): fail only on regressions, i.e. controls that fail or
   * error now and did not before (see {@link diffReports}). Nothing assessed and an empty selection
   * still fail.
   */
  baseline?: ComparableReport | readonly ComparableReport[];
}

/** Why a gate failed, one entry per cause, each naming the tenant. */
export interface GateFailure {
  tenant: string;
  kind: 'failed' | 'error' | 'nothing_assessed' | 'empty_selection';
  message: string;
  /** The findings behind a `failed` or `error` cause. */
  findings?: Finding[];
}

/** The verdict of {@link gate} over one or more reports. */
export interface GateResult {
  passed: boolean;
  failures: GateFailure[];
}

const severityRank = (severity: Severity) => SEVERITY_ORDER.indexOf(severity);

/** Controls that need no service data (judged from people's answers): their findings say nothing about whether the tenant could be read. */
const attestationOnly: ReadonlySet<string> = new Set(controlCatalogue.filter((control) => control.meta.datasets.length === 0).map((control) => control.meta.id));

/**
 * Whether reports pass a CI or scheduled gate. A report fails when a control at or above
 * `failOn` failed or errored, when nothing could be assessed at all (a broken credential must never
 * look like a clean tenant; controls judged only from attestations do not count as assessed), or
 * when no control ran (an empty selection checks nothing). With a `baseline`, failed and errored
 * controls count only when they are new since it (a regression gate for scheduled runs).
 *
 * @example
 * const { passed, failures } = gate(report, { failOn: 'high' });
 * if (!passed) for (const failure of failures) console.error(failure.message);
 * // a scheduled job: fail only on what got worse since last week
 * const regressions = gate(report, { failOn: 'high', baseline: lastWeek });
 */
export function gate(reports: AuditReport | readonly AuditReport[], options: GateOptions = {}): GateResult {
  const minimum = severityRank(options.failOn ?? 'low');
  const failures: GateFailure[] = [];
  const list = Array.isArray(reports) ? (reports as readonly AuditReport[]) : [reports as AuditReport];
  // Against a baseline only new failures count: their fingerprints.
  const newFailures = options.baseline
    ? new Set(diffReports(options.baseline, list).tenants.flatMap((tenant) => tenant.newFailures.map((entry) => entry.fingerprint)))
    : undefined;
  for (const report of list) {
    const tenant = report.tenant.name ? `${report.tenant.name} (${report.tenant.id})` : report.tenant.id;
    if (report.findings.length === 0) {
      failures.push({ tenant, kind: 'empty_selection', message: `${tenant}: no control was run, so nothing was checked.` });
      continue;
    }
    // A broken credential must not pass because an attestation-only control still answered.
    const fromData = report.findings.filter((finding) => !attestationOnly.has(finding.controlId));
    if (fromData.length > 0 && fromData.every((finding) => finding.status === 'not_assessed' || finding.status === 'error')) {
      failures.push({
        tenant,
        kind: 'nothing_assessed',
        message: `${tenant}: nothing could be assessed; see each finding's reason (permissions, licences, credentials).`,
      });
      continue;
    }
    const atOrAbove = (status: Finding['status']) =>
      report.findings.filter(
        (finding) =>
          finding.status === status &&
          severityRank(finding.severity) >= minimum &&
          (!newFailures || newFailures.has(finding.fingerprint)),
      );
    const failed = atOrAbove('fail');
    const errored = atOrAbove('error');
    if (failed.length) failures.push({ tenant, kind: 'failed', message: `${tenant}: ${failed.length} control${failed.length === 1 ? '' : 's'} ${newFailures ? 'newly failed since the baseline' : 'failed'} at or above ${SEVERITY_ORDER[minimum]}.`, findings: failed });
    if (errored.length) failures.push({ tenant, kind: 'error', message: `${tenant}: ${errored.length} control${errored.length === 1 ? '' : 's'} ${newFailures ? 'newly could not be evaluated since the baseline (error)' : 'could not be evaluated (error)'}.`, findings: errored });
  }
  return { passed: failures.length === 0, failures };
}
