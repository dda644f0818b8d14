import type { Reason } from '../../core/model.js';
import type { Requirement } from '../../core/permissions.js';
import { endpointName, ExchangeRequestError, type ExchangeFailure } from './exchange-errors.js';
import { hasManageAsApp } from './token-claims.js';
import { GraphMalformedAnswer, GraphPagingError, GraphRequestError } from './graph-errors.js';
import { TokenTimeoutError } from './credential-guard.js';
import { isNetworkError } from '../../core/http-retry.js';

/** Graph's code when a feature needs Entra ID P1/P2; the message has two wordings, so match the code. */
export const NON_PREMIUM_CODE = 'Authentication_RequestFromNonPremiumTenantOrB2CTenant';
export const ENTRA_P1 = 'Microsoft Entra ID P1';

/** A failure that already knows its dataset reason. */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  constructor(readonly reason: Reason) {
    super(reason.detail);
  }
}

function permissionsOf(requirements: readonly Requirement[]): string[] {
  return requirements
    .filter((r) => r.kind === 'graph-application-permission' && !r.optional)
    .map((r) => `Graph application permission ${r.name}`);
}

/**
 * Map a failed Graph call to a dataset reason naming what to grant or buy.
 * 403 `Authorization_RequestDenied` and 401 → permission; the non-premium code → licence.
 */
export function reasonFromError(error: unknown, requirements: readonly Requirement[]): Reason {
  if (error instanceof DatasetError) return error.reason;
  if (error instanceof ExchangeRequestError) return reasonFromExchangeFailure(error.failure);
  if (error instanceof GraphMalformedAnswer) return { kind: 'schema', detail: error.message };
  if (error instanceof GraphPagingError) return { kind: 'schema', detail: error.message };
  if (error instanceof TokenTimeoutError) return { kind: 'api', detail: `the credential gave no Graph token in time (${error.message})`, transient: true };
  if (error instanceof GraphRequestError) {
    const { status, code, message, requestId } = error.failure;
    const ids = { status, code, ...(requestId ? { requestId } : {}) };
    if (code === NON_PREMIUM_CODE) {
      return { kind: 'license', detail: `the tenant has no ${ENTRA_P1} licence`, needs: [ENTRA_P1], ...ids };
    }
    if (status === 401) {
      // A 401 refuses the token itself (expired, revoked, another tenant's), not a permission.
      return { kind: 'credential', detail: `Graph refused the credential (401 ${code})${message ? `: ${message}` : ''}`, ...ids };
    }
    if (status === 403) {
      // Graph sometimes names the missing permission ("...required Microsoft Graph permission(s): X to call this API").
      const named = /permission\(s\):\s*([\w.\-]+(?:\s*,\s*[\w.\-]+)*)\s+to call/i.exec(message)?.[1];
      const needs = named
        ? named.split(',').map((name) => `Graph application permission ${name.trim()}`)
        : permissionsOf(requirements);
      const licence = requirements.filter((r) => r.kind === 'license' && !r.optional).map((r) => r.name);
      return {
        kind: 'permission',
        detail: `Graph refused access (${status} ${code})${message ? `: ${message}` : ''}`,
        needs: [...needs, ...licence],
        ...ids,
      };
    }
    const transient = status >= 500 || status === 429 || status === 0;
    return { kind: 'api', detail: `Graph answered ${status} ${code}${message ? `: ${message}` : ''}`, ...ids, ...(transient ? { transient } : {}) };
  }
  if (error instanceof Error && error.name === 'AbortError') return { kind: 'cancelled', detail: 'the request was cancelled' };
  if (error instanceof Error && error.name === 'TimeoutError') return { kind: 'api', detail: 'the request timed out (after its retries)', transient: true };
  if (isNetworkError(error)) return { kind: 'api', detail: `the service could not be reached (${error instanceof Error ? error.message : String(error)})`, transient: true };
  return { kind: 'api', detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

/** What to grant when the Exchange Online endpoint refuses the app. */
export const EXCHANGE_NEEDS = {
  permission: 'Exchange.ManageAsApp application permission on Office 365 Exchange Online (with admin consent)',
  role: 'Entra role Global Reader (or another role Exchange Online accepts) assigned to the app',
  compliancePermission: 'Exchange.ManageAsApp application permission on Microsoft Exchange Online Protection (with admin consent)',
  complianceRole: 'Entra role Compliance Administrator or Global Reader assigned to the app',
} as const;

const isRefusal = (failure: ExchangeFailure) => failure.status === 401 || failure.status === 403;

/**
 * What is missing when an admin endpoint refused the app. The token's own `roles` claim tells a
 * missing Exchange.ManageAsApp (absent) from a missing directory role (present but refused). When the
 * token cannot tell (opaque or delegated): a 403, or Exchange's "is not allowed to call" wording,
 * points at the role (live measurements: "neither grant -> 401, app role only -> 403",
 * rknightion/graph2otel internal/exoclient; go-exoscc reads a 403 as a missing directory role);
 * otherwise both are named.
 */
function missingGrant(failure: ExchangeFailure): { phrase: string; needs: string[] } {
  const manageAsApp = hasManageAsApp(failure.tokenRoles);
  if (failure.endpoint === 'compliance') {
    // The compliance front door answers 401 to a token it will not take (its grant is Exchange.ManageAsApp
    // on Microsoft Exchange Online Protection, MicrosoftDocs/office-docs-powershell PR #13783), 403 without a role.
    if (manageAsApp === false || failure.status === 401) return { phrase: 'needs the Exchange.ManageAsApp application permission on Microsoft Exchange Online Protection', needs: [EXCHANGE_NEEDS.compliancePermission] };
    return { phrase: 'needs an Entra role such as Compliance Administrator or Global Reader for the app', needs: [EXCHANGE_NEEDS.complianceRole] };
  }
  const roleWording = /not allowed to call|\brole\b|rbac/i.test(failure.message);
  if (manageAsApp === false) return { phrase: 'needs the Exchange.ManageAsApp application permission on Office 365 Exchange Online', needs: [EXCHANGE_NEEDS.permission] };
  if (manageAsApp === true || roleWording || failure.status === 403) return { phrase: 'needs an Entra role such as Global Reader for the app', needs: [EXCHANGE_NEEDS.role] };
  return {
    phrase: 'needs the Exchange.ManageAsApp application permission on Office 365 Exchange Online and an Entra role such as Global Reader for the app',
    needs: [EXCHANGE_NEEDS.permission, EXCHANGE_NEEDS.role],
  };
}

function answered(failure: ExchangeFailure): string {
  return `${endpointName(failure.endpoint)} answered ${failure.cmdlet} with ${failure.status} ${failure.code}${failure.message ? `: ${failure.message}` : ''}`;
}

/**
 * Map a failed Exchange admin API call to a dataset reason: 401/403 → permission naming exactly the
 * grant or role to add; a compliance refusal followed by an Exchange failure → what compliance needs
 * (unless the token shows the app lacks Exchange.ManageAsApp altogether); anything else → api with
 * the status.
 */
export function reasonFromExchangeFailure(failure: ExchangeFailure): Reason {
  const ids = { status: failure.status, code: failure.code, ...(failure.requestId ? { requestId: failure.requestId } : {}) };
  const refusal = failure.complianceRefusal && isRefusal(failure.complianceRefusal) ? failure.complianceRefusal : undefined;
  // A Security & Compliance cmdlet both endpoints refused: unless the app cannot use Exchange at all,
  // the compliance grant is the fix (Exchange answers 403 alike for a missing role and a cmdlet it lacks).
  if (refusal && (!isRefusal(failure) || hasManageAsApp(failure.tokenRoles) !== false)) {
    const { phrase, needs } = missingGrant(refusal);
    return { kind: 'permission', detail: `${phrase} (${answered(refusal)}; then ${answered(failure)})`, needs, ...ids };
  }
  if (isRefusal(failure)) {
    const { phrase, needs } = missingGrant(failure);
    return { kind: 'permission', detail: `${phrase} (${answered(failure)})`, needs, ...ids };
  }
  if (failure.code === 'TokenUnavailable' && /AADSTS500011\b/.test(failure.message)) {
    // The Exchange service principal exists only in tenants with Exchange Online: a licence matter,
    // said plainly (Entra's text carries trace ids and times that change every run).
    return {
      kind: 'license',
      detail: `the tenant has no Exchange Online service: Entra answered AADSTS500011 (resource principal not found) when asked for a token for ${endpointName(failure.endpoint)}`,
      needs: ['an Exchange Online licence (Microsoft 365 Business Basic, Standard or Premium, E3/E5, or Exchange Online Plan 1/2)'],
      code: failure.code,
    };
  }
  if (failure.code === 'TokenUnavailable') {
    return { kind: 'api', detail: `could not get a token for ${endpointName(failure.endpoint)}: ${failure.message}`, code: failure.code };
  }
  if (['UnexpectedAnswer', 'RepeatedNextLink', 'ForeignNextLink'].includes(failure.code)) return { kind: 'schema', detail: answered(failure), ...ids };
  const transient = failure.status >= 500 || failure.status === 429;
  return { kind: 'api', detail: answered(failure), ...ids, ...(transient ? { transient } : {}) };
}
