import type { AuditReport } from '../core/model.js';
import { audit } from '../engine/runner.js';
import {
  compliantPractice,
  COMPLIANT_BREAK_GLASS_UPN,
  googleCompliantPractice,
  googleSuperAdmin,
  googleTypicalPractice,
  simulatedCredential,
  simulatedServiceAccountKey,
  startSimulator,
  typicalPractice,
} from '../testing/index.js';

/**
 * Audit the built-in simulated practices, two on Microsoft 365 and two on Google Workspace, through
 * the real code path: the library, Microsoft's and Google's clients and HTTP, with msw answering
 * as Graph, Exchange Online and Google's APIs would. No cloud is contacted.
 */
export async function runDemo(): Promise<AuditReport[]> {
  const m365 = [compliantPractice(), typicalPractice()];
  const google = [googleCompliantPractice(), googleTypicalPractice()];
  const simulator = startSimulator({ m365, google });
  try {
    const reports: AuditReport[] = [];
    for (const practice of m365) {
      reports.push(
        await audit(
          { provider: 'm365', tenantId: practice.tenantId, credential: simulatedCredential(practice), name: practice.displayName },
          { breakGlassAccounts: [COMPLIANT_BREAK_GLASS_UPN] },
        ),
      );
    }
    for (const practice of google) {
      reports.push(
        await audit({
          provider: 'google-workspace',
          credentials: { ...simulatedServiceAccountKey(practice) },
          subject: googleSuperAdmin(practice),
          name: practice.rootOrgUnit.name,
        }),
      );
    }
    return reports;
  } finally {
    simulator.close();
  }
}
