import type { AuditReport } from '../core/model.js';
import { audit } from '../core/runner.js';
import {
  compliantPractice,
  COMPLIANT_BREAK_GLASS_UPN,
  simulatedCredential,
  startSimulator,
  typicalPractice,
} from '../testing/index.js';

/**
 * Audit the built-in simulated practices through the real code path: the library, the Graph
 * client and HTTP, with msw answering as Graph would. No cloud is contacted.
 */
export async function runDemo(): Promise<AuditReport[]> {
  const practices = [compliantPractice(), typicalPractice()];
  const simulator = startSimulator({ m365: practices });
  try {
    const reports: AuditReport[] = [];
    for (const practice of practices) {
      reports.push(
        await audit(
          { provider: 'm365', tenantId: practice.tenantId, credential: simulatedCredential(practice), name: practice.displayName },
          { breakGlassAccounts: [COMPLIANT_BREAK_GLASS_UPN] },
        ),
      );
    }
    return reports;
  } finally {
    simulator.close();
  }
}
