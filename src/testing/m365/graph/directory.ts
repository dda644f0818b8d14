import { verifiedDomains } from '../entra/directory.js';
import { deterministicGuid } from '../guid.js';
import type { M365RoleAssignment, M365SubscribedSku, M365TenantModel } from '../model.js';
import { insufficientPrivileges, notSimulated, permissionScopeNotGranted } from './errors.js';
import type { JsonObject } from './http.js';
import { hasAnyRole, ROUTE_PERMISSIONS } from './permissions.js';
import { asJson, boundedPageSize, parseCollectionQuery, serveCollection, type Route } from './route.js';
import { contextUrl } from './odata.js';
import { entitySchema } from './schema.js';

const SKU_SCHEMA = entitySchema('subscribedSku');
const SUBSCRIPTION_SCHEMA = entitySchema('companySubscription');
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

/**
 * The principal an assignment names, as `$expand=principal` serves it: the directory object with
 * its derived type in `@odata.type` (rbacapplication-list-roleassignments, example 1, shows users;
 * groups and service principals are the other documented principals). A principal no longer in
 * the directory is served as null.
 */
function principalResource(tenant: M365TenantModel, principalId: string): JsonObject | null {
  const id = principalId.toLowerCase();
  const user = tenant.users.find((candidate) => candidate.id.toLowerCase() === id);
  if (user) {
    // The documented example's properties, in its order (the model keeps no IM addresses, and the
    // alias is the UPN's local part).
    return {
      '@odata.type': '#microsoft.graph.user',
      id: user.id,
      accountEnabled: user.accountEnabled,
      displayName: user.displayName,
      imAddresses: [],
      mail: user.mail ?? null,
      mailNickname: user.userPrincipalName.split('@')[0]!,
      userType: user.userType,
    };
  }
  const group = tenant.groups.find((candidate) => candidate.id.toLowerCase() === id);
  if (group) {
    return {
      '@odata.type': '#microsoft.graph.group',
      id: group.id,
      description: group.description ?? null,
      displayName: group.displayName,
      // Only role-assignable groups can hold a directory role.
      isAssignableToRole: true,
      mailEnabled: group.mailEnabled ?? false,
      securityEnabled: group.securityEnabled ?? true,
    };
  }
  const app = (tenant.enterpriseApps ?? []).find((candidate) => candidate.id.toLowerCase() === id);
  if (app) return { '@odata.type': '#microsoft.graph.servicePrincipal', id: app.id, appId: app.appId, displayName: app.displayName };
  return null;
}

/** Unconfirmed page size for role assignments; tenants of the size we simulate have few. */
const ROLE_ASSIGNMENT_PAGE_SIZE = 100;

/** `GET /roleManagement/directory/roleAssignments`, with `$expand=principal` as documented. */
export const roleAssignmentsRoute: Route = {
  pattern: /^\/roleManagement\/directory\/roleAssignments\/?$/i,
  name: 'GET /roleManagement/directory/roleAssignments',
  options: ['select', 'top', 'skiptoken', 'expand'],
  handle(route) {
    const query = parseCollectionQuery(route, this, ROLE_ASSIGNMENT_SCHEMA);
    if ('status' in query) return query;
    const expand = (route.query.get('expand') ?? '').trim();
    if (expand !== '' && expand.toLowerCase() !== 'principal') return notSimulated(route.ctx, `$expand=${expand} on ${this.name}`);
    const permissions = ROUTE_PERMISSIONS['/rolemanagement/directory/roleassignments'];
    if (!hasAnyRole(route.caller.roles, permissions)) return permissionScopeNotGranted(route.ctx, permissions);
    const tenant = route.caller.tenant;
    const served = serveCollection(route, tenant.directoryRoleAssignments, {
      schema: ROLE_ASSIGNMENT_SCHEMA,
      contextPath: 'roleManagement/directory/roleAssignments',
      select: query.select,
      pageSize: boundedPageSize(route, query.top, ROLE_ASSIGNMENT_PAGE_SIZE, ROLE_ASSIGNMENT_PAGE_SIZE),
      resource: roleAssignmentResource,
      // An expanded navigation property is served besides the selected properties (OData).
      ...(expand ? { finish: (rendered: JsonObject, assignment: M365RoleAssignment) => ({ ...rendered, principal: principalResource(tenant, assignment.principalId) }) } : {}),
    });
    if (!expand || served.status !== 200) return served;
    // The context names the expansion: "roleAssignments(principal())" in the documented example.
    const body = served.body as JsonObject;
    return { ...served, body: { ...body, '@odata.context': contextUrl('roleManagement/directory/roleAssignments', [...(query.select ?? []), 'principal()']) } };
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
