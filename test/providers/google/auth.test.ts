import { createPrivateKey, sign, verify } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { CollectorFailure } from '../../../src/providers/types.js';
import type { GoogleWorkspaceTarget } from '../../../src/providers/google/target.js';
import { keylessDelegation } from '../../../src/providers/google/keyless.js';
import { DOMAIN_WIDE_DELEGATION_PATH, GOOGLE_TOKEN_URL, GOOGLE_WORKSPACE_SCOPE_LIST, GOOGLE_WORKSPACE_SCOPES } from '../../../src/providers/google/scopes.js';
import { decodeJwt, runDataset, serveGoogle, serviceAccountKey, tokenAuth } from './helpers.js';

const server = serveGoogle();
const key = serviceAccountKey();
const SUBJECT = 'admin@practice.example';
const DIRECTORY = 'https://admin.googleapis.com/admin/directory/v1';
const USERS = `${DIRECTORY}/users`;
const SIGN_JWT_HOST = 'iamcredentials.googleapis.com';
const FEDERATED_TOKEN = 'federated-sts-token-from-github';

function signedBy(jwt: string, publicKeyPem: string): boolean {
  const [header, claims, signature] = jwt.split('.');
  return verify('RSA-SHA256', Buffer.from(`${header}.${claims}`), publicKeyPem, Buffer.from(signature ?? '', 'base64url'));
}

function signJwtWithKey(claims: Record<string, unknown>): string {
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'system-managed-key' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), createPrivateKey(key.private_key)).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

/** Google's token endpoint for the JWT bearer grant: verifies the assertion, answers a token or an OAuth error. */
function tokenEndpoint(answer: (claims: Record<string, unknown>) => Response) {
  return http.post(GOOGLE_TOKEN_URL, async ({ request }) => {
    const form = new URLSearchParams(await request.text());
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return HttpResponse.json({ error: 'unsupported_grant_type' }, { status: 400 });
    const assertion = form.get('assertion') ?? '';
    if (!signedBy(assertion, key.publicKeyPem)) return HttpResponse.json({ error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }, { status: 400 });
    return answer(decodeJwt(assertion).claims);
  });
}

const grantToken = (token: string, expiresIn = 3599) => () => HttpResponse.json({ access_token: token, expires_in: expiresIn, token_type: 'Bearer' });

function usersAnswering(token: string) {
  return http.get(USERS, ({ request }) =>
    request.headers.get('authorization') === `Bearer ${token}`
      ? HttpResponse.json({ users: [{ primaryEmail: SUBJECT, isAdmin: true }] })
      : HttpResponse.json({ error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } }, { status: 401 }),
  );
}

/** IAM Credentials signJwt: checks the caller's bearer token, signs the payload as the service account. */
function signJwtEndpoint(answer?: () => Response) {
  return http.all(
    ({ request }) => new URL(request.url).host === SIGN_JWT_HOST,
    async ({ request }) => {
      if (answer) return answer();
      const url = new URL(request.url);
      const expected = `/v1/projects/-/serviceAccounts/${encodeURIComponent(key.client_email)}:signJwt`;
      if (request.method !== 'POST' || url.pathname !== expected) return HttpResponse.json({ error: { code: 404, message: 'Not found' } }, { status: 404 });
      if (request.headers.get('authorization') !== `Bearer ${FEDERATED_TOKEN}`) {
        return HttpResponse.json({ error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } }, { status: 401 });
      }
      const body = (await request.json()) as { payload: string };
      return HttpResponse.json({ keyId: 'system-managed-key', signedJwt: signJwtWithKey(JSON.parse(body.payload) as Record<string, unknown>) });
    },
  );
}

const keyTarget = (): GoogleWorkspaceTarget => ({ provider: 'google-workspace', credentials: { client_email: key.client_email, client_id: key.client_id, private_key: key.private_key }, subject: SUBJECT });

function secretsIn(value: unknown): string[] {
  const text = JSON.stringify(value);
  return ['PRIVATE KEY', key.private_key.slice(40, 80), 'ya29.', FEDERATED_TOKEN, 'eyJ'].filter((secret) => text.includes(secret));
}

describe('a service-account key with domain-wide delegation', () => {
  it('asks the token endpoint with a signed JWT bearer assertion for the subject and the dataset\'s scope', async () => {
    const claimsSeen: Record<string, unknown>[] = [];
    server.use(
      tokenEndpoint((claims) => {
        claimsSeen.push(claims);
        return grantToken('ya29.delegated')();
      }),
      usersAnswering('ya29.delegated'),
    );
    const { data, requests } = await runDataset('google.users', keyTarget());
    expect(data).toEqual({ users: [{ primaryEmail: SUBJECT, isAdmin: true }] });
    expect(requests).toBe(1); // the token request is not an API request of the dataset
    expect(claimsSeen).toHaveLength(1);
    const claims = claimsSeen[0]!;
    expect(claims).toMatchObject({ iss: key.client_email, sub: SUBJECT, aud: GOOGLE_TOKEN_URL });
    expect(claims.scope).toBe(GOOGLE_WORKSPACE_SCOPES.users);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
  });

  it('shares one token across the datasets of one target that need the same scopes', async () => {
    const scopes: unknown[] = [];
    server.use(
      tokenEndpoint((claims) => {
        scopes.push(claims.scope);
        return grantToken('ya29.delegated')();
      }),
      usersAnswering('ya29.delegated'),
      http.get(`${DIRECTORY}/customers/my_customer`, () => HttpResponse.json({ id: 'C03az79cb', customerDomain: 'practice.example' })),
    );
    const target = keyTarget();
    await Promise.all([runDataset('google.users', target), runDataset('google.users', target), runDataset('google.customer', target)]);
    await runDataset('google.users', target);
    await runDataset('google.mailDns', target, undefined, { resolveTxt: async () => [] });
    expect(scopes.sort()).toEqual([GOOGLE_WORKSPACE_SCOPES.customer, GOOGLE_WORKSPACE_SCOPES.users]);
  });

  it('a scope missing from the delegation entry fails only the datasets that need it, naming that scope', async () => {
    const granted = new Set(GOOGLE_WORKSPACE_SCOPE_LIST.filter((scope) => scope !== GOOGLE_WORKSPACE_SCOPES.licensing));
    server.use(
      tokenEndpoint((claims) =>
        String(claims.scope)
          .split(' ')
          .every((scope) => granted.has(scope))
          ? grantToken('ya29.delegated')()
          : HttpResponse.json({ error: 'unauthorized_client', error_description: 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.' }, { status: 401 }),
      ),
      usersAnswering('ya29.delegated'),
    );
    const target = keyTarget();
    const [users, licences] = await Promise.allSettled([runDataset('google.users', target), runDataset('google.licenses', target)]);
    expect(users.status).toBe('fulfilled');
    expect(licences.status).toBe('rejected');
    const reason = ((licences as PromiseRejectedResult).reason as CollectorFailure).reason;
    expect(reason.kind).toBe('permission');
    expect(reason.needs).toEqual([
      `domain-wide delegation of ${GOOGLE_WORKSPACE_SCOPES.licensing} to client ID ${key.client_id}`,
      `domain-wide delegation of ${GOOGLE_WORKSPACE_SCOPES.customer} to client ID ${key.client_id}`,
    ]);
  });

  it('names the domain-wide delegation entry to add when the token endpoint answers unauthorized_client', async () => {
    server.use(
      tokenEndpoint(() =>
        HttpResponse.json(
          { error: 'unauthorized_client', error_description: 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.' },
          { status: 401 },
        ),
      ),
    );
    const failure = (await runDataset('google.users', keyTarget()).catch((error: unknown) => error)) as CollectorFailure;
    expect(failure).toBeInstanceOf(CollectorFailure);
    expect(failure.cost.requests).toBe(0);
    expect(failure.reason).toMatchObject({ kind: 'permission', status: 401, code: 'unauthorized_client' });
    expect(failure.reason.detail).toContain(DOMAIN_WIDE_DELEGATION_PATH);
    expect(failure.reason.detail).toContain(`client ID ${key.client_id}`);
    expect(failure.reason.detail).toContain(GOOGLE_WORKSPACE_SCOPE_LIST.join(','));
    expect(failure.reason.needs).toEqual([`domain-wide delegation of ${GOOGLE_WORKSPACE_SCOPES.users} to client ID ${key.client_id}`]);
    expect(secretsIn(failure.reason)).toEqual([]);
  });

  it('points at the subject when the token endpoint answers invalid_grant', async () => {
    server.use(tokenEndpoint(() => HttpResponse.json({ error: 'invalid_grant', error_description: 'Invalid email or User ID' }, { status: 400 })));
    const failure = (await runDataset('google.users', keyTarget()).catch((error: unknown) => error)) as CollectorFailure;
    expect(failure.reason).toMatchObject({ kind: 'permission', code: 'invalid_grant', needs: ['subject: an active super administrator to impersonate'] });
    expect(failure.reason.detail).toMatch(/Invalid email or User ID.*super administrator/);
    expect(secretsIn(failure.reason)).toEqual([]);
  });
});

describe('keylessDelegation', () => {
  const keyless = (expiresIn = 3599) => {
    const grants: Record<string, unknown>[] = [];
    server.use(
      signJwtEndpoint(),
      tokenEndpoint((claims) => {
        grants.push(claims);
        return grantToken('ya29.keyless', expiresIn)();
      }),
      usersAnswering('ya29.keyless'),
    );
    const auth = keylessDelegation({ serviceAccount: key.client_email, subject: SUBJECT, sourceCredential: tokenAuth(FEDERATED_TOKEN) });
    return { grants, target: { provider: 'google-workspace', auth } satisfies GoogleWorkspaceTarget };
  };

  it('signs the delegation JWT with IAM Credentials signJwt and exchanges it at the token endpoint', async () => {
    const { grants, target } = keyless();
    const { data } = await runDataset('google.users', target);
    expect(data).toEqual({ users: [{ primaryEmail: SUBJECT, isAdmin: true }] });
    expect(server.requests.map((request) => `${request.method} ${request.url.host}`)).toEqual([
      'POST iamcredentials.googleapis.com',
      'POST oauth2.googleapis.com',
      'GET admin.googleapis.com',
    ]);
    expect(server.requests[0]!.authorization).toBe(`Bearer ${FEDERATED_TOKEN}`);
    const claims = JSON.parse((JSON.parse(server.requests[0]!.body) as { payload: string }).payload) as Record<string, unknown>;
    expect(claims).toMatchObject({ iss: key.client_email, sub: SUBJECT, aud: GOOGLE_TOKEN_URL });
    // Each dataset asks only for its own scopes, as with a key, so one missing delegation scope fails only its datasets.
    expect(String(claims.scope).split(' ')).toEqual([GOOGLE_WORKSPACE_SCOPES.users]);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
    expect(grants).toEqual([claims]); // the token endpoint received exactly what signJwt signed
  });

  it('caches the access token: concurrent and later requests share one signJwt and one exchange', async () => {
    const { grants, target } = keyless();
    await Promise.all([runDataset('google.users', target), runDataset('google.users', target), runDataset('google.users', target)]);
    await runDataset('google.users', target);
    expect(grants).toHaveLength(1);
    expect(server.requests.filter((request) => request.url.host === SIGN_JWT_HOST)).toHaveLength(1);
  });

  it('signs again once the token is within five minutes of expiry', async () => {
    const { grants, target } = keyless(120);
    await runDataset('google.users', target);
    await runDataset('google.users', target);
    expect(grants).toHaveLength(2);
  });

  it('names the Token Creator role when signJwt is refused', async () => {
    server.use(
      signJwtEndpoint(() =>
        HttpResponse.json(
          { error: { code: 403, message: "Permission 'iam.serviceAccounts.signJwt' denied on resource (or it may not exist).", status: 'PERMISSION_DENIED' } },
          { status: 403 },
        ),
      ),
    );
    const auth = keylessDelegation({ serviceAccount: key.client_email, subject: SUBJECT, sourceCredential: tokenAuth(FEDERATED_TOKEN) });
    const failure = (await runDataset('google.users', { provider: 'google-workspace', auth }).catch((error: unknown) => error)) as CollectorFailure;
    expect(failure.reason).toMatchObject({ kind: 'permission', status: 403, needs: [`roles/iam.serviceAccountTokenCreator on ${key.client_email}`] });
    expect(failure.reason.detail).toContain('Service Account Token Creator');
    expect(secretsIn(failure.reason)).toEqual([]);
  });

  it('names the IAM Credentials API when it is not enabled', async () => {
    server.use(
      signJwtEndpoint(() =>
        HttpResponse.json(
          {
            error: {
              code: 403,
              message: 'IAM Service Account Credentials API has not been used in project 123456789012 before or it is disabled.',
              status: 'PERMISSION_DENIED',
              details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'SERVICE_DISABLED', metadata: { service: 'iamcredentials.googleapis.com' } }],
            },
          },
          { status: 403 },
        ),
      ),
    );
    const auth = keylessDelegation({ serviceAccount: key.client_email, subject: SUBJECT, sourceCredential: tokenAuth(FEDERATED_TOKEN) });
    const failure = (await runDataset('google.users', { provider: 'google-workspace', auth }).catch((error: unknown) => error)) as CollectorFailure;
    expect(failure.reason.needs).toEqual(['IAM Service Account Credentials API (iamcredentials.googleapis.com) enabled']);
  });

  it('names the domain-wide delegation fix when the signed assertion is refused, without leaking it', async () => {
    server.use(
      signJwtEndpoint(),
      tokenEndpoint(() =>
        HttpResponse.json(
          { error: 'unauthorized_client', error_description: 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.' },
          { status: 401 },
        ),
      ),
    );
    const auth = keylessDelegation({ serviceAccount: key.client_email, subject: SUBJECT, sourceCredential: tokenAuth(FEDERATED_TOKEN) });
    const failure = (await runDataset('google.users', { provider: 'google-workspace', auth }).catch((error: unknown) => error)) as CollectorFailure;
    expect(failure.reason).toMatchObject({ kind: 'permission', code: 'unauthorized_client', status: 401 });
    expect(failure.reason.detail).toContain(`the unique ID (client ID) of ${key.client_email}`);
    expect(failure.reason.detail).toContain(DOMAIN_WIDE_DELEGATION_PATH);
    expect(secretsIn(failure.reason)).toEqual([]);
    expect(secretsIn(failure.message)).toEqual([]);
  });
});
