import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigFile } from '../config/load.js';
import type { AuditReport } from '../core/model.js';
import { audit } from '../engine/runner.js';
import type { AuditTarget } from '../providers/index.js';
import { demoPractices, startSimulator } from '../testing/index.js';

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
