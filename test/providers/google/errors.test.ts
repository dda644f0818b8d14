import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { GOOGLE_WORKSPACE_SCOPES } from '../../../src/providers/google/scopes.js';
import { runGoogleCollector } from '../../../src/providers/google/run.js';
import { authTarget, baseContext, FAST_RETRY, failureOf, googleError, runDataset, serveGoogle } from './helpers.js';

const server = serveGoogle();
const USERS = 'https://admin.googleapis.com/admin/directory/v1/users';
const POLICIES = 'https://cloudidentity.googleapis.com/v1/policies';
const SUBJECT = 'office.manager@practice.example';
const target = () => authTarget({ subject: SUBJECT });
const ok = () => HttpResponse.json({ users: [{ primaryEmail: 'a@practice.example' }] });

/** Answers with `answers[i]` for the i-th request, then the last one for ever. */
function sequence(url: string, answers: (() => Response)[]) {
  let index = 0;
  return http.get(url, () => answers[Math.min(index++, answers.length - 1)]!());
}

describe('Google error answers become reasons naming the fix', () => {
  it('a 403 "Not Authorized to access this resource/api" says the subject must be an administrator with the privilege', async () => {
    server.use(http.get(USERS, () => googleError(403, 'Not Authorized to access this resource/api', { reason: 'forbidden' })));
    const failure = await failureOf(runDataset('google.users', target()));
    expect(failure.reason).toMatchObject({ kind: 'permission', status: 403, code: 'forbidden' });
    expect(failure.reason.detail).toContain('Not Authorized to access this resource/api');
    expect(failure.reason.detail).toContain(`${SUBJECT} must be a super administrator (or hold an admin role with the Users > Read privilege)`);
    expect(failure.cost.requests).toBe(1); // a refusal is not retried
  });

  it('the Policy API refusing a non-super administrator says it answers only to super administrators', async () => {
    server.use(http.get(POLICIES, () => googleError(403, 'The caller does not have permission', { status: 'PERMISSION_DENIED' })));
    const failure = await failureOf(runDataset('google.policies', target()));
    expect(failure.reason).toMatchObject({ kind: 'permission', status: 403, code: 'PERMISSION_DENIED', needs: [`${SUBJECT} as a super administrator`] });
    expect(failure.reason.detail).toContain('the Policy API (Cloud Identity API) answers only to super administrators');
  });

  it('accessNotConfigured names the API to enable in the Cloud project', async () => {
    server.use(
      http.get(USERS, () =>
        googleError(403, 'Admin SDK API has not been used in project 123456789012 before or it is disabled.', {
          reason: 'accessNotConfigured',
          status: 'PERMISSION_DENIED',
          errorInfo: { reason: 'SERVICE_DISABLED', service: 'admin.googleapis.com' },
        }),
      ),
    );
    const failure = await failureOf(runDataset('google.users', target()));
    expect(failure.reason).toMatchObject({ kind: 'permission', code: 'accessNotConfigured', needs: ['Admin SDK API (admin.googleapis.com) enabled in the Google Cloud project'] });
  });

  it('SERVICE_DISABLED on the Licensing API names the Enterprise License Manager API', async () => {
    server.use(
      http.get('https://licensing.googleapis.com/apps/licensing/v1/product/Google-Apps/users', () =>
        googleError(403, 'Enterprise License Manager API has not been used in project 123456789012 before or it is disabled.', {
          status: 'PERMISSION_DENIED',
          errorInfo: { reason: 'SERVICE_DISABLED', service: 'licensing.googleapis.com' },
        }),
      ),
    );
    const failure = await failureOf(runDataset('google.licenses', authTarget({ customerId: 'C03az79cb' })));
    expect(failure.reason.needs).toEqual(['Enterprise License Manager API (licensing.googleapis.com) enabled in the Google Cloud project']);
  });

  it('insufficient scopes names the missing scope', async () => {
    server.use(
      http.get(USERS, () =>
        googleError(403, 'Request had insufficient authentication scopes.', {
          reason: 'insufficientPermissions',
          status: 'PERMISSION_DENIED',
          errorInfo: { reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT', service: 'admin.googleapis.com' },
        }),
      ),
    );
    const failure = await failureOf(runDataset('google.users', target()));
    expect(failure.reason).toMatchObject({ kind: 'permission', needs: [`Google OAuth scope ${GOOGLE_WORKSPACE_SCOPES.users}`] });
  });

  it('a 401 for the caller\'s own token says the credentials were rejected (a credential reason, not a permission), without retrying', async () => {
    server.use(http.get(USERS, () => googleError(401, 'Request had invalid authentication credentials.', { reason: 'authError', status: 'UNAUTHENTICATED' })));
    const failure = await failureOf(runDataset('google.users', target()));
    expect(failure.reason).toMatchObject({ kind: 'credential', status: 401, code: 'authError' });
    expect(failure.reason.detail).toMatch(/Google rejected the credentials/);
    expect(failure.cost.requests).toBe(1);
  });

  it('a 400 is an api reason with Google\'s message and is not retried', async () => {
    server.use(http.get(USERS, () => googleError(400, 'Invalid Input', { reason: 'invalid' })));
    const failure = await failureOf(runDataset('google.users', target()));
    expect(failure.reason).toEqual({ kind: 'api', detail: 'the Admin SDK API answered 400 invalid: Invalid Input', status: 400, code: 'invalid' });
    expect(failure.cost.requests).toBe(1);
  });
});

describe('throttling and transient errors are retried with backoff, within bounds', () => {
  it('403 userRateLimitExceeded is retried and the data still arrives; every attempt is counted', async () => {
    const limited = () => googleError(403, 'User Rate Limit Exceeded', { reason: 'userRateLimitExceeded' });
    server.use(sequence(USERS, [limited, limited, ok]));
    const { data, requests } = await runDataset('google.users', target());
    expect(data).toEqual({ users: [{ primaryEmail: 'a@practice.example' }] });
    expect(requests).toBe(3);
  });

  it('a 500 once is retried', async () => {
    server.use(sequence(USERS, [() => googleError(500, 'Backend Error', { reason: 'backendError' }), ok]));
    expect((await runDataset('google.users', target())).requests).toBe(2);
  });

  it('429 that never ends gives up when the retry budget is spent, with a transient api reason', async () => {
    server.use(http.get(USERS, () => googleError(429, 'Quota exceeded', { reason: 'rateLimitExceeded', status: 'RESOURCE_EXHAUSTED', headers: { 'Retry-After': '0' } })));
    const failure = await failureOf(runDataset('google.users', target()));
    expect(failure.cost.requests).toBeGreaterThan(2);
    expect(failure.cost.retries).toBe(failure.cost.requests - 1);
    expect(failure.reason).toMatchObject({ kind: 'api', status: 429, code: 'rateLimitExceeded', transient: true });
    expect(failure.reason.detail).toMatch(/kept throttling the requests after \d+ retries/);
  });

  it('waits as long as Retry-After asks before retrying', async () => {
    server.use(sequence(USERS, [() => googleError(429, 'Quota exceeded', { reason: 'rateLimitExceeded', headers: { 'Retry-After': '1' } }), ok]));
    const started = performance.now();
    const { requests } = await runDataset('google.users', target(), baseContext(), { retry: { baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5_000 } });
    expect(requests).toBe(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('an abort during a backoff ends the dataset as cancelled', async () => {
    server.use(http.get(USERS, () => googleError(429, 'Quota exceeded', { reason: 'rateLimitExceeded', headers: { 'Retry-After': '30' } })));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const failure = await failureOf(runDataset('google.users', target(), baseContext({ signal: controller.signal }), { retry: { maxRetryAfterMs: 60_000 } }));
    expect(failure.reason.kind).toBe('cancelled');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('a request slower than the timeout fails as timed out, without retrying it', async () => {
    server.use(
      http.get(USERS, async () => {
        await delay(1_000);
        return ok();
      }),
    );
    const failure = await failureOf(runGoogleCollector('google.users', target(), { ...baseContext(), http: { timeoutMs: 100 } }, { retry: { ...FAST_RETRY.retry, budgetMs: 50 } }));
    // The first attempt took longer than the whole retry budget, so it was not tried again.
    expect(failure.reason).toEqual({ kind: 'api', detail: 'the request to the Admin SDK API timed out (after its retries)', transient: true });
    expect(failure.cost.requests).toBe(1);
  });

  it('a connection failure is retried within the budget, then reported as no answer', async () => {
    server.use(http.get(USERS, () => HttpResponse.error()));
    const failure = await failureOf(runDataset('google.users', target()));
    expect(failure.cost.requests).toBeGreaterThan(2);
    expect(failure.reason).toMatchObject({ kind: 'api', transient: true });
    expect(failure.reason.detail).toMatch(/^the Admin SDK API did not answer/);
  });
});
