import {
  compliantPractice,
  gitHubFederatedCredential,
  googleCompliantPractice,
  googleTypicalPractice,
  simulatedApp,
  typicalPractice,
} from '../../../src/testing/index.js';

/** What the job runs against; the test builds the same models from the same spec to know their ids and people. */
export interface SimulatedJobSpec {
  now: string;
  m365?: 'typical' | 'compliant';
  google?: 'typical' | 'compliant';
  /** The repository the job runs in (the OIDC token's subject); the app's federated credential trusts `contoso/audit` on main. */
  repository: string;
  /** The Google workload identity provider (`projects/N/locations/global/workloadIdentityPools/P/providers/R`). */
  workloadIdentityProvider?: string;
  /** Write the service account's key file here (relative to the working directory): simulated keys live in the process that made them. */
  serviceAccountKeyFile?: string;
  /** Where to record what the fake GitHub and STS endpoints were asked. */
  recordTo: string;
  /** The bundle to run. */
  bundle: string;
}

/** The federated credential of the simulated app trusts this job (docs.github.com "OpenID Connect reference" subject format). */
export const TRUSTED_REPOSITORY = 'contoso/audit';

export function m365Model(spec: Pick<SimulatedJobSpec, 'now' | 'm365'>) {
  return spec.m365 === 'compliant' ? compliantPractice({ now: new Date(spec.now) }) : typicalPractice({ now: new Date(spec.now) });
}

export function googleModel(spec: Pick<SimulatedJobSpec, 'now' | 'google'>) {
  return spec.google === 'compliant' ? googleCompliantPractice({ now: new Date(spec.now) }) : googleTypicalPractice({ now: new Date(spec.now) });
}

/** The app registration in the audited tenant: its default client secret, and a federated credential for the trusted repository's main branch. */
export function m365App(model: ReturnType<typeof m365Model>) {
  return simulatedApp({ homeTenantId: model.tenantId, federatedIdentityCredentials: [gitHubFederatedCredential({ repository: TRUSTED_REPOSITORY })] });
}

