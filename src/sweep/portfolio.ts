import { SEVERITY_ORDER, type AuditReport, type Severity, type Status, type Summary } from '../core/model.js';
import { gate } from '../engine/gate.js';
import { portfolioRegressions, type PortfolioRegressions } from './regressions.js';
import type { SweepFailure } from './sweep.js';

/** One control of the portfolio: a column. */
export interface PortfolioControl {
  id: string;
  title: string;
  severity: Severity;
}

/** One audited tenant of the portfolio: a row, its status per control and where its report is. */
export interface PortfolioAudited {
  slug: string;
  name?: string;
  provider: string;
  id: string;
  ok: true;
  /** The report, relative to the sweep's folder (`<slug>/report.json`). */
  report: string;
  /** The readable report, when one was written (`<slug>/report.html` from the CLI). */
  readable?: string;
  summary: Summary;
  /** Each control's status. */
  cells: Record<string, Status>;
  /** Each control's finding fingerprint (the same in every run), to compare with another sweep. */
  fingerprints: Record<string, string>;
  /** Whether the tenant passes the run's `--fail-on` gate. */
  gate: 'passed' | 'failed';
  /** Why it does not pass, when it does not. */
  gateFailures?: string[];
}

/** One tenant that could not be audited: a row with its failure (kind and fix). */
export interface PortfolioFailed {
  slug: string;
  name?: string;
  provider: string;
  id: string;
  ok: false;
  failure: SweepFailure;
}

export type PortfolioTenant = PortfolioAudited | PortfolioFailed;

/** `DIR/summary.json`: the run, every tenant and every control, with each tenant's status per control. */
export interface PortfolioSummary {
  schemaVersion: 1;
  run: { id: string; startedAt: string; finishedAt: string; source?: string; failOn: Severity };
  totals: { tenants: number; audited: number; couldNotAudit: number; failingGate: number; regressed?: number };
  controls: PortfolioControl[];
  tenants: PortfolioTenant[];
  /** The comparison with the previous sweep, when there was one to compare with. */
  regressions?: PortfolioRegressions;
}

/** What a portfolio row needs of a tenant besides its report. */
export interface RowIdentity {
  slug: string;
  name?: string;
  provider: string;
  id: string;
}

/** A tenant's row from its report: status per control, summary counts and its gate verdict (nothing else of the report is kept). */
export function auditedRow(identity: RowIdentity, report: AuditReport, files: { report: string; readable?: string }, failOn: Severity): { row: PortfolioAudited; controls: PortfolioControl[] } {
  const verdict = gate(report, { failOn });
  return {
    row: {
      ...identity,
      ok: true,
      report: files.report,
      ...(files.readable ? { readable: files.readable } : {}),
      summary: report.summary,
      cells: Object.fromEntries(report.findings.map((finding) => [finding.controlId, finding.status])),
      fingerprints: Object.fromEntries(report.findings.map((finding) => [finding.controlId, finding.fingerprint])),
      gate: verdict.passed ? 'passed' : 'failed',
      ...(verdict.passed ? {} : { gateFailures: verdict.failures.map((failure) => failure.message) }),
    },
    controls: report.findings.map((finding) => ({ id: finding.controlId, title: finding.title, severity: finding.severity })),
  };
}

const STATUS_WEIGHT: Partial<Record<Status, number>> = { error: 2, not_assessed: 1 };

/**
 * How bad a row is, for sorting worst first: a tenant that could not be audited first, then by its
 * failed controls weighted by severity (one critical outweighs any number of lows), then errors and
 * controls not assessed, then warnings.
 */
export function badness(row: PortfolioTenant, controls: ReadonlyMap<string, PortfolioControl>): number {
  if (!row.ok) return Number.MAX_SAFE_INTEGER;
  let score = 0;
  for (const [id, status] of Object.entries(row.cells)) {
    const severity = controls.get(id)?.severity ?? 'low';
    if (status === 'fail') score += 100 * 8 ** SEVERITY_ORDER.indexOf(severity);
    else if (status === 'warn') score += 1;
    else score += STATUS_WEIGHT[status] ?? 0;
  }
  return score;
}

/**
 * The summary of a run from its rows (in the tenants file's order) and the controls seen; with
 * `previous` (the previous sweep's summary), which tenants regressed since.
 */
export function portfolioSummary(run: PortfolioSummary['run'], rows: readonly PortfolioTenant[], controls: Iterable<PortfolioControl>, previous?: PortfolioSummary): PortfolioSummary {
  const byId = new Map<string, PortfolioControl>();
  for (const control of controls) if (!byId.has(control.id)) byId.set(control.id, control);
  const sortedControls = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  const regressions = previous ? portfolioRegressions({ tenants: [...rows], controls: sortedControls }, previous) : undefined;
  return {
    schemaVersion: 1,
    run,
    totals: {
      tenants: rows.length,
      audited: rows.filter((row) => row.ok).length,
      couldNotAudit: rows.filter((row) => !row.ok).length,
      failingGate: rows.filter((row) => row.ok && row.gate === 'failed').length,
      ...(regressions ? { regressed: regressions.tenants.length } : {}),
    },
    controls: sortedControls,
    tenants: [...rows],
    ...(regressions ? { regressions } : {}),
  };
}
