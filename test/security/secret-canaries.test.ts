import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenCredential } from '@azure/core-auth';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { collect, evaluate, formatNames, formatReports, registerSecret, sweep, type AuditTarget } from '../../src/index.js';

// A service that echoes back whatever it was sent (the Authorization header, the client secret,
// a private key) in any field, as error messages and misconfigured proxies do. Nothing of it may
// reach a snapshot, a report, a sweep result or any CLI output format: the tokens the library
// obtains are registered for redaction while the audit runs, users' secrets with registerSecret,
// and known shapes (JWTs, PEM keys) are redacted by pattern.

const TENANT = '3f6c2a4e-58d1-4c7a-9b0e-1d2c3b4a5968';
// An app-only token of the audited tenant (tid), with the application permissions it needs (roles).
const JWT_TOKEN = `eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from(JSON.stringify({ tid: TENANT, roles: ['User.Read.All', 'Policy.Read.All', 'AuditLog.Read.All'] })).toString('base64url')}.Y2FuYXJ5LWp3dC1zaWduYXR1cmU`;
const OPAQUE_TOKEN = 'OpaqueCanaryToken0123456789abcdef';
const CLIENT_SECRET = 'ClientSecretCanary~8Q~zYx.Wv';
const PRIVATE_KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCanaryKeyBody\n-----END PRIVATE KEY-----';
const GROUP = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

/** The current token of the run (the echo handlers put it into every answer). */
let token = JWT_TOKEN;
const echo = (request: Request) => `echo ${request.headers.get('authorization')} ${CLIENT_SECRET} ${PRIVATE_KEY}`;

const server = setupServer(
  http.get('https://graph.microsoft.com/v1.0/users', ({ request }) =>
    HttpResponse.json({ value: [{ id: '11111111-1111-4111-8111-111111111111', userPrincipalName: 'ann@clinic.example', displayName: echo(request), accountEnabled: true, userType: 'Member', assignedLicenses: [] }] }),
  ),
  http.get('https://graph.microsoft.com/v1.0/policies/identitySecurityDefaultsEnforcementPolicy', () => HttpResponse.json({ isEnabled: false })),
  http.get('https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies', ({ request }) =>
    HttpResponse.json({
      value: [
        {
          id: 'policy-1',
          displayName: echo(request),
          state: 'enabled',
          conditions: { users: { includeUsers: [], includeGroups: [GROUP], excludeUsers: [], excludeGroups: [], includeRoles: [], excludeRoles: [] }, applications: { includeApplications: ['All'], excludeApplications: [] }, clientAppTypes: ['all'] },
          grantControls: { operator: 'OR', builtInControls: ['mfa'] },
        },
      ],
    }),
  ),
  // A $batch sub-error that echoes the Authorization header: it lands in unresolvedGroups[].detail.
  http.post('https://graph.microsoft.com/v1.0/$batch', ({ request }) =>
    HttpResponse.json({ responses: [{ id: '0', status: 403, headers: {}, body: { error: { code: 'Authorization_RequestDenied', message: echo(request) } } }] }),
  ),
  http.get('https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments', () => HttpResponse.json({ value: [] })),
  http.get('https://graph.microsoft.com/v1.0/reports/authenticationMethods/userRegistrationDetails', ({ request }) =>
    HttpResponse.json({ value: [{ id: '11111111-1111-4111-8111-111111111111', userPrincipalName: 'ann@clinic.example', userDisplayName: echo(request), isMfaCapable: true, isMfaRegistered: true, methodsRegistered: ['microsoftAuthenticatorPush'] }] }),
  ),
);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => vi.restoreAllMocks());
afterAll(() => server.close());

const credential: TokenCredential = { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) };
const target: AuditTarget = { provider: 'm365', tenantId: TENANT, credential, name: 'Canary Clinic' };
const CONTROLS = ['m365.mfa.enforced', 'm365.mfa.registered'];

function leaks(text: string): string[] {
  return [JWT_TOKEN, OPAQUE_TOKEN, CLIENT_SECRET, 'CanaryKeyBody', 'Y2FuYXJ5LWp3dC1zaWduYXR1cmU'].filter((secret) => text.includes(secret));
}

describe.each([
  ['a JWT access token', JWT_TOKEN],
  ['an opaque access token', OPAQUE_TOKEN],
])('with %s echoed back by the service', (_kind, value) => {
  it('no canary reaches the snapshot, the report, any format, sweep results or the CLI', async () => {
    token = value;
    registerSecret(CLIENT_SECRET); // as the CLI does with the secret it reads
    const snapshot = await collect(target, { controls: CONTROLS });
    // The echo did arrive (the data kept its shape), redacted.
    expect(JSON.stringify(snapshot)).toContain('[redacted]');
    const report = evaluate(snapshot, { controls: CONTROLS });
    const outputs = [JSON.stringify(snapshot), JSON.stringify(report), ...formatNames.map((format) => formatReports(format, [report]))];

    const results = [];
    for await (const result of sweep([target], { controls: CONTROLS })) results.push(result);
    outputs.push(JSON.stringify(results));

    const dir = mkdtempSync(join(tmpdir(), 'tenant-audit-canary-'));
    const file = join(dir, 'snapshot.json');
    writeFileSync(file, JSON.stringify(snapshot));
    for (const format of formatNames) {
      let out = '';
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
      await runCli(['evaluate', file, '--format', format]);
      vi.restoreAllMocks();
      outputs.push(out);
    }
    for (const output of outputs) expect(leaks(output)).toEqual([]);
  });
});
