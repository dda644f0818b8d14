import { standardHeaders, type GraphResponse, type RequestContext } from './http.js';

/**
 * Graph's error answers. Shape: `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}`
 * as in the advanced-queries docs' error examples (innerError.date has no zone and no fraction,
 * e.g. "2021-05-18T19:03:10"). Each builder cites where its code and message come from.
 */

/** `innerError.date` as Graph writes it: UTC, seconds, no `Z`. */
export function graphDate(now: Date): string {
  return now.toISOString().slice(0, 19);
}

/** An error answer with Graph's standard body. */
export function graphError(
  ctx: RequestContext,
  status: number,
  code: string,
  message: string,
  extraHeaders: Record<string, string> = {},
): GraphResponse {
  return {
    status,
    headers: { ...standardHeaders(ctx, 'application/json'), ...extraHeaders },
    body: {
      error: {
        code,
        message,
        innerError: { date: graphDate(ctx.now), 'request-id': ctx.requestId, 'client-request-id': ctx.clientRequestId },
      },
    },
  };
}

/**
 * 401 `InvalidAuthenticationToken`. Messages seen from Graph: "Access token is empty." (no token),
 * "CompactToken parsing failed with error code: 80049217" (not a JWT), "Access token validation
 * failure. Invalid audience." and "Access token validation failure." (GitHub issues quoting Graph,
 * e.g. msgraph-sample-reactspa#54, OfficeDev/outlook-dev-docs#508, console-java-connect-sample#1).
 */
export function invalidToken(ctx: RequestContext, message: string): GraphResponse {
  return graphError(ctx, 401, 'InvalidAuthenticationToken', message, {
    'WWW-Authenticate':
      'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
  });
}

/** 403 for directory reads (users, groups, subscribedSkus, directory policies) without a permission. */
export function insufficientPrivileges(ctx: RequestContext): GraphResponse {
  return graphError(ctx, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
}

/**
 * 403 for the identity-protection/CA policy service without Policy.Read.All. Graph's answer quoted
 * by several assessment tools: `[AccessDenied] : ... required scopes are missing in the token`.
 */
export function missingScopes(ctx: RequestContext): GraphResponse {
  return graphError(ctx, 403, 'AccessDenied', 'You cannot perform the requested operation, required scopes are missing in the token.');
}

/**
 * 403 from the reporting/audit service (sign-ins, registration report, signInActivity) without
 * AuditLog.Read.All. Code and current wording quoted from live Graph answers in several projects
 * ("The principal does not have required Microsoft Graph permission(s): AuditLog.Read.All to call this API.").
 */
export function msGraphPermissionMissing(ctx: RequestContext, permissions: readonly string[]): GraphResponse {
  return graphError(
    ctx,
    403,
    'Authentication_MSGraphPermissionMissing',
    `The principal does not have required Microsoft Graph permission(s): ${permissions.join(',')} to call this API.`,
  );
}

/**
 * 403 from the unified RBAC service (roleManagement) without a role-management permission: an
 * `UnknownError` whose message is a JSON string with `PermissionScopeNotGranted`, as quoted for the
 * PIM endpoints of the same service. Not confirmed for roleAssignments itself.
 */
export function permissionScopeNotGranted(ctx: RequestContext, permissions: readonly string[]): GraphResponse {
  const inner = { errorCode: 'PermissionScopeNotGranted', message: `Authorization failed due to missing permission scope ${permissions.join(',')}.`, instanceAnnotations: [] };
  return graphError(ctx, 403, 'UnknownError', JSON.stringify(inner));
}

/**
 * 403 from Intune without a DeviceManagement permission: Graph relays Intune's error as an
 * `UnknownError` whose message is Intune's JSON (shape quoted in AzureAD/microsoft-authentication-library-for-js#7007).
 */
export function intuneForbidden(ctx: RequestContext, tenantId: string): GraphResponse {
  const intuneMessage = {
    _version: 3,
    Message: `An error has occurred - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: ${ctx.requestId} - Url: https://fef.msua06.manage.microsoft.com/DeviceFE/StatelessDeviceFEService/deviceManagement/managedDevices?api-version=2023-07-04`,
    CustomApiErrorPhrase: '',
    RetryAfter: null,
    ErrorSourceService: '',
    HttpHeaders: JSON.stringify({ 'WWW-Authenticate': `Bearer realm="urn:intune:service,${ctx.requestId},${tenantId}"` }),
  };
  const outer = { ErrorCode: 'Forbidden', Message: JSON.stringify(intuneMessage, null, 2), Target: null, Details: null, InnerError: null, InstanceAnnotations: [] };
  return graphError(ctx, 403, 'UnknownError', JSON.stringify(outer));
}

/**
 * 403 from the device registration service (BitLocker recovery keys) without a BitlockerKey
 * permission. The API page documents no error; this code and message are the service's, as
 * documented for its device templates (devicetemplate-delete, Example 2) and seen for the
 * recoveryKeys list (ugurkocde/DeviceOffboardingManager#24). Not the directory's
 * Authorization_RequestDenied.
 */
export function deviceRegistrationForbidden(ctx: RequestContext): GraphResponse {
  return graphError(ctx, 403, 'authorization_error', "Failed to authorize, token doesn't have the required permissions.");
}

/**
 * 400 from Intune for a tenant without an Intune licence. Body quoted in vanvfields/Microsoft-365#18
 * and a live survey of Graph endpoints on an unlicensed tenant (every deviceManagement path:
 * "BadRequest: Request not applicable to target tenant.").
 */
export function intuneNotApplicable(ctx: RequestContext): GraphResponse {
  return graphError(ctx, 400, 'BadRequest', 'Request not applicable to target tenant.');
}

/**
 * 403 for a feature that needs Entra ID P1 (sign-in logs, signInActivity, registration report,
 * Conditional Access). Code and message as Graph sends them (cited in Microsoft's Entra docs and
 * matched verbatim by CIPP and JupiterOne).
 */
export function nonPremiumTenant(ctx: RequestContext): GraphResponse {
  return graphError(ctx, 403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', "Neither tenant is B2C or tenant doesn't have premium license");
}

/** 400 for a path segment Graph does not know ("Resource not found for the segment 'x'."). */
export function unknownSegment(ctx: RequestContext, segment: string): GraphResponse {
  return graphError(ctx, 400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
}

/** 404 for a directory object that does not exist (group, user...). */
export function resourceNotFound(ctx: RequestContext, id: string): GraphResponse {
  return graphError(
    ctx,
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

/**
 * 429 Too Many Requests, body exactly as the throttling docs' sample response (graph-throttling-summary.md).
 * `retryAfterSeconds: null` leaves out `Retry-After`, as some services (Conditional Access) do.
 */
export function tooManyRequests(ctx: RequestContext, retryAfterSeconds: number | null): GraphResponse {
  const headers: Record<string, string> = { ...standardHeaders(ctx, 'application/json') };
  if (retryAfterSeconds !== null) headers['Retry-After'] = String(retryAfterSeconds);
  return {
    status: 429,
    headers,
    body: {
      error: {
        code: 'TooManyRequests',
        innerError: { code: '429', date: graphDate(ctx.now), message: 'Please retry after', 'request-id': ctx.requestId, status: '429' },
        message: 'Please retry again later.',
      },
    },
  };
}

/**
 * 500/503 with the top-level codes of Graph's error docs (graph-errors.json): `generalException`
 * "An unspecified error has occurred." and `serviceNotAvailable` (which "may" carry Retry-After).
 */
export function serverError(ctx: RequestContext, status: 500 | 503, retryAfterSeconds?: number): GraphResponse {
  const extra: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) };
  return status === 500
    ? graphError(ctx, 500, 'generalException', 'An unspecified error has occurred.', extra)
    : graphError(ctx, 503, 'serviceNotAvailable', 'The service is not available. Try the request again after a delay.', extra);
}

/**
 * 501 for something real Graph serves but this simulator does not (a path, a `$filter`...). Not a
 * Graph answer: it says plainly that the simulator is the limit, so a test fails loudly.
 */
export function notSimulated(ctx: RequestContext, what: string): GraphResponse {
  return graphError(ctx, 501, 'SimulatorNotImplemented', `tenant-audit's Graph simulator does not simulate ${what}.`);
}

/**
 * 403 with Graph's documented top-level code for a caller without permission (`accessDenied`, "The
 * caller doesn't have permission to perform the action.", concepts/errors.md), for services whose
 * own refusal is not documented (Microsoft 365 Backup, SharePoint settings, attack simulation).
 */
export function accessDenied(ctx: RequestContext): GraphResponse {
  return graphError(ctx, 403, 'accessDenied', "The caller doesn't have permission to perform the action.");
}
