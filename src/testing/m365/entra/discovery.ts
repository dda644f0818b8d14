import type { M365TenantModel } from '../model.js';
import { findTenant, isTenantIdentifier } from './directory.js';
import { discoveryHeaders, invalidInstance, invalidTenantIdentifier, malformedDiscoveryRequest, tenantNotFound, type EntraRequestContext, type EntraResponse, type Json } from './errors.js';

/**
 * Authority discovery, as MSAL performs it before a token request (msal-common `Authority`:
 * instance discovery, then the tenant's OpenID Connect document). MSAL ships these answers for
 * login.microsoftonline.com and normally skips both requests; other clients, and MSAL with other
 * authority settings, make them. Bodies are the live answers recorded in Azure/azure-sdk-for-js
 * (`sdk/identity/identity/recordings/node/clientsecretcredential/recording_authenticates.js`),
 * with the tenant's id in place of the recording's.
 */

export const LOGIN_HOST = 'login.microsoftonline.com';

/** `metadata` of the instance discovery answer (recorded, 2021; msal-common's built-in copy matches). */
const INSTANCE_METADATA: Json = [
  { preferred_network: 'login.microsoftonline.com', preferred_cache: 'login.windows.net', aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'] },
  { preferred_network: 'login.partner.microsoftonline.cn', preferred_cache: 'login.partner.microsoftonline.cn', aliases: ['login.partner.microsoftonline.cn', 'login.chinacloudapi.cn'] },
  { preferred_network: 'login.microsoftonline.de', preferred_cache: 'login.microsoftonline.de', aliases: ['login.microsoftonline.de'] },
  { preferred_network: 'login.microsoftonline.us', preferred_cache: 'login.microsoftonline.us', aliases: ['login.microsoftonline.us', 'login.usgovcloudapi.net'] },
  { preferred_network: 'login-us.microsoftonline.com', preferred_cache: 'login-us.microsoftonline.com', aliases: ['login-us.microsoftonline.com'] },
];

const KNOWN_INSTANCES = new Set(
  (INSTANCE_METADATA as { aliases: string[] }[]).flatMap((entry) => entry.aliases.map((alias) => alias.toLowerCase())),
);

/**
 * `GET /common/discovery/instance?api-version=1.1&authorization_endpoint=https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize`.
 * The tenant is not checked here (that happens at the OpenID Connect document); an authority on a
 * host that is no Entra instance gets `invalid_instance`.
 */
export function answerInstanceDiscovery(ctx: EntraRequestContext, query: URLSearchParams): EntraResponse {
  const endpoint = query.get('authorization_endpoint');
  if (endpoint === null || endpoint === '') return malformedDiscoveryRequest(ctx);
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return malformedDiscoveryRequest(ctx);
  }
  if (url.protocol !== 'https:' || !KNOWN_INSTANCES.has(url.host.toLowerCase())) return invalidInstance(ctx);
  const [tenant = 'common', ...rest] = url.pathname.split('/').filter((segment) => segment !== '');
  // A v1 authorize endpoint (`/{tenant}/oauth2/authorize`) is discovered at the v1 document.
  const version = rest.includes('v2.0') ? 'v2.0/' : '';
  return {
    status: 200,
    headers: discoveryHeaders(ctx),
    body: {
      tenant_discovery_endpoint: `https://${LOGIN_HOST}/${tenant}/${version}.well-known/openid-configuration`,
      'api-version': query.get('api-version') ?? '1.1',
      metadata: INSTANCE_METADATA,
    },
  };
}

/** The v2.0 OpenID Connect document for a tenant (its id in every URL) or for `common`/`organizations` (`{tenantid}` in `issuer`). */
function openIdConfiguration(pathTenant: string, issuerTenant: string, regionScope: string | null): Json {
  const base = `https://${LOGIN_HOST}/${pathTenant}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `https://${LOGIN_HOST}/${issuerTenant}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
    tenant_region_scope: regionScope,
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  };
}

/**
 * `GET /{tenant}/v2.0/.well-known/openid-configuration`, for a tenant id or any verified domain.
 * An unknown tenant gets 400 `invalid_tenant` AADSTS90002 (recorded in the same Azure SDK recordings).
 */
export function answerOpenIdConfiguration(
  ctx: EntraRequestContext,
  tenants: readonly M365TenantModel[],
  tenantSegment: string,
): { response: EntraResponse; tenant: M365TenantModel | null } {
  const segment = tenantSegment.toLowerCase();
  if (segment === 'common' || segment === 'organizations') {
    return { response: { status: 200, headers: discoveryHeaders(ctx), body: openIdConfiguration(segment, '{tenantid}', null) }, tenant: null };
  }
  if (!isTenantIdentifier(tenantSegment)) return { response: invalidTenantIdentifier(ctx, tenantSegment, 'discovery'), tenant: null };
  const tenant = findTenant(tenants, tenantSegment);
  if (!tenant) return { response: tenantNotFound(ctx, tenantSegment, 'discovery'), tenant: null };
  // The recorded document is for a North American tenant; the simulated tenants are too.
  return { response: { status: 200, headers: discoveryHeaders(ctx), body: openIdConfiguration(tenant.tenantId, tenant.tenantId, 'NA') }, tenant };
}
