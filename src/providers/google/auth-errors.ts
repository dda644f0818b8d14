import type { Reason } from '../../core/model.js';
import { DOMAIN_WIDE_DELEGATION_PATH, GOOGLE_WORKSPACE_SCOPE_LIST } from './scopes.js';

/** An authentication failure that already knows its dataset reason (and carries no secret). */
export class GoogleAuthFailure extends Error {
  override readonly name = 'GoogleAuthFailure';
  constructor(readonly reason: Reason) {
    super(reason.detail);
  }
}

/** Who is delegating, to name in reasons: the key's client ID, or the service account's e-mail. */
export interface DelegationIdentity {
  clientId?: string;
  serviceAccount?: string;
}

/**
 * A reason for a token endpoint refusal (`{ error, error_description }`), naming the fix.
 * `unauthorized_client` means the client ID is not authorised for every requested scope in
 * domain-wide delegation (Google refuses the whole token if one scope is missing), so the reason
 * names the scopes that were requested and the full list to grant.
 */
export function tokenEndpointReason(
  status: number,
  code: string | undefined,
  description: string | undefined,
  who: DelegationIdentity = {},
  requested: readonly string[] = GOOGLE_WORKSPACE_SCOPE_LIST,
): Reason {
  const error = code ?? `HTTP${status}`;
  const said = description ? `${error}: ${description}` : error;
  const client = who.clientId ? `client ID ${who.clientId}` : who.serviceAccount ? `the unique ID (client ID) of ${who.serviceAccount}` : "the service account's client ID";
  const ids = { ...(status ? { status } : {}), code: error };
  if (error === 'unauthorized_client') {
    return {
      kind: 'permission',
      detail:
        `Google's token endpoint refused domain-wide delegation for ${requested.join(', ')} (${said}): in ${DOMAIN_WIDE_DELEGATION_PATH}, ` +
        `authorise ${client} for tenant-audit's scopes: ${GOOGLE_WORKSPACE_SCOPE_LIST.join(',')}`,
      needs: requested.map((scope) => `domain-wide delegation of ${scope} to ${client}`),
      ...ids,
    };
  }
  if (error === 'invalid_grant') {
    return {
      kind: 'permission',
      detail:
        `Google's token endpoint refused the grant (${said}): check that subject is an existing, active super administrator ` +
        'of the Workspace customer and that the service-account key is current (and the clock is right)',
      needs: ['subject: an active super administrator to impersonate'],
      ...ids,
    };
  }
  if (status >= 500 || status === 429 || status === 0) {
    // The token endpoint failing is not a refusal: nothing to grant, try again.
    return { kind: 'api', detail: `Google's token endpoint answered ${said}; it may work on the next try`, ...ids, transient: true };
  }
  return { kind: 'permission', detail: `Google's token endpoint refused the delegation (${said})`, ...ids };
}

/** An error's message without anything that might hold a secret (the runner redacts again). */
export function safeMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.message.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[redacted]').slice(0, 300);
}
