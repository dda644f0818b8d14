import { hasEntraIdP1, type ActivityBasedTimeoutPolicy, type ConditionalAccessPolicy } from '../model.js';
import { insufficientPrivileges, missingScopes, nonPremiumTenant } from './errors.js';
import { GRAPH_ROOT, ok, type Json, type JsonObject } from './http.js';
import { contextUrl, parseSelect, project } from './odata.js';
import { hasAnyRole, ROUTE_PERMISSIONS } from './permissions.js';
import { asJson, boundedPageSize, parseCollectionQuery, serveCollection, unsimulatedOption, type Route } from './route.js';
import { entitySchema } from './schema.js';

const SECURITY_DEFAULTS_SCHEMA = entitySchema('identitySecurityDefaultsEnforcementPolicy');
const CONDITIONAL_ACCESS_SCHEMA = entitySchema('conditionalAccessPolicy');
const TIMEOUT_POLICY_SCHEMA = entitySchema('activityBasedTimeoutPolicy');

/** These lists are small; the simulator pages them at 100 like other Graph collections (unconfirmed for these). */
const POLICY_PAGE_SIZE = 100;

/** `GET /policies/identitySecurityDefaultsEnforcementPolicy`: the fixed policy object of the docs' example. */
export const securityDefaultsRoute: Route = {
  pattern: /^\/policies\/identitySecurityDefaultsEnforcementPolicy\/?$/i,
  name: 'GET /policies/identitySecurityDefaultsEnforcementPolicy',
  options: ['select'],
  handle(route) {
    const unsupported = unsimulatedOption(route, this.options, this.name);
    if (unsupported) return unsupported;
    const select = parseSelect(route.ctx, route.query.get('select'), SECURITY_DEFAULTS_SCHEMA);
    if (!select.ok) return select.response;
    if (!hasAnyRole(route.caller.roles, ROUTE_PERMISSIONS['/policies/identitysecuritydefaultsenforcementpolicy'])) {
      return missingScopes(route.ctx);
    }
    const policy: JsonObject = {
      description:
        'Security defaults is a set of basic identity security mechanisms recommended by Microsoft. When enabled, these recommendations will be automatically enforced in your organization. Administrators and users will be better protected from common identity related attacks.',
      displayName: 'Security Defaults',
      id: '00000000-0000-0000-0000-000000000005',
      isEnabled: route.caller.tenant.securityDefaults.isEnabled,
    };
    const body = select.value === null ? policy : project(policy, select.value, SECURITY_DEFAULTS_SCHEMA);
    return ok(route.ctx, { '@odata.context': contextUrl('policies/identitySecurityDefaultsEnforcementPolicy', select.value), ...body });
  },
};

/**
 * Grant controls; a required authentication strength comes inline with its own context annotation,
 * as Graph returns this contained navigation property.
 */
function grantControlsResource(policy: ConditionalAccessPolicy): Json {
  const grant = policy.grantControls;
  if (grant === null) return null;
  const { authenticationStrength, ...controls } = grant;
  const resource: JsonObject = { ...(asJson(controls) as JsonObject) };
  if (authenticationStrength !== undefined) {
    resource['authenticationStrength@odata.context'] =
      `${GRAPH_ROOT}/$metadata#identity/conditionalAccess/policies('${policy.id}')/grantControls/authenticationStrength/$entity`;
    resource['authenticationStrength'] = asJson(authenticationStrength);
  }
  return resource;
}

function conditionalAccessResource(policy: ConditionalAccessPolicy): JsonObject {
  const resource: JsonObject = { id: policy.id };
  if (policy.templateId !== undefined) resource['templateId'] = policy.templateId;
  resource['displayName'] = policy.displayName;
  if (policy.description !== undefined) resource['description'] = policy.description;
  resource['createdDateTime'] = policy.createdDateTime;
  resource['modifiedDateTime'] = policy.modifiedDateTime;
  resource['state'] = policy.state;
  resource['sessionControls'] = asJson(policy.sessionControls);
  resource['conditions'] = asJson(policy.conditions);
  resource['grantControls'] = grantControlsResource(policy);
  return resource;
}

/** `GET /identity/conditionalAccess/policies`: needs Policy.Read.All and Entra ID P1. */
export const conditionalAccessPoliciesRoute: Route = {
  pattern: /^\/identity\/conditionalAccess\/policies\/?$/i,
  name: 'GET /identity/conditionalAccess/policies',
  options: ['select', 'top', 'skiptoken'],
  handle(route) {
    const query = parseCollectionQuery(route, this, CONDITIONAL_ACCESS_SCHEMA);
    if ('status' in query) return query;
    if (!hasAnyRole(route.caller.roles, ROUTE_PERMISSIONS['/identity/conditionalaccess/policies'])) return missingScopes(route.ctx);
    if (!hasEntraIdP1(route.caller.tenant)) return nonPremiumTenant(route.ctx);
    return serveCollection(route, route.caller.tenant.conditionalAccessPolicies, {
      schema: CONDITIONAL_ACCESS_SCHEMA,
      // The documented example's context is "#conditionalAccess/policies" (conditionalaccessroot-list-policies).
      contextPath: 'conditionalAccess/policies',
      select: query.select,
      pageSize: boundedPageSize(route, query.top, POLICY_PAGE_SIZE, POLICY_PAGE_SIZE),
      resource: conditionalAccessResource,
    });
  },
};

function timeoutPolicyResource(policy: ActivityBasedTimeoutPolicy): JsonObject {
  const resource: JsonObject = { definition: asJson(policy.definition), displayName: policy.displayName };
  if (policy.description !== undefined) resource['description'] = policy.description;
  resource['isOrganizationDefault'] = policy.isOrganizationDefault;
  resource['id'] = policy.id;
  return resource;
}

/** `GET /policies/activityBasedTimeoutPolicies`: a directory policy list (Policy.Read.All). */
export const activityBasedTimeoutPoliciesRoute: Route = {
  pattern: /^\/policies\/activityBasedTimeoutPolicies\/?$/i,
  name: 'GET /policies/activityBasedTimeoutPolicies',
  options: ['select', 'top', 'skiptoken'],
  handle(route) {
    const query = parseCollectionQuery(route, this, TIMEOUT_POLICY_SCHEMA);
    if ('status' in query) return query;
    if (!hasAnyRole(route.caller.roles, ROUTE_PERMISSIONS['/policies/activitybasedtimeoutpolicies'])) {
      // A directory-backed policy: the directory's refusal (Authorization_RequestDenied).
      return insufficientPrivileges(route.ctx);
    }
    return serveCollection(route, route.caller.tenant.activityBasedTimeoutPolicies, {
      schema: TIMEOUT_POLICY_SCHEMA,
      contextPath: 'policies/activityBasedTimeoutPolicies',
      select: query.select,
      pageSize: boundedPageSize(route, query.top, POLICY_PAGE_SIZE, POLICY_PAGE_SIZE),
      resource: timeoutPolicyResource,
    });
  },
};
