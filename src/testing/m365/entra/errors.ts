/**
 * The answers of the simulated Entra token service (login.microsoftonline.com), each built from a
 * documented or observed response. Sources, quoted in test/testing/fixtures/entra-reference/:
 *
 * - Error body shape: "Microsoft Entra authentication and authorization error codes"
 *   (learn.microsoft.com/entra/identity-platform/reference-error-codes; MicrosoftDocs/entra-docs
 *   `docs/identity-platform/reference-error-codes.md`): `error`, `error_description`
 *   ("AADSTSnnnn: message\r\nTrace ID: …\r\nCorrelation ID: …\r\nTimestamp: yyyy-MM-dd HH:mm:ssZ"),
 *   `error_codes`, `timestamp`, `trace_id`, `correlation_id`, `error_uri`.
 * - Success body and headers: "Microsoft identity platform and the OAuth 2.0 client credentials
 *   flow" (`docs/identity-platform/v2-oauth2-client-creds-grant-flow.md`) and recorded live answers
 *   in Azure/azure-sdk-for-js `sdk/identity/identity/recordings/node/clientsecretcredential/recording_authenticates.js`
 *   (`{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":…}`, `Cache-Control: no-store, no-cache`…).
 * - Message texts: the AADSTS table of the error-codes article, and live answers quoted in public
 *   issues (named at each builder). Where neither gives the exact words the builder says "assumed".
 *
 * `correlation_id` is the request's `client-request-id` (MSAL sends one) or a generated id;
 * `trace_id` is also sent as `x-ms-request-id`, as in the recordings.
 */

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Per-request facts every answer carries. */
export interface EntraRequestContext {
  traceId: string;
  correlationId: string;
  now: Date;
}

/** What a simulated Entra endpoint answers. */
export interface EntraResponse {
  status: number;
  headers: Record<string, string>;
  body: Json | undefined;
}

const COMMON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  P3P: 'CP="DSP CUR OTPi IND OTRi ONL FIN"',
  // Real values name a build and region, e.g. "2.1.11562.8 - WUS2 ProdSlices"; this one names the simulator.
  'x-ms-ests-server': '2.1.0 - tenant-audit simulator',
};

/** Headers of token endpoint answers (recorded: `Cache-Control: no-store, no-cache`, `Pragma: no-cache`, `Expires: -1`). */
export function tokenHeaders(ctx: EntraRequestContext): Record<string, string> {
  return { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache', Expires: '-1', ...COMMON_HEADERS, 'x-ms-request-id': ctx.traceId };
}

/** Headers of discovery answers (recorded: `Cache-Control: max-age=86400, private`, CORS open to GET). */
export function discoveryHeaders(ctx: EntraRequestContext): Record<string, string> {
  return {
    'Cache-Control': 'max-age=86400, private',
    ...COMMON_HEADERS,
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, OPTIONS',
    'x-ms-request-id': ctx.traceId,
  };
}

/** `timestamp` as the STS writes it: "2016-01-09 02:02:12Z". */
export function stsTimestamp(now: Date): string {
  return `${now.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** A time inside AADSTS700024's message: seven fractional digits, e.g. "2024-06-04T11:40:28.3451933Z". */
export function stsPreciseTime(date: Date): string {
  return `${date.toISOString().slice(0, 23)}0000Z`;
}

/** A date inside AADSTS700027's "Found key" part: "Start=08/18/2024 19:33:23". */
function keyDate(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** An STS error answer. */
export function stsError(
  ctx: EntraRequestContext,
  status: number,
  error: string,
  code: number,
  message: string,
  headers: (ctx: EntraRequestContext) => Record<string, string> = tokenHeaders,
  extraHeaders: Record<string, string> = {},
): EntraResponse {
  const timestamp = stsTimestamp(ctx.now);
  return {
    status,
    headers: { ...headers(ctx), ...extraHeaders },
    body: {
      error,
      error_description: `AADSTS${code}: ${message}\r\nTrace ID: ${ctx.traceId}\r\nCorrelation ID: ${ctx.correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: ctx.traceId,
      correlation_id: ctx.correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Tenant and endpoint errors

/**
 * AADSTS90002, 400. On OpenID Connect discovery the `error` is `invalid_tenant`; on the token
 * endpoint `invalid_request`. Text as live answers quote it (Azure/azure-cli#22145, 2022;
 * james-gould/azure-keyvault-emulator#324, 2025); `invalid_request` from microsoftarchive/BatchAI#31.
 */
export function tenantNotFound(ctx: EntraRequestContext, tenant: string, endpoint: 'discovery' | 'token'): EntraResponse {
  return stsError(
    ctx,
    400,
    endpoint === 'discovery' ? 'invalid_tenant' : 'invalid_request',
    90002,
    `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    endpoint === 'discovery' ? discoveryHeaders : tokenHeaders,
  );
}

/** AADSTS900023, 400, for a tenant segment that is neither a GUID nor a DNS name (text quoted in microsoft/Analysis-Services#194; `error` assumed). */
export function invalidTenantIdentifier(ctx: EntraRequestContext, tenant: string, endpoint: 'discovery' | 'token'): EntraResponse {
  return stsError(
    ctx,
    400,
    'invalid_request',
    900023,
    `Specified tenant identifier '${tenant}' is neither a valid DNS name, nor a valid external domain.`,
    endpoint === 'discovery' ? discoveryHeaders : tokenHeaders,
  );
}

/**
 * AADSTS50049 `invalid_instance`, 400: instance discovery for a host that is no Entra instance
 * (table: "NoSuchInstanceForDiscovery - Unknown or invalid instance."; msal-common treats
 * `invalid_instance` as "no metadata").
 */
export function invalidInstance(ctx: EntraRequestContext): EntraResponse {
  return stsError(ctx, 400, 'invalid_instance', 50049, 'Unknown or invalid instance.', discoveryHeaders);
}

/** AADSTS50050, 400: instance discovery without `authorization_endpoint` (table: "MalformedDiscoveryRequest - The request is malformed."). */
export function malformedDiscoveryRequest(ctx: EntraRequestContext): EntraResponse {
  return stsError(ctx, 400, 'invalid_request', 50050, 'The request is malformed.', discoveryHeaders);
}

/** AADSTS900561, 400: a verb the token endpoint does not take (table: "The endpoint only accepts {valid_verbs} requests. Received a {invalid_verb} request."). */
export function wrongVerb(ctx: EntraRequestContext, verb: string): EntraResponse {
  return stsError(ctx, 400, 'invalid_request', 900561, `The endpoint only accepts POST, OPTIONS requests. Received a ${verb} request.`);
}

// ---------------------------------------------------------------------------------------------
// Request parameter errors

/** AADSTS900144, 400 (live answer quoted in MicrosoftDocs/azure-docs#43780 for `grant_type`). */
export function missingParameter(ctx: EntraRequestContext, name: string): EntraResponse {
  return stsError(ctx, 400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);
}

/** AADSTS901002, 400: the v1 `resource` parameter on the v2.0 endpoint (table: "AADSTS901002: The 'resource' request parameter isn't supported."; live text says "is not"). */
export function resourceParameterNotSupported(ctx: EntraRequestContext): EntraResponse {
  return stsError(ctx, 400, 'invalid_request', 901002, "The 'resource' request parameter is not supported.");
}

/** AADSTS70003 `unsupported_grant_type`, 400 (text quoted in AzureAD/microsoft-authentication-library-for-dotnet#3023). */
export function unsupportedGrantType(ctx: EntraRequestContext, grantType: string): EntraResponse {
  return stsError(ctx, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`);
}

/** AADSTS1002012 `invalid_scope`, 400: a client-credentials scope without `/.default` (quoted in microsoftgraph/msgraph-sdk-python#181). */
export function scopeNotDefault(ctx: EntraRequestContext, scope: string): EntraResponse {
  return stsError(
    ctx,
    400,
    'invalid_scope',
    1002012,
    `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
  );
}

/** AADSTS70011 `invalid_scope`, 400: a scope that names no resource (the documented example body, client-credentials article). */
export function invalidScope(ctx: EntraRequestContext, scope: string): EntraResponse {
  return stsError(ctx, 400, 'invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`);
}

/** AADSTS700022 `invalid_scope`, 400: scopes of more than one resource (table: "InvalidMultipleResourcesScope"; wording and `error` assumed). */
export function multipleResources(ctx: EntraRequestContext, scope: string): EntraResponse {
  return stsError(ctx, 400, 'invalid_scope', 700022, `The provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`);
}

/**
 * AADSTS9001023, 400: client credentials on `/common` or `/consumers` (table text; the live text's
 * contractions and the `error` are assumed).
 */
export function commonEndpointNotSupported(ctx: EntraRequestContext): EntraResponse {
  return stsError(ctx, 400, 'invalid_request', 9001023, 'The grant type is not supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.');
}

/** AADSTS50059, 400: no tenant to sign in to (`/organizations`; live answer quoted in MicrosoftDocs/azure-docs#68490). */
export function noTenantIdentifyingInformation(ctx: EntraRequestContext): EntraResponse {
  return stsError(ctx, 400, 'invalid_request', 50059, 'No tenant-identifying information found in either the request or implied by any provided credentials.');
}

// ---------------------------------------------------------------------------------------------
// Client errors

/**
 * AADSTS700016 `unauthorized_client`, 400: the client id is unknown in that directory: an unknown
 * app, or a single-tenant app asked for a token in another tenant. Text as quoted in
 * microsoft/AzureMonitorAddonForSplunk#114 (full JSON body) and Azure-Samples/azure-health-data-and-ai-samples#100
 * (the directory named by its display name).
 */
export function applicationNotFound(ctx: EntraRequestContext, appId: string, directoryName: string): EntraResponse {
  return stsError(
    ctx,
    400,
    'unauthorized_client',
    700016,
    `Application with identifier '${appId}' was not found in the directory '${directoryName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  );
}

/**
 * AADSTS7000229 `invalid_client`: a multitenant app (or one whose own service principal was
 * deleted) without a service principal in the tenant, blocked since service-principal-less
 * authentication was retired (entra-docs `deprecate-service-principal-less-authentication.md`).
 * Text quoted in Azure/Commercial-Marketplace-SaaS-Accelerator#830 and Azure/azure-sdk-for-net#46762;
 * the status (400) is assumed.
 */
export function missingServicePrincipal(ctx: EntraRequestContext, appId: string, tenantId: string): EntraResponse {
  return stsError(
    ctx,
    400,
    'invalid_client',
    7000229,
    `The client application ${appId} is missing service principal in the tenant ${tenantId}. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119`,
  );
}

/** AADSTS7000218 `invalid_client`, 401: no credential at all (table text; status assumed as for other client-authentication failures). */
export function missingClientCredential(ctx: EntraRequestContext): EntraResponse {
  return stsError(ctx, 401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
}

/** AADSTS7000215 `invalid_client`, 401 (full live body quoted in OfficeDev/microsoft-365-agents-toolkit#8621 and keycloak/keycloak#31294). */
export function invalidClientSecret(ctx: EntraRequestContext, appId: string): EntraResponse {
  return stsError(
    ctx,
    401,
    'invalid_client',
    7000215,
    `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${appId}'.`,
  );
}

/** AADSTS7000222 `invalid_client` (dotnet/sign#849, banco-alimentar/alimentestaideia.pt#777); status 401 assumed as for 7000215. */
export function expiredClientSecret(ctx: EntraRequestContext, appId: string): EntraResponse {
  return stsError(
    ctx,
    401,
    'invalid_client',
    7000222,
    `The provided client secret keys for app '${appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
  );
}

const KEY_LOOKUP_HINT = (appId: string) =>
  `Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${appId}'. Review the documentation at https://docs.microsoft.com/en-us/graph/deployments to determine the corresponding service endpoint and https://docs.microsoft.com/en-us/graph/api/application-get?view=graph-rest-1.0&tabs=http to build a query request URL, such as 'https://graph.microsoft.com/beta/applications/${appId}'`;

/**
 * AADSTS700027 `invalid_client`, 401, when no registered certificate has the assertion's
 * thumbprint (text of AzureAD/microsoft-authentication-library-for-js#8339, 2026, and
 * Azure/azure-sdk-for-net#29007; status as for the other assertion failures, assumed).
 */
export function assertionKeyNotFound(ctx: EntraRequestContext, thumbprint: string, appId: string): EntraResponse {
  return stsError(
    ctx,
    401,
    'invalid_client',
    700027,
    `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprint}', ${KEY_LOOKUP_HINT(appId)}]`,
  );
}

/** AADSTS700027, 401, for a registered certificate past its `endDateTime` (reason and "Found key" format quoted in Azure Stack HCI's troubleshooting notes and MSAL issues). */
export function assertionKeyExpired(ctx: EntraRequestContext, thumbprint: string, start: string, end: string): EntraResponse {
  return stsError(
    ctx,
    401,
    'invalid_client',
    700027,
    `Client assertion contains an invalid signature. [Reason - The key used is expired., Thumbprint of key used by client: '${thumbprint}', Found key 'Start=${keyDate(start)}, End=${keyDate(end)}']`,
  );
}

/**
 * AADSTS700027, 401, when the registered certificate's key does not verify the signature (table:
 * "Client assertion failed signature validation."; reason text as quoted in microsoftgraph/msgraph-sdk-php#1585).
 */
export function assertionSignatureInvalid(ctx: EntraRequestContext, thumbprint: string, appId: string, found?: { start: string; end: string }): EntraResponse {
  const foundKey = found === undefined ? '' : `, Found key 'Start=${keyDate(found.start)}, End=${keyDate(found.end)}'`;
  return stsError(
    ctx,
    401,
    'invalid_client',
    700027,
    `Client assertion failed signature validation. [Reason - Key was found, but use of the key to verify the signature failed., Thumbprint of key used by client: '${thumbprint}'${foundKey}, ${KEY_LOOKUP_HINT(appId)}]`,
  );
}

/** AADSTS700024 `invalid_client`, 401 (full live body in risingwavelabs/risingwave#17123; current link from kata-containers/kata-containers#11758). */
export function assertionOutsideValidTime(ctx: EntraRequestContext, validFrom: Date, expires: Date): EntraResponse {
  return stsError(
    ctx,
    401,
    'invalid_client',
    700024,
    `Client assertion is not within its valid time range. Current time: ${stsPreciseTime(ctx.now)}, assertion valid from ${stsPreciseTime(validFrom)}, expiry time of assertion ${stsPreciseTime(expires)}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`,
  );
}

/**
 * AADSTS50027, 400: an assertion that is not a JWT, names no certificate thumbprint, or is for
 * another audience (table: "InvalidJwtToken - … unexpected audience … token format isn't proper").
 * The thumbprint text is quoted in AzureAD/microsoft-authentication-library-for-dotnet#124; the
 * other texts and the `error` are assumed.
 */
export function invalidAssertion(ctx: EntraRequestContext, detail: 'malformed' | 'no-thumbprint' | 'audience'): EntraResponse {
  const text =
    detail === 'no-thumbprint'
      ? 'Invalid JWT token. No certificate thumbprint specified in token header.'
      : detail === 'audience'
        ? 'Invalid JWT token. The audience of the client assertion is not valid for this tenant.'
        : 'JWT token is invalid or malformed.';
  return stsError(ctx, 400, 'invalid_request', 50027, text);
}

/** AADSTS50048, 400: `sub` differs from `iss` in a certificate assertion (table: "SubjectMismatchesIssuer"; wording and `error` assumed). */
export function subjectMismatchesIssuer(ctx: EntraRequestContext): EntraResponse {
  return stsError(ctx, 400, 'invalid_request', 50048, 'Subject mismatches Issuer claim in the client assertion.');
}

/**
 * AADSTS70021 `invalid_request`, 400: no federated identity credential matches the assertion's
 * issuer, subject and audience (documented in entra-docs `workload-identity-federation-considerations.md`;
 * full body quoted in Azure/azure-workload-identity#616). Entra now also answers 700211/700212/700213
 * naming the mismatched claim; the simulator gives the documented 70021.
 */
export function noMatchingFederatedIdentity(ctx: EntraRequestContext, issuer: string, subject: string, audience: string): EntraResponse {
  return stsError(
    ctx,
    400,
    'invalid_request',
    70021,
    `No matching federated identity record found for presented assertion. Assertion Issuer: '${issuer}'. Assertion Subject: '${subject}'. Assertion Audience: '${audience}'. https://docs.microsoft.com/en-us/azure/active-directory/develop/workload-identity-federation`,
  );
}

/**
 * AADSTS500011 `invalid_resource`, 400 (full body quoted in rootinc/laravel-azure-middleware#51;
 * Exchange and Flow resources in pnp/pnpassessment#76, pnp/cli-microsoft365#1114).
 */
export function resourcePrincipalNotFound(ctx: EntraRequestContext, resource: string, tenantName: string): EntraResponse {
  return stsError(
    ctx,
    400,
    'invalid_resource',
    500011,
    `The resource principal named ${resource} was not found in the tenant named ${tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Injected faults: codes from the table, shapes assumed (RFC 6749 names `temporarily_unavailable` and `server_error`).

/** 429 `temporarily_unavailable` with AADSTS90055 ("TenantThrottlingError - There are too many incoming requests."). */
export function throttled(ctx: EntraRequestContext, retryAfterSeconds: number | null): EntraResponse {
  const extra: Record<string, string> = retryAfterSeconds === null ? {} : { 'Retry-After': String(retryAfterSeconds) };
  return stsError(ctx, 429, 'temporarily_unavailable', 90055, 'There are too many incoming requests. Please try again later.', tokenHeaders, extra);
}

/** 503 `temporarily_unavailable` with AADSTS90006 ("ExternalServerRetryableError - The service is temporarily unavailable."). */
export function unavailable(ctx: EntraRequestContext, retryAfterSeconds?: number): EntraResponse {
  const extra: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) };
  return stsError(ctx, 503, 'temporarily_unavailable', 90006, 'The service is temporarily unavailable.', tokenHeaders, extra);
}

/** 500 `server_error` with AADSTS50000 ("TokenIssuanceError - There's an issue with the sign-in service."). */
export function serverError(ctx: EntraRequestContext): EntraResponse {
  return stsError(ctx, 500, 'server_error', 50000, 'There was an error issuing a token or an issue with our sign-in service.');
}

/**
 * 501 for requests real Entra answers but the simulator does not model (other grants' parameters,
 * other endpoints). Not an Entra answer: it names the simulator as the limit, so a test fails loudly.
 */
export function notSimulated(ctx: EntraRequestContext, what: string): EntraResponse {
  return {
    status: 501,
    headers: tokenHeaders(ctx),
    body: { error: 'simulator_not_implemented', error_description: `tenant-audit's Entra simulator does not simulate ${what}.`, trace_id: ctx.traceId, correlation_id: ctx.correlationId },
  };
}
