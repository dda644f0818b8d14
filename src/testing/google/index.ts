/**
 * The simulated Google Workspace customer: model types, scenarios, service-account credentials
 * and msw handlers that answer as Google's token endpoint, IAM Credentials, the Admin SDK
 * (Directory, Reports), the Cloud Identity Policy, Devices and inbound SSO APIs and the Licensing API.
 */
import { compliantPractice, largeTenant, typicalPractice } from './scenarios.js';

export type {
  ActivityParameter,
  CloudIdentityDeviceModel,
  DomainWideDelegationGrant,
  DriveExternalSharingValue as GoogleDriveExternalSharingValue,
  GmailAutoForwardingValue as GoogleGmailAutoForwardingValue,
  GoogleAdminPrivilege,
  GoogleApiService,
  GoogleFaultPath,
  GoogleFaults,
  GoogleOrgUnitModel,
  GooglePolicyModel,
  GoogleRootOrgUnitModel,
  GoogleServerErrorFault,
  GoogleThrottleFault,
  GoogleTimestamp,
  GoogleUserModel,
  GoogleUserRateLimitFault,
  GoogleWorkspaceModel,
  InboundOidcSsoProfileModel,
  InboundSamlSsoProfileModel,
  InboundSsoAssignmentModel,
  InboundSsoModel,
  LicenseAssignmentModel,
  LoginActivityModel,
  MobileDeviceModel,
  ServiceAccountPublicKey,
  SimulatedCloudProject,
  SimulatedCustomer,
  SimulatedServiceAccount,
  SimulatedWorkloadIdentity,
} from './model.js';
export { ALL_AUDIT_APIS as GOOGLE_AUDIT_APIS, ALL_GOOGLE_AUDIT_SCOPES, GOOGLE_SCOPES, NEVER_LOGGED_IN } from './model.js';
export {
  createServiceAccountKeyPair,
  googleSuperAdmin,
  processServiceAccountKeyPair,
  processServiceAccountPublicKeys,
  simulatedFederatedToken,
  simulatedServiceAccountKey,
  wronglySignedServiceAccountKey,
  type SimulatedKeyPair,
  type SimulatedServiceAccountKeyFile,
} from './credential.js';
export { createGoogleHandlers, GOOGLE_HOSTS, type GoogleHandlerOptions } from './handlers.js';
export { effectivePolicyValue as effectiveGooglePolicyValue, isTwoStepEnforcedAt as isGoogleTwoStepEnforcedAt } from './resolve.js';
export {
  DLP_TRIGGERS as GOOGLE_DLP_TRIGGERS,
  GOOGLE_WORKSPACE_SKUS,
  SETTING_TYPES as GOOGLE_SETTING_TYPES,
  dlpDetector as googleDlpDetector,
  dlpRuleValue as googleDlpRuleValue,
  driveExternalSharingValue as googleDriveExternalSharingValue,
  type GoogleSku,
} from './scenario-kit.js';
export {
  GOOGLE_COMPLIANT_PRACTICE_ACCOUNTS,
  GOOGLE_COMPLIANT_PRACTICE_CUSTOMER_ID,
  GOOGLE_LARGE_TENANT_CUSTOMER_ID,
  GOOGLE_TYPICAL_PRACTICE_ACCOUNTS,
  GOOGLE_TYPICAL_PRACTICE_CUSTOMER_ID,
  delegatedToServiceAccountOf,
  type GoogleScenarioOptions,
} from './scenarios.js';

/** {@link compliantPractice} under a name that does not clash with the Microsoft 365 scenario. */
export const googleCompliantPractice = compliantPractice;
/** {@link typicalPractice} under a name that does not clash with the Microsoft 365 scenario. */
export const googleTypicalPractice = typicalPractice;
/** {@link largeTenant} under a name that does not clash with the Microsoft 365 scenario. */
export const googleLargeTenant = largeTenant;

/**
 * The Google Workspace scenarios, namespaced: `google.compliantPractice()`,
 * `google.typicalPractice()`, `google.largeTenant(n)`.
 *
 * @example
 * const simulator = startSimulator({ google: [google.typicalPractice({ now })] });
 */
export const google = { compliantPractice, typicalPractice, largeTenant } as const;
