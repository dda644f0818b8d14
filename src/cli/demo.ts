import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigFile } from '../config/load.js';
import type { AuditReport } from '../core/model.js';
import { audit } from '../engine/runner.js';
import type { AuditTarget } from '../providers/index.js';
import type { SweepTarget } from '../sweep/sweep.js';
import { DEMO_NOW } from '../testing/demo.js';
import { demoPortfolio, demoPractices, startSimulator } from '../testing/index.js';
import { runDirectorySweep, type DirectorySweepRun } from './sweep-run.js';

/** The package's own folder (where examples/ lives), from wherever this module was loaded. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/**
 * Audit the built-in simulated practices, two on Microsoft 365 and two on Google Workspace, through
 * the real code path: the library, Microsoft's and Google's clients and HTTP, with msw answering
 * as Graph, Exchange Online and Google's APIs would, and each compliant practice's configuration
 * file from examples/configs. No cloud is contacted.
 */
export async function runDemo(): Promise<AuditReport[]> {
  const { simulator: models, audits } = demoPractices();
  const root = packageRoot();
  const simulator = startSimulator(models);
  try {
    const reports: AuditReport[] = [];
    for (const { target, options, configFile } of audits) {
      const config = configFile ? await loadConfigFile(join(root, configFile)) : {};
      reports.push(await audit(target as unknown as AuditTarget, { ...config, ...options }));
    }
    return reports;
  } finally {
    simulator.close();
  }
}

/**
 * The demo's portfolio swept into `out` as an MSP would (`tenant-audit demo --sweep DIR`): ONE
 * ClientSecretCredential of a multi-tenant app for every Microsoft 365 clinic, ONE service-account
 * key for every Google customer, each clinic with its own configuration, answered by the simulator.
 * Resolves to the sweep's exit code (see runDirectorySweep); the demo's clinics fail on purpose.
 */
export async function runDemoSweep(run: Omit<DirectorySweepRun, 'now'>): Promise<number> {
  const portfolio = demoPortfolio();
  const root = packageRoot();
  const simulator = startSimulator(portfolio.simulator);
  try {
    const { ClientSecretCredential } = await import('@azure/identity');
    const { homeTenantId, clientId, clientSecret } = portfolio.m365App;
    const credential = new ClientSecretCredential(homeTenantId, clientId, clientSecret, { additionallyAllowedTenants: ['*'] });
    const key = { ...portfolio.googleKey };
    const targets: SweepTarget[] = [];
    for (const tenant of portfolio.tenants) {
      const options = tenant.configFile ? { options: await loadConfigFile(join(root, tenant.configFile)) } : {};
      targets.push(
        tenant.provider === 'm365'
          ? { provider: 'm365', tenantId: tenant.tenantId, credential, name: tenant.name, ...options }
          : { provider: 'google-workspace', customerId: tenant.customerId, subject: tenant.subject, credentials: key, name: tenant.name, ...options },
      );
    }
    return await runDirectorySweep(targets, { ...run, now: DEMO_NOW, source: 'the demo portfolio (simulated clinics)' });
  } finally {
    simulator.close();
  }
}
