import { verifiedDomains } from '../entra/directory.js';
import { deterministicGuid } from '../guid.js';
import type { M365RoleAssignment, M365SubscribedSku, M365TenantModel } from '../model.js';
import { insufficientPrivileges, permissionScopeNotGranted } from './errors.js';
import type { JsonObject } from './http.js';
import { hasAnyRole, ROUTE_PERMISSIONS } from './permissions.js';
import { asJson, boundedPageSize, parseCollectionQuery, serveCollection, type Route } from './route.js';
import { entitySchema } from './schema.js';

const SKU_SCHEMA = entitySchema('subscribedSku');
const ROLE_ASSIGNMENT_SCHEMA = entitySchema('unifiedRoleAssignment');
const ORGANIZATION_SCHEMA = entitySchema('organization');

/** Licences in use: the model's figure, or the users holding the SKU. */
function consumedUnits(tenant: M365TenantModel, sku: M365SubscribedSku): number {
  if (sku.consumedUnits !== undefined) return sku.consumedUnits;
  const skuId = sku.skuId.toLowerCase();
  return tenant.users.filter((user) => user.assignedLicenses.some((licence) => licence.skuId.toLowerCase() === skuId)).length;
}

/** A subscribedSku in the documented example's key order, then the other v1.0 properties. */
function skuResource(tenant: M365TenantModel, sku: M365SubscribedSku): JsonObject {
  return {
    capabilityStatus: sku.capabilityStatus,
    consumedUnits: consumedUnits(tenant, sku),
    // Graph's id is "<tenant id>_<sku id>" (subscribedsku-list example).
    id: `${tenant.tenantId}_${sku.skuId}`,
    prepaidUnits: {
      enabled: sku.prepaidUnits.enabled,
      suspended: sku.prepaidUnits.suspended,
      warning: sku.prepaidUnits.warning,
      lockedOut: sku.prepaidUnits.lockedOut ?? 0,
    },
    servicePlans: asJson(sku.servicePlans),
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    appliesTo: sku.appliesTo ?? 'User',
    accountId: tenant.tenantId,
    accountName: tenant.displayName,
    subscriptionIds: [deterministicGuid(tenant.tenantId, 'subscription', sku.skuId)],
  };
}

/** `GET /subscribedSkus`: not paged (a tenant has a handful). */
export const subscribedSkusRoute: Route = {
  pattern: /^\/subscribedSkus\/?$/i,
  name: 'GET /subscribedSkus',
  options: ['select'],
  handle(route) {
    const query = parseCollectionQuery(route, this, SKU_SCHEMA);
    if ('status' in query) return query;
    if (!hasAnyRole(route.caller.roles, ROUTE_PERMISSIONS['/subscribedskus'])) return insufficientPrivileges(route.ctx);
    const tenant = route.caller.tenant;
    return serveCollection(route, tenant.subscribedSkus, {
      schema: SKU_SCHEMA,
      contextPath: 'subscribedSkus',
      select: query.select,
      resource: (sku) => skuResource(tenant, sku),
    });
  },
};

/**
 * A unifiedRoleAssignment with the v1.0 schema's properties. The documented example also shows
 * `resourceScope`, which the current v1.0 metadata no longer has; we follow the metadata.
 */
function roleAssignmentResource(assignment: M365RoleAssignment): JsonObject {
  return {
    id: assignment.id,
    principalId: assignment.principalId,
    directoryScopeId: assignment.directoryScopeId,
    roleDefinitionId: assignment.roleDefinitionId,
  };
}

/** Unconfirmed page size for role assignments; tenants of the size we simulate have few. */
const ROLE_ASSIGNMENT_PAGE_SIZE = 100;

/** `GET /roleManagement/directory/roleAssignments` */
export const roleAssignmentsRoute: Route = {
  pattern: /^\/roleManagement\/directory\/roleAssignments\/?$/i,
  name: 'GET /roleManagement/directory/roleAssignments',
  options: ['select', 'top', 'skiptoken'],
  handle(route) {
    const query = parseCollectionQuery(route, this, ROLE_ASSIGNMENT_SCHEMA);
    if ('status' in query) return query;
    const permissions = ROUTE_PERMISSIONS['/rolemanagement/directory/roleassignments'];
    if (!hasAnyRole(route.caller.roles, permissions)) return permissionScopeNotGranted(route.ctx, permissions);
    return serveCollection(route, route.caller.tenant.directoryRoleAssignments, {
      schema: ROLE_ASSIGNMENT_SCHEMA,
      contextPath: 'roleManagement/directory/roleAssignments',
      select: query.select,
      pageSize: boundedPageSize(route, query.top, ROLE_ASSIGNMENT_PAGE_SIZE, ROLE_ASSIGNMENT_PAGE_SIZE),
      resource: roleAssignmentResource,
    });
  },
};

/**
 * The tenant's organization resource as the organization-list example shows it: its id (the tenant
 * id) and `verifiedDomains`, the primary domain being the default and the `.onmicrosoft.com` one
 * the initial domain. Properties the model does not describe are served empty, as for a new tenant.
 */
function organizationResource(tenant: M365TenantModel): JsonObject {
  const domains = verifiedDomains(tenant);
  const initial = domains.find((domain) => /\.onmicrosoft\.com$/i.test(domain)) ?? domains[0];
  return {
    id: tenant.tenantId,
    deletedDateTime: null,
    businessPhones: [],
    city: null,
    country: null,
    countryLetterCode: 'US',
    createdDateTime: '2021-08-02T10:30:06Z',
    displayName: tenant.displayName,
    marketingNotificationEmails: [],
    onPremisesLastSyncDateTime: null,
    onPremisesSyncEnabled: null,
    postalCode: null,
    preferredLanguage: 'en',
    securityComplianceNotificationMails: [],
    securityComplianceNotificationPhones: [],
    state: null,
    street: null,
    technicalNotificationMails: [],
    tenantType: 'AAD',
    assignedPlans: [],
    privacyProfile: { contactEmail: '', statementUrl: '' },
    provisionedPlans: [],
    verifiedDomains: domains.map((name) => ({
      capabilities: 'Email, OfficeCommunicationsOnline',
      isDefault: name.toLowerCase() === tenant.primaryDomain.toLowerCase(),
      isInitial: name === initial,
      name,
      type: 'Managed',
    })),
  };
}

/** `GET /organization`: the caller's own tenant, one item, not paged. */
export const organizationRoute: Route = {
  pattern: /^\/organization\/?$/i,
  name: 'GET /organization',
  options: ['select'],
  handle(route) {
    const query = parseCollectionQuery(route, this, ORGANIZATION_SCHEMA);
    if ('status' in query) return query;
    if (!hasAnyRole(route.caller.roles, ROUTE_PERMISSIONS['/organization'])) return insufficientPrivileges(route.ctx);
    return serveCollection(route, [route.caller.tenant], {
      schema: ORGANIZATION_SCHEMA,
      contextPath: 'organization',
      select: query.select,
      resource: organizationResource,
    });
  },
};
