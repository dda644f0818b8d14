import type { Reason } from '../../core/model.js';
import type { Requirement } from '../../core/permissions.js';
import { GraphRequestError } from './graph-client.js';

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
  if (error instanceof GraphRequestError) {
    const { status, code, message, requestId } = error.failure;
    const ids = { status, code, ...(requestId ? { requestId } : {}) };
    if (code === NON_PREMIUM_CODE) {
      return { kind: 'license', detail: `the tenant has no ${ENTRA_P1} licence`, needs: [ENTRA_P1], ...ids };
    }
    if (status === 401 || status === 403) {
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
    return { kind: 'api', detail: `Graph answered ${status} ${code}${message ? `: ${message}` : ''}`, ...ids };
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return { kind: error.name === 'AbortError' ? 'cancelled' : 'api', detail: `the request was ${error.name === 'AbortError' ? 'cancelled' : 'timed out'}` };
  }
  return { kind: 'api', detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}
