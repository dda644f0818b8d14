import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { TokenCredential } from '@azure/core-auth';
import { describe, expect, it } from 'vitest';
import { TenantAccessError } from '../../src/core/errors.js';
import { audit, collect, sweep, type AuditReport, type AuditTarget } from '../../src/index.js';
import {
  compliantPractice,
  googleSuperAdmin,
  googleTypicalPractice,
  largeTenant,
  practiceFleet,
  simulatedCredential,
  simulatedServiceAccountKey,
  typicalPractice,
  type M365TenantModel,
  type NetworkOptions,
} from '../../src/testing/index.js';
import { NOW, simulatorPerTest } from '../fixtures/simulator-per-test.js';

// Collection that survives the real network: each case as a sweep meets it, through the real
// clients and the simulated services (msw), with faults from the simulator's network layer.

const simulators = simulatorPerTest();
/** Quick retries so that a test waits milliseconds where the services would ask for seconds. */
const FAST = { retry: { baseDelayMs: 2, maxDelayMs: 20, budgetMs: 5_000 } } as const;
const m365Target = (model: M365TenantModel, credential: TokenCredential = simulatedCredential(model)): AuditTarget => ({
  provider: 'm365',
  tenantId: model.tenantId,
  credential,
  name: model.displayName,
});
const verdicts = (report: AuditReport) => report.findings.map((finding) => `${finding.controlId} ${finding.status} ${finding.summary}`);

describe('paging guards', () => {
  it('a next link that points back to the same page fails the dataset (schema) instead of fetching forever', async () => {
    const practice = compliantPractice({ now: NOW });
    const simulator = simulators.serve({ m365: [practice], network: { malformed: [{ match: { service: 'graph', path: '/users' }, mode: 'nextLinkLoop' }] } });
    const snapshot = await collect(m365Target(practice), { now: NOW, controls: ['m365.mfa.registered'], ...FAST });
    const users = snapshot.datasets['m365.users']!;
    expect(users.ok).toBe(false);
    if (!users.ok) {
      expect(users.reason.kind).toBe('schema');
      expect(users.reason.detail).toMatch(/repeats a page already read/);
    }
    // The first page and its repeat: nothing more.
    expect(simulator.requests.count({ path: '/users' })).toBeLessThanOrEqual(2);
  });

  it('a next link to another host is never followed and its page never merged', async () => {
    const practice = compliantPractice({ now: NOW });
    simulators.serve({
      m365: [practice],
      network: { malformed: [{ match: { service: 'graph', path: '/users' }, mode: 'nextLinkOtherHost', nextLink: 'https://evil.example/v1.0/users?$skiptoken=x' }] },
    });
    // msw fails any request to a host the simulator does not serve: following the link would throw a different error.
    const report = await audit(m365Target(practice), { now: NOW, controls: ['m365.mfa.registered'], ...FAST });
    expect(report.findings[0]!.status).toBe('not_assessed');
    expect(report.findings[0]!.reason).toMatchObject({ kind: 'schema' });
    expect(report.findings[0]!.reason!.detail).toMatch(/points to https:\/\/evil\.example.*not followed/);
  });

  it('a Google page token that repeats fails the dataset instead of paging forever', async () => {
    const practice = googleTypicalPractice({ now: NOW });
    simulators.serve({ google: [practice], network: { malformed: [{ match: { service: 'google-api', path: /\/admin\/directory\/v1\/users/ }, mode: 'pageTokenRepeats' }] } });
    const snapshot = await collect(
      { provider: 'google-workspace', credentials: { ...simulatedServiceAccountKey(practice) }, subject: googleSuperAdmin(practice) },
      { now: NOW, controls: ['google.mfa.enrolled'], ...FAST },
    );
    const users = snapshot.datasets['google.users']!;
    expect(users.ok).toBe(false);
    if (!users.ok) expect(users.reason.detail).toMatch(/nextPageToken it had already given/);
  });

  it('a malformed $batch answer is a schema reason naming the endpoint, not a missing GroupMember.Read.All', async () => {
    const practice = largeTenant(30, { now: NOW });
    // A policy that names a group, so its members are read through $batch.
    const policy = practice.conditionalAccessPolicies[0]!;
    policy.conditions.users = { ...policy.conditions.users!, includeUsers: [], includeGroups: [practice.groups[0]!.id] };
    simulators.serve({ m365: [practice], network: { malformed: [{ match: { service: 'graph', method: 'POST', path: '/$batch' }, mode: 'batchWithoutResponses' }] } });
    const snapshot = await collect(m365Target(practice), { now: NOW, controls: ['m365.mfa.enforced'], ...FAST });
    const ca = snapshot.datasets['m365.conditionalAccess']!;
    expect(ca.ok).toBe(false);
    if (!ca.ok) {
      expect(ca.reason.kind).toBe('schema');
      expect(ca.reason.detail).toContain('POST /$batch');
      expect(ca.reason.needs ?? []).not.toContain('Graph application permission GroupMember.Read.All');
    }
  });
});

describe('deadlines and cancellation', () => {
  it('a getToken that never settles fails the tenant as a timeout, and a sweep still finishes', async () => {
    const practice = compliantPractice({ now: NOW });
    simulators.serve({ m365: [practice] });
    const hung: TokenCredential = { getToken: () => new Promise(() => {}) };
    const started = performance.now();
    const error = await audit(m365Target(practice, hung), { now: NOW, requestTimeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantAccessError);
    expect((error as TenantAccessError).kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(2_000);

    const results = [];
    for await (const result of sweep([m365Target(practice, hung), m365Target(practice)], { now: NOW, requestTimeoutMs: 200, concurrency: 2 })) results.push(result);
    expect(results.map((result) => result.ok).sort()).toEqual([false, true]);
  });

  it('a tenant slower than its deadline is a timeout failure', async () => {
    const practice = compliantPractice({ now: NOW });
    simulators.serve({ m365: [practice], network: { latencyMs: 400 } });
    const error = await audit(m365Target(practice), { now: NOW, tenantTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantAccessError);
    expect((error as TenantAccessError).kind).toBe('timeout');
  });

  it('aborting while tenants wait out a 20 s Retry-After settles within 2 s, yields nothing more, and throws an AbortError', async () => {
    const fleet = practiceFleet(3, { now: NOW, minUsers: 10, maxUsers: 20 });
    simulators.serve({
      m365: fleet,
      network: { streaks: [{ match: { service: 'graph', path: '/users' }, count: 100, retryAfterSeconds: 20 }] },
    });
    const controller = new AbortController();
    const yielded: unknown[] = [];
    const started = performance.now();
    setTimeout(() => controller.abort(), 300);
    const run = (async () => {
      for await (const result of sweep(fleet.map((model) => m365Target(model)), { now: NOW, signal: controller.signal, concurrency: 3 })) yielded.push(result);
    })();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - started).toBeLessThan(2_300);
    expect(yielded).toEqual([]);
  });
});

describe('an aborted sweep leaves nothing running', () => {
  it('throws an AbortError and the process exits by itself within 2 s of the abort', () => {
    const started = performance.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../fixtures/children/abort-sweep.ts')], { encoding: 'utf8', timeout: 30_000 });
    const elapsed = performance.now() - started;
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toMatch(/^AbortError \d+ ms after the abort$/);
    const settledAfter = Number(/(\d+) ms after the abort/.exec(child.stdout)![1]);
    expect(settledAfter).toBeLessThan(2_000);
    // Start-up (loading the simulator under tsx) takes a few seconds; the 20 s waits must not follow.
    expect(elapsed).toBeLessThan(15_000);
  });
});

describe('reasons that name the real fix', () => {
  it("a 503 from Google's token endpoint is a transient api failure, not a refused delegation", async () => {
    const practice = googleTypicalPractice({ now: NOW });
    // The access check's token passes; every later token request gets 503 for a while.
    simulators.serve({ google: [practice], network: { retryAfterSeconds: 0, streaks: [{ match: { service: 'google-token' }, after: 1, count: 1_000, kind: 'unavailable' }] } });
    const snapshot = await collect(
      { provider: 'google-workspace', credentials: { ...simulatedServiceAccountKey(practice) }, subject: googleSuperAdmin(practice) },
      { now: NOW, controls: ['google.audit.retention', 'google.license.baa-eligible'], ...FAST },
    );
    const failed = Object.values(snapshot.datasets).filter((dataset) => !dataset.ok);
    expect(failed.length).toBeGreaterThan(0);
    for (const dataset of failed) {
      if (dataset.ok) continue;
      expect(dataset.reason.kind).toBe('api');
      expect(dataset.reason.detail).not.toMatch(/refused the delegation/);
    }
  });
});

describe('faults on every endpoint', () => {
  it('20 tenants under 10% 429, 2% 503 and 1% resets give the same findings as without faults', async () => {
    const fleet = () => practiceFleet(20, { now: NOW, minUsers: 10, maxUsers: 120 });
    const run = async (network: NetworkOptions | undefined) => {
      const simulator = simulators.serve({ m365: fleet(), ...(network ? { network } : {}) });
      const byTenant = new Map<string, string[]>();
      for await (const result of sweep(fleet().map((model) => m365Target(model)), { now: NOW, concurrency: 6, ...FAST })) {
        expect(result.ok, result.ok ? '' : result.error.message).toBe(true);
        if (result.ok) byTenant.set(result.report.tenant.id, verdicts(result.report));
      }
      const stats = simulator.network?.stats();
      simulators.stop();
      return { byTenant, stats };
    };
    const clean = await run(undefined);
    const faulty = await run({ seed: 7, retryAfterSeconds: 0, faults: { throttle: 0.1, unavailable: 0.02, reset: 0.01 } });
    expect(faulty.stats?.faults.throttle).toBeGreaterThan(20);
    expect(faulty.stats?.faults.reset).toBeGreaterThan(0);
    expect(faulty.byTenant.size).toBe(20);
    expect(Object.fromEntries(faulty.byTenant)).toEqual(Object.fromEntries(clean.byTenant));
  });
});
