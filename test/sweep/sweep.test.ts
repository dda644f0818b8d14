import { afterEach, describe, expect, it } from 'vitest';
import { sweep, type AuditTarget, type SweepResult } from '../../src/index.js';
import {
  compliantPractice,
  googleSuperAdmin,
  googleTypicalPractice,
  simulatedCredential,
  simulatedServiceAccountKey,
  startSimulator,
  typicalPractice,
  unknownTenantCredential,
  type RunningSimulator,
} from '../../src/testing/index.js';

const NOW = new Date('2026-11-20T12:00:00Z');
let simulator: RunningSimulator | undefined;
afterEach(() => {
  simulator?.close();
  simulator = undefined;
});

describe('sweep', () => {
  it('audits every tenant, yielding a failure for a bad one without stopping the others', async () => {
    const m365a = compliantPractice({ now: NOW });
    const m365b = typicalPractice({ now: NOW });
    const google = googleTypicalPractice({ now: NOW });
    simulator = startSimulator({ m365: [m365a, m365b], google: [google] });
    const key = { ...simulatedServiceAccountKey(google) };
    const targets: AuditTarget[] = [
      { provider: 'm365', tenantId: m365a.tenantId, credential: simulatedCredential(m365a), name: 'A' },
      { provider: 'm365', tenantId: 'not a tenant!', credential: simulatedCredential(m365a), name: 'Broken config' },
      { provider: 'm365', tenantId: m365b.tenantId, credential: simulatedCredential(m365b), name: 'B' },
      { provider: 'm365', tenantId: '00000000-0000-4000-8000-000000000000', credential: unknownTenantCredential(), name: 'Revoked consent' },
      { provider: 'google-workspace', credentials: key, subject: googleSuperAdmin(google), name: 'G' },
    ];
    const results: SweepResult[] = [];
    for await (const result of sweep(targets, { concurrency: 2, now: NOW })) results.push(result);

    expect(results.map((result) => result.target.index).sort()).toEqual([0, 1, 2, 3, 4]);
    const broken = results.find((result) => result.target.index === 1)!;
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error.field).toBe('target.tenantId');
    const revoked = results.find((result) => result.target.index === 3)!;
    expect(revoked.ok).toBe(false);
    if (!revoked.ok) expect(revoked.error.kind).toBe('bad_credential');
    expect(results.filter((result) => result.ok)).toHaveLength(3);
    const googleResult = results.find((result) => result.target.index === 4)!;
    expect(googleResult.ok && googleResult.report.provider).toBe('google-workspace');

    // Results can be logged or saved: they name tenants, never carry credentials.
    const text = JSON.stringify(results.map((result) => result.target));
    expect(text).not.toContain('PRIVATE KEY');
    expect(text).not.toContain('getToken');
    expect(Object.keys(results[0]!.target).sort()).toEqual(['id', 'index', 'name', 'provider']);
  });

  it('names the bad concurrency', async () => {
    const run = async () => {
      for await (const _ of sweep([], { concurrency: 0 })) void _;
    };
    await expect(run()).rejects.toMatchObject({ field: 'options.concurrency' });
  });

  it('stops the remaining audits when the loop ends early', async () => {
    const practices = [compliantPractice({ now: NOW }), typicalPractice({ now: NOW })];
    simulator = startSimulator({ m365: practices });
    const targets = practices.map((p) => ({ provider: 'm365', tenantId: p.tenantId, credential: simulatedCredential(p) }) as const);
    for await (const result of sweep(targets, { concurrency: 1, now: NOW })) {
      expect(result.ok).toBe(true);
      break;
    }
    // Only the first tenant was started with concurrency 1; the second never was.
    expect(simulator.requests.count({ tenantId: practices[1]!.tenantId })).toBe(0);
  });
});
