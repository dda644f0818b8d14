/**
 * Application permissions that let an app call each simulated GET, copied from the shared
 * reference `graph-permissions.json` (microsoftgraph/microsoft-graph-devx-content permissions.json
 * @ 6cbd6bbd, paths matched case-insensitively, "Application" scheme, GET). A token needs any one.
 * test/testing/reference.test.ts checks these lists against an extract of that file.
 *
 * Note what the reference does NOT list: Directory.Read.All does not open the policy endpoints,
 * the audit logs, the registration report or Intune.
 */
export const ROUTE_PERMISSIONS = {
  '/users': [
    'AgentIdUser.ReadWrite.All',
    'AgentIdUser.ReadWrite.IdentityParentedBy',
    'DeviceManagementApps.Read.All',
    'DeviceManagementApps.ReadWrite.All',
    'DeviceManagementConfiguration.Read.All',
    'DeviceManagementConfiguration.ReadWrite.All',
    'DeviceManagementManagedDevices.Read.All',
    'DeviceManagementManagedDevices.ReadWrite.All',
    'DeviceManagementServiceConfig.Read.All',
    'DeviceManagementServiceConfig.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
    'User.Read.All',
    'User.ReadBasic.All',
    'User.ReadWrite.All',
    'User.ReadWrite.CrossCloud',
  ],
  '/groups/{id}/transitivemembers': [
    'Directory.Read.All',
    'Group.Read.All',
    'Group.ReadBasic.All',
    'Group.ReadWrite.All',
    'GroupMember.Read.All',
    'GroupMember.ReadBasic.All',
    'GroupMember.ReadWrite.All',
  ],
  '/subscribedskus': [
    'Directory.Read.All',
    'Directory.ReadWrite.All',
    'LicenseAssignment.Read.All',
    'Organization.Read.All',
    'Organization.ReadWrite.All',
  ],
  // Not in the devx-content permissions.json; from the directory-list-subscriptions permissions include
  // (microsoft-graph-docs-contrib @ 71eafa24), Application: Organization.Read.All least privileged.
  '/directory/subscriptions': ['Directory.Read.All', 'Organization.Read.All', 'Organization.ReadWrite.All'],
  '/organization': [
    'DeviceManagementConfiguration.Read.All',
    'DeviceManagementConfiguration.ReadWrite.All',
    'DeviceManagementServiceConfig.Read.All',
    'DeviceManagementServiceConfig.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
    'Organization.Read.All',
    'Organization.ReadWrite.All',
    'User.Read.All',
  ],
  '/policies/identitysecuritydefaultsenforcementpolicy': ['Policy.Read.All', 'Policy.ReadWrite.SecurityDefaults'],
  '/identity/conditionalaccess/policies': ['Policy.Read.All'],
  '/policies/activitybasedtimeoutpolicies': ['Policy.Read.All', 'Policy.ReadWrite.ApplicationConfiguration'],
  '/rolemanagement/directory/roleassignments': [
    'Directory.Read.All',
    'Directory.ReadWrite.All',
    'RoleManagement.Read.Directory',
    'RoleManagement.ReadWrite.Directory',
  ],
  '/reports/authenticationmethods/userregistrationdetails': ['AuditLog.Read.All'],
  '/auditlogs/signins': ['AuditLog.Read.All'],
  '/devicemanagement/manageddevices': [
    'DeviceManagementConfiguration.Read.All',
    'DeviceManagementConfiguration.ReadWrite.All',
    'DeviceManagementManagedDevices.Read.All',
    'DeviceManagementManagedDevices.ReadWrite.All',
  ],
  '/devices': ['Device.Read.All', 'Device.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  '/informationprotection/bitlocker/recoverykeys': ['BitlockerKey.Read.All', 'BitlockerKey.ReadBasic.All'],
  // Intune policies, Microsoft 365 Backup, SharePoint settings, enterprise apps and consents, attack simulation training.
  '/devicemanagement/devicecompliancepolicies': ['DeviceManagementConfiguration.Read.All', 'DeviceManagementConfiguration.ReadWrite.All'],
  '/devicemanagement/deviceconfigurations': ['DeviceManagementConfiguration.Read.All', 'DeviceManagementConfiguration.ReadWrite.All'],
  '/devicemanagement/configurationpolicies': ['DeviceManagementConfiguration.Read.All', 'DeviceManagementConfiguration.ReadWrite.All'],
  '/backuprestore': ['BackupRestore-Control.Read.All', 'BackupRestore-Control.ReadWrite.All'],
  '/backuprestore/protectionpolicies': ['BackupRestore-Configuration.Read.All', 'BackupRestore-Configuration.ReadWrite.All'],
  '/backuprestore/protectionunits': ['BackupRestore-Configuration.Read.All', 'BackupRestore-Configuration.ReadWrite.All'],
  '/backuprestore/restoresessions': ['BackupRestore-Restore.Read.All', 'BackupRestore-Restore.ReadWrite.All'],
  '/admin/sharepoint/settings': ['SharePointTenantSettings.Read.All', 'SharePointTenantSettings.ReadWrite.All'],
  '/oauth2permissiongrants': ['DelegatedPermissionGrant.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  '/serviceprincipals': ['Application.Read.All', 'Application.ReadWrite.All', 'Application.ReadWrite.OwnedBy', 'Directory.Read.All'],
  '/serviceprincipals(appid={value})': ['Application.Read.All', 'Application.ReadWrite.All', 'Application.ReadWrite.OwnedBy', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  '/serviceprincipals(appid={value})/approleassignedto': ['Application.Read.All', 'Application.ReadWrite.All', 'Application.ReadWrite.OwnedBy', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  '/serviceprincipals/{id}/approleassignedto': ['Application.Read.All', 'Application.ReadWrite.All', 'Application.ReadWrite.OwnedBy', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  '/reports/security/getattacksimulationtrainingusercoverage': ['AttackSimulation.Read.All'],
} as const satisfies Record<string, readonly string[]>;

/** A simulated route's permission key. */
export type RoutePermissionKey = keyof typeof ROUTE_PERMISSIONS;

/** Permissions that read a user's `signInActivity`, on top of the users list permission (user-list docs). */
export const SIGN_IN_ACTIVITY_PERMISSIONS: readonly string[] = ['AuditLog.Read.All'];

/**
 * Permissions without which Graph returns `employeeLeaveDateTime` (and `employeeHireDate`) as `null`
 * rather than failing: observed in Azure/LogicAppsUX#4925, where an identity without them got nulls.
 */
export const LIFECYCLE_INFO_PERMISSIONS: readonly string[] = ['User-LifeCycleInfo.Read.All', 'User-LifeCycleInfo.ReadWrite.All'];

/**
 * User properties an app holding only User.ReadBasic.All may read ("display name, first and last
 * name, email address, open extensions, and photo", permissions reference), plus id and UPN.
 */
export const USER_BASIC_PROPERTIES: readonly string[] = ['id', 'displayName', 'givenName', 'surname', 'mail', 'userPrincipalName'];

/** Whether the token's roles include any of `needed` (case-insensitive, as Entra role values are matched). */
export function hasAnyRole(roles: ReadonlySet<string>, needed: readonly string[]): boolean {
  return needed.some((permission) => roles.has(permission.toLowerCase()));
}
