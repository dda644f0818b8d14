/**
 * The simulated Microsoft 365 tenant: model types, scenarios, a credential and msw handlers that
 * answer as Microsoft Graph v1.0.
 */
export type {
  ActivityBasedTimeoutPolicy,
  CmdletFaultTarget,
  AppliedConditionalAccessPolicy,
  AssignedLicense,
  AuthenticationStrengthPolicy,
  BitlockerRecoveryKey,
  BitlockerVolumeType,
  CapabilityStatus,
  ComplianceState,
  ConditionalAccessApplications,
  ConditionalAccessClientApp,
  ConditionalAccessConditionSet,
  ConditionalAccessDevicePlatform,
  ConditionalAccessFilter,
  ConditionalAccessGrantControl,
  ConditionalAccessGrantControls,
  ConditionalAccessGuestsOrExternalUsers,
  ConditionalAccessPolicy,
  ConditionalAccessSessionControls,
  ConditionalAccessUsers,
  DeviceTrustType,
  EntraDevice,
  FaultPath,
  Guid,
  IsoDateTime,
  M365Faults,
  M365Group,
  M365RoleAssignment,
  M365SubscribedSku,
  M365TenantModel,
  M365User,
  ManagedDevice,
  RiskLevel,
  ServerErrorFault,
  ServicePlanInfo,
  SignInActivity,
  SignInEvent,
  SignInFrequencySessionControl,
  ThrottleFault,
  UserDefaultAuthenticationMethod,
  UserRegistrationDetails,
} from './model.js';
export { ENTRA_ID_P1_SERVICE_PLANS, hasEntraIdP1 } from './model.js';
export type {
  BackupModel,
  BackupProtectionPolicy,
  BackupProtectionUnit,
  BackupRestoreSession,
  BackupWorkload,
  EnterpriseApp,
  IntuneAssignmentTarget,
  IntunePoliciesModel,
  IntuneV1Policy,
  SettingsCatalogPolicy,
  SettingsCatalogSetting,
  SharePointSettingsModel,
  TrainingCoverageEntry,
} from './safeguards-model.js';
export { DEFENDER_FOR_OFFICE_P2_SKU_ID, defenderForOfficeP2 } from './safeguards-scenarios.js';
export {
  SIMULATED_APP_ID,
  simulatedCredential,
  unknownTenantCredential,
  type SimulatedCredentialOptions,
  type SimulatedTokenClaims,
} from './credential.js';
export * from './entra/index.js';
export { createGraphHandlers, type GraphHandlerOptions } from './handlers.js';
export { createExchangeHandlers, type ExchangeHandlerOptions } from './exchange/handlers.js';
export type {
  ComplianceEndpointBehaviour,
  DlpCompliancePolicy,
  DlpComplianceRule,
  DlpLocation,
  ExchangeAdminAuditLogConfig,
  ExchangeIrmConfiguration,
  ExchangeMailbox,
  ExchangeOnlineModel,
  ExchangeOrganizationConfig,
  ExchangeOutboundConnector,
  ExchangeTransportRule,
  AcceptedDomain,
  HostedOutboundSpamFilterPolicy,
  HostedOutboundSpamFilterRule,
  RemoteDomain,
  MailboxRecipientType,
  SensitiveInformationTypeMatch,
  UnifiedAuditLogRetentionDuration,
  UnifiedAuditLogRetentionPolicy,
} from './exchange/model.js';
export { EXCHANGE_ROLE_TEMPLATES } from './exchange/model.js';
export { E5_COMPLIANCE_SKU_ID, SENSITIVE_INFORMATION_TYPES } from './exchange/scenario-kit.js';
export { EXCHANGE_MANAGE_AS_APP } from './exchange/scenarios.js';
export { SimulatorRequestLog, type SimulatedRequest, type SimulatedRequestFilter } from './request-log.js';
export {
  compliantPractice,
  typicalPractice,
  largeTenant,
  practiceFleet,
  practiceFleetModels,
  COMPLIANT_BREAK_GLASS_UPN,
  COMPLIANT_PRACTICE_SHARED_MAILBOXES,
  COMPLIANT_PRACTICE_TENANT_ID,
  TYPICAL_PRACTICE_TENANT_ID,
  TYPICAL_PRACTICE_ACCOUNTS,
  LARGE_TENANT_ID,
  type ScenarioOptions,
} from './scenarios.js';
export { CONSENT_READ_PERMISSION, SCENARIO_PERMISSIONS } from './scenario-kit.js';
export { deterministicGuid } from './guid.js';
