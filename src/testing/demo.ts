import { CONSENT_READ_PERMISSION, compliantPractice, simulatedCredential, typicalPractice, type M365TenantModel } from './m365/index.js';
import { googleCompliantPractice, googleSuperAdmin, googleTypicalPractice, simulatedServiceAccountKey } from './google/index.js';
import type { SimulatorOptions } from './simulator.js';

/**
 * The demo's clock: the simulated practices and their configuration files describe this moment,
 * so the demo reads the same whenever it is run.
 */
export const DEMO_NOW = new Date('2026-12-01T09:00:00Z');

/** One audit the demo runs: a target for a simulated practice, its options, and its configuration file. */
export interface DemoAudit {
  target: { provider: string; name?: string } & Record<string, unknown>;
  options: { now: Date };
  /** The practice's configuration file, relative to the package root (`examples/configs/...`). */
  configFile?: string;
}

/**
 * The demo's simulated practices, on each cloud a compliant one (with its configuration file of
 * answers no API gives) and a typical one with the usual gaps: the simulator models to serve, and
 * the audits to run against them.
 */
export function demoPractices(): { simulator: SimulatorOptions; audits: DemoAudit[] } {
  const now = DEMO_NOW;
  // The demo's MSP granted everything `tenant-audit permissions m365` lists, the optional grants
  // too (the scenarios leave Directory.Read.All out so tests can see narrower permissions missing).
  const grantedAll = (practice: M365TenantModel): M365TenantModel => ({ ...practice, grantedPermissions: [...practice.grantedPermissions, CONSENT_READ_PERMISSION] });
  const [m365Compliant, m365Typical] = [grantedAll(compliantPractice({ now })), grantedAll(typicalPractice({ now }))];
  const [googleCompliant, googleTypical] = [googleCompliantPractice({ now }), googleTypicalPractice({ now })];
  const m365Target = (practice: typeof m365Compliant) => ({ provider: 'm365', tenantId: practice.tenantId, credential: simulatedCredential(practice), name: practice.displayName });
  const googleTarget = (practice: typeof googleCompliant) => ({
    provider: 'google-workspace',
    credentials: { ...simulatedServiceAccountKey(practice) },
    subject: googleSuperAdmin(practice),
    name: practice.rootOrgUnit.name,
  });
  return {
    simulator: { m365: [m365Compliant, m365Typical], google: [googleCompliant, googleTypical] },
    audits: [
      { target: m365Target(m365Compliant), options: { now }, configFile: 'examples/configs/harbour-view-medical.config.yaml' },
      { target: m365Target(m365Typical), options: { now } },
      { target: googleTarget(googleCompliant), options: { now }, configFile: 'examples/configs/cedar-creek-pediatrics.config.yaml' },
      { target: googleTarget(googleTypical), options: { now } },
    ],
  };
}
