import { describe, expect, it } from 'vitest';
import { audit, mergeTargetOptions, sweep, type AuditReport, type SweepResult, type SweepTarget } from '../../src/index.js';
import { compliantPractice, simulatedCredential, typicalPractice } from '../../src/testing/index.js';
import { NOW, simulatorPerTest } from '../fixtures/simulator-per-test.js';

const simulator = simulatorPerTest();
const harbour = compliantPractice({ now: NOW });
const riverside = typicalPractice({ now: NOW });
const HARBOUR_BREAK_GLASS = 'breakglass@harbourviewmedical.example';
const harbourBreakGlass = harbour.users.find((user) => user.userPrincipalName === HARBOUR_BREAK_GLASS);
const riversideBreakGlass = `emergency-access@${riverside.primaryDomain}`;

async function all(results: AsyncIterable<SweepResult>): Promise<AuditReport[]> {
  const reports: { index: number; report: AuditReport }[] = [];
  for await (const result of results) {
    expect(result.ok, result.ok ? '' : result.error.message).toBe(true);
    if (result.ok) reports.push({ index: result.target.index, report: result.report });
  }
  return reports.sort((a, b) => a.index - b.index).map((entry) => entry.report);
}

describe('per-tenant options in a sweep', () => {
  it('each tenant is judged with its own break-glass accounts and attestations over the sweep’s, and nothing of one reaches the other', async () => {
    expect(harbourBreakGlass).toBeDefined(); // the compliant practice's break-glass account exists
    simulator.serve({ m365: [harbour, riverside] });
    const shared = {
      now: NOW,
      thresholds: { inactiveDays: 30, idleTimeoutMinutes: 30 },
      attestations: { backups: { vendor: 'MSP Cloud Backup', lastRestoreTest: '2026-10-01', by: 'MSP NOC' } },
    };
    const targets: SweepTarget[] = [
      {
        provider: 'm365',
        tenantId: harbour.tenantId,
        credential: simulatedCredential(harbour),
        name: 'Harbour',
        options: {
          breakGlassAccounts: [HARBOUR_BREAK_GLASS],
          thresholds: { inactiveDays: 60 },
          attestations: { riskAnalysis: { date: '2026-04-14', by: 'Helen Price, practice manager' } },
        },
      },
      {
        provider: 'm365',
        tenantId: riverside.tenantId,
        credential: simulatedCredential(riverside),
        name: 'Riverside',
        options: { breakGlassAccounts: [riversideBreakGlass], attestations: { riskAnalysis: { date: '2025-02-01', by: 'Dr Omar Reyes' } } },
      },
    ];
    const [harbourReport, riversideReport] = await all(sweep(targets, { ...shared, concurrency: 2 }));

    expect(harbourReport!.settings).toMatchObject({
      breakGlassAccounts: [HARBOUR_BREAK_GLASS],
      thresholds: { inactiveDays: 60, idleTimeoutMinutes: 30 },
      attestations: { riskAnalysis: { date: '2026-04-14', by: 'Helen Price, practice manager' }, backups: { vendor: 'MSP Cloud Backup' } },
    });
    expect(riversideReport!.settings).toMatchObject({
      breakGlassAccounts: [riversideBreakGlass],
      thresholds: { inactiveDays: 30, idleTimeoutMinutes: 30 },
      attestations: { riskAnalysis: { date: '2025-02-01', by: 'Dr Omar Reyes' }, backups: { vendor: 'MSP Cloud Backup' } },
    });
    expect(JSON.stringify(riversideReport)).not.toContain(HARBOUR_BREAK_GLASS);
    expect(JSON.stringify(riversideReport)).not.toContain('Helen Price');
    expect(JSON.stringify(harbourReport)).not.toContain('Omar Reyes');
    expect(JSON.stringify(harbourReport)).not.toContain(riversideBreakGlass);

    // The verdicts are those of auditing each tenant alone with the merged options.
    const verdicts = (report: AuditReport) => report.findings.map((finding) => `${finding.controlId} ${finding.status} ${finding.summary}`);
    for (const [index, report] of [harbourReport!, riversideReport!].entries()) {
      const { options: own, ...target } = targets[index]!;
      const alone = await audit(target, mergeTargetOptions(shared, own));
      expect(verdicts(report)).toEqual(verdicts(alone));
    }
    // The break-glass exclusion changed Harbour's MFA verdict: without it, the finding differs.
    const withoutBreakGlass = await audit({ provider: 'm365', tenantId: harbour.tenantId, credential: simulatedCredential(harbour) }, { ...shared, controls: ['m365.mfa.enforced'] });
    expect(verdicts(withoutBreakGlass)).not.toEqual(verdicts(harbourReport!).filter((line) => line.startsWith('m365.mfa.enforced ')));
  });

  it('a tenant with invalid options fails alone, naming the field; the others are audited', async () => {
    simulator.serve({ m365: [harbour, riverside] });
    const targets: SweepTarget[] = [
      { provider: 'm365', tenantId: harbour.tenantId, credential: simulatedCredential(harbour), options: { thresholds: { inactiveDays: -3 } } },
      { provider: 'm365', tenantId: riverside.tenantId, credential: simulatedCredential(riverside) },
    ];
    const results: SweepResult[] = [];
    for await (const result of sweep(targets, { now: NOW, controls: ['m365.mfa.enforced'] })) results.push(result);
    const bad = results.find((result) => result.target.index === 0)!;
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.field).toBe('target.options.thresholds.inactiveDays');
    expect(results.find((result) => result.target.index === 1)!.ok).toBe(true);
  });

  it('merges field by field, thresholds and attestations key by key, into a new object', () => {
    const base = { breakGlassAccounts: ['a@x.example'], departedStaff: ['gone@x.example'], thresholds: { inactiveDays: 30, sessionHours: 10 }, attestations: { baaAccepted: { date: '2026-01-01' } } };
    const merged = mergeTargetOptions(base, { breakGlassAccounts: ['b@y.example'], thresholds: { inactiveDays: 90 }, attestations: { riskAnalysis: { date: '2026-02-02' } } });
    expect(merged).toEqual({
      breakGlassAccounts: ['b@y.example'],
      departedStaff: ['gone@x.example'],
      thresholds: { inactiveDays: 90, sessionHours: 10 },
      attestations: { baaAccepted: { date: '2026-01-01' }, riskAnalysis: { date: '2026-02-02' } },
    });
    expect(base.thresholds).toEqual({ inactiveDays: 30, sessionHours: 10 });
    expect(mergeTargetOptions(base, undefined)).not.toBe(base);
    expect(() => mergeTargetOptions(base, { breakGlass: ['x'] } as never)).toThrow(/target\.options/);
  });
});
