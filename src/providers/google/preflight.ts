import { TenantAccessError } from '../../core/errors.js';
import { deadline, untilAborted } from '../../core/retry.js';
import type { PreflightCheck, PreflightOptions } from '../types.js';
import { checkGoogleAccess } from './access.js';
import { googleAuthClient } from './auth.js';
import { GoogleAuthFailure } from './auth-errors.js';
import { runGoogleCollector } from './run.js';
import { DOMAIN_WIDE_DELEGATION_PATH, GOOGLE_WORKSPACE_SCOPE_LIST } from './scopes.js';
import { preflightContext, preflightReason } from '../preflight-context.js';
import { googleTargetId, type GoogleWorkspaceTarget } from './target.js';

/** Whether a token for this one scope is granted (the delegation entry holds it), or why not. */
async function scopeGranted(target: GoogleWorkspaceTarget, scope: string, options: { signal?: AbortSignal; timeoutMs: number }): Promise<true | string> {
  const timeout = deadline(options.timeoutMs);
  const abort = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
  try {
    const client = googleAuthClient(target, [scope]) as unknown as { getAccessToken?: () => Promise<unknown> };
    await untilAborted(client.getAccessToken!(), abort);
    return true;
  } catch (error) {
    if (error instanceof GoogleAuthFailure) return error.reason.detail;
    const data = (error as { response?: { data?: { error?: string } } }).response?.data;
    return data?.error ?? (error instanceof Error ? error.message : String(error));
  } finally {
    timeout.clear();
  }
}

/**
 * `tenant-audit check google`: the delegation signs in (checkAccess), the customer answers
 * (customers.get), each scope of the delegation entry is granted (one token request per scope, no
 * API call), and the licences can be listed.
 */
export async function googlePreflight(target: GoogleWorkspaceTarget, options: PreflightOptions): Promise<PreflightCheck[]> {
  const checks: PreflightCheck[] = [];
  const tenant = googleTargetId(target);
  try {
    await checkGoogleAccess(target, options);
    checks.push({ name: 'delegation', status: 'ok', detail: `the service account signs in as ${target.subject ?? 'the given client'}` });
  } catch (error) {
    if (!(error instanceof TenantAccessError)) throw error;
    checks.push({ name: 'delegation', status: 'fail', detail: `${error.kind}: ${error.message}` });
    return checks;
  }

  try {
    const { data } = await runGoogleCollector('google.customer', target, preflightContext(options));
    const customer = data as { id: string; customerDomain: string };
    checks.push({ name: 'customer', status: 'ok', detail: `${customer.id} (${customer.customerDomain})` });
  } catch (error) {
    checks.push({ name: 'customer', status: 'fail', detail: `${tenant}: ${preflightReason(error)}` });
  }

  if (target.credentials || target.auth) {
    const optional = new Set(options.requirements.filter((r) => r.kind === 'google-scope' && r.optional).map((r) => r.name));
    const refused: string[] = [];
    for (const scope of GOOGLE_WORKSPACE_SCOPE_LIST) {
      const answer = await scopeGranted(target, scope, options);
      if (answer !== true) refused.push(scope);
    }
    const refusedNeeded = refused.filter((scope) => !optional.has(scope));
    checks.push(
      refused.length === 0
        ? { name: 'scopes', status: 'ok', detail: `all ${GOOGLE_WORKSPACE_SCOPE_LIST.length} delegated` }
        : refusedNeeded.length === 0
          ? { name: 'scopes', status: 'warn', detail: `optional scopes not delegated: ${refused.join(', ')}; the audit runs without them and says what it could not read` }
          : { name: 'scopes', status: 'fail', detail: `not delegated: ${refused.join(', ')}; add them to the service account's entry in ${DOMAIN_WIDE_DELEGATION_PATH}` },
    );
  }

  try {
    const { data } = await runGoogleCollector('google.licenses', target, preflightContext(options));
    const assignments = (data as { assignments?: unknown[] }).assignments;
    checks.push({ name: 'licences', status: 'ok', detail: Array.isArray(assignments) ? `${assignments.length} licence assignments listed` : 'listed' });
  } catch (error) {
    checks.push({ name: 'licences', status: 'warn', detail: preflightReason(error) });
  }
  return checks;
}
