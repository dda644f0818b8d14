import { http, type HttpHandler } from 'msw';
import { answerGraphRequest, type SimulatorState } from './graph/dispatch.js';
import type { M365TenantModel } from './model.js';
import { SimulatorRequestLog } from './request-log.js';

/** Options for {@link createGraphHandlers}. */
export interface GraphHandlerOptions {
  /** Where to record every request answered; pass one to count requests in tests. */
  requestLog?: SimulatorRequestLog;
}

/**
 * msw handlers that answer `https://graph.microsoft.com` as Microsoft Graph v1.0 does, for the
 * given tenants: documented response shapes, paging by `@odata.nextLink`, `$select`, the sign-in
 * `$filter`, `$batch`, 401/403 for tokens, permissions and licences, and the model's faults.
 *
 * The tenant is the token's `tid` (see {@link simulatedCredential}). Every path under the host is
 * answered, as Graph would: unknown paths get Graph's 400, and real Graph operations the simulator
 * does not serve get a 501 `SimulatorNotImplemented`, so nothing silently passes through.
 * Each call has its own fault counters.
 *
 * @example
 * const log = new SimulatorRequestLog();
 * const server = setupServer(...createGraphHandlers([typicalPractice()], { requestLog: log }));
 * server.listen({ onUnhandledFrame: 'error' });
 */
export function createGraphHandlers(tenants: readonly M365TenantModel[], options: GraphHandlerOptions = {}): HttpHandler[] {
  const state: SimulatorState = {
    tenants: new Map(tenants.map((tenant) => [tenant.tenantId.toLowerCase(), tenant])),
    log: options.requestLog ?? new SimulatorRequestLog(),
    faultHits: new Map(),
    requestNumber: 0,
  };
  return [
    http.all(
      ({ request }) => new URL(request.url).host === 'graph.microsoft.com',
      ({ request }) => answerGraphRequest(state, request),
    ),
  ];
}
