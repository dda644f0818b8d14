import { CollectorFailure, type CollectContext, type CollectCost } from '../types.js';
import type { GoogleWorkspaceTarget } from './target.js';
import { googleAuthClient, type RequestingClient } from './auth.js';
import { googleCollectors, type GoogleCollectContext, type GoogleCollector, type GoogleDatasetName } from './collectors.js';
import { reasonFromGoogleError } from './errors.js';
import { GoogleSession, type GoogleSessionOptions } from './session.js';

/** The scopes a collector's requests need (its token asks for these only). */
function scopesOf(collector: GoogleCollector<GoogleDatasetName>): string[] {
  return collector.requirements.filter((requirement) => requirement.kind === 'google-scope').map((requirement) => requirement.name);
}

/** Session settings a caller (tests) may override; the runner uses the audit's. */
export type GoogleSessionOverrides = Pick<GoogleSessionOptions, 'retry' | 'resolveTxt'>;

/**
 * Runs one Google collector on its own session, so its requests are counted apart. With a
 * service-account key, the token asks only for the collector's scopes and is shared by the
 * target's datasets that need the same ones. Throws CollectorFailure with the mapped reason and
 * the requests made.
 */
export async function runGoogleCollector(
  name: GoogleDatasetName,
  target: GoogleWorkspaceTarget,
  base: CollectContext,
  overrides: GoogleSessionOverrides = {},
): Promise<{ data: unknown } & CollectCost> {
  const collector: GoogleCollector<GoogleDatasetName> = googleCollectors[name];
  const errorContext = {
    api: collector.api,
    requirements: collector.requirements,
    ...(target.subject ? { subject: target.subject } : {}),
    ...(typeof target.credentials?.client_id === 'string' ? { clientId: target.credentials.client_id } : {}),
    ...(collector.superAdminOnly ? { superAdminOnly: true } : {}),
    ...(collector.privilege ? { privilege: collector.privilege } : {}),
    ...(collector.superAdminWhy ? { superAdminWhy: collector.superAdminWhy } : {}),
    ...(base.signal ? { signal: base.signal } : {}),
  };
  let session: GoogleSession | undefined;
  try {
    const { http } = base;
    session = new GoogleSession({
      auth: googleAuthClient(target, scopesOf(collector)) as unknown as RequestingClient,
      customerId: target.customerId ?? 'my_customer',
      timeoutMs: http.timeoutMs,
      ...(http.retry ? { retry: http.retry } : {}),
      ...(http.maxPages ? { maxPages: http.maxPages } : {}),
      ...(http.secrets ? { secrets: http.secrets } : {}),
      ...(base.signal ? { signal: base.signal } : {}),
      ...(base.shared ? { shared: base.shared } : {}),
      ...(http.gate ? { gate: http.gate } : {}),
      ...overrides,
    });
    const context: GoogleCollectContext = { ...base, google: session };
    const data = await collector.collect(context);
    return { data, requests: session.requestCount, retries: session.retryCount, waitedMs: session.waitedMs };
  } catch (error) {
    const cost = { requests: session?.requestCount ?? 0, retries: session?.retryCount ?? 0, waitedMs: session?.waitedMs ?? 0 };
    throw new CollectorFailure(reasonFromGoogleError(error, { ...errorContext, retries: cost.retries }), cost);
  }
}
