import type { HttpHandler } from 'msw';
import { setupServer } from 'msw/node';
import { createEntraHandlers } from './m365/entra/handlers.js';
import type { EntraSimulatorOptions } from './m365/entra/model.js';
import { createExchangeHandlers } from './m365/exchange/handlers.js';
import { createGraphHandlers } from './m365/handlers.js';
import { createGoogleHandlers } from './google/handlers.js';
import type { GoogleWorkspaceModel } from './google/model.js';
import type { M365TenantModel } from './m365/model.js';
import { SimulatorRequestLog } from './m365/request-log.js';
import type { NetworkOptions } from './network/model.js';
import { SimulatedNetwork } from './network/network.js';

/** The simulated clouds to serve. */
export interface SimulatorOptions {
  /**
   * Microsoft 365 tenants, answered at https://graph.microsoft.com/v1.0 and, for tenants with an
   * `exchange` model, at the Exchange Online admin API (outlook.office365.com and
   * ps.compliance.protection.outlook.com `/adminapi/beta/{tenant}/InvokeCommand`).
   */
  m365?: readonly M365TenantModel[];
  /**
   * The Microsoft Entra token service at https://login.microsoftonline.com, answered whenever
   * `m365` tenants or this are given: app registrations (`simulatedApp`) whose credentials
   * `@azure/identity`'s ClientSecretCredential, ClientCertificateCredential and
   * ClientAssertionCredential can use, and injected faults. Tenants' `servicePrincipals` say which
   * apps are consented where.
   */
  entra?: EntraSimulatorOptions;
  /** Google Workspace customers, answered at Google's token endpoint, IAM Credentials, admin, cloudidentity and licensing hosts. */
  google?: readonly GoogleWorkspaceModel[];
  /** Record requests here instead of in a new log. */
  requestLog?: SimulatorRequestLog;
  /**
   * A seeded network in front of every simulated host: latency, random 429/503/504, resets and slow
   * answers, fault streaks and malformed answers (see {@link SimulatedNetwork}). Pass a
   * `SimulatedNetwork` to {@link simulatorHandlers} to read its counters; {@link startSimulator}
   * exposes its own as `network`.
   */
  network?: NetworkOptions | SimulatedNetwork;
}

/** A running simulator. */
export interface RunningSimulator {
  /** Every request answered so far. */
  requests: SimulatorRequestLog;
  /** The simulated network, when `network` was given: its counters and events. */
  network?: SimulatedNetwork;
  /** Stops intercepting requests. */
  close(): void;
}

/**
 * The msw handlers for every simulated cloud, for users who run their own msw server.
 *
 * @example
 * const log = new SimulatorRequestLog();
 * const server = setupServer(...simulatorHandlers({ m365: [typicalPractice()], requestLog: log }));
 * server.listen({ onUnhandledFrame: 'error' }); // msw 3's name for msw 2's onUnhandledRequest
 */
export function simulatorHandlers(options: SimulatorOptions): HttpHandler[] {
  const handlers = createGraphHandlers(options.m365 ?? [], options.requestLog === undefined ? {} : { requestLog: options.requestLog });
  // The Exchange admin API answers for tenants with an `exchange` model (401 for the others, as for a tenant without Exchange).
  handlers.push(...createExchangeHandlers(options.m365 ?? [], options.requestLog === undefined ? {} : { requestLog: options.requestLog }));
  if ((options.m365 !== undefined && options.m365.length > 0) || options.entra !== undefined) {
    handlers.push(...createEntraHandlers(options.m365 ?? [], { ...options.entra, ...(options.requestLog === undefined ? {} : { requestLog: options.requestLog }) }));
  }
  // Google hosts are answered only when Google customers are given, so M365-only runs keep failing loudly on them.
  if (options.google !== undefined && options.google.length > 0) {
    handlers.push(...createGoogleHandlers(options.google, options.requestLog === undefined ? {} : { requestLog: options.requestLog }));
  }
  const network = networkFor(options);
  return network === undefined ? handlers : network.wrap(handlers);
}

/** The network `options.network` asks for, recording into the simulator's log and naming its Google project. */
function networkFor(options: SimulatorOptions): SimulatedNetwork | undefined {
  if (options.network === undefined || options.network instanceof SimulatedNetwork) return options.network;
  const projectNumber = options.google?.[0]?.cloudProject.projectNumber;
  return new SimulatedNetwork({
    ...(options.requestLog === undefined ? {} : { requestLog: options.requestLog }),
    ...(projectNumber === undefined ? {} : { googleProjectNumber: projectNumber }),
    ...options.network,
  });
}

/**
 * Starts intercepting HTTP in this Node process (msw `setupServer`) and answers as the simulated
 * clouds; any request to a host the simulator does not serve fails (`onUnhandledFrame: 'error'`, msw 3's name for msw 2's `onUnhandledRequest`).
 * Close it when done. Only one msw server should run in a process at a time.
 *
 * @example
 * const practice = typicalPractice();
 * const simulator = startSimulator({ m365: [practice] });
 * try {
 *   const report = await audit({ provider: 'm365', tenantId: practice.tenantId, credential: simulatedCredential(practice) });
 *   console.log(simulator.requests.count(), 'Graph requests');
 * } finally {
 *   simulator.close();
 * }
 */
export function startSimulator(options: SimulatorOptions): RunningSimulator {
  const requests = options.requestLog ?? new SimulatorRequestLog();
  const network = networkFor({ ...options, requestLog: requests });
  const server = setupServer(...simulatorHandlers({ ...options, requestLog: requests, ...(network === undefined ? {} : { network }) }));
  // msw 3 renamed msw 2's onUnhandledRequest to onUnhandledFrame.
  server.listen({ onUnhandledFrame: 'error' });
  return { requests, ...(network === undefined ? {} : { network }), close: () => server.close() };
}
