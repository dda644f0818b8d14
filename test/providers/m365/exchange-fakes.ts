import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { http, HttpResponse, type HttpHandler } from 'msw';

// A small stand-in for the Exchange Online admin API, written from the documented protocol
// (POST .../adminapi/beta/{tenant}/InvokeCommand, CmdletInput body, value[] pages, @odata.nextLink
// re-posted with the same body). The client tests use it to inject exact faults; the simulated
// tenant in src/testing is exercised separately.

export const TENANT = '11111111-2222-4333-8444-555555555555';
export const EXCHANGE_URL = `https://outlook.office365.com/adminapi/beta/${TENANT}/InvokeCommand`;
export const COMPLIANCE_URL = `https://ps.compliance.protection.outlook.com/adminapi/beta/${TENANT}/InvokeCommand`;

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned app-only JWT with these roles, for the resource of the scope asked for. */
export function appToken(scope: string, roles: readonly string[] | undefined): string {
  const aud = scope.replace(/\/\.default$/, '');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ aud, tid: TENANT, idtyp: 'app', ...(roles ? { roles } : {}) })}.c2ln`;
}

/** A TokenCredential handing out app tokens, recording every scope asked for. */
export function fakeCredential(options: { roles?: readonly string[]; failFor?: string; opaque?: boolean } = {}): TokenCredential & { scopes: string[] } {
  const scopes: string[] = [];
  return {
    scopes,
    async getToken(asked: string | string[]): Promise<AccessToken> {
      const scope = [asked].flat()[0]!;
      scopes.push(scope);
      if (options.failFor === scope) throw new Error(`AADSTS500011: The resource principal named ${scope} was not found in the tenant`);
      const token = options.opaque ? 'opaque-token' : appToken(scope, options.roles ?? ['Exchange.ManageAsApp']);
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

/** One request the fake admin API answered. */
export interface AdminCall {
  endpoint: 'exchange' | 'compliance';
  url: URL;
  cmdlet: string;
  parameters: Record<string, unknown>;
  rawBody: string;
  headers: Headers;
}

export interface FakeAdminApi {
  /** Items per cmdlet on the Exchange endpoint. */
  exchange: Record<string, unknown[]>;
  /** Items per cmdlet on the compliance endpoint, or the status it refuses every call with. */
  compliance: Record<string, unknown[]> | { refuse: 401 | 403 };
  pageSize?: number;
}

function errorBody(code: string, message: string, detail?: string) {
  return { error: { code, message, ...(detail ? { details: [{ message: detail }] } : {}) } };
}

/** msw handlers answering both endpoints from `api`, recording every call in `calls`. */
export function adminApiHandlers(api: FakeAdminApi, calls: AdminCall[]): HttpHandler[] {
  const answer = (endpoint: 'exchange' | 'compliance') =>
    async ({ request }: { request: Request }) => {
      const url = new URL(request.url);
      const rawBody = await request.text();
      const input = (JSON.parse(rawBody) as { CmdletInput: { CmdletName: string; Parameters?: Record<string, unknown> } }).CmdletInput;
      calls.push({ endpoint, url, cmdlet: input.CmdletName, parameters: input.Parameters ?? {}, rawBody, headers: request.headers });
      const source = endpoint === 'exchange' ? api.exchange : api.compliance;
      if ('refuse' in source) {
        return HttpResponse.json(errorBody('Unauthorized', 'Access denied'), { status: source.refuse as number });
      }
      const items = source[input.CmdletName];
      if (!items) {
        return HttpResponse.json(
          errorBody('BadRequest', 'Error executing cmdlet', `The term '${input.CmdletName}' is not recognized as a name of a cmdlet.`),
          { status: 400 },
        );
      }
      const pageSize = api.pageSize ?? 1000;
      const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
      const next = new URL(url);
      next.searchParams.set('$skiptoken', String(skip + pageSize));
      return HttpResponse.json({
        '@odata.context': `${url.origin}/adminapi/beta/${TENANT}/$metadata#Collection(Exchange.GenericHashTable)`,
        ...(skip + pageSize < items.length ? { '@odata.nextLink': next.toString() } : {}),
        value: items.slice(skip, skip + pageSize),
      });
    };
  return [
    http.post('https://outlook.office365.com/adminapi/beta/:tenant/InvokeCommand', answer('exchange')),
    http.post('https://ps.compliance.protection.outlook.com/adminapi/beta/:tenant/InvokeCommand', answer('compliance')),
  ];
}
