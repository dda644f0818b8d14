// Benchmark: audit simulated tenants of growing size through the real clients and HTTP path
// (msw answering), and print requests and time per size. Not a test: numbers vary by machine.
// Usage: npm run bench [-- 1000 10000]
import { audit, type AuditReport, type AuditTarget } from '../../src/index.js';
import {
  googleLargeTenant,
  googleSuperAdmin,
  largeTenant,
  simulatedCredential,
  simulatedServiceAccountKey,
  startSimulator,
  type SimulatorOptions,
} from '../../src/testing/index.js';

async function measure(label: string, users: number, simulated: SimulatorOptions, target: AuditTarget): Promise<void> {
  const simulator = startSimulator(simulated);
  try {
    const started = performance.now();
    const report: AuditReport = await audit(target);
    const ms = Math.round(performance.now() - started);
    const perDataset = Object.entries(report.datasets)
      .map(([name, meta]) => `${name.split('.')[1]}=${meta.requests}`)
      .join(' ');
    console.log(
      `${label} ${String(users).padStart(6)} users: ${String(simulator.requests.count()).padStart(4)} requests, ${ms} ms, ` +
        `${Math.round(process.memoryUsage().rss / 1e6)} MB rss  (${perDataset})`,
    );
  } finally {
    simulator.close();
  }
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const users of sizes.length ? sizes : [100, 1_000, 10_000]) {
  const m365 = largeTenant(users);
  await measure('m365  ', users, { m365: [m365] }, { provider: 'm365', tenantId: m365.tenantId, credential: simulatedCredential(m365) });
  const google = googleLargeTenant(users);
  await measure('google', users, { google: [google] }, {
    provider: 'google-workspace',
    credentials: { ...simulatedServiceAccountKey(google) },
    subject: googleSuperAdmin(google),
  });
}
