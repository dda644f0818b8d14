import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { SecretScope } from '../../core/redact.js';
import { deadline, untilAborted } from '../../core/retry.js';

/** Thrown when the credential gives no token in time; distinct from a refusal. */
export class TokenTimeoutError extends Error {
  override readonly name = 'TokenTimeoutError';
}

/**
 * The caller's credential, bounded and watched: every token is asked for the audited tenant
 * (`getToken(scopes, { tenantId })`, so one multi-tenant credential serves every client tenant), a
 * `getToken` that never settles ends after `timeoutMs` (or when the audit is cancelled), and every
 * token obtained is registered for redaction, so a service that echoes it back cannot carry it
 * into a report.
 */
export function guardCredential(
  credential: TokenCredential,
  options: { timeoutMs: number; signal?: AbortSignal; secrets?: SecretScope; tenantId?: string },
): TokenCredential {
  return {
    async getToken(scopes: string | string[], getTokenOptions?: GetTokenOptions): Promise<AccessToken | null> {
      const timeout = deadline(options.timeoutMs);
      const signals = [timeout.signal, options.signal, getTokenOptions?.abortSignal as AbortSignal | undefined].filter((signal): signal is AbortSignal => signal !== undefined);
      const abort = AbortSignal.any(signals);
      try {
        const forTenant = options.tenantId === undefined ? {} : { tenantId: options.tenantId };
        const token = await untilAborted(credential.getToken(scopes, { ...getTokenOptions, ...forTenant, abortSignal: abort }), abort);
        options.secrets?.add(token?.token);
        return token;
      } catch (error) {
        if (timeout.signal.aborted && !options.signal?.aborted) throw new TokenTimeoutError(`no token for ${[scopes].flat().join(' ')} within ${Math.round(options.timeoutMs / 1000)} s`);
        throw error;
      } finally {
        timeout.clear();
      }
    },
  };
}
