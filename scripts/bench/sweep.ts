// Benchmark: the sweep command's engine (sweepToDirectory: reports and snapshots streamed to disk,
// manifest, portfolio) over many simulated tenants with per-request latency, then a smaller fleet
// with and without faults on every endpoint. Figures are ratios taken in one run:
// - throughput against the concurrency-bound ideal (tenants x single-tenant time / concurrency);
// - peak resident memory, and memory as the sweep goes (flat in the number of tenants);
// - peak requests in flight against the global bound (maxRequestsInFlight);
// - under 10% 429 (Retry-After), 2% 503 and 1% resets: identical findings, extra time against the waits asked.
// Usage: npm run bench -- sweep [tenants] [usersPerTenant] [latencyMs] [concurrency] [faultTenants] [maxRequestsInFlight]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audit, sweepToDirectory, type AuditReport, type SweepTarget } from '../../dist/index.js';
import { practiceFleetModels, simulatedCredential } from '../../dist/testing/index.js';
import { remoteFleet } from './lib/remote-simulator.js';

const [tenants = 1_000, users = 50, latencyMs = 20, concurrency = 8, faultTenants = 100, maxRequestsInFlight = 64] = process.argv.slice(2).map(Number);
const now = new Date('2026-11-20T12:00:00Z');
const mb = () => Math.round(process.memoryUsage().rss / 1048576);

/** Only what the credentials need stays in this process; the models live in the simulator's. */
function targets(count: number): SweepTarget[] {
  return Array.from(practiceFleetModels(count, { now, minUsers: users, maxUsers: users }), (model) => {
    const credential = simulatedCredential({
      tenantId: model.tenantId,
      displayName: model.displayName,
      grantedPermissions: model.grantedPermissions,
      ...(model.exchange ? { exchange: { appDirectoryRoles: model.exchange.appDirectoryRoles } } : {}),
    } as Parameters<typeof simulatedCredential>[0]);
    return { provider: 'm365' as const, tenantId: model.tenantId, credential, name: model.displayName };
  });
}

/** Each tenant's verdicts as read back from its report.json. */
function verdictsOnDisk(out: string, slugs: string[]): Map<string, string> {
  const byTenant = new Map<string, string>();
  for (const slug of slugs) {
    try {
      const report = JSON.parse(readFileSync(join(out, slug, 'report.json'), 'utf8')) as AuditReport;
      byTenant.set(report.tenant.id, report.findings.map((finding) => `${finding.controlId} ${finding.status} ${finding.summary}`).join('\n'));
    } catch {
      // not written: the tenant failed
    }
  }
  return byTenant;
}

async function sweepInto(list: SweepTarget[], options: { sample?: boolean } = {}) {
  const out = mkdtempSync(join(tmpdir(), 'tenant-audit-bench-sweep-'));
  const samples: string[] = [];
  let peak = mb();
  const sampler = setInterval(() => (peak = Math.max(peak, mb())), 50);
  const started = performance.now();
  const every = Math.max(1, Math.floor(list.length / 5));
  const outcome = await sweepToDirectory(list, {
    out,
    now,
    concurrency,
    maxRequestsInFlight,
    onTenantDone: (progress) => {
      if (options.sample && progress.done % every === 0) samples.push(`${progress.done}: ${mb()} MB`);
    },
  });
  const ms = performance.now() - started;
  clearInterval(sampler);
  return { out, ms, peak, samples, summary: outcome.summary!, slugs: outcome.manifest.tenants.map((tenant) => tenant.slug) };
}

// 1. Scale: many tenants, latency, no faults.
{
  const list = targets(tenants);
  const simulator = await remoteFleet({ tenants, minUsers: users, maxUsers: users, now, ...(latencyMs ? { network: { latencyMs } } : {}) });
  console.log(`rss before the sweep: ${mb()} MB`);
  try {
    // One tenant alone is the time a sweep cannot beat per tenant: the fastest of three runs after
    // a warm-up (on a busy machine one run can be slow, which would flatter the ratio).
    let single = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 4; run += 1) {
      const started = performance.now();
      await audit(list[0]! as Parameters<typeof audit>[0], { now });
      if (run > 0) single = Math.min(single, performance.now() - started);
    }
    simulator.inFlight.peak = 0;
    const run = await sweepInto(list, { sample: true });
    const ideal = (tenants * single) / concurrency;
    console.log(`single tenant (${users} users, ${latencyMs} ms latency): ${Math.round(single)} ms`);
    console.log(
      `${tenants} tenants into a folder at concurrency ${concurrency}: ${Math.round(run.ms)} ms, ${run.summary.totals.couldNotAudit} could not be audited; ` +
        `throughput ${(ideal / run.ms).toFixed(2)}x the concurrency-bound ideal`,
    );
    console.log(`rss by tenants done: ${run.samples.join(', ')}; peak ${run.peak} MB`);
    console.log(`requests in flight: peak ${simulator.inFlight.peak} against the bound of ${maxRequestsInFlight} (${(simulator.inFlight.peak / maxRequestsInFlight).toFixed(2)}x)`);
    rmSync(run.out, { recursive: true, force: true });
  } finally {
    simulator.stop();
  }
}

// 2. Faults: the same fleet with and without 10% 429, 2% 503 and 1% resets on every endpoint.
async function faultRun(faults: boolean) {
  const network = { seed: 1, latencyMs, ...(faults ? { retryAfterSeconds: 1, faults: { throttle: 0.1, unavailable: 0.02, reset: 0.01 } } : {}) };
  const simulator = await remoteFleet({ tenants: faultTenants, minUsers: users, maxUsers: users, now, network });
  try {
    simulator.inFlight.peak = 0;
    const run = await sweepInto(targets(faultTenants));
    return { ...run, verdicts: verdictsOnDisk(run.out, run.slugs), stats: await simulator.stats(), peakInFlight: simulator.inFlight.peak };
  } finally {
    simulator.stop();
  }
}
{
  const clean = await faultRun(false);
  const faulty = await faultRun(true);
  const identical = [...clean.verdicts].filter(([tenant, text]) => faulty.verdicts.get(tenant) === text).length;
  const stats = faulty.stats!;
  const asked = stats.retryAfterSeconds;
  console.log(`clean: ${clean.verdicts.size} of ${faultTenants} tenants reported in ${Math.round(clean.ms)} ms`);
  console.log(
    `faulty: ${faulty.verdicts.size} of ${faultTenants} reported (${faulty.summary.totals.couldNotAudit} could not be audited) in ${Math.round(faulty.ms)} ms; ` +
      `${stats.faults.throttle} 429s, ${stats.faults.unavailable} 503s, ${stats.faults.reset} resets; Retry-After asked in all ${asked} s; peak in flight ${faulty.peakInFlight}`,
  );
  console.log(
    `identical findings: ${identical} of ${faultTenants} tenants; time faulty/clean ${(faulty.ms / clean.ms).toFixed(2)}x; ` +
      `extra ${((faulty.ms - clean.ms) / 1000).toFixed(1)} s against ${(asked / concurrency).toFixed(1)} s of asked waits per concurrent tenant slot`,
  );
  for (const run of [clean, faulty]) rmSync(run.out, { recursive: true, force: true });
}
