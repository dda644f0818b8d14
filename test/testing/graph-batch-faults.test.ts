import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createGraphHandlers,
  SimulatorRequestLog,
  simulatedCredential,
  typicalPractice,
  type M365Faults,
  type M365TenantModel,
} from '../../src/testing/index.js';
import { call, NOW } from './harness.js';

/** One msw server at a time: each test starts its own simulator (fresh fault counters). */
let close: (() => void) | undefined;
afterEach(() => close?.());

function simulate(faults?: M365Faults): { tenant: M365TenantModel; log: SimulatorRequestLog } {
  const tenant: M365TenantModel = { ...typicalPractice({ now: NOW }), ...(faults ? { faults } : {}) };
  const log = new SimulatorRequestLog();
  const server = setupServer(...createGraphHandlers([tenant], { requestLog: log }));
  server.listen({ onUnhandledFrame: 'error' });
  close = () => server.close();
  return { tenant, log };
}

const usersOf = (tenant: M365TenantModel, groupIndex: number) => `/groups/${tenant.groups[groupIndex]!.id}/transitiveMembers/microsoft.graph.user?$select=id&$top=999`;

describe('POST /$batch', () => {
  it('answers each sub-request as the same GET would', async () => {
    const { tenant, log } = simulate();
    const answer = await call(simulatedCredential(tenant), '/$batch', {
      body: {
        requests: [
          { id: '1', method: 'GET', url: usersOf(tenant, 1) },
          { id: '2', method: 'GET', url: 'policies/identitySecurityDefaultsEnforcementPolicy' },
        ],
      },
    });
    expect(answer.status).toBe(200);
    const [first, second] = answer.body.responses;
    expect(first).toMatchObject({ id: '1', status: 200 });
    expect(first.headers['Content-Type']).toMatch(/^application\/json/);
    const direct = await call(simulatedCredential(tenant), usersOf(tenant, 1));
    expect(first.body.value).toEqual(direct.body.value);
    expect(second.body.isEnabled).toBe(false);
    expect(log.count({ viaBatch: true })).toBe(2);
    expect(log.count({ path: '/$batch' })).toBe(1);
  });

  it('takes 20 requests and refuses 21', async () => {
    const { tenant } = simulate();
    const requests = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(i + 1), method: 'GET', url: usersOf(tenant, i % 4) }));
    const twenty = await call(simulatedCredential(tenant), '/$batch', { body: { requests: requests(20) } });
    expect(twenty.status).toBe(200);
    expect(twenty.body.responses).toHaveLength(20);
    const refused = await call(simulatedCredential(tenant), '/$batch', { body: { requests: requests(21) } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'BadRequest', message: 'Number of requests inside batch exceeds the limit.' });
  });

  it('checks each sub-request\'s permission on its own', async () => {
    const { tenant } = simulate();
    const answer = await call(simulatedCredential(tenant, { roles: ['GroupMember.Read.All'] }), '/$batch', {
      body: {
        requests: [
          { id: 'members', method: 'GET', url: usersOf(tenant, 1) },
          { id: 'policy', method: 'GET', url: '/identity/conditionalAccess/policies' },
        ],
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.responses.map((response: { status: number }) => response.status)).toEqual([200, 403]);
    expect(answer.body.responses[1].body.error.code).toBe('AccessDenied');
  });

  it('refuses malformed batches, duplicate ids and absolute URLs', async () => {
    const { tenant } = simulate();
    expect((await call(simulatedCredential(tenant), '/$batch', { body: { nope: [] } })).status).toBe(400);
    const duplicate = { requests: [{ id: '1', method: 'GET', url: '/users' }, { id: '1', method: 'GET', url: '/users' }] };
    expect((await call(simulatedCredential(tenant), '/$batch', { body: duplicate })).status).toBe(400);
    const absolute = await call(simulatedCredential(tenant), '/$batch', {
      body: { requests: [{ id: '1', method: 'GET', url: 'https://graph.microsoft.com/v1.0/users' }] },
    });
    expect(absolute.body.responses[0].status).toBe(400);
  });
});

describe('faults', () => {
  it('throttles the first `times` matching requests with 429, Retry-After and the documented body', async () => {
    const { tenant, log } = simulate({ throttle: { path: '/users', times: 2, retryAfterSeconds: 3 } });
    const credential = simulatedCredential(tenant);
    const first = await call(credential, '/users?$select=id');
    expect(first.status).toBe(429);
    expect(first.headers.get('Retry-After')).toBe('3');
    expect(first.body.error.code).toBe('TooManyRequests');
    expect(first.body.error.message).toBe('Please retry again later.');
    expect(first.body.error.innerError).toMatchObject({ code: '429', message: 'Please retry after', status: '429' });
    expect((await call(credential, '/users?$select=id')).status).toBe(429);
    expect((await call(credential, '/users?$select=id')).status).toBe(200);
    expect((await call(credential, '/subscribedSkus')).status).toBe(200);
    expect(log.count({ path: '/users', status: 429 })).toBe(2);
  });

  it('throttles inside a batch: the sub-request gets 429 while the batch answers 200', async () => {
    const { tenant } = simulate({ throttle: { path: /transitiveMembers/, times: 1, retryAfterSeconds: 7 } });
    const answer = await call(simulatedCredential(tenant), '/$batch', {
      body: { requests: [{ id: 'a', method: 'GET', url: usersOf(tenant, 1) }, { id: 'b', method: 'GET', url: usersOf(tenant, 2) }] },
    });
    expect(answer.status).toBe(200);
    const [a, b] = answer.body.responses;
    expect(a.status).toBe(429);
    expect(a.headers['Retry-After']).toBe('7');
    expect(a.body.error.code).toBe('TooManyRequests');
    expect(b.status).toBe(200);
  });

  it('can leave out Retry-After, as Conditional Access does', async () => {
    const { tenant } = simulate({ throttle: [{ path: '/identity/conditionalAccess/policies', times: 1, retryAfterSeconds: null }] });
    const answer = await call(simulatedCredential(tenant), '/identity/conditionalAccess/policies');
    expect(answer.status).toBe(429);
    expect(answer.headers.get('Retry-After')).toBeNull();
  });

  it('injects server errors with Graph\'s documented codes', async () => {
    const { tenant } = simulate({
      serverError: [
        { path: '/subscribedSkus', times: 1, status: 503, retryAfterSeconds: 2 },
        { path: /^\/auditLogs\/signIns\?.*\$top=5/, times: 1, status: 500 },
      ],
    });
    const credential = simulatedCredential(tenant);
    const unavailable = await call(credential, '/subscribedSkus');
    expect(unavailable.status).toBe(503);
    expect(unavailable.body.error.code).toBe('serviceNotAvailable');
    expect(unavailable.headers.get('Retry-After')).toBe('2');
    expect((await call(credential, '/subscribedSkus')).status).toBe(200);
    expect((await call(credential, '/auditLogs/signIns?$top=6')).status).toBe(200);
    const failed = await call(credential, '/auditLogs/signIns?$top=5');
    expect(failed.status).toBe(500);
    expect(failed.body.error.code).toBe('generalException');
  });

  it('keeps fault counters per simulator instance', async () => {
    const faults: M365Faults = { throttle: { path: '/users', times: 1, retryAfterSeconds: 1 } };
    const { tenant } = simulate(faults);
    expect((await call(simulatedCredential(tenant), '/users')).status).toBe(429);
    expect((await call(simulatedCredential(tenant), '/users')).status).toBe(200);
    close?.();
    const again = simulate(faults);
    expect((await call(simulatedCredential(again.tenant), '/users')).status).toBe(429);
  });
});
