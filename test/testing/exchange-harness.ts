import type { TokenCredential } from '@azure/core-auth';
import { createExchangeHandlers, createGraphHandlers, simulatedCredential, type M365TenantModel, type SimulatorRequestLog } from '../../src/testing/index.js';
import { everyPage, serveSimulator } from './harness.js';

export { NOW } from './harness.js';

export const EXCHANGE_SCOPE = 'https://outlook.office365.com/.default';
export const COMPLIANCE_SCOPE = 'https://ps.compliance.protection.outlook.com/.default';

/** The InvokeCommand URL of an endpoint for a tenant (GUID or domain). */
export function invokeUrl(endpoint: 'exchange' | 'compliance', tenant: string): string {
  const host = endpoint === 'exchange' ? 'outlook.office365.com' : 'ps.compliance.protection.outlook.com';
  return `https://${host}/adminapi/beta/${tenant}/InvokeCommand`;
}

/** The header the Exchange Online V3 module sends with app-only requests. */
export const anchorMailbox = (tenantId: string) => `APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@${tenantId}`;

/** What a test sees of an answer. */
export interface AdminAnswer {
  status: number;
  headers: Headers;
  /** The raw body bytes. */
  bytes: Uint8Array;
  // Whatever JSON the API sent (undefined when the body is empty or not JSON); tests inspect it loosely.
  body: any;
}

/** A bearer token for a scope from a credential. */
export async function tokenFor(credential: TokenCredential, scope: string): Promise<string> {
  const token = await credential.getToken(scope);
  if (!token) throw new Error('no token');
  return token.token;
}

/** POSTs a CmdletInput body to a URL as the V3 module does. */
export async function post(
  url: string,
  token: string | undefined,
  cmdlet: string,
  parameters: Record<string, unknown> = {},
  headers: Record<string, string> = {},
  init: RequestInit = {},
): Promise<AdminAnswer> {
  const tenantId = /adminapi\/beta\/([^/]+)\//.exec(url)?.[1] ?? '';
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
      'Content-Type': 'application/json',
      'X-AnchorMailbox': anchorMailbox(tenantId),
      Prefer: 'odata.maxpagesize=1000',
      ...headers,
    },
    body: JSON.stringify({ CmdletInput: { CmdletName: cmdlet, Parameters: parameters } }),
    ...init,
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, bytes, body };
}

/** Runs a cmdlet through every page, re-posting the same body to each next link. */
export async function postAllPages(
  url: string,
  token: string,
  cmdlet: string,
  parameters: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ pages: AdminAnswer[]; items: any[] }> {
  return everyPage(url, (next) => post(next, token, cmdlet, parameters, headers), (page) => page.body['@odata.nextLink']);
}

/** Runs a cmdlet with the tenant's own credential, on the Exchange endpoint unless told otherwise. */
export async function run(
  tenant: M365TenantModel,
  cmdlet: string,
  parameters: Record<string, unknown> = {},
  endpoint: 'exchange' | 'compliance' = 'exchange',
): Promise<AdminAnswer> {
  const token = await tokenFor(simulatedCredential(tenant), endpoint === 'exchange' ? EXCHANGE_SCOPE : COMPLIANCE_SCOPE);
  return post(invokeUrl(endpoint, tenant.tenantId), token, cmdlet, parameters);
}

/** Starts an msw server with the Graph and Exchange simulators for the test file; returns their request log. */
export function serveTenants(tenants: M365TenantModel[]): SimulatorRequestLog {
  return serveSimulator((requestLog) => [...createGraphHandlers(tenants, { requestLog }), ...createExchangeHandlers(tenants, { requestLog })]);
}

/** The properties of an output object without the wire annotations (`X@odata.type`, `X@data.type`). */
export function propertyNames(object: Record<string, unknown>): string[] {
  return Object.keys(object).filter((key) => !key.includes('@'));
}

/** Reads the admin API's error envelope, failing the test when it is not there. */
export function adminError(answer: AdminAnswer): { code: string; message: string; details?: { message: string }[]; innererror: { type: string; internalexception: { message: string; type: string } } } {
  const error = answer.body?.error;
  if (!error || typeof error.code !== 'string') throw new Error(`expected the admin API error envelope, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return error;
}
