import { deterministicGuid } from '../guid.js';
import type { M365RoleAssignment, M365SubscribedSku, M365TenantModel } from '../model.js';
import { insufficientPrivileges, permissionScopeNotGranted } from './errors.js';
import type { JsonObject } from './http.js';
import { hasAnyRole, ROUTE_PERMISSIONS } from './permissions.js';
import { asJson, boundedPageSize, parseCollectionQuery, serveCollection, type Route } from './route.js';
import { entitySchema } from './schema.js';

const SKU_SCHEMA = entitySchema('subscribedSku');
const SUBSCRIPTION_SCHEMA = entitySchema('companySubscription');
const ROLE_ASSIGNMENT_SCHEMA = entitySchema('unifiedRoleAssignment');

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
 * The companySubscription behind a SKU, in the documented example's key order
 * (directory-list-subscriptions): its id is the SKU's subscription id (subscribedSku.subscriptionIds),
 * `status` the SKU's state, `totalLicenses` its prepaid licences, `serviceStatus` its plans. A trial
 * keeps the product's skuId and part number; only `isTrial` says what it is.
 */
function companySubscriptionResource(tenant: M365TenantModel, sku: M365SubscribedSku): JsonObject {
  const id = deterministicGuid(tenant.tenantId, 'subscription', sku.skuId);
  return {
    createdDateTime: sku.createdDateTime ?? null,
    commerceSubscriptionId: deterministicGuid(tenant.tenantId, 'commerce-subscription', sku.skuId),
    id,
    isTrial: sku.isTrial ?? false,
    nextLifecycleDateTime: sku.nextLifecycleDateTime ?? null,
    serviceStatus: asJson(
      sku.servicePlans.map((plan) => ({ appliesTo: plan.appliesTo, provisioningStatus: plan.provisioningStatus, servicePlanId: plan.servicePlanId, servicePlanName: plan.servicePlanName })),
    ),
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    status: sku.capabilityStatus,
    totalLicenses: sku.prepaidUnits.enabled,
    // Bought by the tenant itself, not through a partner: no owner is recorded.
    ownerId: null,
    ownerTenantId: null,
    ownerType: null,
  };
}

/**
 * `GET /directory/subscriptions`. The page documents no paging, no $top and no errors beyond the
 * generic ones; a tenant has a handful of subscriptions, so it is served in one answer. Without a
 * permission that reads the organisation Graph answers 403 Authorization_RequestDenied.
 */
export const directorySubscriptionsRoute: Route = {
  pattern: /^\/directory\/subscriptions\/?$/i,
  name: 'GET /directory/subscriptions',
  options: ['select'],
  handle(route) {
    const query = parseCollectionQuery(route, this, SUBSCRIPTION_SCHEMA);
    if ('status' in query) return query;
    if (!hasAnyRole(route.caller.roles, ROUTE_PERMISSIONS['/directory/subscriptions'])) return insufficientPrivileges(route.ctx);
    const tenant = route.caller.tenant;
    return serveCollection(route, tenant.subscribedSkus, {
      schema: SUBSCRIPTION_SCHEMA,
      contextPath: 'directory/subscriptions',
      select: query.select,
      resource: (sku) => companySubscriptionResource(tenant, sku),
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
