/**
 * Throttling is per tenant (Graph's limits are per app per tenant): a tenant waiting out its
 * Retry-After slows only itself, and the sweep's global bound on requests in flight never makes
 * another tenant wait behind those waits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RequestGate, sweep, type SweepResult } from '../../src/index.js';
import { compliantPractice, largeTenant, simulatedCredential, typicalPractice, type M365TenantModel } from '../../src/testing/index.js';
import { NOW, simulatorPerTest } from '../fixtures/simulator-per-test.js';

const simulator = simulatorPerTest();
const original = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = original;
});

/** Counts HTTP requests in flight (until their answer arrives) through the platform's fetch, which every client of tenant-audit uses. */
function watchFetch(): { peak: () => number } {
  const inner = globalThis.fetch;
  let current = 0;
  let peak = 0;
  globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
    current += 1;
    peak = Math.max(peak, current);
    try {
      return await inner(...args);
    } finally {
      current -= 1;
    }
  };
  return { peak: () => peak };
}

const target = (model: M365TenantModel) => ({ provider: 'm365' as const, tenantId: model.tenantId, credential: simulatedCredential(model), name: model.displayName });

describe('throttling in a sweep', () => {
  it('a tenant answering 429 with Retry-After does not delay another, even with ONE request in flight allowed', async () => {
    const RETRY_AFTER_S = 6;
    const throttled: M365TenantModel = { ...typicalPractice({ now: NOW }), faults: { throttle: { path: /.*/, times: 2, retryAfterSeconds: RETRY_AFTER_S } } };
    const calm = compliantPractice({ now: NOW });
    simulator.serve({ m365: [throttled, calm] });
    const started = performance.now();
    const finished: { name: string; ms: number; result: SweepResult }[] = [];
    for await (const result of sweep([target(throttled), target(calm)], { now: NOW, concurrency: 2, maxRequestsInFlight: 1 })) {
      finished.push({ name: result.target.name!, ms: performance.now() - started, result });
    }
    expect(finished.map((entry) => entry.result.ok)).toEqual([true, true]);
    const [first, second] = finished;
    // The calm tenant finished while the throttled one was still waiting out what it was asked to.
    expect(first!.name).toBe(calm.displayName);
    expect(first!.ms).toBeLessThan(RETRY_AFTER_S * 1000);
    expect(second!.name).toBe(throttled.displayName);
    expect(second!.ms).toBeGreaterThanOrEqual(RETRY_AFTER_S * 1000);
    const retried = second!.result.ok ? Object.values(second!.result.report.datasets).reduce((sum, meta) => sum + (meta.retries ?? 0), 0) : 0;
    expect(retried).toBeGreaterThanOrEqual(1);
  }, 30_000);

  it('bounds the requests in flight across every tenant of the sweep', async () => {
    const fleet = [largeTenant(20, { now: NOW, tenantKey: 'g1' }), largeTenant(20, { now: NOW, tenantKey: 'g2' }), largeTenant(20, { now: NOW, tenantKey: 'g3' }), largeTenant(20, { now: NOW, tenantKey: 'g4' })];
    simulator.serve({ m365: fleet, network: { latencyMs: 25 } });
    const intercepted = globalThis.fetch;
    const bounded = watchFetch();
    for await (const result of sweep(fleet.map(target), { now: NOW, concurrency: 4, maxRequestsInFlight: 3 })) expect(result.ok).toBe(true);
    expect(bounded.peak()).toBeLessThanOrEqual(3);
    expect(bounded.peak()).toBe(3);

    globalThis.fetch = intercepted;
    const unbounded = watchFetch();
    for await (const result of sweep(fleet.map(target), { now: NOW, concurrency: 4 })) expect(result.ok).toBe(true);
    expect(unbounded.peak()).toBeGreaterThan(3);
  }, 60_000);
});

describe('RequestGate', () => {
  it('runs at most its limit at once, first come first served, and drops a waiter whose signal aborts', async () => {
    const gate = new RequestGate(2);
    const order: string[] = [];
    const releases: (() => void)[] = [];
    const task = (name: string) => () =>
      new Promise<string>((resolve) => {
        order.push(name);
        releases.push(() => resolve(name));
      });
    const a = gate.run(task('a'));
    const b = gate.run(task('b'));
    const controller = new AbortController();
    const c = gate.run(task('c'), controller.signal);
    const d = gate.run(task('d'));
    await Promise.resolve();
    expect(order).toEqual(['a', 'b']);
    expect(gate.waiting).toBe(2);
    controller.abort(new Error('stop'));
    await expect(c).rejects.toThrow('stop');
    releases[0]!();
    await a;
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['a', 'b', 'd']);
    releases[1]!();
    releases[2]!();
    await Promise.all([b, d]);
    expect(gate.inFlight).toBe(0);
    expect(gate.peak).toBe(2);
  });
});
