import { http, type HttpHandler } from 'msw';
import type { M365TenantModel } from '../model.js';
import { SimulatorRequestLog } from '../request-log.js';
import { adminEndpointOf, answerExchangeRequest, type ExchangeSimulatorState } from './dispatch.js';

/** Options for {@link createExchangeHandlers}. */
export interface ExchangeHandlerOptions {
  /** Where to record every request answered; pass the Graph simulator's log to count both together. */
  requestLog?: SimulatorRequestLog;
}

/**
 * msw handlers that answer the Exchange Online admin API as the real service does:
 * `POST https://outlook.office365.com/adminapi/beta/{tenant}/InvokeCommand` (also at
 * `outlook.office.com`) and the Security & Compliance endpoint
 * `https://ps.compliance.protection.outlook.com/adminapi/beta/{tenant}/InvokeCommand` (and its
 * regional hosts), for the tenants with an `exchange` model.
 *
 * The body `{"CmdletInput":{"CmdletName":"Get-Mailbox","Parameters":{...}}}` selects the cmdlet; the
 * answer is `{"@odata.context", "adminapi.warnings@odata.type", "@adminapi.warnings", "value": [...],
 * "@odata.nextLink"?}` with the cmdlet's PascalCase properties and wire annotations. Pages follow
 * `Prefer: odata.maxpagesize=N` (at most 1000); the next link is re-posted with the same body.
 * Tokens come from {@link simulatedCredential}: the Exchange endpoint wants `aud`
 * `https://outlook.office365.com`, the compliance one `https://ps.compliance.protection.outlook.com`,
 * both `Exchange.ManageAsApp` in `roles` (else 401) and a supported directory role in `wids` (else
 * 403). Faults whose `path` is `{ cmdlet }` apply here. Other paths under `/adminapi/` get a 501
 * `SimulatorNotImplemented`; other paths on these hosts are not handled (msw then reports them).
 *
 * @example
 * const log = new SimulatorRequestLog();
 * const server = setupServer(...createGraphHandlers([practice], { requestLog: log }), ...createExchangeHandlers([practice], { requestLog: log }));
 * server.listen({ onUnhandledFrame: 'error' });
 */
export function createExchangeHandlers(tenants: readonly M365TenantModel[], options: ExchangeHandlerOptions = {}): HttpHandler[] {
  const state: ExchangeSimulatorState = {
    tenants: new Map(tenants.map((tenant) => [tenant.tenantId.toLowerCase(), tenant])),
    log: options.requestLog ?? new SimulatorRequestLog(),
    faultHits: new Map(),
    requestNumber: 0,
    requestsByTenant: new Map(),
  };
  return [
    http.all(
      ({ request }) => {
        const url = new URL(request.url);
        return adminEndpointOf(url.hostname) !== null && /^\/adminapi\//i.test(url.pathname);
      },
      ({ request }) => answerExchangeRequest(state, request),
    ),
  ];
}
