/**
 * The simulated Microsoft Entra token service (login.microsoftonline.com): app registrations,
 * their credentials and service principals, helpers to make certificates and federated tokens,
 * and the msw handlers.
 */
export type {
  EntraAppRegistration,
  EntraFault,
  EntraFaultKind,
  EntraFaultTarget,
  EntraFederatedIdentityCredential,
  EntraKeyCredential,
  EntraPasswordCredential,
  EntraServicePrincipal,
  EntraSignInAudience,
  EntraSimulatorOptions,
} from './model.js';
export {
  servicePrincipalFor,
  simulatedApp,
  simulatedClientSecret,
  verifiedDomains,
  type SimulatedAppOptions,
  type SimulatedSecret,
} from './directory.js';
export {
  createRsaKeyPair,
  createSelfSignedCertificate,
  keyCredentialFor,
  type SelfSignedCertificateOptions,
  type SimulatedCertificate,
  type SimulatedRsaKeyPair,
} from './x509.js';
export {
  AZURE_AD_TOKEN_EXCHANGE_AUDIENCE,
  GITHUB_ACTIONS_ISSUER,
  gitHubSubject,
  gitHubFederatedCredential,
  simulatedOidcToken,
  simulatedGitHubOidcToken,
  type GitHubWorkflowIdentity,
  type SimulatedOidcTokenOptions,
  type SimulatedGitHubOidcTokenOptions,
} from './federation.js';
export { createEntraHandlers, type EntraHandlerOptions } from './handlers.js';
