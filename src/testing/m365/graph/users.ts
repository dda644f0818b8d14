import { hasEntraIdP1, type M365TenantModel, type M365User } from '../model.js';
import { graphError, insufficientPrivileges, msGraphPermissionMissing, nonPremiumTenant, resourceNotFound } from './errors.js';
import type { GraphResponse, JsonObject } from './http.js';
import { parseSelect, parseTop } from './odata.js';
import {
  hasAnyRole,
  LIFECYCLE_INFO_PERMISSIONS,
  ROUTE_PERMISSIONS,
  SIGN_IN_ACTIVITY_PERMISSIONS,
  USER_BASIC_PROPERTIES,
} from './permissions.js';
import { asJson, serveCollection, unsimulatedOption, wantsCount, type Route, type RouteContext } from './route.js';
import { entitySchema, USER_DEFAULT_PROPERTIES, USER_PROPERTIES_NOT_IN_LISTS } from './schema.js';

const USER_SCHEMA = entitySchema('user');

/** Directory lists page 100 objects by default and take `$top` from 1 to 999 (user-list docs). */
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 999;
/**
 * "When you specify $select=signInActivity or $filter=signInActivity while listing users, the
 * maximum page size for $top is 120. Requests with $top set higher than 120 return pages with up
 * to 120 users." (user-list docs)
 */
const SIGN_IN_ACTIVITY_PAGE_SIZE = 120;

/** Graph's answer to a `$top` outside 1..999 on a directory list (quoted by several Graph clients). */
export function invalidPageSize(route: RouteContext, top: number): GraphResponse {
  return graphError(route.ctx, 400, 'Request_UnsupportedQuery', `Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.`);
}

/** Graph's "expired/invalid page token" answer for directory lists. */
export function badDirectoryPageToken(route: RouteContext): GraphResponse {
  return graphError(
    route.ctx,
    400,
    'Directory_ExpiredPageToken',
    'The specified page token value has expired and can no longer be included in your request.',
  );
}

/** The user as Graph holds it: model properties plus `null` for the optional ones not set. */
function userResource(user: M365User, canReadLifecycleInfo: boolean): JsonObject {
  const resource: JsonObject = {
    id: user.id,
    displayName: user.displayName,
    userPrincipalName: user.userPrincipalName,
    accountEnabled: user.accountEnabled,
    userType: user.userType,
    createdDateTime: user.createdDateTime,
    // Without User-LifeCycleInfo.Read.All Graph answers these as null, not with an error.
    employeeLeaveDateTime: canReadLifecycleInfo ? user.employeeLeaveDateTime : null,
    employeeHireDate: canReadLifecycleInfo ? (user.employeeHireDate ?? null) : null,
    assignedLicenses: asJson(user.assignedLicenses),
    onPremisesSyncEnabled: user.onPremisesSyncEnabled,
    givenName: user.givenName ?? null,
    surname: user.surname ?? null,
    mail: user.mail ?? null,
    proxyAddresses: asJson(user.proxyAddresses ?? []),
    otherMails: asJson(user.otherMails ?? []),
    externalUserState: user.externalUserState ?? null,
    creationType: user.creationType ?? null,
    jobTitle: user.jobTitle ?? null,
    department: user.department ?? null,
    mobilePhone: user.mobilePhone ?? null,
    officeLocation: user.officeLocation ?? null,
    preferredLanguage: user.preferredLanguage ?? null,
    businessPhones: asJson(user.businessPhones ?? []),
    usageLocation: user.usageLocation ?? null,
  };
  if (user.signInActivity !== null) resource['signInActivity'] = asJson(user.signInActivity);
  return resource;
}

interface UserListPlan {
  select: string[] | null;
  pageSize: number;
}

/**
 * Validates a user-list request the way Graph does, in Graph's order: query syntax (400), the
 * list permission (403), properties Graph will not list (501), page size (400), then what
 * `signInActivity` needs: AuditLog.Read.All (403) and Entra ID P1 (403).
 */
function planUserList(route: RouteContext, listPermissions: readonly string[]): UserListPlan | GraphResponse {
  const select = parseSelect(route.ctx, route.query.get('select'), USER_SCHEMA);
  if (!select.ok) return select.response;
  const top = parseTop(route.ctx, route.query.get('top'));
  if (!top.ok) return top.response;

  const roles = route.caller.roles;
  if (!hasAnyRole(roles, listPermissions)) return insufficientPrivileges(route.ctx);
  const fullRead = listPermissions.filter((permission) => permission !== 'User.ReadBasic.All' && permission !== 'GroupMember.ReadBasic.All');
  const selected = select.value ?? USER_DEFAULT_PROPERTIES;
  if (!hasAnyRole(roles, fullRead) && select.value !== null && select.value.some((name) => !USER_BASIC_PROPERTIES.includes(name))) {
    // Unconfirmed: we assume Graph refuses non-basic properties to an app holding only *.ReadBasic.All.
    return insufficientPrivileges(route.ctx);
  }

  const listOnly = selected.find((name) => USER_PROPERTIES_NOT_IN_LISTS.includes(name));
  if (listOnly !== undefined) {
    return graphError(route.ctx, 501, 'NotImplemented', 'This operation target is not yet supported.');
  }
  if (top.value !== null && (top.value < 1 || top.value > MAX_PAGE_SIZE)) return invalidPageSize(route, top.value);

  let pageSize = top.value ?? DEFAULT_PAGE_SIZE;
  if (selected.includes('signInActivity')) {
    if (!hasAnyRole(roles, SIGN_IN_ACTIVITY_PERMISSIONS)) return msGraphPermissionMissing(route.ctx, SIGN_IN_ACTIVITY_PERMISSIONS);
    if (!hasEntraIdP1(route.caller.tenant)) return nonPremiumTenant(route.ctx);
    pageSize = Math.min(pageSize, SIGN_IN_ACTIVITY_PAGE_SIZE);
  }
  return { select: select.value, pageSize };
}

function renderUsers(route: RouteContext, users: readonly M365User[], plan: UserListPlan, entitySet: string): GraphResponse {
  const canReadLifecycleInfo = hasAnyRole(route.caller.roles, LIFECYCLE_INFO_PERMISSIONS);
  const basicOnly = !hasAnyRole(
    route.caller.roles,
    ROUTE_PERMISSIONS['/users'].filter((permission) => permission !== 'User.ReadBasic.All'),
  );
  const properties = plan.select ?? USER_DEFAULT_PROPERTIES;
  return serveCollection(route, users, {
    schema: USER_SCHEMA,
    contextPath: entitySet,
    select: plan.select,
    pageSize: plan.pageSize,
    resource: (user) => userResource(user, canReadLifecycleInfo),
    defaultSelect: USER_DEFAULT_PROPERTIES,
    finish: (projected, user) => {
      // A user who never signed in has no signInActivity: Graph leaves the property out (MicrosoftDocs/azure-docs#59529).
      if (user.signInActivity === null) delete projected['signInActivity'];
      if (basicOnly) for (const name of properties) if (!USER_BASIC_PROPERTIES.includes(name)) projected[name] = null;
      return projected;
    },
    badToken: () => badDirectoryPageToken(route),
    count: wantsCount(route) ? users.length : undefined,
  });
}

const LIST_OPTIONS = ['select', 'top', 'skiptoken', 'count'];

/** `GET /users` */
export const listUsersRoute: Route = {
  pattern: /^\/users\/?$/i,
  name: 'GET /users',
  options: LIST_OPTIONS,
  handle(route) {
    const unsupported = unsimulatedOption(route, LIST_OPTIONS, 'GET /users');
    if (unsupported) return unsupported;
    const plan = planUserList(route, ROUTE_PERMISSIONS['/users']);
    if ('status' in plan) return plan;
    return renderUsers(route, route.caller.tenant.users, plan, 'users');
  },
};

/** Members of a group, nested groups flattened, each user once, in breadth-first order. */
export function transitiveUserMembers(tenant: M365TenantModel, groupId: string): M365User[] {
  const groupsById = new Map(tenant.groups.map((group) => [group.id.toLowerCase(), group]));
  const usersById = new Map(tenant.users.map((user) => [user.id.toLowerCase(), user]));
  const seenGroups = new Set<string>([groupId.toLowerCase()]);
  const seenUsers = new Set<string>();
  const members: M365User[] = [];
  const queue = [groupId.toLowerCase()];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const group = groupsById.get(next);
    if (!group) continue;
    for (const userId of group.memberUserIds) {
      const user = usersById.get(userId.toLowerCase());
      if (user && !seenUsers.has(user.id.toLowerCase())) {
        seenUsers.add(user.id.toLowerCase());
        members.push(user);
      }
    }
    for (const nested of group.memberGroupIds) {
      if (!seenGroups.has(nested.toLowerCase())) {
        seenGroups.add(nested.toLowerCase());
        queue.push(nested.toLowerCase());
      }
    }
  }
  return members;
}

/**
 * `GET /groups/{id}/transitiveMembers/microsoft.graph.user`: the OData cast keeps only users.
 * The advanced-queries docs list "OData cast" with `$count=true` among advanced queries; the cast
 * alone is served without `ConsistencyLevel`, as Graph does for members lists.
 */
export const groupTransitiveUsersRoute: Route = {
  pattern: /^\/groups\/([^/]+)\/transitiveMembers\/(?:microsoft\.)?graph\.user\/?$/i,
  name: 'GET /groups/{id}/transitiveMembers/microsoft.graph.user',
  options: LIST_OPTIONS,
  handle(route) {
    const unsupported = unsimulatedOption(route, LIST_OPTIONS, this.name);
    if (unsupported) return unsupported;
    const plan = planUserList(route, ROUTE_PERMISSIONS['/groups/{id}/transitivemembers']);
    if ('status' in plan) return plan;
    const groupId = route.params[0] ?? '';
    const group = route.caller.tenant.groups.find((candidate) => candidate.id.toLowerCase() === groupId.toLowerCase());
    if (!group) return resourceNotFound(route.ctx, groupId);
    return renderUsers(route, transitiveUserMembers(route.caller.tenant, group.id), plan, 'users');
  },
};
