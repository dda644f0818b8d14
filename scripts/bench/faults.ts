// Benchmark: a sweep of simulated tenants under faults on every endpoint (10% 429 with
// Retry-After, 2% 503, 1% connection resets), against the same sweep without faults: every tenant
// must be reported with the same findings, and the extra time should be about the waits the
// services asked for. Usage: npm run bench -- faults [tenants] [retryAfterSeconds] [concurrency]
import { sweep, type AuditReport } from '../../dist/index.js';
import { practiceFleet, simulatedCredential, startSimulator, type NetworkOptions } from '../../dist/testing/index.js';

const [tenants = 100, retryAfterSeconds = 1, concurrency = 8] = process.argv.slice(2).map(Number);
const now = new Date('2026-11-20T12:00:00Z');
const verdicts = (report: AuditReport) => report.findings.map((finding) => `${finding.controlId} ${finding.status} ${finding.summary}`).join('\n');

async function run(network: NetworkOptions) {
  const fleet = practiceFleet(tenants, { now, minUsers: 10, maxUsers: 500 });
  const simulator = startSimulator({ m365: fleet, network });
  const byTenant = new Map<string, string>();
  let failures = 0;
  const started = performance.now();
  try {
    for await (const result of sweep(fleet.map((model) => ({ provider: 'm365' as const, tenantId: model.tenantId, credential: simulatedCredential(model) })), { now, concurrency })) {
      if (result.ok) byTenant.set(result.report.tenant.id, verdicts(result.report));
      else failures += 1;
    }
    return { byTenant, failures, ms: performance.now() - started, stats: simulator.network!.stats() };
  } finally {
    simulator.close();
  }
}

const clean = await run({ seed: 1, latencyMs: 20 });
const faulty = await run({ seed: 1, latencyMs: 20, retryAfterSeconds, faults: { throttle: 0.1, unavailable: 0.02, reset: 0.01 } });
const identical = [...clean.byTenant].filter(([tenant, text]) => faulty.byTenant.get(tenant) === text).length;
const asked = faulty.stats.retryAfterSeconds;
console.log(`clean: ${clean.byTenant.size} of ${tenants} tenants reported in ${Math.round(clean.ms)} ms`);
console.log(
  `faulty: ${faulty.byTenant.size} of ${tenants} reported (${faulty.failures} failed) in ${Math.round(faulty.ms)} ms; ` +
    `${faulty.stats.faults.throttle} 429s, ${faulty.stats.faults.unavailable} 503s, ${faulty.stats.faults.reset} resets; Retry-After asked in all ${asked} s`,
);
console.log(`identical findings: ${identical} of ${tenants} tenants; time faulty/clean ${(faulty.ms / clean.ms).toFixed(2)}x; extra ${Math.round((faulty.ms - clean.ms) / 1000)} s against ${(asked / concurrency).toFixed(1)} s of asked waits per concurrent slot`);
