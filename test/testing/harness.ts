import type { TokenCredential } from '@azure/core-auth';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import { createGraphHandlers, SimulatorRequestLog, simulatedCredential, type M365TenantModel } from '../../src/testing/index.js';

/** A fixed clock for scenarios, so assertions about dates are stable. */
export const NOW = new Date('2026-11-20T12:00:00Z');

/** What a test sees of an answer. */
export interface GraphAnswer {
  status: number;
  headers: Headers;
  // The body is whatever JSON Graph sent; tests inspect it loosely.
  body: any;
}

/** Fetches from the simulated Graph with a credential's token, as a client would. */
export async function call(
  credential: TokenCredential,
  pathOrUrl: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<GraphAnswer> {
  const token = await credential.getToken('https://graph.microsoft.com/.default');
  const url = pathOrUrl.startsWith('https://') ? pathOrUrl : `https://graph.microsoft.com/v1.0${pathOrUrl}`;
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      Authorization: `Bearer ${token?.token ?? ''}`,
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

/** Every page of a list, following `@odata.nextLink`. */
export async function allPages(credential: TokenCredential, path: string): Promise<{ pages: GraphAnswer[]; items: any[] }> {
  const pages: GraphAnswer[] = [];
  let next: string | undefined = path;
  while (next !== undefined) {
    const page = await call(credential, next);
    pages.push(page);
    if (page.status !== 200) break;
    next = page.body['@odata.nextLink'];
  }
  return { pages, items: pages.flatMap((page) => page.body?.value ?? []) };
}

/** A credential for `tenant` with other application permissions than it was granted. */
export function withRoles(tenant: M365TenantModel, roles: string[]): TokenCredential {
  return simulatedCredential(tenant, { roles });
}

/** Starts an msw server with the simulator for these tenants for the test file; returns its request log. */
export function serveTenants(tenants: M365TenantModel[]): SimulatorRequestLog {
  const log = new SimulatorRequestLog();
  const server = setupServer(...createGraphHandlers(tenants, { requestLog: log }));
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterAll(() => server.close());
  return log;
}

/** The Graph error body shape every error answer must have. */
export function expectGraphError(answer: GraphAnswer, status: number, code: string, message?: string | RegExp): void {
  if (answer.status !== status || answer.body?.error?.code !== code) {
    throw new Error(`expected ${status} ${code}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  const { error } = answer.body;
  if (typeof error.message !== 'string') throw new Error('error.message missing');
  if (message instanceof RegExp ? !message.test(error.message) : message !== undefined && error.message !== message) {
    throw new Error(`unexpected message: ${error.message}`);
  }
  const inner = error.innerError;
  if (!inner || typeof inner.date !== 'string' || typeof inner['request-id'] !== 'string') throw new Error('innerError incomplete');
  if (answer.headers.get('request-id') === null || answer.headers.get('client-request-id') === null) throw new Error('request ids missing');
}
