import { TenantAccessError } from '../../core/errors.js';
import { redact } from '../../core/redact.js';
import { deadline, untilAborted } from '../../core/retry.js';
import { googleAuthClient } from './auth.js';
import { GoogleAuthFailure, safeMessage } from './auth-errors.js';
import { googleFailureOf, isTimeoutOrAbort } from './errors.js';
import { GOOGLE_WORKSPACE_SCOPES } from './scopes.js';
import { googleTargetId, type GoogleWorkspaceTarget } from './target.js';

interface TokenGetter {
  getAccessToken(): Promise<unknown>;
}

/**
 * One token request (for the users scope every audit reads) before any dataset is read. A key
 * Google refuses, a subject that is not a user, a missing ambient identity or an unreachable
 * token endpoint fail the tenant once, with the fix. A scope missing from the domain-wide
 * delegation entry does not: it fails only the datasets that need that scope, naming it.
 */
export async function checkGoogleAccess(target: GoogleWorkspaceTarget, { signal, timeoutMs }: { signal?: AbortSignal; timeoutMs: number }): Promise<void> {
  const tenant = googleTargetId(target);
  const timeout = deadline(timeoutMs);
  const abort = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
  try {
    const client = googleAuthClient(target, [GOOGLE_WORKSPACE_SCOPES.users]) as unknown as TokenGetter;
    if (typeof client.getAccessToken !== 'function') return; // a custom client: its datasets will tell
    await untilAborted(client.getAccessToken(), abort);
  } catch (error) {
    // The caller's own abort is not the tenant's failure: it surfaces as the AbortError it is.
    if (signal?.aborted) throw signal.reason;
    if (timeout.signal.aborted) throw new TenantAccessError('timeout', `No Google token for ${tenant} within ${Math.round(timeoutMs / 1000)} s. Check the network and the credential, then run it again.`);
    const failure = tenantFailure(error, target, tenant);
    if (failure) throw failure;
  } finally {
    timeout.clear();
  }
}

function tenantFailure(error: unknown, target: GoogleWorkspaceTarget, tenant: string): TenantAccessError | undefined {
  const subject = target.subject ?? 'the subject';
  if (error instanceof GoogleAuthFailure) {
    const { reason } = error;
    if (reason.code === 'unauthorized_client') return undefined;
    const kind = reason.needs?.some((need) => /ambient Google credential/.test(need))
      ? 'no_credential'
      : reason.needs?.some((need) => /serviceAccountTokenCreator|Credentials API/.test(need))
        ? 'no_role'
        : reason.kind === 'api'
          ? 'unreachable'
          : 'bad_credential';
    return new TenantAccessError(kind, `Cannot audit ${tenant}: ${redact(reason.detail)}`, reason.code ? { code: reason.code } : {});
  }
  const failure = googleFailureOf(error);
  if (!failure) {
    if (isTimeoutOrAbort(error)) return new TenantAccessError('timeout', `Cannot audit ${tenant}: Google's token endpoint did not answer in time.`);
    return new TenantAccessError('unreachable', `Cannot audit ${tenant}: Google's token endpoint could not be reached (${safeMessage(error)}). Check the network and proxy, then run it again.`);
  }
  const said = redact(`${failure.code}${failure.message ? `: ${failure.message}` : ''}`);
  if (failure.code === 'unauthorized_client') return undefined;
  if (failure.status >= 500 || failure.status === 429) {
    return new TenantAccessError('unreachable', `Cannot audit ${tenant}: Google's token endpoint answered ${failure.status} (${said}) after retries. Run it again later.`);
  }
  if (failure.code === 'invalid_grant') {
    return new TenantAccessError(
      'bad_credential',
      `Cannot audit ${tenant}: Google refused the delegation (${said}). Check that ${subject} is an active super administrator of the customer, that the service-account key is current (not deleted or revoked), and that this machine's clock is right.`,
      { code: failure.code },
    );
  }
  if (failure.code === 'invalid_client' || failure.status === 401) {
    return new TenantAccessError(
      'bad_credential',
      `Cannot audit ${tenant}: Google refused the service account (${said}). The key or its service account may have been deleted or disabled: create a new key.`,
      { code: failure.code },
    );
  }
  return undefined;
}
