// Embed tenant-audit in your own program: audit one Microsoft 365 tenant and show the gaps.
// Run: AZURE_TENANT_ID=... AZURE_CLIENT_ID=... AZURE_CLIENT_SECRET=... npx tsx --tsconfig examples/tsconfig.json examples/embed-audit.ts
import { ClientSecretCredential } from '@azure/identity';
import { audit, type Finding } from 'tenant-audit';

const tenantId = process.env.AZURE_TENANT_ID;
const clientId = process.env.AZURE_CLIENT_ID;
const clientSecret = process.env.AZURE_CLIENT_SECRET;
if (!tenantId || !clientId || !clientSecret) {
  console.error('Set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET.');
  process.exit(2);
}

const report = await audit(
  { provider: 'm365', tenantId, credential: new ClientSecretCredential(tenantId, clientId, clientSecret) },
  {
    breakGlassAccounts: ['breakglass@yourpractice.onmicrosoft.com'],
    thresholds: { inactiveDays: 30 },
    onProgress: (event) => {
      if (event.type === 'dataset:done') console.error(`read ${event.dataset} (${event.requests} requests)`);
    },
  },
);

const gaps: Finding[] = report.findings.filter((finding) => finding.status !== 'pass');
for (const finding of gaps) {
  console.log(`${finding.status.toUpperCase()} ${finding.controlId} (HIPAA ${finding.hipaa.join(', ')}): ${finding.summary}`);
}
console.log(`${report.summary.pass} of ${report.summary.total} controls pass.`);
