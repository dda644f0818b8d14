import { delay, http, HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExchangeAdminSession, type ExchangeAdminSessionOptions } from '../../../src/providers/m365/exchange-client.js';
import { ExchangeRequestError } from '../../../src/providers/m365/exchange-errors.js';
import { adminApiHandlers, appToken, COMPLIANCE_URL, EXCHANGE_URL, fakeCredential, TENANT, type AdminCall, type FakeAdminApi } from './exchange-fakes.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function session(options: Partial<ExchangeAdminSessionOptions> = {}) {
  return new ExchangeAdminSession({ tenantId: TENANT, credential: fakeCredential(), timeoutMs: 5_000, retry: { baseDelayMs: 1, maxDelayMs: 2 }, ...options });
}

function serve(api: FakeAdminApi): AdminCall[] {
  const calls: AdminCall[] = [];
  server.use(...adminApiHandlers(api, calls));
  return calls;
}

const mailboxes = (count: number) => Array.from({ length: count }, (_, index) => ({ DisplayName: `Shared ${index}`, RecipientTypeDetails: 'SharedMailbox' }));

/** The error an invoke fails with (the test fails if it succeeds). */
async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('Exchange admin session', () => {
  it('posts the cmdlet as CmdletInput to InvokeCommand with the app anchor, page-size preference and an Exchange-scoped token', async () => {
    const calls = serve({ exchange: { 'Get-OrganizationConfig': [{ Name: 'contoso.onmicrosoft.com', AuditDisabled: false }] }, compliance: {} });
    const credential = fakeCredential();
    const answer = await session({ credential }).invoke('Get-OrganizationConfig', { Identity: 'contoso' });

    expect(answer).toEqual({ items: [{ Name: 'contoso.onmicrosoft.com', AuditDisabled: false }], endpoint: 'exchange', warnings: [] });
    const [call] = calls;
    expect(call!.url.toString()).toBe(EXCHANGE_URL);
    expect(JSON.parse(call!.rawBody)).toEqual({ CmdletInput: { CmdletName: 'Get-OrganizationConfig', Parameters: { Identity: 'contoso' } } });
    expect(call!.headers.get('x-anchormailbox')).toBe(`APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@${TENANT}`);
    expect(call!.headers.get('prefer')).toBe('odata.maxpagesize=1000');
    expect(call!.headers.get('x-responseformat')).toBe('json');
    expect(call!.headers.get('content-type')).toContain('application/json');
    expect(call!.headers.get('authorization')).toBe(`Bearer ${appToken('https://outlook.office365.com/.default', ['Exchange.ManageAsApp'])}`);
    expect(credential.scopes).toEqual(['https://outlook.office365.com/.default']);
  });

  it('follows @odata.nextLink by re-posting the same body until the last page', async () => {
    const calls = serve({ exchange: { 'Get-Mailbox': mailboxes(2_500) }, compliance: {}, pageSize: 1000 });
    const exchange = session();
    const { items } = await exchange.invoke('Get-Mailbox', { RecipientTypeDetails: 'SharedMailbox', ResultSize: 'Unlimited' }, { select: ['DisplayName'] });

    expect(items).toHaveLength(2_500);
    expect(items.at(-1)).toEqual({ DisplayName: 'Shared 2499', RecipientTypeDetails: 'SharedMailbox' });
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((call) => call.rawBody)).size).toBe(1);
    expect(calls.map((call) => call.url.searchParams.get('$skiptoken'))).toEqual([null, '1000', '2000']);
    expect(calls.every((call) => call.url.searchParams.get('$select') === 'DisplayName')).toBe(true);
    expect(exchange.requestCount).toBe(3);
  });

  it('refuses to follow a next link to another host, so the token never leaves Exchange', async () => {
    server.use(http.post(EXCHANGE_URL, () => HttpResponse.json({ value: [{ Name: 'a' }], '@odata.nextLink': 'https://attacker.example/adminapi/next' })));
    const error = await failureOf(session().invoke('Get-TransportRule'));
    expect(error).toBeInstanceOf(ExchangeRequestError);
    expect((error as ExchangeRequestError).failure).toMatchObject({ code: 'ForeignNextLink', cmdlet: 'Get-TransportRule' });
  });

  it('drops the wire annotations of each item and keeps its values', async () => {
    // Shaped like a captured InvokeCommand answer (test/testing/fixtures/exchange-reference).
    server.use(
      http.post(EXCHANGE_URL, () =>
        HttpResponse.json({
          'adminapi.warnings@odata.type': '#Collection(String)',
          '@adminapi.warnings': [],
          value: [
            {
              'EmailAddresses@odata.type': '#Collection(String)',
              EmailAddresses: ['SMTP:info@contoso.example'],
              'ExchangeGuid@data.type': 'System.Guid',
              'ExchangeGuid@odata.type': '#Guid',
              ExchangeGuid: 'ae0627d4-b741-4f5e-bbc8-afde04ef72d2',
              Conditions: [{ '@odata.type': '#Exchange.GenericHashTable', _key: 'name', _value: 'x' }],
            },
          ],
        }),
      ),
    );
    const { items, warnings } = await session().invoke('Get-Mailbox');
    expect(items).toEqual([
      { EmailAddresses: ['SMTP:info@contoso.example'], ExchangeGuid: 'ae0627d4-b741-4f5e-bbc8-afde04ef72d2', Conditions: [{ '@odata.type': '#Exchange.GenericHashTable', _key: 'name', _value: 'x' }] },
    ]);
    expect(warnings).toEqual([]);
  });

  it('collects @adminapi.warnings next to the items', async () => {
    server.use(http.post(EXCHANGE_URL, () => HttpResponse.json({ value: [], '@adminapi.warnings': ['The cmdlet is deprecated.'] })));
    expect((await session().invoke('Get-TransportRule')).warnings).toEqual(['The cmdlet is deprecated.']);
  });

  it('fails a 200 answer that carries an error envelope', async () => {
    server.use(http.post(EXCHANGE_URL, () => HttpResponse.json({ error: { code: 'BadRequest', message: 'Error executing cmdlet', details: [{ message: 'The operation could not be performed.' }] } })));
    const error = (await failureOf(session().invoke('Get-TransportRule'))) as ExchangeRequestError;
    expect(error.failure).toMatchObject({ status: 200, code: 'BadRequest', message: 'The operation could not be performed.' });
  });

  it('fails an answer without a value array instead of returning nothing', async () => {
    server.use(http.post(EXCHANGE_URL, () => HttpResponse.json({ unexpected: true })));
    const error = (await failureOf(session().invoke('Get-TransportRule'))) as ExchangeRequestError;
    expect(error.failure.code).toBe('UnexpectedAnswer');
  });
});

describe('Security & Compliance cmdlets', () => {
  it('run on the compliance endpoint with a compliance-scoped token when it answers, and say so', async () => {
    const calls = serve({ exchange: {}, compliance: { 'Get-DlpCompliancePolicy': [{ Name: 'HIPAA' }] } });
    const credential = fakeCredential();
    const answer = await session({ credential }).invoke('Get-DlpCompliancePolicy', {}, { endpoint: 'compliance' });

    expect(answer).toEqual({ items: [{ Name: 'HIPAA' }], endpoint: 'compliance', warnings: [] });
    expect(calls.map((call) => call.url.toString())).toEqual([COMPLIANCE_URL]);
    expect(credential.scopes).toEqual(['https://ps.compliance.protection.outlook.com/.default']);
  });

  it.each([401, 403] as const)('fall back to the Exchange endpoint when compliance refuses with %i, and later ones go straight there', async (status) => {
    const calls = serve({
      exchange: { 'Get-DlpCompliancePolicy': [{ Name: 'HIPAA' }], 'Get-DlpComplianceRule': [{ Name: 'HIPAA rule' }] },
      compliance: { refuse: status },
    });
    const exchange = session();
    const policies = await exchange.invoke('Get-DlpCompliancePolicy', {}, { endpoint: 'compliance' });
    const rules = await exchange.invoke('Get-DlpComplianceRule', {}, { endpoint: 'compliance' });

    expect(policies).toMatchObject({ items: [{ Name: 'HIPAA' }], endpoint: 'exchange', complianceRefusal: { status, endpoint: 'compliance', cmdlet: 'Get-DlpCompliancePolicy' } });
    expect(rules).toMatchObject({ items: [{ Name: 'HIPAA rule' }], endpoint: 'exchange' });
    expect(calls.map((call) => `${call.endpoint} ${call.cmdlet}`)).toEqual([
      'compliance Get-DlpCompliancePolicy',
      'exchange Get-DlpCompliancePolicy',
      'exchange Get-DlpComplianceRule',
    ]);
    expect(exchange.requestCount).toBe(3);
  });

  it("follow the compliance endpoint's redirect to the regional host, re-posting with the token, and stay there", async () => {
    const regional = `https://nam12b.ps.compliance.protection.outlook.com/adminapi/beta/${TENANT}/InvokeCommand`;
    const seen: { url: string; method: string; body: string; authorization: string | null }[] = [];
    server.use(
      http.all(COMPLIANCE_URL, async ({ request }) => {
        seen.push({ url: request.url, method: request.method, body: await request.text(), authorization: request.headers.get('authorization') });
        return new HttpResponse(null, { status: 302, headers: { Location: regional } });
      }),
      http.all(regional, async ({ request }) => {
        seen.push({ url: request.url, method: request.method, body: await request.text(), authorization: request.headers.get('authorization') });
        return HttpResponse.json({ value: [{ Name: 'HIPAA' }] });
      }),
    );
    const exchange = session();
    const first = await exchange.invoke('Get-DlpCompliancePolicy', {}, { endpoint: 'compliance' });
    await exchange.invoke('Get-DlpComplianceRule', {}, { endpoint: 'compliance' });

    expect(first).toMatchObject({ endpoint: 'compliance', items: [{ Name: 'HIPAA' }] });
    expect(seen.map((request) => `${request.method} ${new URL(request.url).host}`)).toEqual([
      'POST ps.compliance.protection.outlook.com',
      'POST nam12b.ps.compliance.protection.outlook.com',
      'POST nam12b.ps.compliance.protection.outlook.com',
    ]);
    expect(seen[1]!.body).toBe(seen[0]!.body);
    expect(seen[1]!.authorization).toBe(`Bearer ${appToken('https://ps.compliance.protection.outlook.com/.default', ['Exchange.ManageAsApp'])}`);
  });

  it('rewrite a redirect to the regional admin backend on port 446 to the regional compliance host', async () => {
    const regional = `https://eur03b.ps.compliance.protection.outlook.com/adminapi/beta/${TENANT}/InvokeCommand`;
    server.use(
      http.post(COMPLIANCE_URL, () => new HttpResponse(null, { status: 302, headers: { Location: `https://eur03b.admin.protection.outlook.com:446/adminapi/beta/${TENANT}/InvokeCommand` } })),
      http.post(regional, () => HttpResponse.json({ value: [] })),
    );
    expect((await session().invoke('Get-UnifiedAuditLogRetentionPolicy', {}, { endpoint: 'compliance' })).endpoint).toBe('compliance');
  });

  it('refuse a compliance redirect to any other host and read the cmdlet through Exchange instead', async () => {
    const calls = serve({ exchange: { 'Get-DlpCompliancePolicy': [] }, compliance: {} });
    server.use(http.post(COMPLIANCE_URL, () => new HttpResponse(null, { status: 302, headers: { Location: 'https://login.example.net/steal' } })));
    const answer = await session().invoke('Get-DlpCompliancePolicy', {}, { endpoint: 'compliance' });

    expect(answer).toMatchObject({ endpoint: 'exchange', complianceRefusal: { code: 'UnfollowedRedirect', message: 'redirected to an unexpected host (login.example.net)' } });
    expect(calls.map((call) => call.endpoint)).toEqual(['exchange']);
  });

  it('fall back when no token can be had for the compliance resource', async () => {
    const calls = serve({ exchange: { 'Get-UnifiedAuditLogRetentionPolicy': [] }, compliance: {} });
    const credential = fakeCredential({ failFor: 'https://ps.compliance.protection.outlook.com/.default' });
    const answer = await session({ credential }).invoke('Get-UnifiedAuditLogRetentionPolicy', {}, { endpoint: 'compliance' });

    expect(answer).toMatchObject({ endpoint: 'exchange', complianceRefusal: { code: 'TokenUnavailable', status: 0 } });
    expect(calls.map((call) => call.endpoint)).toEqual(['exchange']);
  });

  it('do not fall back on a compliance error that is not a refusal', async () => {
    const calls = serve({ exchange: { 'Get-DlpCompliancePolicy': [] }, compliance: {} });
    const error = (await failureOf(session().invoke('Get-DlpCompliancePolicy', {}, { endpoint: 'compliance' }))) as ExchangeRequestError;

    expect(error.failure).toMatchObject({ status: 400, endpoint: 'compliance' });
    expect(calls.map((call) => call.endpoint)).toEqual(['compliance']);
  });

  it('carry the compliance refusal in the error when Exchange cannot answer either', async () => {
    serve({ exchange: {}, compliance: { refuse: 401 } });
    const error = (await failureOf(session().invoke('Get-DlpCompliancePolicy', {}, { endpoint: 'compliance' }))) as ExchangeRequestError;

    expect(error.failure).toMatchObject({ status: 400, endpoint: 'exchange', complianceRefusal: { status: 401, endpoint: 'compliance' } });
  });
});

describe('Retries, timeouts and cancellation', () => {
  it('retry a 429 after its Retry-After and count every attempt', async () => {
    let attempts = 0;
    server.use(
      http.post(EXCHANGE_URL, () => {
        attempts += 1;
        return attempts === 1
          ? HttpResponse.json({ error: { code: 'TooManyRequests', message: 'slow down' } }, { status: 429, headers: { 'Retry-After': '1' } })
          : HttpResponse.json({ value: [{ Name: 'rule' }] });
      }),
    );
    const exchange = session();
    const started = performance.now();
    const { items } = await exchange.invoke('Get-TransportRule');

    expect(items).toEqual([{ Name: 'rule' }]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(exchange.requestCount).toBe(2);
  });

  it('retry a 503 without Retry-After with backoff', async () => {
    let attempts = 0;
    server.use(
      http.post(EXCHANGE_URL, () => {
        attempts += 1;
        return attempts < 3 ? new HttpResponse('Service Unavailable', { status: 503 }) : HttpResponse.json({ value: [] });
      }),
    );
    const exchange = session();
    await exchange.invoke('Get-TransportRule');
    expect(exchange.requestCount).toBe(3);
  });

  it('stop when the retry budget is spent and report the throttling with its status', async () => {
    server.use(http.post(EXCHANGE_URL, () => HttpResponse.json({ error: { code: 'TooManyRequests', message: 'slow down' } }, { status: 429, headers: { 'Retry-After': '0' } })));
    const exchange = session({ retry: { budgetMs: 300, baseDelayMs: 5, maxDelayMs: 10 } });
    const started = performance.now();
    const error = (await failureOf(exchange.invoke('Get-TransportRule'))) as ExchangeRequestError;

    expect(error.failure).toMatchObject({ status: 429, code: 'TooManyRequests', message: 'slow down' });
    expect(exchange.requestCount).toBeGreaterThan(2);
    expect(exchange.retryCount).toBe(exchange.requestCount - 1);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('do not wait for a Retry-After beyond the cap, so one tenant cannot stall the audit', async () => {
    server.use(http.post(EXCHANGE_URL, () => HttpResponse.json({ error: { code: 'TooManyRequests', message: 'later' } }, { status: 429, headers: { 'Retry-After': '3600' } })));
    const exchange = session({ retry: { maxRetryAfterMs: 120_000 } });
    const started = performance.now();
    const error = (await failureOf(exchange.invoke('Get-TransportRule'))) as ExchangeRequestError;

    expect(error.failure.status).toBe(429);
    expect(exchange.requestCount).toBe(1);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('do not retry a refusal', async () => {
    server.use(http.post(EXCHANGE_URL, () => HttpResponse.json({ error: { code: 'Unauthorized', message: 'no' } }, { status: 401 })));
    const exchange = session();
    await failureOf(exchange.invoke('Get-TransportRule'));
    expect(exchange.requestCount).toBe(1);
  });

  it('time out a request that hangs, as a TimeoutError', async () => {
    server.use(
      http.post(EXCHANGE_URL, async () => {
        await delay(2_000);
        return HttpResponse.json({ value: [] });
      }),
    );
    const exchange = session({ timeoutMs: 100, retry: { budgetMs: 150, baseDelayMs: 1, maxDelayMs: 2 } });
    const error = await failureOf(exchange.invoke('Get-TransportRule'));
    expect((error as Error).name).toBe('TimeoutError');
    // A timed-out attempt is retried while the budget lasts: here once (100 ms + a retry fits in 150 ms).
    expect(exchange.requestCount).toBe(2);
  });

  it('stop when the caller aborts, as an AbortError', async () => {
    server.use(
      http.post(EXCHANGE_URL, async () => {
        await delay(2_000);
        return HttpResponse.json({ value: [] });
      }),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const error = await failureOf(session({ signal: controller.signal }).invoke('Get-TransportRule'));

    expect((error as Error).name).toBe('AbortError');
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('stop waiting out a Retry-After when the caller aborts', async () => {
    server.use(http.post(EXCHANGE_URL, () => HttpResponse.json({ error: { code: 'TooManyRequests' } }, { status: 429, headers: { 'Retry-After': '30' } })));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const error = await failureOf(session({ signal: controller.signal }).invoke('Get-TransportRule'));

    expect((error as Error).name).toBe('AbortError');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('Error messages', () => {
  const failWith = async (status: number, body: string | JsonBodyType, headers: Record<string, string> = {}) => {
    server.use(http.post(EXCHANGE_URL, () => (typeof body === 'string' ? new HttpResponse(body, { status, headers }) : HttpResponse.json(body, { status, headers }))));
    return ((await failureOf(session().invoke('Get-Mailbox'))) as ExchangeRequestError).failure;
  };

  it('prefer error.details[].message, joined', async () => {
    const failure = await failWith(400, {
      error: { code: 'BadRequest', message: 'Error executing request.', details: [{ message: "A parameter cannot be found that matches parameter name 'Foo'." }, { message: 'Second.' }], innererror: { internalException: { message: 'inner' } } },
    }, { 'request-id': 'req-42' });
    expect(failure).toMatchObject({ status: 400, code: 'BadRequest', message: "A parameter cannot be found that matches parameter name 'Foo'.; Second.", requestId: 'req-42' });
  });

  it('strip the exception type live answers put before a detail message', async () => {
    // Shaped like the live 400 for an unknown parameter (graph2otel's capture, as the simulator serves it).
    const failure = await failWith(400, {
      error: {
        code: 'BadRequest',
        message: 'Invalid Operation',
        details: [{ code: 'Client', target: '', message: '|Microsoft.Exchange.AdminApi.CommandInvocation.AmbiguousParameterSetException|Parameter set cannot be resolved using the specified named parameters.' }],
        innererror: { message: 'Invalid Operation', type: 'Microsoft.Exchange.Admin.OData.Core.ODataServiceException', internalexception: { message: 'Parameter set cannot be resolved using the specified named parameters.' } },
      },
    });
    expect(failure.message).toBe('Parameter set cannot be resolved using the specified named parameters.');
  });

  it('read a detail message that is itself JSON', async () => {
    const failure = await failWith(400, { error: { code: 'BadRequest', message: 'Error executing cmdlet', details: [{ message: JSON.stringify({ Message: "The object 'x' already exists.", TypeName: 'ManagementObjectAlreadyExistsException' }) }] } });
    expect(failure.message).toBe("The object 'x' already exists.");
  });

  it('read innererror.internalexception whatever its case (the wire spells it in lower case)', async () => {
    const failure = await failWith(500, { error: { code: 'InternalServerError', message: 'Invalid Operation', innererror: { message: 'Invalid Operation', internalexception: { message: 'Expired or Invalid pagination request.' } } } });
    expect(failure.message).toBe('Expired or Invalid pagination request.');
  });

  it('read the diagnostics header of an empty 401', async () => {
    const failure = await failWith(401, '', { 'x-ms-diagnostics': "2000003;reason=\"The audience claim value is invalid 'aud'.\";error_category=\"invalid_resource\"", 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    expect(failure).toMatchObject({ status: 401, code: 'HTTP401' });
    expect(failure.message).toContain('The audience claim value is invalid');
  });

  it('keep nothing of a 403 body of NUL bytes', async () => {
    server.use(http.post(EXCHANGE_URL, () => new HttpResponse(new Uint8Array(4096), { status: 403 })));
    const failure = ((await failureOf(session().invoke('Get-Mailbox'))) as ExchangeRequestError).failure;
    expect(failure).toMatchObject({ status: 403, code: 'HTTP403', message: '' });
  });

  it('then error.innererror.internalException.message', async () => {
    const failure = await failWith(500, { error: { code: 'InternalServerError', message: 'An error has occurred.', innererror: { internalException: { message: 'Mailbox database is offline.' } } } });
    expect(failure.message).toBe('Mailbox database is offline.');
  });

  it('then error.message', async () => {
    const failure = await failWith(401, { error: { code: 'Unauthorized', message: 'User is not allowed to call Get-Mailbox', innererror: { message: 'User is not allowed to call Get-Mailbox', type: 'Microsoft.Exchange.Admin.OData.Core.ODataServiceException' } } });
    expect(failure).toMatchObject({ status: 401, code: 'Unauthorized', message: 'User is not allowed to call Get-Mailbox' });
  });

  it('and a bounded excerpt of a non-JSON answer', async () => {
    const failure = await failWith(502, `<html>${'x'.repeat(1_000)}</html>`);
    expect(failure).toMatchObject({ status: 502, code: 'HTTP502' });
    expect(failure.message.length).toBeLessThanOrEqual(200);
  });

  it('record the roles of the refused token (never the token itself)', async () => {
    server.use(http.post(EXCHANGE_URL, () => HttpResponse.json({ error: { code: 'Unauthorized', message: 'no' } }, { status: 401 })));
    const credential = fakeCredential({ roles: [] });
    const error = (await failureOf(session({ credential }).invoke('Get-Mailbox'))) as ExchangeRequestError;
    expect(error.failure.tokenRoles).toEqual([]);
    expect(JSON.stringify(error.failure)).not.toContain(appToken('https://outlook.office365.com/.default', []));
  });
});
