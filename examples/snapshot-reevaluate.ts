// Collect once, keep the snapshot as evidence, and re-evaluate it later offline with other settings.
// Runs against the built-in simulated practice, so it needs no tenant:
//   npx tsx --tsconfig examples/tsconfig.json examples/snapshot-reevaluate.ts
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect, evaluate, type Snapshot } from 'tenant-audit';
import { simulatedCredential, startSimulator, typicalPractice } from 'tenant-audit/testing';

const practice = typicalPractice();
const simulator = startSimulator({ m365: [practice] });
try {
  const snapshot = await collect({ provider: 'm365', tenantId: practice.tenantId, credential: simulatedCredential(practice) });
  const file = join(tmpdir(), `tenant-audit-${practice.tenantId}.json`);
  await writeFile(file, JSON.stringify(snapshot, null, 2));

  // Later, with no network: load the evidence and judge it with a stricter inactivity threshold.
  const saved = JSON.parse(await readFile(file, 'utf8')) as Snapshot;
  const lenient = evaluate(saved, { controls: ['m365.accounts.departed-staff'] });
  const strict = evaluate(saved, { controls: ['m365.accounts.departed-staff'], thresholds: { inactiveDays: 14 } });
  console.log(`Saved ${file}`);
  console.log(`45 days: ${lenient.findings[0]?.summary}`);
  console.log(`14 days: ${strict.findings[0]?.summary}`);
} finally {
  simulator.close();
}
