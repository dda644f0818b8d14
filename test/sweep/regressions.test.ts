import { describe, expect, it } from 'vitest';
import type { Status } from '../../src/core/model.js';
import type { PortfolioSummary, PortfolioTenant } from '../../src/sweep/portfolio.js';
import { portfolioRegressions } from '../../src/sweep/regressions.js';

const controls: PortfolioSummary['controls'] = [
  { id: 'm365.mfa.enforced', title: 'MFA is required for every user', severity: 'critical' },
  { id: 'm365.audit.enabled', title: 'Audit logging is on', severity: 'high' },
  { id: 'm365.devices.encryption', title: 'Devices are encrypted', severity: 'medium' },
];

function row(id: string, cells: Record<string, Status>, name?: string): PortfolioTenant {
  return {
    slug: id,
    ...(name ? { name } : {}),
    provider: 'm365',
    id,
    ok: true,
    report: `${id}/report.json`,
    summary: { pass: 0, fail: 0, warn: 0, manual: 0, not_assessed: 0, error: 0, total: 0 },
    cells,
    // Fingerprints name tenant and control, as the engine's do.
    fingerprints: Object.fromEntries(Object.keys(cells).map((control) => [control, `${id}:${control}`])),
    gate: 'passed',
  };
}

function summary(id: string, tenants: PortfolioTenant[]): PortfolioSummary {
  return {
    schemaVersion: 1,
    run: { id, startedAt: '2026-12-01T01:00:00Z', finishedAt: '2026-12-01T02:00:00Z', failOn: 'low' },
    totals: { tenants: tenants.length, audited: tenants.length, couldNotAudit: 0, failingGate: 0 },
    controls,
    tenants,
  };
}

describe('which clinics regressed since the previous sweep', () => {
  const previous = summary('run-1', [
    row('clinic-a', { 'm365.mfa.enforced': 'pass', 'm365.audit.enabled': 'fail', 'm365.devices.encryption': 'warn' }, 'Alder'),
    row('clinic-b', { 'm365.mfa.enforced': 'pass', 'm365.audit.enabled': 'pass' }, 'Beech'),
    row('clinic-c', { 'm365.mfa.enforced': 'pass' }, 'Cedar'),
  ]);

  it('names each control that fails now and did not before, with what it was, worst clinic first', () => {
    const current = {
      controls,
      tenants: [
        // Still failing the audit control: not a regression; the device control newly fails.
        row('clinic-a', { 'm365.mfa.enforced': 'pass', 'm365.audit.enabled': 'fail', 'm365.devices.encryption': 'fail' }, 'Alder'),
        row('clinic-b', { 'm365.mfa.enforced': 'fail', 'm365.audit.enabled': 'pass' }, 'Beech'),
        row('clinic-c', { 'm365.mfa.enforced': 'pass' }, 'Cedar'),
        // New this sweep: nothing to compare with.
        row('clinic-d', { 'm365.mfa.enforced': 'fail' }, 'Dogwood'),
      ],
    };
    const result = portfolioRegressions(current, previous);
    expect(result.previousRun).toEqual({ id: 'run-1', finishedAt: '2026-12-01T02:00:00Z' });
    expect(result.compared).toBe(3);
    expect(result.tenants.map((tenant) => [tenant.name, tenant.controls.map((control) => `${control.controlId} was ${control.was}`)])).toEqual([
      ['Beech', ['m365.mfa.enforced was pass']],
      ['Alder', ['m365.devices.encryption was warn']],
    ]);
  });

  it('matches by fingerprint, so a renamed clinic still compares', () => {
    const current = { controls, tenants: [row('clinic-c', { 'm365.mfa.enforced': 'fail' }, 'Cedar Family Practice')] };
    expect(portfolioRegressions(current, previous).tenants.map((tenant) => tenant.name)).toEqual(['Cedar Family Practice']);
  });

  it('counts a clinic audited before and not now as regressed', () => {
    const failed: PortfolioTenant = { slug: 'clinic-c', provider: 'm365', id: 'clinic-c', ok: false, failure: { message: 'no consent', kind: 'not_consented' } };
    const result = portfolioRegressions({ controls, tenants: [failed] }, previous);
    expect(result.tenants).toEqual([{ slug: 'clinic-c', provider: 'm365', id: 'clinic-c', couldNotAudit: true, controls: [] }]);
  });
});
