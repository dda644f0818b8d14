import { createSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ALL_GOOGLE_AUDIT_SCOPES,
  GOOGLE_COMPLIANT_PRACTICE_ACCOUNTS,
  GOOGLE_SCOPES,
  google,
  googleSuperAdmin,
  simulatedFederatedToken,
  simulatedServiceAccountKey,
  wronglySignedServiceAccountKey,
  type GoogleWorkspaceModel,
} from '../../src/testing/index.js';
import { accessToken, DIRECTORY, expectGoogleError, gcall, jwtClient, NOW, POLICIES, REPORTS, serveGoogle } from './google-harness.js';
import { JWT } from 'google-auth-library';

const compliant = google.compliantPractice({ now: NOW });
// The same customer, but its delegation grant lacks the Policy API scope.
const partialGrant: GoogleWorkspaceModel = {
  ...google.typicalPractice({ now: NOW }),
};
partialGrant.domainWideDelegation = [
  { clientId: partialGrant.serviceAccount.clientId, scopes: ALL_GOOGLE_AUDIT_SCOPES.filter((scope) => scope !== GOOGLE_SCOPES.policies) },
];
// A customer whose Cloud project has only the Admin SDK enabled, and whose workload may not sign JWTs.
const disabledApis: GoogleWorkspaceModel = { ...google.largeTenant(3, { now: NOW }) };
disabledApis.cloudProject = { ...disabledApis.cloudProject, enabledApis: ['admin.googleapis.com', 'iamcredentials.googleapis.com'] };
disabledApis.workloadIdentity = { federatedToken: 'ya29.d.federated-without-signjwt', canSignJwt: false };

const log = serveGoogle([compliant, partialGrant, disabledApis]);

const TOKEN_URL = 'https://oauth2.googleapis.com/token';

function signJwt(privateKeyPem: string, claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT' }): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode(header)}.${encode(claims)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKeyPem).toString('base64url')}`;
}

function claimsFor(model: GoogleWorkspaceModel, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const iat = Math.floor(Date.now() / 1000);
  return {
    iss: model.serviceAccount.clientEmail,
    scope: ALL_GOOGLE_AUDIT_SCOPES.join(' '),
    aud: TOKEN_URL,
    iat,
    exp: iat + 3600,
    sub: googleSuperAdmin(model),
    ...overrides,
  };
}

async function requestToken(form: Record<string, string>): Promise<{ status: number; body: any }> {
  const response = await fetch(TOKEN_URL, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  return { status: response.status, body: await response.json() };
}

async function exchange(model: GoogleWorkspaceModel, overrides: Record<string, unknown> = {}, privateKeyPem = simulatedServiceAccountKey(model).private_key) {
  return requestToken({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: signJwt(privateKeyPem, claimsFor(model, overrides)) });
}

describe('the token endpoint (JWT bearer grant)', () => {
  it('gives google-auth-library a token for the impersonated super admin that reads the directory', async () => {
    const token = await accessToken(compliant);
    expect(token).toMatch(/^ya29\./);
    const users = await gcall(token, `${DIRECTORY}/users?customer=my_customer&maxResults=1`);
    expect(users.status).toBe(200);
  });

  it('answers a valid assertion with access_token, expires_in 3599 and token_type Bearer', async () => {
    const answer = await exchange(compliant);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ access_token: expect.stringMatching(/^ya29\./), expires_in: 3599, token_type: 'Bearer' });
  });

  it('refuses a scope outside the domain-wide delegation grant with 401 unauthorized_client', async () => {
    const answer = await exchange(partialGrant);
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({
      error: 'unauthorized_client',
      error_description: 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
    });
    const granted = await exchange(partialGrant, { scope: GOOGLE_SCOPES.users });
    expect(granted.status).toBe(200);
  });

  it('surfaces unauthorized_client through google-auth-library', async () => {
    await expect(jwtClient(partialGrant).getAccessToken()).rejects.toThrow(/^unauthorized_client: Client is unauthorized/);
  });

  it('refuses an assertion signed with another key: Invalid JWT Signature.', async () => {
    const answer = await exchange(compliant, {}, wronglySignedServiceAccountKey(compliant).private_key);
    expect(answer).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } });
  });

  it('refuses a subject that is not an active user of the customer: Invalid email or User ID', async () => {
    for (const sub of [`nobody@${compliant.customer.customerDomain}`, GOOGLE_COMPLIANT_PRACTICE_ACCOUNTS.suspendedFormerEmployee]) {
      expect(await exchange(compliant, { sub })).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Invalid email or User ID' } });
    }
  });

  it('refuses an unknown service account: Invalid grant: account not found', async () => {
    const answer = await exchange(compliant, { iss: 'someone-else@other-project.iam.gserviceaccount.com' });
    expect(answer.body).toEqual({ error: 'invalid_grant', error_description: 'Invalid grant: account not found' });
  });

  it('checks aud, iat and exp', async () => {
    const iat = Math.floor(Date.now() / 1000);
    expect((await exchange(compliant, { aud: 'https://www.googleapis.com/oauth2/v4/token' })).body.error_description).toBe('Invalid JWT: Failed audience check.');
    const timeframe = /^Invalid JWT: Token must be a short-lived token \(60 minutes\)/;
    expect((await exchange(compliant, { exp: iat + 7200 })).body.error_description).toMatch(timeframe);
    expect((await exchange(compliant, { iat: iat - 7200, exp: iat - 3600 })).body.error_description).toMatch(timeframe);
    expect((await exchange(compliant, { iat: iat + 3600, exp: iat + 7000 })).body.error_description).toMatch(timeframe);
  });

  it('refuses other grant types and empty scopes', async () => {
    expect(await requestToken({ grant_type: 'client_credentials' })).toEqual({
      status: 400,
      body: { error: 'unsupported_grant_type', error_description: 'Invalid grant_type: client_credentials' },
    });
    expect((await exchange(compliant, { scope: '' })).body).toEqual({ error: 'invalid_scope', error_description: 'Invalid OAuth scope or ID token audience provided.' });
  });

  it('gives the service account itself (no subject) a token the Admin SDK refuses as not an admin', async () => {
    const token = await accessToken(compliant, { subject: null });
    expectGoogleError(await gcall(token, `${DIRECTORY}/users?customer=my_customer`), 403, { reason: 'forbidden', message: 'Not Authorized to access this resource/api' });
  });
});

describe('the keyless path (IAM Credentials signJwt)', () => {
  const signJwtUrl = (email: string) => `https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/${encodeURIComponent(email)}:signJwt`;

  it('signs a delegation JWT with the federated token, which the token endpoint exchanges for a working token', async () => {
    const iat = Math.floor(Date.now() / 1000);
    const payload = JSON.stringify({ ...claimsFor(compliant), iat, exp: iat + 3600 });
    const signed = await gcall(simulatedFederatedToken(compliant), signJwtUrl(compliant.serviceAccount.clientEmail), {
      method: 'POST',
      body: JSON.stringify({ payload }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(signed.status).toBe(200);
    expect(signed.body).toEqual({ keyId: expect.stringMatching(/^[0-9a-f]{40}$/), signedJwt: expect.any(String) });
    const header = JSON.parse(Buffer.from(signed.body.signedJwt.split('.')[0], 'base64url').toString());
    expect(header).toEqual({ alg: 'RS256', kid: signed.body.keyId, typ: 'JWT' });

    const token = await requestToken({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: signed.body.signedJwt });
    expect(token.status).toBe(200);
    expect((await gcall(token.body.access_token, `${POLICIES}?pageSize=1`)).status).toBe(200);
  });

  it('answers 401 without the federated token and 403 IAM_PERMISSION_DENIED when the workload may not sign', async () => {
    const url = signJwtUrl(compliant.serviceAccount.clientEmail);
    const body = JSON.stringify({ payload: JSON.stringify(claimsFor(compliant)) });
    expectGoogleError(await gcall(null, url, { method: 'POST', body }), 401, { statusName: 'UNAUTHENTICATED' });
    expectGoogleError(await gcall('ya29.not-federated', url, { method: 'POST', body }), 401, { statusName: 'UNAUTHENTICATED' });
    const denied = await gcall(simulatedFederatedToken(disabledApis), signJwtUrl(disabledApis.serviceAccount.clientEmail), { method: 'POST', body });
    expectGoogleError(denied, 403, { statusName: 'PERMISSION_DENIED', message: "Permission 'iam.serviceAccounts.signJwt' denied on resource (or it may not exist)." });
    expect(denied.body.error.details[0]).toMatchObject({ reason: 'IAM_PERMISSION_DENIED', metadata: { permission: 'iam.serviceAccounts.signJwt' } });
    expect(denied.body.error.errors).toBeUndefined();
  });
});

describe('API authentication and authorisation', () => {
  it('answers 401 CREDENTIALS_MISSING without a token and 401 authError for a token it did not issue', async () => {
    const missing = await gcall(null, `${DIRECTORY}/users?customer=my_customer`);
    expectGoogleError(missing, 401, { reason: 'required', statusName: 'UNAUTHENTICATED', message: /^Request is missing required authentication credential/ });
    expect(missing.body.error.details[0]).toMatchObject({ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'CREDENTIALS_MISSING' });
    expectGoogleError(await gcall('ya29.made-up', `${DIRECTORY}/users?customer=my_customer`), 401, {
      reason: 'authError',
      message: /^Request had invalid authentication credentials/,
    });
  });

  it('answers 403 insufficientPermissions when the token lacks the method scope', async () => {
    const token = await accessToken(compliant, { scopes: [GOOGLE_SCOPES.users] });
    const answer = await gcall(token, `${DIRECTORY}/customer/my_customer/orgunits?type=all`);
    expectGoogleError(answer, 403, { reason: 'insufficientPermissions', message: 'Request had insufficient authentication scopes.', statusName: 'PERMISSION_DENIED' });
    expect(answer.body.error.details[0]).toMatchObject({ reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT', domain: 'googleapis.com' });
    expect(answer.headers.get('WWW-Authenticate')).toContain('error="insufficient_scope"');
  });

  it('lets a delegated admin read what their privileges allow and refuses the rest with 403 forbidden', async () => {
    const token = await accessToken(compliant, { subject: GOOGLE_COMPLIANT_PRACTICE_ACCOUNTS.delegatedAdmin });
    expect((await gcall(token, `${DIRECTORY}/users?customer=my_customer`)).status).toBe(200);
    expectGoogleError(await gcall(token, `${DIRECTORY}/customer/my_customer/orgunits`), 403, { reason: 'forbidden', message: 'Not Authorized to access this resource/api' });
    expectGoogleError(await gcall(token, `${DIRECTORY}/customer/my_customer/devices/mobile`), 403, { reason: 'forbidden' });
  });

  it('answers the Policy API for super admins only: 403 "The caller does not have permission" without errors[]', async () => {
    const token = await accessToken(compliant, { subject: GOOGLE_COMPLIANT_PRACTICE_ACCOUNTS.delegatedAdmin });
    const answer = await gcall(token, POLICIES);
    expect(answer.body).toEqual({ error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } });
  });

  it('answers the Reports API for a subject without the privilege with its 401', async () => {
    const token = await accessToken(compliant, { subject: GOOGLE_COMPLIANT_PRACTICE_ACCOUNTS.delegatedAdmin });
    expectGoogleError(await gcall(token, `${REPORTS}/activity/users/all/applications/login`), 401, {
      reason: 'authError',
      message: 'Access denied. You are not authorized to read activity records.',
    });
  });

  it('answers 403 accessNotConfigured / SERVICE_DISABLED naming the API and project when it is not enabled', async () => {
    const token = await accessToken(disabledApis);
    const answer = await gcall(token, POLICIES);
    const number = disabledApis.cloudProject.projectNumber;
    expectGoogleError(answer, 403, { statusName: 'PERMISSION_DENIED', message: `Cloud Identity API has not been used in project ${number} before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/cloudidentity.googleapis.com/overview?project=${number} then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.` });
    expect(answer.body.error.details[0]).toMatchObject({ reason: 'SERVICE_DISABLED', metadata: { service: 'cloudidentity.googleapis.com', consumer: `projects/${number}` } });
    const licensing = await gcall(token, `https://licensing.googleapis.com/apps/licensing/v1/product/Google-Apps/users?customerId=${disabledApis.customer.id}`);
    expectGoogleError(licensing, 403, { reason: 'accessNotConfigured', message: /^Enterprise License Manager API has not been used/ });
    expect((await gcall(token, `${DIRECTORY}/users?customer=my_customer`)).status).toBe(200);
  });

  it('records each request with the customer it was for', async () => {
    log.clear();
    const token = await accessToken(compliant);
    await gcall(token, `${DIRECTORY}/users?customer=my_customer`);
    expect(log.count({ path: '/token', tenantId: compliant.customer.id })).toBe(1);
    expect(log.count({ path: '/admin/directory/v1/users', tenantId: compliant.customer.id, status: 200 })).toBe(1);
  });

  it('accepts the token from JWT.request as well as fetch (gaxios is intercepted)', async () => {
    const client: JWT = jwtClient(compliant);
    const answer = await client.request<{ kind: string }>({ url: `${DIRECTORY}/customers/my_customer` });
    expect(answer.data.kind).toBe('admin#directory#customer');
  });
});
