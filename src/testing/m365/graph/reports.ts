import { hasEntraIdP1, type SignInEvent, type UserRegistrationDetails } from '../model.js';
import { graphError, msGraphPermissionMissing, nonPremiumTenant } from './errors.js';
import type { JsonObject } from './http.js';
import { hasAnyRole, ROUTE_PERMISSIONS } from './permissions.js';
import { asJson, boundedPageSize, parseCollectionQuery, serveCollection, type Route } from './route.js';
import { entitySchema } from './schema.js';
import { FilterSyntaxError, parseSignInFilter, type SignInPredicate } from './signin-filter.js';

const REGISTRATION_SCHEMA = entitySchema('userRegistrationDetails');
const SIGN_IN_SCHEMA = entitySchema('signIn');

/** Unconfirmed: the registration report's page limits are not documented; we page at 100 by default and at most 999. */
const REGISTRATION_DEFAULT_PAGE_SIZE = 100;
const REGISTRATION_MAX_PAGE_SIZE = 999;

/** Sign-ins take `$top` up to 1000; without `$top` we page at 1000 (unconfirmed default). */
const SIGN_IN_MAX_PAGE_SIZE = 1000;

/** `microsoft.graph.userRegistrationDetails` in the documented example's key order. */
function registrationResource(details: UserRegistrationDetails): JsonObject {
  return {
    id: details.id,
    userPrincipalName: details.userPrincipalName,
    userDisplayName: details.userDisplayName,
    isAdmin: details.isAdmin,
    isSsprRegistered: details.isSsprRegistered,
    isSsprEnabled: details.isSsprEnabled,
    isSsprCapable: details.isSsprCapable,
    isMfaRegistered: details.isMfaRegistered,
    isMfaCapable: details.isMfaCapable,
    isPasswordlessCapable: details.isPasswordlessCapable,
    lastUpdatedDateTime: details.lastUpdatedDateTime,
    methodsRegistered: asJson(details.methodsRegistered),
    isSystemPreferredAuthenticationMethodEnabled: details.isSystemPreferredAuthenticationMethodEnabled,
    systemPreferredAuthenticationMethods: asJson(details.systemPreferredAuthenticationMethods),
    userPreferredMethodForSecondaryAuthentication: details.userPreferredMethodForSecondaryAuthentication,
    userType: details.userType,
  };
}

/** `GET /reports/authenticationMethods/userRegistrationDetails`: AuditLog.Read.All and Entra ID P1. */
export const userRegistrationDetailsRoute: Route = {
  pattern: /^\/reports\/authenticationMethods\/userRegistrationDetails\/?$/i,
  name: 'GET /reports/authenticationMethods/userRegistrationDetails',
  options: ['select', 'top', 'skiptoken'],
  handle(route) {
    const query = parseCollectionQuery(route, this, REGISTRATION_SCHEMA);
    if ('status' in query) return query;
    const permissions = ROUTE_PERMISSIONS['/reports/authenticationmethods/userregistrationdetails'];
    if (!hasAnyRole(route.caller.roles, permissions)) return msGraphPermissionMissing(route.ctx, permissions);
    if (!hasEntraIdP1(route.caller.tenant)) return nonPremiumTenant(route.ctx);
    return serveCollection(route, route.caller.tenant.userRegistrationDetails, {
      schema: REGISTRATION_SCHEMA,
      contextPath: 'reports/authenticationMethods/userRegistrationDetails',
      select: query.select,
      pageSize: boundedPageSize(route, query.top, REGISTRATION_DEFAULT_PAGE_SIZE, REGISTRATION_MAX_PAGE_SIZE),
      resource: registrationResource,
    });
  },
};

/** A signIn with the documented example's properties, in its order, then any optional ones the model sets. */
function signInResource(event: SignInEvent): JsonObject {
  const resource: JsonObject = {
    id: event.id,
    createdDateTime: event.createdDateTime,
    userDisplayName: event.userDisplayName,
    userPrincipalName: event.userPrincipalName,
    userId: event.userId,
    appId: event.appId,
    appDisplayName: event.appDisplayName,
    ipAddress: event.ipAddress,
    clientAppUsed: event.clientAppUsed,
    correlationId: event.correlationId,
    conditionalAccessStatus: event.conditionalAccessStatus,
    isInteractive: event.isInteractive,
    riskDetail: event.riskDetail,
    riskLevelAggregated: event.riskLevelAggregated,
    riskLevelDuringSignIn: event.riskLevelDuringSignIn,
    riskState: event.riskState,
    riskEventTypes: asJson(event.riskEventTypes),
    resourceDisplayName: event.resourceDisplayName,
    resourceId: event.resourceId,
    status: asJson(event.status),
    deviceDetail: asJson(event.deviceDetail),
    location: asJson(event.location),
    appliedConditionalAccessPolicies: asJson(event.appliedConditionalAccessPolicies),
  };
  if (event.userAgent !== undefined) resource['userAgent'] = event.userAgent;
  return resource;
}

/**
 * `GET /auditLogs/signIns`: AuditLog.Read.All and Entra ID P1; newest first (the sign-in log's
 * default order); `$top` 1..1000; `$filter` in the grammar of signin-filter.ts.
 */
export const signInsRoute: Route = {
  pattern: /^\/auditLogs\/signIns\/?$/i,
  name: 'GET /auditLogs/signIns',
  options: ['select', 'top', 'skiptoken', 'filter'],
  handle(route) {
    const query = parseCollectionQuery(route, this, SIGN_IN_SCHEMA);
    if ('status' in query) return query;
    let predicate: SignInPredicate = () => true;
    const filter = route.query.get('filter');
    if (filter !== undefined) {
      try {
        predicate = parseSignInFilter(filter);
      } catch (error) {
        if (!(error instanceof FilterSyntaxError)) throw error;
        // Unconfirmed wording: OData's "Invalid filter clause" with the parser's reason.
        return graphError(route.ctx, 400, 'BadRequest', `Invalid filter clause: ${error.message}.`);
      }
    }
    const permissions = ROUTE_PERMISSIONS['/auditlogs/signins'];
    if (!hasAnyRole(route.caller.roles, permissions)) return msGraphPermissionMissing(route.ctx, permissions);
    if (!hasEntraIdP1(route.caller.tenant)) return nonPremiumTenant(route.ctx);
    const top = query.top;
    if (top !== null && (top < 1 || top > SIGN_IN_MAX_PAGE_SIZE)) {
      // Unconfirmed wording for the sign-in log, modelled on the directory's page-size error.
      return graphError(route.ctx, 400, 'BadRequest', `Invalid page size specified: '${top}'. Must be between 1 and ${SIGN_IN_MAX_PAGE_SIZE} inclusive.`);
    }
    const events = route.caller.tenant.signIns
      .filter(predicate)
      .sort((a, b) => Date.parse(b.createdDateTime) - Date.parse(a.createdDateTime));
    return serveCollection(route, events, {
      schema: SIGN_IN_SCHEMA,
      contextPath: 'auditLogs/signIns',
      select: query.select,
      pageSize: top ?? SIGN_IN_MAX_PAGE_SIZE,
      resource: signInResource,
    });
  },
};
