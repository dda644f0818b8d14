// Benchmark: evaluate() of a snapshot of a very large tenant (100,000 users by default), warm.
// The snapshot is collected once from the simulator at 2,000 users, then its user-shaped datasets
// are repeated with fresh ids up to the size asked for. Usage: npm run bench -- evaluate [users]
// The built package, as users run it (the dev transpiler adds per-closure overhead that users never pay).
import { collect, evaluate, type Snapshot } from '../../dist/index.js';
import { largeTenant, simulatedCredential, startSimulator } from '../../dist/testing/index.js';

const users = Number(process.argv[2] ?? 100_000) || 100_000;
const now = new Date('2026-11-20T12:00:00Z');
const seed = largeTenant(2_000, { now });
const simulator = startSimulator({ m365: [seed] });
let snapshot: Snapshot;
try {
  snapshot = await collect({ provider: 'm365', tenantId: seed.tenantId, credential: simulatedCredential(seed) }, { now });
} finally {
  simulator.close();
}

/** The dataset's list repeated with ids made unique per copy, up to `size` items. */
function grow<T extends { id?: string; userPrincipalName?: string }>(items: T[], size: number): T[] {
  const out: T[] = [];
  for (let copy = 0; out.length < size; copy += 1) {
    for (const item of items) {
      if (out.length >= size) break;
      out.push({ ...item, ...(item.id ? { id: `${item.id.slice(0, -6)}${String(copy).padStart(6, '0')}` } : {}), ...(item.userPrincipalName ? { userPrincipalName: item.userPrincipalName.replace('@', `.${copy}@`) } : {}) });
    }
  }
  return out;
}
const datasets = snapshot.datasets as Record<string, { ok: boolean; data?: Record<string, unknown> }>;
const usersData = datasets['m365.users']!.data as { users: { id: string; userPrincipalName: string }[] };
usersData.users = grow(usersData.users, users);
const registrations = datasets['m365.registrationDetails']!.data as { registrations: { id: string; userPrincipalName: string }[] };
registrations.registrations = grow(registrations.registrations, users);

const runs: number[] = [];
for (let i = 0; i < 6; i += 1) {
  const started = performance.now();
  evaluate(snapshot, { now });
  runs.push(performance.now() - started);
}
const warm = runs.slice(1).sort((a, b) => a - b);
console.log(`evaluate ${users} users: warm median ${Math.round(warm[Math.floor(warm.length / 2)]!)} ms (min ${Math.round(warm[0]!)}, max ${Math.round(warm.at(-1)!)}), first ${Math.round(runs[0]!)} ms`);
