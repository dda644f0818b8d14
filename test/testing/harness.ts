import type { TokenCredential } from '@azure/core-auth';
import type { HttpHandler } from 'msw';
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

/**
 * Every page of a list: fetches `first`, then each page's next cursor, until a page fails or names
 * no next one; `items` are the pages' `itemsKey` arrays, joined.
 */
export async function everyPage<Answer extends { status: number; body: any }>(
  first: string,
  fetchPage: (cursor: string) => Promise<Answer>,
  nextCursor: (page: Answer) => string | undefined,
  itemsKey = 'value',
): Promise<{ pages: Answer[]; items: any[] }> {
  const pages: Answer[] = [];
  let next: string | undefined = first;
  while (next !== undefined) {
    const page = await fetchPage(next);
    pages.push(page);
    if (page.status !== 200) break;
    next = nextCursor(page);
  }
  return { pages, items: pages.flatMap((page) => page.body?.[itemsKey] ?? []) };
}

/** Every page of a list, following `@odata.nextLink`. */
export async function allPages(credential: TokenCredential, path: string): Promise<{ pages: GraphAnswer[]; items: any[] }> {
  return everyPage(path, (next) => call(credential, next), (page) => page.body['@odata.nextLink']);
}

/** A credential for `tenant` with other application permissions than it was granted. */
export function withRoles(tenant: M365TenantModel, roles: string[]): TokenCredential {
  return simulatedCredential(tenant, { roles });
}

/** Starts an msw server with these simulator handlers for the test file; returns the request log they record into. */
export function serveSimulator(handlers: (requestLog: SimulatorRequestLog) => HttpHandler[]): SimulatorRequestLog {
  const log = new SimulatorRequestLog();
  const server = setupServer(...handlers(log));
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterAll(() => server.close());
  return log;
}

/** Starts an msw server with the simulator for these tenants for the test file; returns its request log. */
export function serveTenants(tenants: M365TenantModel[]): SimulatorRequestLog {
  return serveSimulator((requestLog) => createGraphHandlers(tenants, { requestLog }));
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
