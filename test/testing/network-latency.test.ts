import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { abortableDelay, mulberry32 } from '../../src/testing/index.js';
import { simulatorPerTest } from '../fixtures/simulator-per-test.js';
import { cmdlet, graphGet, tenant } from './network-harness.js';

const simulators = simulatorPerTest();

/** How many timers are pending in this process. */
function pendingTimers(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
}

/** Lets the event loop turn so that aborted work settles. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Watches the timers set for `ms`: whether each was cleared. (The process has unrelated timers, e.g.
 * undici's and vitest's, so the global count can only be compared loosely.)
 */
function watchTimers(ms: number): { set: () => number; cleared: () => number } {
  const ours = new Set<unknown>();
  const cleared = new Set<unknown>();
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: () => void, delay?: number) => {
    const timer = realSet(callback, delay);
    if (delay === ms) ours.add(timer);
    return timer;
  }) as typeof setTimeout);
  vi.spyOn(globalThis, 'clearTimeout').mockImplementation(((timer?: Parameters<typeof clearTimeout>[0]) => {
    if (ours.has(timer)) cleared.add(timer);
    return realClear(timer);
  }) as typeof clearTimeout);
  return { set: () => ours.size, cleared: () => cleared.size };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('latency', () => {
  it('delays every simulated request by a seeded draw within the range', async () => {
    const simulator = simulators.serve({ m365: [tenant], network: { seed: 42, latencyMs: { min: 15, max: 40 } } });
    const elapsed: number[] = [];
    for (let i = 0; i < 8; i++) {
      const started = performance.now();
      expect((await (i % 2 === 0 ? graphGet('/subscribedSkus') : cmdlet('Get-OrganizationConfig'))).status).toBe(200);
      elapsed.push(performance.now() - started);
    }
    const events = simulator.network!.events;
    expect(events).toHaveLength(8);
    for (const [index, event] of events.entries()) {
      expect(event.latencyMs).toBeGreaterThanOrEqual(15);
      expect(event.latencyMs).toBeLessThanOrEqual(40);
      expect(Number.isInteger(event.latencyMs)).toBe(true);
      // Timers may fire a millisecond early by the clock's rounding.
      expect(elapsed[index]).toBeGreaterThanOrEqual(event.latencyMs - 1);
    }
    expect(new Set(events.map((event) => event.latencyMs)).size).toBeGreaterThan(1);
    expect(simulator.network!.stats().latencyMs).toBe(events.reduce((sum, event) => sum + event.latencyMs, 0));
    // The same seed draws the same latencies.
    const draw = mulberry32(42);
    const expected = events.map(() => {
      const latency = 15 + Math.floor(draw() * 26);
      draw(); // the fault draw
      return latency;
    });
    expect(events.map((event) => event.latencyMs)).toEqual(expected);
  });
});

describe('slow answers and aborted requests', () => {
  it('answers a slow request after the delay when the client waits', async () => {
    const simulator = simulators.serve({ m365: [tenant], network: { streaks: [{ match: { path: '/users' }, count: 1, kind: 'slow', delayMs: 60 }] } });
    const started = performance.now();
    expect((await graphGet('/users')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(59);
    expect(simulator.network!.stats()).toMatchObject({ faults: { slow: 1 }, slowDelayMs: 60, aborted: 0 });
  });

  it('a client timeout on a slow answer leaves no pending timer behind', async () => {
    const baseline = pendingTimers();
    const timers = watchTimers(70_000);
    const simulator = simulators.serve({ m365: [tenant], network: { faults: { slow: { rate: 1, delayMs: 70_000 } } } });
    const started = performance.now();
    await expect(graphGet('/users', {}, { signal: AbortSignal.timeout(50) })).rejects.toThrow(/aborted|timeout/i);
    expect(performance.now() - started).toBeLessThan(5_000);
    await settle();
    expect(timers.set()).toBe(1);
    expect(timers.cleared()).toBe(1);
    expect(pendingTimers()).toBeLessThanOrEqual(baseline);
    expect(simulator.network!.stats()).toMatchObject({ faults: { slow: 1 }, aborted: 1 });
    expect(simulator.network!.events[0]).toMatchObject({ fault: 'slow', aborted: true });
    // The service never answered the abandoned request.
    expect(simulator.requests.count()).toBe(0);
  });

  it('an abort during long latency leaves no pending timer either', async () => {
    const baseline = pendingTimers();
    const timers = watchTimers(60_000);
    simulators.serve({ m365: [tenant], network: { latencyMs: 60_000 } });
    const controller = new AbortController();
    const pending = graphGet('/users', {}, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(timers.set()).toBe(1);
    expect(pendingTimers()).toBeGreaterThan(0);
    controller.abort();
    await expect(pending).rejects.toThrow(/aborted/i);
    await settle();
    expect(timers.cleared()).toBe(1);
    expect(pendingTimers()).toBeLessThanOrEqual(baseline);
  });

  it('a process whose client gave up on a 70 s answer exits at once', () => {
    const script = fileURLToPath(new URL('./fixtures/network/abort-child.ts', import.meta.url));
    const started = performance.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 20_000 });
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('TimeoutError aborted=1');
    expect(child.status).toBe(0);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});

describe('abortableDelay', () => {
  it('resolves true after the delay, false at once on abort, and clears its timer', async () => {
    const timers = watchTimers(60_000);
    expect(await abortableDelay(5)).toBe(true);
    expect(await abortableDelay(0)).toBe(true);
    const controller = new AbortController();
    const waiting = abortableDelay(60_000, controller.signal);
    expect(timers.set()).toBe(1);
    controller.abort();
    expect(await waiting).toBe(false);
    expect(timers.cleared()).toBe(1);
    expect(await abortableDelay(10, AbortSignal.abort())).toBe(false);
    expect(() => abortableDelay(2 ** 31)).toThrow(RangeError);
  });
});
