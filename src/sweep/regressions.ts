import type { Status } from '../core/model.js';
import type { PortfolioControl, PortfolioSummary, PortfolioTenant } from './portfolio.js';

// Which clinics regressed since the previous sweep. Findings are matched by fingerprint (provider,
// tenant, control: the same in every run), so a renamed clinic or a reordered tenants file still
// compares. A small local comparison of two portfolio summaries, not a diff of whole reports.

/** One control of a tenant that fails now and did not fail in the previous sweep. */
export interface ControlRegression {
  controlId: string;
  title: string;
  severity: PortfolioControl['severity'];
  /** Its status in the previous sweep. */
  was: Status;
}

/** A tenant that regressed: controls newly failing, or audited before and not now. */
export interface TenantRegression {
  slug: string;
  name?: string;
  provider: string;
  id: string;
  /** Audited in the previous sweep, could not be audited in this one (its failure is in the tenant's row). */
  couldNotAudit?: true;
  controls: ControlRegression[];
}

/** `summary.json`'s comparison with the previous sweep. */
export interface PortfolioRegressions {
  /** The sweep compared with. */
  previousRun: { id: string; finishedAt: string };
  /** Tenants of this sweep that the previous sweep also audited. */
  compared: number;
  /** Tenants that regressed, worst first (most newly failing controls weighted by severity). */
  tenants: TenantRegression[];
}

/** A finding of the previous sweep, by its fingerprint. */
interface PreviousCell {
  status: Status;
}

function previousCells(previous: PortfolioSummary): { cells: Map<string, PreviousCell>; audited: Set<string> } {
  const cells = new Map<string, PreviousCell>();
  const audited = new Set<string>();
  for (const row of previous.tenants) {
    if (!row.ok) continue;
    audited.add(tenantKey(row));
    for (const [controlId, fingerprint] of Object.entries(row.fingerprints ?? {})) {
      const status = row.cells[controlId];
      if (status) cells.set(fingerprint, { status });
    }
  }
  return { cells, audited };
}

function tenantKey(row: Pick<PortfolioTenant, 'provider' | 'id'>): string {
  return `${row.provider}\0${row.id.toLowerCase()}`;
}

const SEVERITY_WEIGHT: Record<PortfolioControl['severity'], number> = { critical: 4096, high: 512, medium: 64, low: 8, info: 1 };

/**
 * Compare a sweep's summary with the previous one: a tenant regressed when a control that did not
 * fail before (pass, warn, manual, not assessed, error) fails now, or when it was audited before
 * and could not be audited now. A tenant or a control new in this sweep is not a regression.
 */
export function portfolioRegressions(current: Pick<PortfolioSummary, 'tenants' | 'controls'>, previous: PortfolioSummary): PortfolioRegressions {
  const { cells, audited } = previousCells(previous);
  const controls = new Map(current.controls.map((control) => [control.id, control]));
  const tenants: (TenantRegression & { weight: number })[] = [];
  let compared = 0;
  for (const row of current.tenants) {
    const identity = { slug: row.slug, ...(row.name ? { name: row.name } : {}), provider: row.provider, id: row.id };
    if (!audited.has(tenantKey(row))) continue;
    compared += 1;
    if (!row.ok) {
      tenants.push({ ...identity, couldNotAudit: true, controls: [], weight: Number.MAX_SAFE_INTEGER });
      continue;
    }
    const regressed: ControlRegression[] = [];
    for (const [controlId, status] of Object.entries(row.cells)) {
      if (status !== 'fail') continue;
      const before = cells.get(row.fingerprints?.[controlId] ?? '');
      if (!before || before.status === 'fail') continue;
      const control = controls.get(controlId);
      regressed.push({ controlId, title: control?.title ?? controlId, severity: control?.severity ?? 'low', was: before.status });
    }
    if (regressed.length === 0) continue;
    regressed.sort((a, b) => SEVERITY_WEIGHT[b.severity] - SEVERITY_WEIGHT[a.severity] || a.controlId.localeCompare(b.controlId));
    tenants.push({ ...identity, controls: regressed, weight: regressed.reduce((sum, control) => sum + SEVERITY_WEIGHT[control.severity], 0) });
  }
  tenants.sort((a, b) => b.weight - a.weight);
  return { previousRun: { id: previous.run.id, finishedAt: previous.run.finishedAt }, compared, tenants: tenants.map(({ weight: _weight, ...tenant }) => tenant) };
}
