import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import {
  createGraphHandlers,
  SimulatedNetwork,
  simulatorHandlers,
  SimulatorRequestLog,
  withSimulatedNetwork,
  type NetworkOptions,
} from '../../src/testing/index.js';
import { simulatorPerTest } from '../fixtures/simulator-per-test.js';
import { accessToken } from './google-harness.js';
import { bearer, cmdlet, customer, entraToken, graphGet, invokeUrl, raw, tenant } from './network-harness.js';

const simulators = simulatorPerTest();

/** A simulator for the test tenant and customer behind a network with these options. */
function serve(network: NetworkOptions) {
  return simulators.serve({ m365: [tenant], google: [customer], network });
}

/** One status per request ('reset' when the connection dropped). */
async function outcome(request: () => Promise<{ status: number }>): Promise<number | 'reset'> {
  try {
    return (await request()).status;
  } catch {
    return 'reset';
  }
}

const GRAPH_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('seeded random faults', () => {
  const options: NetworkOptions = { seed: 42, faults: { throttle: 0.3, unavailable: 0.1, gatewayTimeout: 0.1, reset: 0.1 }, retryAfterSeconds: 0 };

  async function run(seed: number): Promise<{ outcomes: (number | 'reset')[]; stats: ReturnType<SimulatedNetwork['stats']> }> {
    const simulator = serve({ ...options, seed });
    const outcomes: (number | 'reset')[] = [];
    for (let i = 0; i < 40; i++) outcomes.push(await outcome(() => graphGet('/users?$select=id')));
    const stats = simulator.network!.stats();
    simulators.stop();
    return { outcomes, stats };
  }

  it('gives the same faults for the same seed and request order, and others for another seed', async () => {
    const first = await run(42);
    const again = await run(42);
    const other = await run(7);
    expect(again.outcomes).toEqual(first.outcomes);
    expect(again.stats).toEqual(first.stats);
    expect(other.outcomes).not.toEqual(first.outcomes);
    // Every kind shows up in 40 draws at these rates, and the counters agree with what the client saw.
    for (const status of [200, 429, 503, 504, 'reset'] as const) expect(first.outcomes).toContain(status);
    expect(first.stats.faults.throttle).toBe(first.outcomes.filter((status) => status === 429).length);
    expect(first.stats.faults.unavailable).toBe(first.outcomes.filter((status) => status === 503).length);
    expect(first.stats.faults.gatewayTimeout).toBe(first.outcomes.filter((status) => status === 504).length);
    expect(first.stats.faults.reset).toBe(first.outcomes.filter((status) => status === 'reset').length);
    expect(first.stats.requests).toBe(40);
    expect(first.stats.byService.graph).toEqual({ requests: 40, faults: 40 - first.outcomes.filter((status) => status === 200).length });
  });

  it('is deterministic for concurrent requests sent in the same order', async () => {
    const once = async (): Promise<(number | 'reset')[]> => {
      serve({ ...options, latencyMs: { min: 0, max: 5 } });
      const paths = ['/users?$select=id', '/subscribedSkus', '/identity/conditionalAccess/policies', '/policies/identitySecurityDefaultsEnforcementPolicy'];
      const outcomes = await Promise.all(Array.from({ length: 24 }, (_, i) => outcome(() => graphGet(paths[i % paths.length]!))));
      simulators.stop();
      return outcomes;
    };
    const first = await once();
    expect(await once()).toEqual(first);
    expect(await once()).toEqual(first);
  });

  it('checks its options: probabilities, their sum, and whole-second Retry-After', () => {
    expect(() => new SimulatedNetwork({ retryAfterSeconds: 1.5 })).toThrow(/whole number of seconds/);
    expect(() => new SimulatedNetwork({ retryAfterSeconds: -1 })).toThrow(RangeError);
    expect(() => new SimulatedNetwork({ faults: { throttle: 0.7, unavailable: 0.5 } })).toThrow(/add up to/);
    expect(() => new SimulatedNetwork({ faults: { reset: 2 } })).toThrow(/probability/);
    expect(() => new SimulatedNetwork({ latencyMs: { min: 50, max: 10 } })).toThrow(/above max/);
    expect(() => new SimulatedNetwork({ streaks: [{ match: {}, count: 1, retryAfterSeconds: 0.5 }] })).toThrow(RangeError);
    expect(() => new SimulatedNetwork({ retryAfterSeconds: 0 })).not.toThrow();
  });
});

describe('Graph fault answers', () => {
  it('429 is the throttling docs sample with Retry-After in whole seconds', async () => {
    serve({ faults: { throttle: 1 }, services: ['graph'], retryAfterSeconds: 3 });
    const answer = await graphGet('/users', { 'client-request-id': 'c0ffee00-0000-4000-8000-000000000001' });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('Retry-After')).toBe('3');
    expect(answer.headers.get('request-id')).toMatch(GUID);
    expect(answer.headers.get('client-request-id')).toBe('c0ffee00-0000-4000-8000-000000000001');
    expect(answer.body).toEqual({
      error: {
        code: 'TooManyRequests',
        innerError: { code: '429', date: expect.stringMatching(GRAPH_DATE), message: 'Please retry after', 'request-id': answer.headers.get('request-id'), status: '429' },
        message: 'Please retry again later.',
      },
    });
  });

  it('429 on identity protection and Conditional Access paths has no Retry-After, as documented', async () => {
    const simulator = serve({ faults: { throttle: 1 }, services: ['graph'] });
    const answer = await graphGet('/identity/conditionalAccess/policies');
    expect(answer.status).toBe(429);
    expect(answer.headers.get('Retry-After')).toBeNull();
    expect(simulator.network!.stats().retryAfterSeconds).toBe(0);
  });

  it('503 serviceNotAvailable with Retry-After, and 504 UnknownError with an empty message', async () => {
    serve({
      streaks: [
        { match: { path: '/subscribedSkus' }, count: 1, kind: 'unavailable', retryAfterSeconds: 0 },
        { match: { path: '/policies/identitySecurityDefaultsEnforcementPolicy' }, count: 1, kind: 'gatewayTimeout' },
      ],
    });
    const busy = await graphGet('/subscribedSkus');
    expect(busy.status).toBe(503);
    expect(busy.headers.get('Retry-After')).toBe('0');
    expect(busy.body.error).toMatchObject({ code: 'serviceNotAvailable', message: 'The service is not available. Try the request again after a delay.' });
    expect(busy.body.error.innerError).toEqual({ date: expect.stringMatching(GRAPH_DATE), 'request-id': expect.stringMatching(GUID), 'client-request-id': expect.stringMatching(GUID) });
    const timeout = await graphGet('/policies/identitySecurityDefaultsEnforcementPolicy');
    expect(timeout.status).toBe(504);
    expect(timeout.headers.get('Retry-After')).toBeNull();
    expect(timeout.body.error).toMatchObject({ code: 'UnknownError', message: '' });
    expect((await graphGet('/subscribedSkus')).status).toBe(200);
  });

  it('throttles a whole $batch POST', async () => {
    const simulator = serve({ streaks: [{ match: { method: 'POST', path: '/$batch' }, count: 1 }] });
    const batch = () =>
      bearer().then((headers) =>
        raw('https://graph.microsoft.com/v1.0/$batch', {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ requests: [{ id: '1', method: 'GET', url: '/subscribedSkus' }] }),
        }),
      );
    const throttled = await batch();
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('TooManyRequests');
    const answered = await batch();
    expect(answered.status).toBe(200);
    expect(answered.body.responses[0]).toMatchObject({ id: '1', status: 200 });
    expect(simulator.requests.count({ path: '/$batch', status: 429 })).toBe(1);
  });
});

describe('Exchange admin API fault answers', () => {
  it('429 and 503 carry Retry-After and no body, on the Exchange and compliance hosts', async () => {
    const simulator = serve({
      streaks: [
        { match: { cmdlet: 'Get-OrganizationConfig' }, count: 1, retryAfterSeconds: 2 },
        { match: { host: /compliance/ }, count: 1, kind: 'unavailable' },
      ],
    });
    const throttled = await cmdlet('Get-OrganizationConfig');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('Retry-After')).toBe('2');
    expect(throttled.text).toBe('');
    expect(throttled.headers.get('request-id')).toMatch(GUID);
    expect((await cmdlet('Get-OrganizationConfig')).status).toBe(200);
    const busy = await cmdlet('Get-DlpCompliancePolicy', { host: 'ps.compliance.protection.outlook.com' });
    expect(busy.status).toBe(503);
    expect(busy.headers.get('Retry-After')).toBe('1');
    expect(busy.text).toBe('');
    // The injected answers are in the simulator's log, as the Exchange handler records its own.
    expect(simulator.requests.count({ cmdlet: 'Get-OrganizationConfig', status: 429, host: 'outlook.office365.com', tenantId: tenant.tenantId })).toBe(1);
    expect(simulator.requests.count({ host: 'ps.compliance.protection.outlook.com', status: 503 })).toBe(1);
  });
});

describe('Entra token endpoint fault answers', () => {
  it('429 AADSTS90055 and 503 AADSTS90006, temporarily_unavailable, with Retry-After', async () => {
    serve({ streaks: [{ match: { service: 'entra' }, count: 1 }, { match: { service: 'entra' }, after: 1, count: 1, kind: 'unavailable', retryAfterSeconds: 5 }] });
    const throttled = await entraToken();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('Retry-After')).toBe('1');
    expect(throttled.body).toMatchObject({ error: 'temporarily_unavailable', error_codes: [90055], correlation_id: 'f00dfeed-0000-4000-8000-000000000001' });
    expect(throttled.body.error_description).toMatch(/^AADSTS90055: There are too many incoming requests\. Please try again later\.\r\nTrace ID: .+\r\nCorrelation ID: f00dfeed-0000-4000-8000-000000000001\r\nTimestamp: /);
    expect(throttled.headers.get('x-ms-request-id')).toBe(throttled.body.trace_id);
    const busy = await entraToken();
    expect(busy.status).toBe(503);
    expect(busy.headers.get('Retry-After')).toBe('5');
    expect(busy.body).toMatchObject({ error: 'temporarily_unavailable', error_codes: [90006] });
  });
});

describe('Google fault answers', () => {
  it('429 RESOURCE_EXHAUSTED rateLimitExceeded in the Admin SDK dialect, naming the project', async () => {
    serve({ streaks: [{ match: { host: 'admin.googleapis.com' }, count: 1, retryAfterSeconds: 4 }] });
    const token = await accessToken(customer);
    const answer = await raw(`https://admin.googleapis.com/admin/directory/v1/users?customer=my_customer`, { headers: { Authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('Retry-After')).toBe('4');
    expect(answer.headers.get('Content-Type')).toBe('application/json; charset=UTF-8');
    const { error } = answer.body;
    expect(error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED', errors: [{ reason: 'rateLimitExceeded', domain: 'global' }] });
    expect(error.message).toContain(`project_number:${customer.cloudProject.projectNumber}`);
    expect(error.details[0]).toMatchObject({ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'RATE_LIMIT_EXCEEDED', metadata: { service: 'admin.googleapis.com' } });
  });

  it('503 UNAVAILABLE in the OnePlatform dialect (no errors[]) on Cloud Identity', async () => {
    serve({ streaks: [{ match: { host: 'cloudidentity.googleapis.com' }, count: 1, kind: 'unavailable' }] });
    const token = await accessToken(customer);
    const answer = await raw('https://cloudidentity.googleapis.com/v1/policies', { headers: { Authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(503);
    expect(answer.headers.get('Retry-After')).toBe('1');
    expect(answer.body).toEqual({ error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' } });
  });

  it("the OAuth token endpoint's 503 internal_failure and 429, which the client library sees", async () => {
    serve({ faults: { unavailable: 1 }, tokenEndpoints: 'only', services: ['google-token'] });
    const form = { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=x' };
    const busy = await raw('https://oauth2.googleapis.com/token', form);
    expect(busy.status).toBe(503);
    expect(busy.body).toEqual({ error: 'internal_failure', error_description: 'Backend Error' });
    expect(busy.headers.get('Retry-After')).toBe('1');
    simulators.stop();
    serve({ faults: { throttle: 1 }, services: ['google-token'] });
    const throttled = await raw('https://oauth2.googleapis.com/token', form);
    expect(throttled.status).toBe(429);
    expect(throttled.body.error).toBe('rate_limit_exceeded');
  });
});

describe('which requests get faults', () => {
  it('limits random faults to services, hosts and paths, and leaves token endpoints out or alone', async () => {
    serve({ faults: { throttle: 1 }, services: ['graph'] });
    expect((await graphGet('/users')).status).toBe(429);
    expect((await cmdlet('Get-OrganizationConfig')).status).toBe(200);
    expect(typeof (await accessToken(customer))).toBe('string');
    simulators.stop();

    serve({ faults: { throttle: 1 }, tokenEndpoints: false });
    expect((await entraToken()).status).not.toBe(429);
    expect(typeof (await accessToken(customer))).toBe('string');
    expect((await graphGet('/users')).status).toBe(429);
    simulators.stop();

    serve({ faults: { throttle: 1 }, tokenEndpoints: 'only' });
    expect((await entraToken()).status).toBe(429);
    expect((await graphGet('/users')).status).toBe(200);
    simulators.stop();

    serve({ faults: { throttle: 1 }, paths: ['/users', /\/subscribedSkus\b/] });
    expect((await graphGet('/users')).status).toBe(429);
    expect((await graphGet('/subscribedSkus?$select=skuId')).status).toBe(429);
    expect((await graphGet('/policies/identitySecurityDefaultsEnforcementPolicy')).status).toBe(200);
    simulators.stop();

    serve({ faults: { throttle: 1 }, hosts: [/^ps\.compliance/] });
    expect((await cmdlet('Get-DlpCompliancePolicy', { host: 'ps.compliance.protection.outlook.com' })).status).toBe(429);
    expect((await cmdlet('Get-OrganizationConfig')).status).toBe(200);
  });

  it('leaves hosts the simulator does not serve unhandled', async () => {
    simulators.serve({ m365: [tenant], network: { faults: { throttle: 1 } } });
    // Google hosts are not served in an M365-only run: msw still refuses them instead of answering 429.
    await expect(fetch('https://admin.googleapis.com/admin/directory/v1/users')).rejects.toThrow();
    await expect(fetch('https://example.com/')).rejects.toThrow();
    // Exchange hosts answer only the admin API.
    await expect(fetch('https://outlook.office365.com/owa/')).rejects.toThrow();
    expect((await graphGet('/users')).status).toBe(429);
  });
});

describe('streaks and counters', () => {
  it('five 429s in a row for GET /users, then the real answer; counters and the log add up', async () => {
    const simulator = serve({ streaks: [{ match: { method: 'GET', path: '/users' }, count: 5, retryAfterSeconds: 2 }] });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await graphGet('/users')).status);
    expect(statuses).toEqual([429, 429, 429, 429, 429, 200]);
    // Other requests are not part of the streak.
    expect((await graphGet('/subscribedSkus')).status).toBe(200);
    const stats = simulator.network!.stats();
    expect(stats.faults.throttle).toBe(5);
    expect(stats.streakFaults).toBe(5);
    expect(stats.retryAfterSeconds).toBe(10);
    expect(stats.requests).toBe(7);
    expect(simulator.requests.count({ path: '/users', status: 429, tenantId: tenant.tenantId })).toBe(5);
    expect(simulator.network!.events.filter((event) => event.source === 'streak').map((event) => event.sequence)).toEqual([1, 2, 3, 4, 5]);
  });

  it('starts a streak after N matching requests (e.g. page 3) and drops connections on request', async () => {
    const simulator = serve({ streaks: [{ match: { path: /^\/v1\.0\/users\?/ }, after: 2, count: 2, kind: 'reset' }] });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await outcome(() => graphGet('/users?$top=1')));
    expect(results).toEqual([200, 200, 'reset', 'reset', 200]);
    expect(simulator.network!.stats().faults.reset).toBe(2);
    expect(simulator.requests.count({ status: 0 })).toBe(2);
    // A reset is a network error, as a dropped connection is to fetch.
    simulators.stop();
    serve({ faults: { reset: 1 } });
    await expect(graphGet('/users')).rejects.toThrow(TypeError);
  });

  it('reset() starts the run over', async () => {
    const simulator = serve({ seed: 3, faults: { throttle: 0.5 } });
    const first: number[] = [];
    for (let i = 0; i < 10; i++) first.push((await graphGet('/subscribedSkus')).status);
    simulator.network!.reset();
    expect(simulator.network!.stats().requests).toBe(0);
    const second: number[] = [];
    for (let i = 0; i < 10; i++) second.push((await graphGet('/subscribedSkus')).status);
    expect(second).toEqual(first);
  });
});

describe('handlers for your own msw server', () => {
  it('wraps service handlers, and plugs into simulatorHandlers as a SimulatedNetwork', async () => {
    const log = new SimulatorRequestLog();
    const { handlers, network } = withSimulatedNetwork(createGraphHandlers([tenant], { requestLog: log }), {
      requestLog: log,
      streaks: [{ match: { path: '/users' }, count: 1 }],
    });
    const server = setupServer(...handlers);
    server.listen({ onUnhandledFrame: 'error' });
    try {
      expect((await graphGet('/users')).status).toBe(429);
      expect((await graphGet('/users')).status).toBe(200);
      expect(network.stats().faults.throttle).toBe(1);
      expect(log.count({ path: '/users' })).toBe(2);
    } finally {
      server.close();
    }

    const shared = new SimulatedNetwork({ faults: { unavailable: 1 }, services: ['exchange'] });
    const other = setupServer(...simulatorHandlers({ m365: [tenant], network: shared }));
    other.listen({ onUnhandledFrame: 'error' });
    try {
      expect((await cmdlet('Get-OrganizationConfig', { url: invokeUrl() })).status).toBe(503);
      expect(shared.stats().byService.exchange).toEqual({ requests: 1, faults: 1 });
    } finally {
      other.close();
    }
  });
});
