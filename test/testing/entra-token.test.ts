import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ClientAssertionCredential, ClientCertificateCredential, ClientSecretCredential } from '@azure/identity';
import { describe, expect, it } from 'vitest';
import {
  AZURE_AD_TOKEN_EXCHANGE_AUDIENCE,
  compliantPractice,
  createRsaKeyPair,
  createSelfSignedCertificate,
  deterministicGuid,
  GITHUB_ACTIONS_ISSUER,
  gitHubFederatedCredential,
  keyCredentialFor,
  servicePrincipalFor,
  SIMULATED_APP_ID,
  simulatedApp,
  simulatedClientSecret,
  simulatedCredential,
  simulatedGitHubOidcToken,
  typicalPractice,
  verifiedDomains,
  type EntraFault,
  type M365TenantModel,
} from '../../src/testing/index.js';
import { signRs256Jwt } from '../../src/testing/m365/entra/jwt.js';
import { NOW, simulatorPerTest } from '../fixtures/simulator-per-test.js';

// ---------------------------------------------------------------------------------------------
// Reference data and the simulated directory

const reference = (name: string): any => JSON.parse(readFileSync(new URL(`./fixtures/entra-reference/${name}`, import.meta.url), 'utf8'));
const MESSAGES: { code: number; variant?: string; endpoint?: string; error: string; status: number; template: string }[] = reference('aadsts-messages.json').codes;
const DOCUMENTED_ERROR = reference('error-response.json').documented;
const RECORDED_TOKEN = reference('token-response.json').recorded;

const GRAPH = 'https://graph.microsoft.com/.default';
const EXCHANGE = 'https://outlook.office365.com/.default';

/** The MSP's own tenant: home of every app below. */
const home = compliantPractice({ now: NOW });

const mspApp = simulatedApp({
  appId: deterministicGuid('entra-test', 'msp-app'),
  displayName: 'Contoso MSP Auditor',
  homeTenantId: home.tenantId,
  multiTenant: true,
});

/** A client tenant that consented to the MSP app with two permissions. */
const client = {
  ...typicalPractice({ now: NOW }),
  servicePrincipals: [servicePrincipalFor(mspApp, { grantedPermissions: ['User.Read.All', 'AuditLog.Read.All'] })],
};

/** A second client, without Exchange Online, where the MSP app has every permission the tenant lists. */
const { exchange: _unused, ...typicalWithoutExchange } = typicalPractice({ now: NOW });
const clinic: M365TenantModel = {
  ...typicalWithoutExchange,
  tenantId: deterministicGuid('entra-test', 'clinic'),
  displayName: 'Northside Clinic',
  primaryDomain: 'northsideclinic.example',
  domains: ['northsideclinic.onmicrosoft.com'],
  servicePrincipals: [servicePrincipalFor(mspApp)],
};

const certificate = createSelfSignedCertificate({ commonName: 'tenant-audit-test' });
const EXPIRED_SECRET = 'exp8Q~expiredexpiredexpiredexpiredexpir';

/** The auditing app (SIMULATED_APP_ID), single-tenant in `home`, with every kind of credential. */
const auditApp = simulatedApp({
  homeTenantId: home.tenantId,
  secrets: [simulatedClientSecret(simulatedApp({ homeTenantId: home.tenantId })), { secretText: EXPIRED_SECRET, endDateTime: '2025-06-01T00:00:00Z' }],
  certificates: [certificate],
  federatedIdentityCredentials: [gitHubFederatedCredential({ repository: 'contoso/audit' })],
});
const SECRET = simulatedClientSecret(auditApp);
const MSP_SECRET = simulatedClientSecret(mspApp);

const tenants = [home, client, clinic];
const simulator = simulatorPerTest();
const serve = (faults?: EntraFault[]) => simulator.serve({ m365: tenants, entra: { apps: [auditApp, mspApp], ...(faults ? { faults } : {}) } });

// ---------------------------------------------------------------------------------------------
// Helpers

function claimsOf(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

async function postToken(tenant: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
  return answer(
    await fetch(`https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}

const secretRequest = (overrides: Record<string, string> = {}) => ({ client_id: SIMULATED_APP_ID, scope: GRAPH, grant_type: 'client_credentials', client_secret: SECRET, ...overrides });

/**
 * Checks an STS error against the documented shape and the catalogue entry for `code`: status,
 * `error`, the exact message with `values` filled in, and the trace/correlation/timestamp parts.
 */
function expectStsError(got: Answer, code: number, values: Record<string, string> = {}, pick: { variant?: string; endpoint?: string } = {}): void {
  const entry = MESSAGES.find((candidate) => candidate.code === code && (pick.variant === undefined || candidate.variant === pick.variant) && (pick.endpoint === undefined || candidate.endpoint === pick.endpoint));
  expect(entry, `catalogue entry for ${code}`).toBeDefined();
  const message = entry!.template.replace(/\{(\w+)\}/g, (_match, key: string) => {
    expect(values, `value for {${key}}`).toHaveProperty(key);
    return values[key]!;
  });
  expect(got.status).toBe(entry!.status);
  expect(Object.keys(got.body).sort()).toEqual(Object.keys(DOCUMENTED_ERROR).sort());
  expect(got.body.error).toBe(entry!.error);
  expect(got.body.error_codes).toEqual([code]);
  expect(got.body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  expect(got.body.trace_id).toBe(got.headers.get('x-ms-request-id'));
  expect(got.body.error_uri).toBe(`https://login.microsoftonline.com/error?code=${code}`);
  expect(got.body.error_description).toBe(
    `AADSTS${code}: ${message}\r\nTrace ID: ${got.body.trace_id}\r\nCorrelation ID: ${got.body.correlation_id}\r\nTimestamp: ${got.body.timestamp}`,
  );
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the token request to fail');
}

/** A certificate assertion as the certificate-credentials article describes it, signed RS256 with `x5t` (SHA-1). */
function rs256Assertion(overrides: Record<string, unknown> = {}, privateKeyPem = certificate.privateKeyPem, x5t = createHash('sha1').update(Buffer.from(certificate.derBase64, 'base64')).digest('base64url')): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = { aud: `https://login.microsoftonline.com/${home.tenantId}/oauth2/v2.0/token`, iss: SIMULATED_APP_ID, sub: SIMULATED_APP_ID, jti: 'a-jti', nbf: now, exp: now + 600, ...overrides };
  return signRs256Jwt(claims, privateKeyPem, { x5t });
}

const assertionRequest = (assertion: string) => ({
  client_id: SIMULATED_APP_ID,
  scope: GRAPH,
  grant_type: 'client_credentials',
  client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
  client_assertion: assertion,
});

// ---------------------------------------------------------------------------------------------

describe('authority discovery', () => {
  it('answers instance discovery with the recorded metadata and the tenant discovery endpoint', async () => {
    serve();
    const authorize = `https://login.microsoftonline.com/${client.tenantId}/oauth2/v2.0/authorize`;
    const got = await answer(await fetch(`https://login.microsoftonline.com/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(authorize)}`));
    const recorded = reference('instance-discovery.json');
    expect(got.status).toBe(200);
    expect(got.body).toEqual({ ...recorded, tenant_discovery_endpoint: `https://login.microsoftonline.com/${client.tenantId}/v2.0/.well-known/openid-configuration` });
    expect(got.headers.get('Cache-Control')).toBe('max-age=86400, private');
  });

  it('refuses instance discovery for a host that is no Entra instance', async () => {
    serve();
    const got = await answer(await fetch(`https://login.microsoftonline.com/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent('https://login.example.com/x/oauth2/v2.0/authorize')}`));
    expectStsError(got, 50049, {}, { endpoint: 'instance-discovery' });
  });

  it('serves the recorded OpenID Connect document for a tenant id and for each verified domain', async () => {
    serve();
    const recorded = JSON.stringify(reference('openid-configuration-v2.json')).replaceAll('12345678-1234-1234-1234-123456789012', client.tenantId);
    expect(verifiedDomains(clinic)).toEqual(['northsideclinic.example', 'northsideclinic.onmicrosoft.com']);
    for (const [tenant, name] of [
      [client, client.tenantId],
      [client, client.primaryDomain],
      [client, client.exchange!.initialDomain.toUpperCase()],
      [clinic, 'northsideclinic.onmicrosoft.com'],
    ] as const) {
      const got = await answer(await fetch(`https://login.microsoftonline.com/${name}/v2.0/.well-known/openid-configuration`));
      expect(got.status).toBe(200);
      expect(got.body).toEqual(JSON.parse(recorded.replaceAll(client.tenantId, tenant.tenantId)));
    }
  });

  it('answers 400 invalid_tenant AADSTS90002 for an unknown tenant', async () => {
    serve();
    const unknown = '00000000-0000-4000-8000-000000000000';
    const got = await answer(await fetch(`https://login.microsoftonline.com/${unknown}/v2.0/.well-known/openid-configuration`));
    expectStsError(got, 90002, { tenant: unknown }, { endpoint: 'openid-configuration' });
    const byDomain = await answer(await fetch('https://login.microsoftonline.com/nowhere.example/v2.0/.well-known/openid-configuration'));
    expectStsError(byDomain, 90002, { tenant: 'nowhere.example' }, { endpoint: 'openid-configuration' });
  });
});

describe('client credentials: success', () => {
  it('issues with a client secret the same claims simulatedCredential gives, in the recorded response shape', async () => {
    const running = serve();
    const got = await postToken(home.tenantId, secretRequest());
    expect(got.status).toBe(200);
    expect(Object.keys(got.body)).toEqual(Object.keys(RECORDED_TOKEN.body));
    expect(got.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
    for (const header of ['Cache-Control', 'Pragma', 'Expires', 'Content-Type']) expect(got.headers.get(header)).toBe(RECORDED_TOKEN.headers[header]);

    for (const scope of [GRAPH, EXCHANGE]) {
      const issued = await new ClientSecretCredential(home.tenantId, SIMULATED_APP_ID, SECRET).getToken(scope);
      const expected = await simulatedCredential(home).getToken(scope);
      const strip = ({ iat: _iat, nbf: _nbf, exp: _exp, ...rest }: Record<string, any>) => rest;
      expect(strip(claimsOf(issued.token))).toEqual(strip(claimsOf(expected!.token)));
    }
    expect(running.requests.count({ host: 'login.microsoftonline.com', path: `/${home.tenantId}/oauth2/v2.0/token`, status: 200 })).toBe(3);
  });

  it('issues tokens the Graph simulator accepts', async () => {
    serve();
    const token = await new ClientSecretCredential(home.tenantId, SIMULATED_APP_ID, SECRET).getToken(GRAPH);
    const response = await fetch('https://graph.microsoft.com/v1.0/users?$top=1', { headers: { Authorization: `Bearer ${token.token}` } });
    expect(response.status).toBe(200);
  });

  it('accepts a verified domain in place of the tenant id, and the secret by HTTP Basic', async () => {
    serve();
    const token = await new ClientSecretCredential(home.primaryDomain, SIMULATED_APP_ID, SECRET).getToken(GRAPH);
    expect(claimsOf(token.token)).toMatchObject({ tid: home.tenantId, appid: SIMULATED_APP_ID });
    const basic = Buffer.from(`${SIMULATED_APP_ID}:${encodeURIComponent(SECRET)}`).toString('base64');
    const got = await postToken(home.tenantId, { scope: GRAPH, grant_type: 'client_credentials' }, { Authorization: `Basic ${basic}` });
    expect(got.status).toBe(200);
  });

  it('issues with a certificate (ClientCertificateCredential: PS256, x5t#S256) and with an RS256 assertion carrying x5t', async () => {
    serve();
    const token = await new ClientCertificateCredential(home.tenantId, SIMULATED_APP_ID, { certificate: certificate.pem }).getToken(EXCHANGE);
    expect(claimsOf(token.token)).toMatchObject({ tid: home.tenantId, aud: 'https://outlook.office365.com', roles: ['Exchange.ManageAsApp'], wids: home.exchange!.appDirectoryRoles });
    const got = await postToken(home.tenantId, assertionRequest(rs256Assertion()));
    expect(got.status).toBe(200);
  });

  it('issues with a GitHub Actions OIDC token matching a federated identity credential (ClientAssertionCredential)', async () => {
    serve();
    const credential = new ClientAssertionCredential(home.tenantId, SIMULATED_APP_ID, async () => simulatedGitHubOidcToken({ repository: 'contoso/audit' }));
    const token = await credential.getToken(GRAPH);
    expect(claimsOf(token.token)).toMatchObject({ tid: home.tenantId, appid: SIMULATED_APP_ID, roles: home.grantedPermissions });
    const github = claimsOf(simulatedGitHubOidcToken({ repository: 'contoso/audit', environment: 'prod' }));
    expect(github).toMatchObject({ iss: GITHUB_ACTIONS_ISSUER, aud: AZURE_AD_TOKEN_EXCHANGE_AUDIENCE, sub: 'repo:contoso/audit:environment:prod', repository_owner: 'contoso' });
  });

  it('gives a multitenant app consented in two client tenants tokens for each, with that tenant id and grants', async () => {
    serve();
    const credential = new ClientSecretCredential(client.tenantId, mspApp.appId, MSP_SECRET, { additionallyAllowedTenants: ['*'] });
    const first = claimsOf((await credential.getToken(GRAPH)).token);
    const second = claimsOf((await credential.getToken(GRAPH, { tenantId: clinic.tenantId })).token);
    expect(first).toMatchObject({ tid: client.tenantId, appid: mspApp.appId, app_displayname: 'Contoso MSP Auditor', roles: ['User.Read.All', 'AuditLog.Read.All'] });
    expect(second).toMatchObject({ tid: clinic.tenantId, appid: mspApp.appId, roles: clinic.grantedPermissions });
    expect(second['oid']).not.toBe(first['oid']);
    expect(second).not.toHaveProperty('wids');
  });

  it('issues a token without roles to a consented app granted nothing (no AADSTS65001 in this flow); Graph then refuses', async () => {
    const bare = { ...clinic, servicePrincipals: [servicePrincipalFor(mspApp, { grantedPermissions: [] })] };
    simulator.serve({ m365: [bare], entra: { apps: [mspApp] } });
    const token = await new ClientSecretCredential(bare.tenantId, mspApp.appId, MSP_SECRET).getToken(GRAPH);
    expect(claimsOf(token.token)['roles']).toEqual([]);
    const response = await fetch('https://graph.microsoft.com/v1.0/users', { headers: { Authorization: `Bearer ${token.token}` } });
    expect(response.status).toBe(403);
  });
});

describe('client credentials: documented failures surface through @azure/identity', () => {
  it('AADSTS7000215 for a wrong client secret (401 invalid_client)', async () => {
    serve();
    const error = await failure(new ClientSecretCredential(home.tenantId, SIMULATED_APP_ID, 'not-the-secret').getToken(GRAPH));
    expect(error.message).toContain('AADSTS7000215');
    expectStsError(await postToken(home.tenantId, secretRequest({ client_secret: auditApp.passwordCredentials[0]!.keyId })), 7000215, { appId: SIMULATED_APP_ID });
  });

  it('AADSTS7000222 for an expired client secret', async () => {
    serve();
    const error = await failure(new ClientSecretCredential(home.tenantId, SIMULATED_APP_ID, EXPIRED_SECRET).getToken(GRAPH));
    expect(error.message).toContain('AADSTS7000222');
    expectStsError(await postToken(home.tenantId, secretRequest({ client_secret: EXPIRED_SECRET })), 7000222, { appId: SIMULATED_APP_ID });
  });

  it('AADSTS700016 for a single-tenant app used in another tenant, and for an unknown client id', async () => {
    serve();
    const error = await failure(new ClientSecretCredential(client.tenantId, SIMULATED_APP_ID, SECRET).getToken(GRAPH));
    expect(error.message).toContain(`AADSTS700016: Application with identifier '${SIMULATED_APP_ID}' was not found in the directory '${client.displayName}'`);
    const unknown = deterministicGuid('entra-test', 'nobody');
    expectStsError(await postToken(home.tenantId, secretRequest({ client_id: unknown })), 700016, { appId: unknown, directory: home.displayName });
  });

  it('AADSTS7000229 for a multitenant app without a service principal in the tenant', async () => {
    serve();
    const error = await failure(new ClientSecretCredential(home.tenantId, mspApp.appId, MSP_SECRET).getToken(GRAPH));
    expect(error.message).toContain('AADSTS7000229');
    expectStsError(await postToken(home.tenantId, secretRequest({ client_id: mspApp.appId, client_secret: MSP_SECRET })), 7000229, { appId: mspApp.appId, tenantId: home.tenantId });
  });

  it('AADSTS90002 (invalid_request) from the token endpoint for an unknown tenant', async () => {
    serve();
    const unknown = deterministicGuid('entra-test', 'no-such-tenant');
    const error = await failure(new ClientSecretCredential(unknown, SIMULATED_APP_ID, SECRET).getToken(GRAPH));
    expect(error.message).toContain('AADSTS90002');
    expectStsError(await postToken(unknown, secretRequest()), 90002, { tenant: unknown }, { endpoint: 'token' });
  });

  it('AADSTS700027 for a certificate that is not registered, one that expired, and a bad signature', async () => {
    serve();
    const stranger = createSelfSignedCertificate({ keyPair: createRsaKeyPair() });
    const notRegistered = await failure(new ClientCertificateCredential(home.tenantId, SIMULATED_APP_ID, { certificate: stranger.pem }).getToken(GRAPH));
    expect(notRegistered.message).toContain('AADSTS700027');
    expect(notRegistered.message).toContain(`Reason - The key was not found., Thumbprint of key used by client: '${stranger.thumbprintSha256}'`);

    const expiredCertificate = createSelfSignedCertificate({ notBefore: '2023-01-01T00:00:00Z', notAfter: '2024-01-01T00:00:00Z' });
    simulator.stop();
    simulator.serve({ m365: [home], entra: { apps: [{ ...auditApp, keyCredentials: [keyCredentialFor(expiredCertificate)] }] } });
    const expired = await failure(new ClientCertificateCredential(home.tenantId, SIMULATED_APP_ID, { certificate: expiredCertificate.pem }).getToken(GRAPH));
    expect(expired.message).toContain('AADSTS700027: Client assertion contains an invalid signature. [Reason - The key used is expired.');
    expect(expired.message).toContain("Found key 'Start=01/01/2023 00:00:00, End=01/01/2024 00:00:00'");

    simulator.stop();
    serve();
    const forged = rs256Assertion({}, createRsaKeyPair().privateKeyPem);
    expectStsError(await postToken(home.tenantId, assertionRequest(forged)), 700027, {
      thumbprint: certificate.thumbprintSha1,
      foundKey: `, Found key 'Start=01/01/2026 00:00:00, End=01/01/2036 00:00:00'`,
      appId: SIMULATED_APP_ID,
    }, { variant: 'signature invalid' });
  });

  it('AADSTS700024 for an assertion outside its valid time range (expired GitHub token, stale certificate assertion)', async () => {
    serve();
    const credential = new ClientAssertionCredential(home.tenantId, SIMULATED_APP_ID, async () => simulatedGitHubOidcToken({ repository: 'contoso/audit', lifetimeSeconds: -900 }));
    const error = await failure(credential.getToken(GRAPH));
    expect(error.message).toContain('AADSTS700024: Client assertion is not within its valid time range.');
    const nbf = Math.floor(Date.now() / 1000) - 7200;
    const got = await postToken(home.tenantId, assertionRequest(rs256Assertion({ nbf, exp: nbf + 600 })));
    expect(got.body.error_description).toContain(`assertion valid from ${new Date(nbf * 1000).toISOString().slice(0, 19)}.0000000Z, expiry time of assertion ${new Date((nbf + 600) * 1000).toISOString().slice(0, 19)}.0000000Z`);
    expect(got.body.error_description).toMatch(/Current time: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z/);
    expect(got.status).toBe(401);
    expect(got.body.error_codes).toEqual([700024]);
  });

  it('AADSTS70021 for a federated token from a job no credential trusts', async () => {
    serve();
    const token = simulatedGitHubOidcToken({ repository: 'contoso/audit', ref: 'refs/heads/experiment' });
    const error = await failure(new ClientAssertionCredential(home.tenantId, SIMULATED_APP_ID, async () => token).getToken(GRAPH));
    expect(error.message).toContain('AADSTS70021');
    expectStsError(await postToken(home.tenantId, assertionRequest(token)), 70021, {
      issuer: GITHUB_ACTIONS_ISSUER,
      subject: 'repo:contoso/audit:ref:refs/heads/experiment',
      audience: AZURE_AD_TOKEN_EXCHANGE_AUDIENCE,
    });
  });

  it('AADSTS500011 for a resource whose service principal the tenant lacks (Exchange Online)', async () => {
    serve();
    const error = await failure(new ClientSecretCredential(clinic.tenantId, mspApp.appId, MSP_SECRET).getToken(EXCHANGE));
    expect(error.message).toContain(`AADSTS500011: The resource principal named https://outlook.office365.com was not found in the tenant named ${clinic.displayName}.`);
    const got = await postToken(clinic.tenantId, { ...secretRequest({ client_id: mspApp.appId, client_secret: MSP_SECRET }), scope: 'https://api.example.com/.default' });
    expectStsError(got, 500011, { resource: 'https://api.example.com', tenant: clinic.displayName });
  });
});

describe('client credentials: request validation', () => {
  it('refuses the v1 resource parameter (AADSTS901002) but ignores MSAL telemetry and unknown parameters', async () => {
    serve();
    expectStsError(await postToken(home.tenantId, secretRequest({ resource: 'https://graph.microsoft.com' })), 901002);
    const got = await postToken(home.tenantId, secretRequest({ 'x-client-SKU': 'msal.js.node', 'x-client-VER': '7.2.3', 'x-ms-lib-capability': 'retry-after, h429', 'something-else': '1' }));
    expect(got.status).toBe(200);
  });

  it('names each missing parameter (AADSTS900144) and a missing credential (AADSTS7000218)', async () => {
    serve();
    for (const name of ['grant_type', 'client_id', 'scope']) {
      const fields: Record<string, string> = secretRequest();
      delete fields[name];
      expectStsError(await postToken(home.tenantId, fields), 900144, { name });
    }
    const { client_secret: _secret, ...noSecret } = secretRequest();
    expectStsError(await postToken(home.tenantId, noSecret), 7000218);
    const { client_assertion_type: _type, ...noType } = assertionRequest(rs256Assertion());
    expectStsError(await postToken(home.tenantId, noType), 900144, { name: 'client_assertion_type' });
  });

  it('refuses scopes without /.default (AADSTS1002012), an unknown grant type (AADSTS70003) and GET (AADSTS900561)', async () => {
    serve();
    const error = await failure(new ClientSecretCredential(home.tenantId, SIMULATED_APP_ID, SECRET).getToken('User.Read.All'));
    expect(error.message).toContain('AADSTS1002012: The provided value for scope User.Read.All is not valid.');
    expectStsError(await postToken(home.tenantId, secretRequest({ grant_type: 'magic' })), 70003, { grantType: 'magic' });
    expectStsError(await answer(await fetch(`https://login.microsoftonline.com/${home.tenantId}/oauth2/v2.0/token`)), 900561, { verb: 'GET' });
    expect((await postToken(home.tenantId, secretRequest({ scope: `${GRAPH} ${EXCHANGE}` }))).body.error_codes).toEqual([700022]);
  });

  it('answers 501 for grants and endpoints it does not simulate, so a test fails loudly', async () => {
    serve();
    expect((await postToken(home.tenantId, secretRequest({ grant_type: 'authorization_code' }))).status).toBe(501);
    expect((await answer(await fetch(`https://login.microsoftonline.com/${home.tenantId}/discovery/v2.0/keys`))).status).toBe(501);
  });
});

describe('injected faults', () => {
  it('throttles with 429 and Retry-After; @azure/identity retries and succeeds', async () => {
    const running = serve([{ kind: 'throttle', retryAfterSeconds: 0, times: 1, tenant: home.tenantId }]);
    const token = await new ClientSecretCredential(home.tenantId, SIMULATED_APP_ID, SECRET).getToken(GRAPH);
    expect(claimsOf(token.token)['tid']).toBe(home.tenantId);
    expect(running.requests.filter({ host: 'login.microsoftonline.com' }).map((entry) => entry.status)).toEqual([429, 200]);
  });

  it('answers 503 with Retry-After, and 500, only to the targeted client', async () => {
    serve([
      { kind: 'unavailable', retryAfterSeconds: 7, times: 1, clientId: mspApp.appId },
      { kind: 'serverError', times: 1, clientId: mspApp.appId },
    ]);
    expect((await postToken(home.tenantId, secretRequest())).status).toBe(200);
    const busy = await postToken(client.tenantId, secretRequest({ client_id: mspApp.appId, client_secret: MSP_SECRET }));
    expect(busy.status).toBe(503);
    expect(busy.headers.get('Retry-After')).toBe('7');
    expect(busy.body.error).toBe('temporarily_unavailable');
    const broken = await postToken(client.tenantId, secretRequest({ client_id: mspApp.appId, client_secret: MSP_SECRET }));
    expect([broken.status, broken.body.error]).toEqual([500, 'server_error']);
    expect((await postToken(client.tenantId, secretRequest({ client_id: mspApp.appId, client_secret: MSP_SECRET }))).status).toBe(200);
  });

  it('answers slowly, and resets the connection', async () => {
    serve([
      { kind: 'slow', delayMs: 150, times: 1, endpoint: 'openid-configuration' },
      { kind: 'connectionReset', times: 1 },
    ]);
    const started = Date.now();
    const slow = await fetch(`https://login.microsoftonline.com/${home.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(slow.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await expect(postToken(home.tenantId, secretRequest())).rejects.toThrow(TypeError);
    expect((await postToken(home.tenantId, secretRequest())).status).toBe(200);
  });
});

describe('certificates', () => {
  it('makes a real self-signed X.509 certificate whose thumbprints and keyCredential match', () => {
    const parsed = new X509Certificate(certificate.certificatePem);
    expect(parsed.subject).toBe('CN=tenant-audit-test');
    expect(parsed.verify(parsed.publicKey)).toBe(true);
    expect(parsed.fingerprint.replaceAll(':', '')).toBe(certificate.thumbprintSha1);
    expect(parsed.fingerprint256.replaceAll(':', '')).toBe(certificate.thumbprintSha256);
    expect(createSelfSignedCertificate({ commonName: 'tenant-audit-test' }).derBase64).toBe(certificate.derBase64);
    expect(keyCredentialFor(certificate)).toMatchObject({
      type: 'AsymmetricX509Cert',
      usage: 'Verify',
      key: certificate.derBase64,
      customKeyIdentifier: Buffer.from(certificate.thumbprintSha1, 'hex').toString('base64'),
      startDateTime: '2026-01-01T00:00:00.000Z',
      endDateTime: '2036-01-01T00:00:00.000Z',
    });
  });
});
