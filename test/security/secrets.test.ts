import type { TokenCredential } from '@azure/core-auth';
import { TenantAccessError } from '../../src/core/errors.js';
import { describe, expect, it } from 'vitest';
import { audit, collect, formatJson, formatText } from '../../src/index.js';
import { registerSecret } from '../../src/core/redact.js';
import {
  compliantPractice,
  googleSuperAdmin,
  googleTypicalPractice,
  simulatedCredential,
  simulatedServiceAccountKey,
  wronglySignedServiceAccountKey,
} from '../../src/testing/index.js';
import { NOW, simulatorPerTest } from '../fixtures/simulator-per-test.js';

const CANARY_SECRET = 'CANARY~s3cr3t~Qx7pLm2';
const simulators = simulatorPerTest();

/** Everything a run can emit that a person or a log might see. */
function emitted(...values: unknown[]): string {
  return values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join('\n');
}

describe('secrets never reach output', () => {
  it('the access token never appears in a snapshot, report or formatted output', async () => {
    const practice = compliantPractice({ now: NOW });
    simulators.serve({ m365: [practice] });
    const credential = simulatedCredential(practice);
    const token = (await credential.getToken('https://graph.microsoft.com/.default'))!.token;
    const snapshot = await collect({ provider: 'm365', tenantId: practice.tenantId, credential }, { now: NOW });
    const report = await audit({ provider: 'm365', tenantId: practice.tenantId, credential }, { now: NOW });
    const text = emitted(snapshot, report, formatJson(report), formatText(report));
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.split('.')[1]!);
  });

  it('a client secret echoed in an authentication error is redacted from every reason', async () => {
    registerSecret(CANARY_SECRET); // as the CLI does with the secret it reads
    const leakyCredential: TokenCredential = {
      getToken: async () => {
        throw new Error(`AADSTS7000215: Invalid client secret provided (client_secret=${CANARY_SECRET}). Trace ID: 1`);
      },
    };
    const error = await audit({ provider: 'm365', tenantId: 'contoso.onmicrosoft.com', credential: leakyCredential }, { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantAccessError);
    const text = (error as TenantAccessError).message;
    expect(text).toContain('AADSTS7000215');
    expect(text).not.toContain(CANARY_SECRET);
  });

  it('a bearer token or JWT inside an error message is redacted even when nobody registered it', async () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiJjYW5hcnkifQ.c2lnbmF0dXJlLWNhbmFyeQ';
    const credential: TokenCredential = {
      getToken: async () => {
        throw new Error(`request failed: Authorization: Bearer ${jwt}`);
      },
    };
    const error = await audit({ provider: 'm365', tenantId: 'contoso.onmicrosoft.com', credential }, { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantAccessError);
    const text = (error as TenantAccessError).message;
    expect(text).not.toContain(jwt);
    expect(text).not.toContain('c2lnbmF0dXJlLWNhbmFyeQ');
  });

  it('a Google private key never appears in a snapshot or report, on success or when Google refuses it', async () => {
    const practice = googleTypicalPractice({ now: NOW });
    practice.domainWideDelegation = practice.domainWideDelegation.map((grant) => ({ ...grant, scopes: grant.scopes.filter((scope) => !scope.endsWith('apps.licensing')) }));
    simulators.serve({ google: [practice] });
    const key = { ...simulatedServiceAccountKey(practice) };
    const keyBody = key.private_key.split('\n').slice(1, -2).join('');
    const target = { provider: 'google-workspace', credentials: key, subject: googleSuperAdmin(practice) } as const;
    const snapshot = await collect(target, { now: NOW });
    const report = await audit(target, { now: NOW });
    expect(snapshot.datasets['google.licenses']?.ok).toBe(false); // refused: the scope is not delegated
    const wrong = { ...wronglySignedServiceAccountKey(practice) };
    const refused = await audit({ ...target, credentials: wrong }, { now: NOW }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TenantAccessError);
    expect((refused as TenantAccessError).kind).toBe('bad_credential');
    const text = emitted(snapshot, report, (refused as TenantAccessError).message, formatText(report));
    for (const line of key.private_key.split('\n').filter((l) => l.length > 20)) expect(text).not.toContain(line);
    for (const line of wrong.private_key.split('\n').filter((l) => l.length > 20)) expect(text).not.toContain(line);
    expect(text).not.toContain(keyBody.slice(0, 40));
    expect(text).not.toMatch(/ya29\.|eyJ[\w-]{10,}\.[\w-]{10,}/);
  });
});
