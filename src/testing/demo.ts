import { CONSENT_READ_PERMISSION, compliantPractice, largeTenant, simulatedApp, simulatedClientSecret, simulatedCredential, typicalPractice, type M365TenantModel } from './m365/index.js';
import {
  delegatedToServiceAccountOf,
  googleCompliantPractice,
  googleLargeTenant,
  googleSuperAdmin,
  googleTypicalPractice,
  simulatedServiceAccountKey,
} from './google/index.js';
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
/**
 * The demo's MSP granted everything `tenant-audit permissions m365` lists, the optional grants too
 * (the scenarios leave Directory.Read.All out so tests can see narrower permissions missing).
 */
function grantedAllOptional(practice: M365TenantModel): M365TenantModel {
  return { ...practice, grantedPermissions: [...practice.grantedPermissions, CONSENT_READ_PERMISSION] };
}

export function demoPractices(): { simulator: SimulatorOptions; audits: DemoAudit[] } {
  const now = DEMO_NOW;
  const [m365Compliant, m365Typical] = [grantedAllOptional(compliantPractice({ now })), grantedAllOptional(typicalPractice({ now }))];
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

/** One tenant of the demo portfolio: what the sweep's tenants file would say of it. */
export type DemoPortfolioTenant =
  | { provider: 'm365'; tenantId: string; name: string; configFile?: string }
  | { provider: 'google-workspace'; customerId: string; subject: string; name: string; configFile?: string };

/** The demo's MSP: simulated clinics on both clouds, reached as an MSP reaches them (one app, one service account). */
export interface DemoPortfolio {
  simulator: SimulatorOptions;
  /** The MSP's multi-tenant app registration: ONE ClientSecretCredential of it (with additionallyAllowedTenants) serves every clinic. */
  m365App: { homeTenantId: string; clientId: string; clientSecret: string };
  /** The MSP's service-account key: ONE key serves every Google customer, each with its own subject. */
  googleKey: ReturnType<typeof simulatedServiceAccountKey>;
  tenants: DemoPortfolioTenant[];
}

/**
 * The demo's portfolio (`tenant-audit demo --sweep DIR`): the four demo practices and a few more
 * clinics of different sizes and set-ups (one without Exchange Online, one without Intune, one
 * whose administrator never consented to the MSP's app), audited as an MSP would: one multi-tenant
 * app registration consented in each Microsoft 365 tenant, one Google service account with
 * domain-wide delegation in each customer.
 */
export function demoPortfolio(): DemoPortfolio {
  const now = DEMO_NOW;
  const msp = largeTenant(3, { now, tenantKey: 'demo-msp', displayName: 'Harbour IT Services' });
  const app = simulatedApp({ homeTenantId: msp.tenantId, multiTenant: true, displayName: 'Harbour IT Services auditor' });
  const { exchange: _noExchange, ...withoutExchange } = largeTenant(9, { now, tenantKey: 'demo-lakeside', displayName: 'Lakeside Dental' });
  const m365Clinics = [
    { model: compliantPractice({ now }), configFile: 'examples/configs/harbour-view-medical.config.yaml' },
    { model: typicalPractice({ now }) },
    { model: largeTenant(48, { now, tenantKey: 'demo-birchwood', displayName: 'Birchwood Pediatrics' }) },
    { model: withoutExchange },
    { model: { ...largeTenant(22, { now, tenantKey: 'demo-northgate', displayName: 'Northgate Physical Therapy' }), intuneLicensed: false } },
    // Its administrator never opened the consent link: no service principal of the MSP's app.
    { model: { ...largeTenant(15, { now, tenantKey: 'demo-summit', displayName: 'Summit Eye Care' }), servicePrincipals: [] } },
  ].map((clinic) => ({ ...clinic, model: grantedAllOptional(clinic.model) })) as { model: M365TenantModel; configFile?: string }[];
  const googleMsp = googleCompliantPractice({ now });
  const googleClinics = [
    { model: googleMsp, name: googleMsp.rootOrgUnit.name, configFile: 'examples/configs/cedar-creek-pediatrics.config.yaml' },
    { model: delegatedToServiceAccountOf(googleTypicalPractice({ now }), googleMsp), name: googleTypicalPractice({ now }).rootOrgUnit.name },
    { model: delegatedToServiceAccountOf(googleLargeTenant(30, { now }), googleMsp), name: 'Bayview Family Medicine' },
  ];
  return {
    simulator: { m365: [msp, ...m365Clinics.map((clinic) => clinic.model)], entra: { apps: [app] }, google: googleClinics.map((clinic) => clinic.model) },
    m365App: { homeTenantId: msp.tenantId, clientId: app.appId, clientSecret: simulatedClientSecret(app, now.getTime()) },
    googleKey: simulatedServiceAccountKey(googleMsp),
    tenants: [
      ...m365Clinics.map(({ model, configFile }): DemoPortfolioTenant => ({ provider: 'm365', tenantId: model.tenantId, name: model.displayName, ...(configFile ? { configFile } : {}) })),
      ...googleClinics.map(({ model, name, configFile }): DemoPortfolioTenant => ({
        provider: 'google-workspace',
        customerId: model.customer.id,
        subject: googleSuperAdmin(model),
        name,
        ...(configFile ? { configFile } : {}),
      })),
    ],
  };
}
