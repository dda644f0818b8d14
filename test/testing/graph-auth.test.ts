import { describe, expect, it } from 'vitest';
import { compliantPractice, simulatedCredential, unknownTenantCredential } from '../../src/testing/index.js';
import { call, expectGraphError, NOW, serveTenants } from './harness.js';

const compliant = compliantPractice({ now: NOW });
serveTenants([compliant]);

function decodeClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1]!;
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

describe('simulatedCredential', () => {
  it('issues a JWT-shaped app-only token with tid, roles, aud, appid and exp', async () => {
    const before = Date.now();
    const token = await simulatedCredential(compliant).getToken('https://graph.microsoft.com/.default');
    expect(token?.token.split('.')).toHaveLength(3);
    const claims = decodeClaims(token!.token);
    expect(claims).toMatchObject({ tid: compliant.tenantId, aud: 'https://graph.microsoft.com', idtyp: 'app', ver: '1.0' });
    expect(claims['roles']).toEqual(compliant.grantedPermissions);
    expect(typeof claims['appid']).toBe('string');
    expect(token!.expiresOnTimestamp).toBe((claims['exp'] as number) * 1000);
    expect(token!.expiresOnTimestamp).toBeGreaterThan(before + 3_000_000);
  });

  it('uses the requested resource as aud', async () => {
    const token = await simulatedCredential(compliant).getToken(['https://outlook.office365.com/.default']);
    expect(decodeClaims(token!.token)['aud']).toBe('https://outlook.office365.com');
  });
});

describe('Graph authentication', () => {
  const wwwAuthenticate = /^Bearer realm="", authorization_uri="https:\/\/login\.microsoftonline\.com\/common\/oauth2\/authorize"/;

  it('answers 401 "Access token is empty." without a token', async () => {
    const response = await fetch('https://graph.microsoft.com/v1.0/users');
    const answer = { status: response.status, headers: response.headers, body: await response.json() };
    expectGraphError(answer, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
    expect(answer.headers.get('WWW-Authenticate')).toMatch(wwwAuthenticate);
  });

  it('answers 401 for a token that is not a JWT', async () => {
    const response = await fetch('https://graph.microsoft.com/v1.0/users', { headers: { Authorization: 'Bearer not-a-jwt' } });
    expectGraphError(
      { status: response.status, headers: response.headers, body: await response.json() },
      401,
      'InvalidAuthenticationToken',
      'CompactToken parsing failed with error code: 80049217',
    );
  });

  it('answers 401 for a tenant the simulator does not know', async () => {
    expectGraphError(await call(unknownTenantCredential(), '/users'), 401, 'InvalidAuthenticationToken', 'Access token validation failure.');
  });

  it('answers 401 for a token issued for another resource', async () => {
    const token = await simulatedCredential(compliant).getToken('https://outlook.office365.com/.default');
    const response = await fetch('https://graph.microsoft.com/v1.0/users', { headers: { Authorization: `Bearer ${token!.token}` } });
    expectGraphError(
      { status: response.status, headers: response.headers, body: await response.json() },
      401,
      'InvalidAuthenticationToken',
      'Access token validation failure. Invalid audience.',
    );
  });

  it('answers 401 for an expired token', async () => {
    expectGraphError(await call(simulatedCredential(compliant, { lifetimeSeconds: -60 }), '/users'), 401, 'InvalidAuthenticationToken', /expired/);
  });

  it('echoes client-request-id and stamps a request-id', async () => {
    const answer = await call(simulatedCredential(compliant), '/subscribedSkus', { headers: { 'client-request-id': 'my-correlation-id' } });
    expect(answer.headers.get('client-request-id')).toBe('my-correlation-id');
    expect(answer.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
