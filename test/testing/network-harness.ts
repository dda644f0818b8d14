import { compliantPractice, google, simulatedCredential, type M365TenantModel } from '../../src/testing/index.js';
import { NOW } from './harness.js';

export { NOW } from './harness.js';

/** What a test sees of an answer: status, headers, raw text and the JSON (or `undefined` when the body is not JSON). */
export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  // Whatever JSON came back; tests inspect it loosely.
  body: any;
}

/** Fetches and reads the whole answer, without assuming it is JSON. */
export async function raw(url: string, init: RequestInit = {}): Promise<RawAnswer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** The M365 tenant the tests use (with an Exchange model). */
export const tenant: M365TenantModel = compliantPractice({ now: NOW });
/** The Google customer the tests use. */
export const customer = google.typicalPractice({ now: NOW });

/** A bearer header for a scope of the tenant's own app. */
export async function bearer(scope = 'https://graph.microsoft.com/.default'): Promise<Record<string, string>> {
  let token = tokens.get(scope);
  if (token === undefined) {
    token = (await simulatedCredential(tenant).getToken(scope))?.token ?? '';
    tokens.set(scope, token);
  }
  return { Authorization: `Bearer ${token}` };
}
const tokens = new Map<string, string>();

/** GET on Graph v1.0 with the tenant's token. */
export async function graphGet(path: string, headers: Record<string, string> = {}, init: RequestInit = {}): Promise<RawAnswer> {
  return raw(`https://graph.microsoft.com/v1.0${path}`, { headers: { ...(await bearer()), ...headers }, ...init });
}

/** The Exchange admin API InvokeCommand URL of the tenant. */
export function invokeUrl(host = 'outlook.office365.com'): string {
  return `https://${host}/adminapi/beta/${tenant.tenantId}/InvokeCommand`;
}

/** Runs a cmdlet on the Exchange admin API (or the compliance endpoint) with the tenant's token. */
export async function cmdlet(name: string, options: { host?: string; url?: string; pageSize?: number } = {}): Promise<RawAnswer> {
  const host = options.host ?? 'outlook.office365.com';
  const scope = host.includes('compliance') ? 'https://ps.compliance.protection.outlook.com/.default' : 'https://outlook.office365.com/.default';
  return raw(options.url ?? invokeUrl(host), {
    method: 'POST',
    headers: { ...(await bearer(scope)), 'Content-Type': 'application/json', Prefer: `odata.maxpagesize=${options.pageSize ?? 1000}` },
    body: JSON.stringify({ CmdletInput: { CmdletName: name, Parameters: {} } }),
  });
}

/** POSTs a client-credentials form to the Entra token endpoint. */
export async function entraToken(clientRequestId = 'f00dfeed-0000-4000-8000-000000000001'): Promise<RawAnswer> {
  return raw(`https://login.microsoftonline.com/${tenant.tenantId}/oauth2/v2.0/token?client-request-id=${clientRequestId}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'x', client_secret: 'y', scope: 'https://graph.microsoft.com/.default' }),
  });
}
