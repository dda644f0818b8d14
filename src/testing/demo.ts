import { COMPLIANT_BREAK_GLASS_UPN, compliantPractice, simulatedCredential, typicalPractice } from './m365/index.js';
import { googleCompliantPractice, googleSuperAdmin, googleTypicalPractice, simulatedServiceAccountKey } from './google/index.js';
import type { SimulatorOptions } from './simulator.js';

/** One audit the demo runs: a target for a simulated practice and the options to judge it with. */
export interface DemoAudit {
  target: { provider: string; name?: string } & Record<string, unknown>;
  options: { breakGlassAccounts?: string[] };
}

/**
 * The demo's simulated practices, on each cloud a compliant one and a typical one with the usual
 * gaps: the simulator models to serve, and the audits to run against them.
 */
export function demoPractices(): { simulator: SimulatorOptions; audits: DemoAudit[] } {
  const m365 = [compliantPractice(), typicalPractice()];
  const google = [googleCompliantPractice(), googleTypicalPractice()];
  return {
    simulator: { m365, google },
    audits: [
      ...m365.map((practice) => ({
        target: { provider: 'm365', tenantId: practice.tenantId, credential: simulatedCredential(practice), name: practice.displayName },
        options: { breakGlassAccounts: [COMPLIANT_BREAK_GLASS_UPN] },
      })),
      ...google.map((practice) => ({
        target: {
          provider: 'google-workspace',
          credentials: { ...simulatedServiceAccountKey(practice) },
          subject: googleSuperAdmin(practice),
          name: practice.rootOrgUnit.name,
        },
        options: {},
      })),
    ],
  };
}
