// Benchmark: audit simulated tenants of growing size through the real Graph client and HTTP path
// (msw answering), and print requests and time per size. Not a test: numbers vary by machine.
// Usage: npm run bench [-- 1000 10000 50000]
import { audit } from '../src/index.js';
import { largeTenant, simulatedCredential, startSimulator } from '../src/testing/index.js';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const users of sizes.length ? sizes : [100, 1_000, 10_000]) {
  const tenant = largeTenant(users);
  const simulator = startSimulator({ m365: [tenant] });
  try {
    const started = performance.now();
    const report = await audit({ provider: 'm365', tenantId: tenant.tenantId, credential: simulatedCredential(tenant) });
    const ms = Math.round(performance.now() - started);
    const perDataset = Object.entries(report.datasets)
      .map(([name, meta]) => `${name.replace('m365.', '')}=${meta.requests}`)
      .join(' ');
    console.log(`${String(users).padStart(6)} users: ${String(simulator.requests.count()).padStart(4)} requests, ${ms} ms, ${Math.round(process.memoryUsage().rss / 1e6)} MB rss  (${perDataset})`);
  } finally {
    simulator.close();
  }
}
