// Benchmark: a sweep of many simulated tenants (an MSP's night) with per-request latency:
// throughput against the concurrency-bound ideal, and resident memory as the sweep goes (it must
// stay flat in the number of tenants: reports are handed out, not held). The simulated tenants
// answer from a child process over local HTTP, so the figures are tenant-audit's own.
// Usage: npm run bench -- fleet [tenants] [usersPerTenant] [latencyMs] [concurrency]
import { audit, sweep } from '../../dist/index.js';
import { practiceFleetModels, simulatedCredential } from '../../dist/testing/index.js';
import { remoteFleet } from './lib/remote-simulator.js';

const [tenants = 1_000, users = 50, latencyMs = 20, concurrency = 8] = process.argv.slice(2).map(Number);
const now = new Date('2026-11-20T12:00:00Z');
// Only what the credentials need stays in this process; the models live in the simulator's.
const fleet = Array.from(practiceFleetModels(tenants, { now, minUsers: users, maxUsers: users }), (model) => ({
  tenantId: model.tenantId,
  displayName: model.displayName,
  grantedPermissions: model.grantedPermissions,
  ...(model.exchange ? { exchange: { appDirectoryRoles: model.exchange.appDirectoryRoles } } : {}),
}));
const simulator = await remoteFleet({ tenants, minUsers: users, maxUsers: users, now, ...(latencyMs ? { network: { latencyMs } } : {}) });
const mb = () => Math.round(process.memoryUsage().rss / 1048576);
console.log(`rss before the sweep: ${mb()} MB`);
try {
  // One tenant alone (after a warm-up run) gives the time a sweep cannot beat per tenant.
  const one = fleet[0]!;
  let single = 0;
  for (let run = 0; run < 2; run += 1) {
    const singleStarted = performance.now();
    await audit({ provider: 'm365', tenantId: one.tenantId, credential: simulatedCredential(one) }, { now });
    single = performance.now() - singleStarted;
  }

  let done = 0;
  let failed = 0;
  let peak = mb();
  const samples: string[] = [];
  const started = performance.now();
  const sampler = setInterval(() => (peak = Math.max(peak, mb())), 50);
  for await (const result of sweep(
    fleet.map((model) => ({ provider: 'm365' as const, tenantId: model.tenantId, credential: simulatedCredential(model), name: model.displayName })),
    { now, concurrency },
  )) {
    done += 1;
    if (!result.ok) failed += 1;
    if (done % Math.max(1, Math.floor(tenants / 5)) === 0) samples.push(`${done}: ${mb()} MB (heap ${Math.round(process.memoryUsage().heapUsed / 1048576)})`);
  }
  clearInterval(sampler);
  const wall = performance.now() - started;
  const ideal = (tenants * single) / concurrency;
  console.log(`single tenant (${users} users, ${latencyMs} ms latency): ${Math.round(single)} ms`);
  console.log(`${tenants} tenants at concurrency ${concurrency}: ${Math.round(wall)} ms, ${failed} failed; throughput ${(ideal / wall).toFixed(2)}x the concurrency-bound ideal`);
  console.log(`rss by tenants done: ${samples.join(', ')}; peak ${peak} MB`);
} finally {
  simulator.stop();
}
