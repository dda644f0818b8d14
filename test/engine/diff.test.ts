import { describe, expect, it } from 'vitest';
import { diffReports, formatDiff, gate, type AuditReport, type ComparableReport } from '../../src/index.js';
import { evaluate } from '../../src/engine/runner.js';
import { regressions } from '../../src/engine/diff.js';
import { baselineSnapshot } from '../fixtures/m365-snapshot.js';
import { NOW } from '../fixtures/m365-baseline.js';
import { googleBaselineSnapshot } from '../fixtures/google-snapshot.js';
import { NOW as GOOGLE_NOW } from '../fixtures/google-baseline.js';

type Snapshot = ReturnType<typeof baselineSnapshot>;
const options = { now: NOW, breakGlassAccounts: ['breakglass@contoso-clinic.example'] };

/** A report of the compliant baseline with one change. */
function report(change: (snapshot: Snapshot) => void = () => {}, extra: { controls?: string[] } = {}): AuditReport {
  const snapshot = baselineSnapshot();
  change(snapshot);
  return evaluate(snapshot, { ...options, ...extra });
}

const unencryptedLaptop = (snapshot: Snapshot) => {
  const devices = snapshot.datasets['m365.managedDevices'] as { data: { devices: { isEncrypted: boolean }[] } };
  devices.data.devices[1]!.isEncrypted = false;
};
// The Entra device list is what encryption coverage is judged against: without it, not assessed.
const devicesUnreadable = (snapshot: Snapshot) => {
  snapshot.datasets['m365.devices'] = {
    ok: false,
    reason: { kind: 'permission', detail: '403 Authorization_RequestDenied', needs: ['Device.Read.All'] },
    meta: { requests: 1, durationMs: 1 },
  };
};
const ENCRYPTION = 'm365.devices.encryption';
const SCREEN_LOCK = 'm365.devices.screen-lock';
const ids = (entries: { controlId: string }[]) => entries.map((entry) => entry.controlId);

describe('diffReports', () => {
  it('finds a control that newly fails, with its statuses, severity and summary', () => {
    const diff = diffReports(report(), report(unencryptedLaptop));
    expect(diff.tenants).toHaveLength(1);
    const [tenant] = diff.tenants;
    expect(tenant!.change).toBe('compared');
    expect(tenant!.newFailures).toEqual([
      expect.objectContaining({ controlId: ENCRYPTION, title: expect.any(String), severity: 'high', before: 'pass', after: 'fail', summary: expect.stringMatching(/^1 of \d+ work devices is not encrypted\./) }),
    ]);
    expect(tenant!.newFailures[0]!.summaryBefore).toMatch(/encrypted/);
    expect(tenant!.fixed).toEqual([]);
    expect(tenant!.stillFailing).toEqual([]);
    expect(diff.counts).toEqual({ newFailures: 1, fixed: 0, stillFailing: 0, newlyNotAssessed: 0, otherChanges: 0 });
  });

  it('finds a fixed control, and one still failing', () => {
    expect(ids(diffReports(report(unencryptedLaptop), report()).tenants[0]!.fixed)).toEqual([ENCRYPTION]);
    const still = diffReports(report(unencryptedLaptop), report(unencryptedLaptop)).tenants[0]!;
    expect(ids(still.stillFailing)).toEqual([ENCRYPTION]);
    expect(still.newFailures).toEqual([]);
    expect(still.fixed).toEqual([]);
  });

  it('finds a control that can no longer be assessed, and does not call that fixed', () => {
    // Screen lock reads the Entra devices too, so it is also newly not assessed.
    const lost = diffReports(report(), report(devicesUnreadable)).tenants[0]!;
    expect(lost.newlyNotAssessed).toEqual([
      expect.objectContaining({ controlId: ENCRYPTION, before: 'pass', after: 'not_assessed' }),
      expect.objectContaining({ controlId: SCREEN_LOCK, after: 'not_assessed' }),
    ]);
    const failingThenUnreadable = diffReports(report(unencryptedLaptop), report(devicesUnreadable)).tenants[0]!;
    expect(ids(failingThenUnreadable.newlyNotAssessed)).toEqual([ENCRYPTION, SCREEN_LOCK]);
    expect(failingThenUnreadable.fixed).toEqual([]);
  });

  it('lists a control readable again that passes as another change, not a fix', () => {
    const back = diffReports(report(devicesUnreadable), report()).tenants[0]!;
    expect(back.otherChanges).toEqual([
      expect.objectContaining({ controlId: ENCRYPTION, before: 'not_assessed', after: 'pass' }),
      expect.objectContaining({ controlId: SCREEN_LOCK, before: 'not_assessed', after: 'pass' }),
    ]);
    expect(back.fixed).toEqual([]);
    expect(back.newlyNotAssessed).toEqual([]);
  });

  it('reports nothing between two identical runs', () => {
    const diff = diffReports(report(), report());
    expect(diff.counts).toEqual({ newFailures: 0, fixed: 0, stillFailing: 0, newlyNotAssessed: 0, otherChanges: 0 });
    expect(diff.tenants[0]!.controlsAdded).toEqual([]);
    expect(diff.tenants[0]!.controlsRemoved).toEqual([]);
  });

  it('lists controls added and removed; an added control that fails is a new failure', () => {
    const fewer = report(unencryptedLaptop, { controls: ['m365.mfa.enforced'] });
    const more = report(unencryptedLaptop, { controls: ['m365.mfa.enforced', ENCRYPTION] });
    const added = diffReports(fewer, more).tenants[0]!;
    expect(ids(added.controlsAdded)).toEqual([ENCRYPTION]);
    expect(added.newFailures).toEqual([expect.objectContaining({ controlId: ENCRYPTION, after: 'fail' })]);
    expect(added.newFailures[0]!.before).toBeUndefined();
    const removed = diffReports(more, fewer).tenants[0]!;
    expect(removed.controlsRemoved).toEqual([expect.objectContaining({ controlId: ENCRYPTION, before: 'fail' })]);
    expect(removed.controlsRemoved[0]!.after).toBeUndefined();
    expect(removed.fixed).toEqual([]);
  });

  it('lists tenants added and removed; a new tenant’s failures are new, a removed tenant compares nothing', () => {
    const google = evaluate(googleBaselineSnapshot(), { now: GOOGLE_NOW });
    const diff = diffReports([report()], [report(), google]);
    expect(diff.tenantsAdded).toEqual([google.tenant]);
    expect(diff.tenantsRemoved).toEqual([]);
    const added = diff.tenants.find((tenant) => tenant.provider === 'google-workspace')!;
    expect(added.change).toBe('added');
    expect(ids(added.newFailures)).toEqual(google.findings.filter((f) => f.status === 'fail' || f.status === 'error').map((f) => f.controlId).sort());
    const gone = diffReports([report(), google], [report()]);
    expect(gone.tenantsRemoved).toEqual([google.tenant]);
    const removed = gone.tenants.find((tenant) => tenant.change === 'removed')!;
    expect(removed.fixed).toEqual([]);
    expect(removed.controlsRemoved).toEqual([]);
  });

  it('matches findings of older reports that carry no fingerprint', () => {
    const old = report(unencryptedLaptop) as ComparableReport & AuditReport;
    const withoutFingerprints: ComparableReport = { ...old, findings: old.findings.map(({ fingerprint: _fingerprint, ...finding }) => finding) };
    const diff = diffReports(withoutFingerprints, report());
    expect(ids(diff.tenants[0]!.fixed)).toEqual([ENCRYPTION]);
    expect(diff.tenants[0]!.controlsAdded).toEqual([]);
  });

  it('matches a tenant whatever the case of its domain', () => {
    const upper = report();
    const lower = report(unencryptedLaptop);
    const renamed = { ...upper, tenant: { ...upper.tenant, id: upper.tenant.id.toUpperCase() }, findings: upper.findings.map(({ fingerprint: _f, ...finding }) => finding) };
    expect(diffReports(renamed, lower).tenants).toHaveLength(1);
  });

  it('refuses a run that holds the same tenant twice', () => {
    expect(() => diffReports([report(), report()], report())).toThrow(/twice/);
  });

  it('sorts each list by severity, highest first', () => {
    const noMfa = (snapshot: Snapshot) => {
      unencryptedLaptop(snapshot);
      const ca = snapshot.datasets['m365.conditionalAccess'] as { data: { policies: { state: string }[] } };
      for (const policy of ca.data.policies) policy.state = 'disabled';
    };
    const failures = diffReports(report(), report(noMfa)).tenants[0]!.newFailures;
    expect(failures.length).toBeGreaterThan(1);
    const order = ['info', 'low', 'medium', 'high', 'critical'];
    const ranks = failures.map((entry) => order.indexOf(entry.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(regressions(diffReports(report(), report(noMfa)), 'critical').every(({ entry }) => entry.severity === 'critical')).toBe(true);
  });
});

describe('gate against a baseline', () => {
  it('passes a failure the baseline already had, and fails a new one', () => {
    const failing = report(unencryptedLaptop);
    expect(gate(failing).passed).toBe(false);
    expect(gate(failing, { baseline: report(unencryptedLaptop) }).passed).toBe(true);
    const verdict = gate(failing, { baseline: report() });
    expect(verdict.passed).toBe(false);
    expect(verdict.failures[0]!.message).toMatch(/newly failed since the baseline at or above low/);
    expect(verdict.failures[0]!.findings!.map((f) => f.controlId)).toEqual([ENCRYPTION]);
  });

  it('fails a new failure only at or above failOn', () => {
    expect(gate(report(unencryptedLaptop), { baseline: report(), failOn: 'critical' }).passed).toBe(true);
    expect(gate(report(unencryptedLaptop), { baseline: report(), failOn: 'high' }).passed).toBe(false);
  });

  it('still fails when nothing could be assessed, even if the baseline was as bad', () => {
    const nothing = report((snapshot) => {
      for (const name of Object.keys(snapshot.datasets)) devicesUnreadableAs(snapshot, name);
    });
    expect(gate(nothing, { baseline: nothing }).failures.map((f) => f.kind)).toEqual(['nothing_assessed']);
  });
});

function devicesUnreadableAs(snapshot: Snapshot, name: string): void {
  snapshot.datasets[name] = { ok: false, reason: { kind: 'credential', detail: '401 InvalidAuthenticationToken' }, meta: { requests: 1, durationMs: 1 } };
}

describe('formatDiff', () => {
  const diff = () => diffReports(report(unencryptedLaptop), report((snapshot) => devicesUnreadable(snapshot)));
  const regressed = () => diffReports(report(), report(unencryptedLaptop));

  it('writes text an auditor reads: progress, then each change with before and after', () => {
    const text = formatDiff(regressed(), 'text');
    expect(text).toContain('Overall: 0 fixed, 1 new failure, 0 still failing, 0 newly not assessed.');
    expect(text).toContain('Contoso Clinic (0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9)');
    expect(text).toContain('NEW FAILURES (1)');
    expect(text).toContain(`${ENCRYPTION}: PASS -> FAIL`);
    const [change] = regressed().tenants[0]!.newFailures;
    expect(text).toContain(`Before: ${change!.summaryBefore}`);
    expect(text).toContain(`Now: ${change!.summary}`);
    expect(formatDiff(diff(), 'text')).toContain('NEWLY NOT ASSESSED (2)');
  });

  it('leaves summaries (which may name people) out at counts detail', () => {
    for (const format of ['text', 'markdown', 'json'] as const) {
      expect(formatDiff(regressed(), format)).toContain('work devices');
      const counts = formatDiff(regressed(), format, { detail: 'counts' });
      expect(counts).toContain(ENCRYPTION);
      expect(counts).not.toContain('work devices');
    }
  });

  it('writes Markdown tables and JSON that parses back to the diff', () => {
    const markdown = formatDiff(regressed(), 'markdown');
    expect(markdown).toContain('| New failures | Fixed | Still failing | Newly not assessed | Other changes |');
    expect(markdown).toContain('| 1 | 0 | 0 | 0 | 0 |');
    expect(markdown).toMatch(/\| high \| .* \(`m365\.devices\.encryption`\) \| PASS \| FAIL \| 1 of \d+ work devices is not encrypted\./);
    expect(JSON.parse(formatDiff(regressed(), 'json'))).toEqual(regressed());
  });
});
