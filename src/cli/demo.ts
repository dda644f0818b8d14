import type { AuditReport } from '../core/model.js';
import { audit } from '../engine/runner.js';
import type { AuditTarget } from '../providers/index.js';
import { demoPractices, startSimulator } from '../testing/index.js';

/**
 * Audit the built-in simulated practices, two on Microsoft 365 and two on Google Workspace, through
 * the real code path: the library, Microsoft's and Google's clients and HTTP, with msw answering
 * as Graph, Exchange Online and Google's APIs would. No cloud is contacted.
 */
export async function runDemo(): Promise<AuditReport[]> {
  const { simulator: models, audits } = demoPractices();
  const simulator = startSimulator(models);
  try {
    const reports: AuditReport[] = [];
    for (const { target, options } of audits) reports.push(await audit(target as unknown as AuditTarget, options));
    return reports;
  } finally {
    simulator.close();
  }
}
