/**
 * Property names of the Graph v1.0 entity types the simulator serves, copied from the shared
 * reference `graph-v1.0-types.json` (microsoftgraph/msgraph-metadata clean v1.0 metadata @ f54f11b6).
 * `$select` is validated against these lists; test/testing/reference.test.ts keeps them in step
 * with the reference file. `collections` are the collection-valued ones (served as `[]` when unset).
 */
export interface EntityTypeSchema {
  /** The OData type name used in Graph's error messages, e.g. `microsoft.graph.user`. */
  typeName: string;
  properties: readonly string[];
  collections: readonly string[];
}

type EntityName =
  | 'user'
  | 'signIn'
  | 'userRegistrationDetails'
  | 'managedDevice'
  | 'subscribedSku'
  | 'companySubscription'
  | 'conditionalAccessPolicy'
  | 'activityBasedTimeoutPolicy'
  | 'identitySecurityDefaultsEnforcementPolicy'
  | 'unifiedRoleAssignment'
  | 'device'
  | 'bitlockerRecoveryKey'
  | 'organization';

const PROPERTIES: Record<EntityName, { properties: readonly string[]; collections: readonly string[] }> = {
  user: {
    properties: [
      'id', 'deletedDateTime', 'aboutMe', 'accountEnabled', 'ageGroup', 'assignedLicenses', 'assignedPlans',
      'authorizationInfo', 'birthday', 'businessPhones', 'city', 'companyName', 'consentProvidedForMinor',
      'country', 'createdDateTime', 'creationType', 'customSecurityAttributes', 'department',
      'deviceEnrollmentLimit', 'displayName', 'employeeHireDate', 'employeeId', 'employeeLeaveDateTime',
      'employeeOrgData', 'employeeType', 'externalUserState', 'externalUserStateChangeDateTime', 'faxNumber',
      'givenName', 'hireDate', 'identities', 'identityParentId', 'imAddresses', 'interests',
      'isManagementRestricted', 'isResourceAccount', 'jobTitle', 'lastPasswordChangeDateTime',
      'legalAgeGroupClassification', 'licenseAssignmentStates', 'mail', 'mailboxSettings', 'mailNickname',
      'mobilePhone', 'mySite', 'officeLocation', 'onPremisesDistinguishedName', 'onPremisesDomainName',
      'onPremisesExtensionAttributes', 'onPremisesImmutableId', 'onPremisesLastSyncDateTime',
      'onPremisesProvisioningErrors', 'onPremisesSamAccountName', 'onPremisesSecurityIdentifier',
      'onPremisesSyncEnabled', 'onPremisesUserPrincipalName', 'otherMails', 'passwordPolicies',
      'passwordProfile', 'pastProjects', 'postalCode', 'preferredDataLocation', 'preferredLanguage',
      'preferredName', 'print', 'provisionedPlans', 'proxyAddresses', 'responsibilities', 'schools',
      'securityIdentifier', 'serviceProvisioningErrors', 'showInAddressList', 'signInActivity',
      'signInSessionsValidFromDateTime', 'skills', 'state', 'streetAddress', 'surname', 'usageLocation',
      'userPrincipalName', 'userType',
    ],
    collections: [
      'assignedLicenses', 'assignedPlans', 'businessPhones', 'identities', 'imAddresses', 'interests',
      'licenseAssignmentStates', 'onPremisesProvisioningErrors', 'otherMails', 'pastProjects',
      'provisionedPlans', 'proxyAddresses', 'responsibilities', 'schools', 'serviceProvisioningErrors',
      'skills',
    ],
  },
  signIn: {
    properties: [
      'id', 'appDisplayName', 'appId', 'appliedConditionalAccessPolicies', 'authenticationAppDeviceDetails',
      'clientAppUsed', 'conditionalAccessStatus', 'correlationId', 'createdDateTime', 'deviceDetail',
      'homeTenantId', 'ipAddress', 'isInteractive', 'location', 'resourceDisplayName', 'resourceId',
      'resourceTenantId', 'riskDetail', 'riskEventTypes', 'riskEventTypes_v2', 'riskLevelAggregated',
      'riskLevelDuringSignIn', 'riskState', 'servicePrincipalId', 'servicePrincipalName', 'status',
      'userAgent', 'userDisplayName', 'userId', 'userPrincipalName',
    ],
    collections: ['appliedConditionalAccessPolicies', 'riskEventTypes', 'riskEventTypes_v2'],
  },
  userRegistrationDetails: {
    properties: [
      'id', 'isAdmin', 'isMfaCapable', 'isMfaRegistered', 'isPasswordlessCapable', 'isSsprCapable',
      'isSsprEnabled', 'isSsprRegistered', 'isSystemPreferredAuthenticationMethodEnabled',
      'lastUpdatedDateTime', 'methodsRegistered', 'systemPreferredAuthenticationMethods', 'userDisplayName',
      'userPreferredMethodForSecondaryAuthentication', 'userPrincipalName', 'userType',
    ],
    collections: ['methodsRegistered', 'systemPreferredAuthenticationMethods'],
  },
  managedDevice: {
    properties: [
      'id', 'activationLockBypassCode', 'androidSecurityPatchLevel', 'azureADDeviceId', 'azureADRegistered',
      'complianceGracePeriodExpirationDateTime', 'complianceState',
      'configurationManagerClientEnabledFeatures', 'deviceActionResults', 'deviceCategoryDisplayName',
      'deviceEnrollmentType', 'deviceHealthAttestationState', 'deviceName', 'deviceRegistrationState',
      'easActivated', 'easActivationDateTime', 'easDeviceId', 'emailAddress', 'enrolledDateTime',
      'enrollmentProfileName', 'ethernetMacAddress', 'exchangeAccessState', 'exchangeAccessStateReason',
      'exchangeLastSuccessfulSyncDateTime', 'freeStorageSpaceInBytes', 'iccid', 'imei', 'isEncrypted',
      'isSupervised', 'jailBroken', 'lastSyncDateTime', 'managedDeviceName', 'managedDeviceOwnerType',
      'managementAgent', 'managementCertificateExpirationDate', 'managementState', 'manufacturer', 'meid',
      'model', 'notes', 'operatingSystem', 'osVersion', 'partnerReportedThreatState', 'phoneNumber',
      'physicalMemoryInBytes', 'remoteAssistanceSessionErrorDetails', 'remoteAssistanceSessionUrl',
      'requireUserEnrollmentApproval', 'serialNumber', 'subscriberCarrier', 'totalStorageSpaceInBytes', 'udid',
      'userDisplayName', 'userId', 'userPrincipalName', 'wiFiMacAddress',
    ],
    collections: ['deviceActionResults'],
  },
  organization: {
    properties: [
      'id', 'deletedDateTime', 'assignedPlans', 'businessPhones', 'city', 'country', 'countryLetterCode',
      'createdDateTime', 'defaultUsageLocation', 'displayName', 'marketingNotificationEmails',
      'mobileDeviceManagementAuthority', 'onPremisesLastSyncDateTime', 'onPremisesSyncEnabled', 'partnerTenantType',
      'postalCode', 'preferredLanguage', 'privacyProfile', 'provisionedPlans', 'securityComplianceNotificationMails',
      'securityComplianceNotificationPhones', 'state', 'street', 'technicalNotificationMails', 'tenantType',
      'verifiedDomains',
    ],
    collections: [
      'assignedPlans', 'businessPhones', 'marketingNotificationEmails', 'provisionedPlans',
      'securityComplianceNotificationMails', 'securityComplianceNotificationPhones', 'technicalNotificationMails',
      'verifiedDomains',
    ],
  },
  subscribedSku: {
    properties: [
      'id', 'accountId', 'accountName', 'appliesTo', 'capabilityStatus', 'consumedUnits', 'prepaidUnits',
      'servicePlans', 'skuId', 'skuPartNumber', 'subscriptionIds',
    ],
    collections: ['servicePlans', 'subscriptionIds'],
  },
  // companySubscription is not in graph-v1.0-types.json; its properties are those of the clean v1.0
  // metadata's EntityType (BaseType graph.entity), as test/testing/fixtures/graph-reference/graph-v1.0/directory-list-subscriptions.json records.
  companySubscription: {
    properties: [
      'id', 'commerceSubscriptionId', 'createdDateTime', 'isTrial', 'nextLifecycleDateTime', 'ownerId', 'ownerTenantId', 'ownerType',
      'serviceStatus', 'skuId', 'skuPartNumber', 'status', 'totalLicenses',
    ],
    collections: ['serviceStatus'],
  },
  conditionalAccessPolicy: {
    properties: [
      'deletedDateTime', 'conditions', 'createdDateTime', 'description', 'displayName', 'grantControls', 'id',
      'modifiedDateTime', 'sessionControls', 'state', 'templateId',
    ],
    collections: [

    ],
  },
  activityBasedTimeoutPolicy: {
    properties: [
      'id', 'deletedDateTime', 'description', 'displayName', 'definition', 'isOrganizationDefault',
    ],
    collections: ['definition'],
  },
  identitySecurityDefaultsEnforcementPolicy: {
    properties: ['id', 'deletedDateTime', 'description', 'displayName', 'isEnabled'],
    collections: [

    ],
  },
  unifiedRoleAssignment: {
    properties: [
      'id', 'appScopeId', 'condition', 'directoryScopeId', 'principalId', 'principalOrganizationId',
      'roleDefinitionId',
    ],
    collections: [

    ],
  },
  // device and bitlockerRecoveryKey: from the same metadata's CSDL (graph-v1.0-cleanMetadata.xml),
  // inherited properties included; graph-v1.0-types.json does not cover them.
  device: {
    properties: [
      'id', 'deletedDateTime', 'accountEnabled', 'alternativeSecurityIds', 'approximateLastSignInDateTime',
      'complianceExpirationDateTime', 'deviceCategory', 'deviceId', 'deviceMetadata', 'deviceOwnership',
      'deviceVersion', 'displayName', 'enrollmentProfileName', 'enrollmentType', 'isCompliant', 'isManaged',
      'isManagementRestricted', 'isRooted', 'managementType', 'manufacturer', 'mdmAppId', 'model',
      'onPremisesLastSyncDateTime', 'onPremisesSecurityIdentifier', 'onPremisesSyncEnabled', 'operatingSystem',
      'operatingSystemVersion', 'physicalIds', 'profileType', 'registrationDateTime', 'systemLabels', 'trustType',
    ],
    collections: ['alternativeSecurityIds', 'physicalIds', 'systemLabels'],
  },
  bitlockerRecoveryKey: {
    properties: ['id', 'createdDateTime', 'deviceId', 'key', 'volumeType'],
    collections: [

    ],
  },
};

/** The schema of `microsoft.graph.<name>`. */
export function entitySchema(name: EntityName): EntityTypeSchema {
  return { typeName: `microsoft.graph.${name}`, ...PROPERTIES[name] };
}

/**
 * Properties Graph will not return in a list of users, only for a single user: selecting one on
 * `GET /users` gives 501 NotImplemented (user-list docs; see microsoft-graph-docs-contrib#5637 for
 * `preferredName`). The docs' list names these.
 */
export const USER_PROPERTIES_NOT_IN_LISTS: readonly string[] = [
  'aboutMe',
  'birthday',
  'hireDate',
  'interests',
  'mailboxSettings',
  'mySite',
  'pastProjects',
  'preferredName',
  'responsibilities',
  'schools',
  'skills',
];

/** What `GET /users` returns without `$select` (user-list docs: "a default set of properties"). */
export const USER_DEFAULT_PROPERTIES: readonly string[] = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];
