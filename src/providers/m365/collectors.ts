import type { CollectContext, DatasetCollector } from '../types.js';
import { roleNamePrefixes } from '../../core/role-names.js';
import type { DatasetTypes } from '../../datasets/index.js';
import type { Requirement } from '../../core/permissions.js';
import { DatasetError, ENTRA_P1, NON_PREMIUM_CODE } from './errors.js';
import { exchangeCollectors, type ExchangeCollectContext, type ExchangeDatasetName } from './exchange-collectors.js';
import { type GraphSession } from './graph-client.js';
import { GraphRequestError } from './graph-errors.js';
import { collectBackup, collectConsentedApps, collectDeviceLockPolicies, collectSharePointSettings, collectTrainingCoverage } from './safeguard-collectors.js';
import type { ConditionalAccessPolicy, GraphUser, M365DatasetName, SignIn } from '../../datasets/m365.js';
import { readSubscribedSkus } from './shared-reads.js';
import { TOOL_VERSION } from '../../version.js';

/** What an M365 collector gets: a Graph session for the tenant plus the common context. */
export interface M365CollectContext extends CollectContext {
  graph: GraphSession;
}

type M365Collector<N extends keyof DatasetTypes> = DatasetCollector<N, M365CollectContext>;

const graphPermission = (name: string, purpose: string, optional = false): Requirement => ({
  kind: 'graph-application-permission',
  name,
  purpose,
  ...(optional ? { optional } : {}),
});
const entraP1 = (purpose: string, optional = false): Requirement => ({ kind: 'license', name: ENTRA_P1, purpose, ...(optional ? { optional } : {}) });

/** Graph's largest page for /users (and for users with signInActivity selected). */
const USERS_PAGE_SIZE = 999;
const USER_FIELDS = [
  'id',
  'displayName',
  'userPrincipalName',
  'accountEnabled',
  'userType',
  'mail',
  'proxyAddresses',
  'otherMails',
  'creationType',
  'createdDateTime',
  'employeeLeaveDateTime',
  'onPremisesSyncEnabled',
  'assignedLicenses',
] as const;

const usersRequirements: Requirement[] = [
  graphPermission('User.Read.All', 'list users with their state and licences'),
  { ...graphPermission('AuditLog.Read.All', 'read signInActivity (last sign-in)', true), field: 'signInActivity' },
  // Without it Graph answers employeeLeaveDateTime as null, silently, so it is required, not optional.
  { ...graphPermission('User-LifeCycleInfo.Read.All', 'read employeeLeaveDateTime (Graph returns null without it)'), field: 'employeeLeaveDateTime' },
  { ...entraP1('signInActivity is only returned to Entra ID P1 tenants', true), field: 'signInActivity' },
];

/** Permissions under which Graph returns employeeLeaveDateTime instead of a silent null. */
const LEAVE_DATE_PERMISSIONS = ['User-LifeCycleInfo.Read.All', 'User-LifeCycleInfo.ReadWrite.All'];

/** Whether the token's roles let Graph return leave dates (a null is otherwise indistinguishable from "no date"). */
async function leaveDatesReadable(graph: GraphSession, note: (text: string) => void): Promise<{ available: boolean; detail?: string }> {
  const roles = await graph.appRoles().catch(() => undefined);
  if (roles === undefined) return { available: true, detail: 'the token does not list its permissions; leave dates taken as readable' };
  if (roles.some((role) => LEAVE_DATE_PERMISSIONS.includes(role))) return { available: true };
  const detail = 'employeeLeaveDateTime needs the Graph application permission User-LifeCycleInfo.Read.All (without it Graph returns null)';
  note(`leave dates unavailable: ${detail}`);
  return { available: false, detail };
}

export const collectUsers: M365Collector<'m365.users'> = {
  name: 'm365.users',
  description: 'Users with state, licences, leave date and sign-in activity (one paged list call).',
  reads: [`GET /users ($select ${[...USER_FIELDS, 'signInActivity'].join(', ')}; $top ${USERS_PAGE_SIZE}), and again without signInActivity when it is refused`],
  weight: 5,
  requirements: usersRequirements,
  async collect({ graph, note }) {
    const leaveDates = await leaveDatesReadable(graph, note);
    try {
      const { items } = await graph.list<GraphUser>('/users', { select: [...USER_FIELDS, 'signInActivity'], top: USERS_PAGE_SIZE });
      return { users: items, signInActivity: { available: true }, leaveDates };
    } catch (error) {
      // signInActivity needs AuditLog.Read.All and P1; without them Graph refuses the whole list,
      // so list again without it and let only the controls that need it degrade.
      if (!(error instanceof GraphRequestError) || error.failure.status !== 403) throw error;
      const licence = error.failure.code === NON_PREMIUM_CODE;
      const reason = licence
        ? { kind: 'license' as const, detail: `sign-in activity needs ${ENTRA_P1}`, needs: [ENTRA_P1] }
        : {
            kind: 'permission' as const,
            detail: 'sign-in activity needs the Graph application permission AuditLog.Read.All',
            needs: ['Graph application permission AuditLog.Read.All'],
          };
      note(`signInActivity unavailable: ${reason.detail}`);
      const { items } = await graph.list<GraphUser>('/users', { select: USER_FIELDS, top: USERS_PAGE_SIZE });
      return { users: items, signInActivity: { available: false, reason }, leaveDates };
    }
  },
};

export const collectSecurityDefaults: M365Collector<'m365.securityDefaults'> = {
  name: 'm365.securityDefaults',
  description: 'Whether security defaults are on.',
  reads: ['GET /policies/identitySecurityDefaultsEnforcementPolicy (isEnabled)'],
  requirements: [graphPermission('Policy.Read.All', 'read security defaults and Conditional Access')],
  async collect({ graph }) {
    const policy = await graph.get<{ isEnabled: boolean }>('/policies/identitySecurityDefaultsEnforcementPolicy');
    return { isEnabled: policy.isEnabled };
  },
};

type RoleAssignment = DatasetTypes['m365.roleAssignments']['assignments'][number];
type RoleAssignmentAnswer = Omit<RoleAssignment, 'principalType'> & { principal?: { '@odata.type'?: string } | null };

const ROLE_ASSIGNMENTS_READ = 'GET /roleManagement/directory/roleAssignments ($select id, principalId, roleDefinitionId, directoryScopeId; $expand principal)';

/**
 * Every directory role assignment with what its principal is. A role may be held by a user, a
 * role-assignable group or a service principal; only the expanded principal's @odata.type tells
 * which (rbacapplication-list-roleassignments, example 1). Read once per audit: the Conditional
 * Access collector needs the same answer to find the groups holding the roles policies name.
 */
function readRoleAssignments(context: M365CollectContext): Promise<RoleAssignment[]> {
  const read = async () => {
    const { items } = await context.graph.list<RoleAssignmentAnswer>('/roleManagement/directory/roleAssignments', {
      select: ['id', 'principalId', 'roleDefinitionId', 'directoryScopeId'],
      expand: 'principal',
    });
    return items.map(({ principal, ...assignment }) => {
      const type = principal?.['@odata.type']?.replace(/^#microsoft\.graph\./, '');
      return type ? { ...assignment, principalType: type } : assignment;
    });
  };
  return context.shared ? context.shared.once('m365:roleAssignments', read) : read();
}

function referencedGroups(policies: readonly ConditionalAccessPolicy[]): string[] {
  const groups = new Set<string>();
  for (const policy of policies) {
    const users = policy.conditions.users;
    for (const id of [...(users?.includeGroups ?? []), ...(users?.excludeGroups ?? [])]) groups.add(id);
  }
  return [...groups].sort();
}

/** The directory roles policies include or exclude. */
function referencedRoles(policies: readonly ConditionalAccessPolicy[]): Set<string> {
  const roles = new Set<string>();
  for (const policy of policies) {
    const users = policy.conditions.users;
    for (const id of [...(users?.includeRoles ?? []), ...(users?.excludeRoles ?? [])]) roles.add(id);
  }
  return roles;
}

const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const collectConditionalAccess: M365Collector<'m365.conditionalAccess'> = {
  name: 'm365.conditionalAccess',
  description:
    'Conditional Access policies, and the transitive members of the groups they name, of the groups holding the directory roles they name, and of break-glass groups (batched).',
  reads: [
    'GET /identity/conditionalAccess/policies',
    `${ROLE_ASSIGNMENTS_READ}, when a policy names directory roles (shared with m365.roleAssignments)`,
    'GET /groups/{id}/transitiveMembers/microsoft.graph.user ($select id) for each group a policy includes or excludes, each group holding tenant-wide a role a policy includes or excludes, and each object id in breakGlassAccounts, 20 to a $batch',
  ],
  weight: 3,
  requirements: [
    graphPermission('Policy.Read.All', 'read Conditional Access policies'),
    graphPermission('GroupMember.Read.All', 'resolve the members of groups named in policies'),
    // Optional here: without it the policies are still read, and the controls whose policies name
    // roles are not assessed for want of the role assignments (m365.roleAssignments needs it too).
    graphPermission('RoleManagement.Read.Directory', 'find the groups holding directory roles that policies name', true),
    entraP1('Conditional Access needs Entra ID P1 (without it only security defaults count)', true),
  ],
  async collect(context) {
    const { graph, note, options } = context;
    let policies: ConditionalAccessPolicy[];
    try {
      ({ items: policies } = await graph.list<ConditionalAccessPolicy>('/identity/conditionalAccess/policies'));
    } catch (error) {
      // Without Entra ID P1 a tenant cannot enforce Conditional Access at all, so "no policy in
      // force" is the truth, not missing data: security defaults alone decide those controls.
      if (error instanceof GraphRequestError && error.failure.code === NON_PREMIUM_CODE) {
        note(`the tenant has no ${ENTRA_P1}, so no Conditional Access policy can be enforced`);
        return { policies: [], groupMembers: {}, unresolvedGroups: [] };
      }
      throw error;
    }
    const named = referencedGroups(policies);
    // A role a policy names may be held by a role-assignable group: its members hold the role,
    // so they are read like the groups policies name. Only tenant-wide assignments count.
    const roles = referencedRoles(policies);
    let roleGroups: string[] = [];
    let roleGroupsUnread: string | undefined;
    if (roles.size > 0) {
      try {
        const assignments = await readRoleAssignments(context);
        roleGroups = [
          ...new Set(
            assignments
              .filter((a) => a.principalType === 'group' && roles.has(a.roleDefinitionId) && (a.directoryScopeId ?? '/') === '/')
              .map((a) => a.principalId),
          ),
        ].filter((id) => !named.includes(id));
      } catch (error) {
        // A cancelled audit stops here; any other failure leaves only the role-holding groups unread.
        if (error instanceof Error && error.name === 'AbortError') throw error;
        const failure = error instanceof GraphRequestError ? `${error.failure.status} ${error.failure.code}: ${error.failure.message}` : String(error);
        roleGroupsUnread = `the role assignments that show which groups hold the directory roles policies name could not be read (${failure})`;
        note(roleGroupsUnread);
      }
    }
    // Break-glass entries given as object ids may be groups (Microsoft advises excluding an
    // emergency-access group): read their members too. A user's id answers 404 here and is skipped.
    const known = new Set([...named, ...roleGroups]);
    const candidates = [...new Set(options.breakGlassAccounts.filter((entry) => OBJECT_ID.test(entry)).map((entry) => entry.toLowerCase()))].filter((id) => !known.has(id));
    const groups = [...named, ...roleGroups, ...candidates];
    const paths = groups.map((id) => `/groups/${id}/transitiveMembers/microsoft.graph.user?$select=id&$top=999`);
    const answers = await graph.batchList<{ id: string }>(paths);
    const groupMembers: Record<string, string[]> = {};
    const unresolvedGroups: { groupId: string; detail: string }[] = [];
    groups.forEach((groupId, index) => {
      const answer = answers.get(paths[index]!);
      if (answer?.ok) groupMembers[groupId] = answer.items.map((member) => member.id);
      else if (answer?.failure.status === 404 && candidates.includes(groupId)) {
        // Not a group (a break-glass user's id, or a deleted group): nothing to record.
      } else if (answer?.failure.status === 404) {
        // Policies keep the ids of deleted groups; a deleted group has no members to cover or exempt.
        groupMembers[groupId] = [];
        note(`group ${groupId} named in a policy or holding a role no longer exists; counted as empty`);
      } else {
        const failure = answer?.failure;
        unresolvedGroups.push({ groupId, detail: failure ? `${failure.status} ${failure.code}: ${failure.message}` : 'no answer' });
      }
    });
    return { policies, groupMembers, unresolvedGroups, ...(roleGroupsUnread ? { roleGroupsUnread } : {}) };
  },
};

export const collectRoleAssignments: M365Collector<'m365.roleAssignments'> = {
  name: 'm365.roleAssignments',
  description: 'Directory role assignments (who holds which admin role: a user, a role-assignable group or a service principal).',
  reads: [ROLE_ASSIGNMENTS_READ],
  weight: 2,
  requirements: [graphPermission('RoleManagement.Read.Directory', 'list directory role assignments')],
  async collect(context) {
    return { assignments: await readRoleAssignments(context) };
  },
};

/** The largest page userRegistrationDetails serves; its default is 100, which multiplies requests. */
const REGISTRATION_PAGE_SIZE = 999;

export const collectRegistrationDetails: M365Collector<'m365.registrationDetails'> = {
  name: 'm365.registrationDetails',
  description: 'Authentication-method registration per user (MFA capable or not).',
  reads: [`GET /reports/authenticationMethods/userRegistrationDetails ($top ${REGISTRATION_PAGE_SIZE})`],
  weight: 5,
  requirements: [graphPermission('AuditLog.Read.All', 'read authentication method registration'), entraP1('registration reports need Entra ID P1')],
  async collect({ graph }) {
    const { items } = await graph.list<DatasetTypes['m365.registrationDetails']['registrations'][number]>(
      '/reports/authenticationMethods/userRegistrationDetails',
      {
        select: ['id', 'userPrincipalName', 'userDisplayName', 'isAdmin', 'isMfaCapable', 'isMfaRegistered', 'methodsRegistered', 'userType'],
        top: REGISTRATION_PAGE_SIZE,
      },
    );
    return { registrations: items };
  },
};

/** Graph's largest page for sign-ins. */
const SIGN_INS_PAGE_SIZE = 1000;
/** Bound on sign-in pages read, so a busy account cannot make the audit unbounded. */
const SIGN_INS_MAX_PAGES = 10;

function escapeODataString(value: string): string {
  return value.replaceAll("'", "''");
}

export const collectRoleAccountSignIns: M365Collector<'m365.roleAccountSignIns'> = {
  name: 'm365.roleAccountSignIns',
  description: 'Recent sign-ins of accounts with role-like names, filtered on the server and bounded.',
  reads: [`GET /auditLogs/signIns ($filter createdDateTime and startswith(userPrincipalName) for the role-like names; at most ${SIGN_INS_MAX_PAGES} pages of ${SIGN_INS_PAGE_SIZE})`],
  weight: 3,
  requirements: [graphPermission('AuditLog.Read.All', 'read sign-in logs'), entraP1('sign-in logs through Graph need Entra ID P1')],
  async collect({ graph, options, now }) {
    const since = new Date(now.getTime() - options.signInLookbackDays * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    // Prefixes wide enough for every address the control's name rule can match.
    const namePatterns = roleNamePrefixes(options.sharedAccountNames);
    if (namePatterns.length === 0) return { namePatterns, since, signIns: [], truncated: false };
    const names = namePatterns.map((name) => `startswith(userPrincipalName,'${escapeODataString(name)}')`).join(' or ');
    const { items, truncated } = await graph.list<SignIn>('/auditLogs/signIns', {
      filter: `createdDateTime ge ${since} and (${names})`,
      top: SIGN_INS_PAGE_SIZE,
      maxPages: SIGN_INS_MAX_PAGES,
    });
    return { namePatterns, since, signIns: items, truncated };
  },
};

export const collectSubscribedSkus: M365Collector<'m365.subscribedSkus'> = {
  name: 'm365.subscribedSkus',
  description: "The tenant's subscriptions and their service plans.",
  reads: ['GET /subscribedSkus'],
  requirements: [graphPermission('LicenseAssignment.Read.All', 'list subscriptions (subscribedSkus)')],
  async collect(context) {
    return { skus: await readSubscribedSkus(context) };
  },
};

/** The companySubscription properties read: no serviceStatus, which lists every service plan again. */
const SUBSCRIPTION_FIELDS = ['id', 'skuId', 'skuPartNumber', 'isTrial', 'status', 'nextLifecycleDateTime', 'totalLicenses', 'createdDateTime'] as const;

export const collectSubscriptions: M365Collector<'m365.subscriptions'> = {
  name: 'm365.subscriptions',
  description: "The tenant's commercial subscriptions: whether each is a trial, its state and when it next changes.",
  reads: [`GET /directory/subscriptions ($select ${SUBSCRIPTION_FIELDS.join(', ')})`],
  // directory-list-subscriptions: Organization.Read.All is the least privilege (LicenseAssignment.Read.All is for /subscribedSkus only).
  requirements: [graphPermission('Organization.Read.All', 'list commercial subscriptions (directory/subscriptions) to tell trials from paid plans')],
  async collect({ graph }) {
    const { items } = await graph.list<DatasetTypes['m365.subscriptions']['subscriptions'][number]>('/directory/subscriptions', { select: SUBSCRIPTION_FIELDS });
    return { subscriptions: items };
  },
};

export const collectActivityTimeoutPolicies: M365Collector<'m365.activityTimeoutPolicies'> = {
  name: 'm365.activityTimeoutPolicies',
  description: 'Activity-based (idle session) timeout policies.',
  reads: ['GET /policies/activityBasedTimeoutPolicies'],
  requirements: [graphPermission('Policy.Read.All', 'read activity-based timeout policies')],
  async collect({ graph }) {
    const { items } = await graph.list<DatasetTypes['m365.activityTimeoutPolicies']['policies'][number]>(
      '/policies/activityBasedTimeoutPolicies',
    );
    return { policies: items };
  },
};

const MANAGED_DEVICE_FIELDS = [
  'id',
  'deviceName',
  'operatingSystem',
  'isEncrypted',
  'userPrincipalName',
  'userId',
  'complianceState',
  'lastSyncDateTime',
  'azureADDeviceId',
] as const;

export const collectManagedDevices: M365Collector<'m365.managedDevices'> = {
  name: 'm365.managedDevices',
  description: 'Intune-managed devices and whether each reports encryption.',
  reads: [`GET /deviceManagement/managedDevices ($select ${MANAGED_DEVICE_FIELDS.join(', ')})`],
  weight: 2,
  requirements: [
    graphPermission('DeviceManagementManagedDevices.Read.All', 'list Intune managed devices'),
    { kind: 'license', name: 'Microsoft Intune', purpose: 'managed devices exist only with Intune' },
  ],
  async collect({ graph }) {
    try {
      const { items } = await graph.list<DatasetTypes['m365.managedDevices']['devices'][number]>('/deviceManagement/managedDevices', {
        select: MANAGED_DEVICE_FIELDS,
      });
      return { devices: items };
    } catch (error) {
      // Intune answers tenants without an Intune licence with 400 "Request not applicable to target tenant."
      if (error instanceof GraphRequestError && error.failure.status === 400 && /not applicable to target tenant/i.test(error.failure.message)) {
        throw new DatasetError({
          kind: 'license',
          detail: 'the tenant has no Microsoft Intune licence, so no device is managed',
          needs: ['Microsoft Intune (e.g. in Microsoft 365 Business Premium)'],
          status: 400,
          code: error.failure.code,
        });
      }
      throw error;
    }
  },
};

/** Directory lists take `$top` up to 999 (the same cap as /users). */
const DEVICES_PAGE_SIZE = 999;
const ENTRA_DEVICE_FIELDS = [
  'id',
  'deviceId',
  'displayName',
  'operatingSystem',
  'operatingSystemVersion',
  'trustType',
  'accountEnabled',
  'approximateLastSignInDateTime',
  'isManaged',
  'isCompliant',
  'registrationDateTime',
] as const;

export const collectEntraDevices: M365Collector<'m365.devices'> = {
  name: 'm365.devices',
  description: 'Devices in Entra ID: joined, hybrid joined and registered, with their last sign-in (one paged list call).',
  reads: [`GET /devices ($select ${ENTRA_DEVICE_FIELDS.join(', ')}; $top ${DEVICES_PAGE_SIZE})`],
  weight: 2,
  requirements: [graphPermission('Device.Read.All', 'list the devices in Entra ID (joined, hybrid joined, registered)')],
  async collect({ graph }) {
    const { items } = await graph.list<DatasetTypes['m365.devices']['devices'][number]>('/devices', { select: ENTRA_DEVICE_FIELDS, top: DEVICES_PAGE_SIZE });
    return { devices: items };
  },
};

/**
 * The BitLocker API documents `User-Agent` as a required header. The Graph SDK middleware we use sets
 * none (Node's fetch would send only "node"), so we name ourselves.
 */
const BITLOCKER_HEADERS = { 'User-Agent': `tenant-audit/${TOOL_VERSION}` } as const;

export const collectBitlockerKeys: M365Collector<'m365.bitlockerKeys'> = {
  name: 'm365.bitlockerKeys',
  description: 'Which devices have a BitLocker recovery key escrowed in Entra ID (key metadata only, never the key), in one paged list.',
  // The list documents neither $select nor $top ("does not support $top"): it is asked as documented
  // and never returns the key itself.
  reads: ['GET /informationProtection/bitlocker/recoveryKeys (id, createdDateTime, deviceId, volumeType; paged by @odata.nextLink; User-Agent header)'],
  // A key or more per Windows device, in pages of a size the API does not document: a long list.
  weight: 4,
  requirements: [graphPermission('BitlockerKey.ReadBasic.All', 'list BitLocker recovery key metadata (which device and volume; not the key)')],
  async collect({ graph }) {
    const { items } = await graph.list<DatasetTypes['m365.bitlockerKeys']['keys'][number]>('/informationProtection/bitlocker/recoveryKeys', {
      headers: BITLOCKER_HEADERS,
    });
    return { keys: items.map(({ id, createdDateTime, deviceId, volumeType }) => ({ id, createdDateTime, deviceId, volumeType })) };
  },
};

/** Every Graph-backed M365 collector, by the dataset it fills. */
export const graphCollectors = {
  'm365.users': collectUsers,
  'm365.securityDefaults': collectSecurityDefaults,
  'm365.conditionalAccess': collectConditionalAccess,
  'm365.roleAssignments': collectRoleAssignments,
  'm365.registrationDetails': collectRegistrationDetails,
  'm365.roleAccountSignIns': collectRoleAccountSignIns,
  'm365.subscribedSkus': collectSubscribedSkus,
  'm365.subscriptions': collectSubscriptions,
  'm365.activityTimeoutPolicies': collectActivityTimeoutPolicies,
  'm365.managedDevices': collectManagedDevices,
  'm365.devices': collectEntraDevices,
  'm365.bitlockerKeys': collectBitlockerKeys,
  'm365.deviceLockPolicies': collectDeviceLockPolicies,
  'm365.backup': collectBackup,
  'm365.sharePointSettings': collectSharePointSettings,
  'm365.consentedApps': collectConsentedApps,
  'm365.trainingCoverage': collectTrainingCoverage,
} satisfies { [K in M365DatasetName]: M365Collector<K> };

/** Every M365 collector (Graph and Exchange admin API), by the dataset it fills. */
export const m365Collectors = { ...graphCollectors, ...exchangeCollectors } satisfies {
  [K in M365DatasetName]: M365Collector<K>;
} & { [K in ExchangeDatasetName]: DatasetCollector<K, ExchangeCollectContext> };
