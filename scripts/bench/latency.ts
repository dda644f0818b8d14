// Benchmark: one tenant's wall time under simulated per-request latency, against its critical
// path (the slowest dataset alone) and the concurrency bound (all datasets' time over the
// per-tenant concurrency). Usage: npm run bench -- latency [users] [latencyMs]
import { audit } from '../../dist/index.js';
import { largeTenant, simulatedCredential, startSimulator } from '../../dist/testing/index.js';

const users = Number(process.argv[2] ?? 10_000) || 10_000;
const latencyMs = Number(process.argv[3] ?? 100) || 100;
const concurrency = 4;
const now = new Date('2026-11-20T12:00:00Z');
const model = largeTenant(users, { now });
const simulator = startSimulator({ m365: [model], network: { latencyMs } });
try {
  const started = performance.now();
  const report = await audit({ provider: 'm365', tenantId: model.tenantId, credential: simulatedCredential(model) }, { now, concurrency });
  const wall = performance.now() - started;
  const durations = Object.entries(report.datasets).map(([name, meta]) => [name, meta.durationMs, meta.requests] as const);
  const critical = Math.max(...durations.map(([, ms]) => ms));
  const bound = Math.max(critical, durations.reduce((sum, [, ms]) => sum + ms, 0) / concurrency);
  for (const [name, ms, requests] of durations.sort((a, b) => b[1] - a[1])) console.log(`  ${name.padEnd(28)} ${String(Math.round(ms)).padStart(6)} ms  ${requests} requests`);
  console.log(
    `${users} users, ${latencyMs} ms per request, concurrency ${concurrency}: wall ${Math.round(wall)} ms; ` +
      `critical path ${Math.round(critical)} ms (${(wall / critical).toFixed(2)}x); lower bound ${Math.round(bound)} ms (${(wall / bound).toFixed(2)}x)`,
  );
} finally {
  simulator.close();
}
