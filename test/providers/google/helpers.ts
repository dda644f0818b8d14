import { generateKeyPairSync } from 'node:crypto';
import { OAuth2Client } from 'google-auth-library';
import { HttpResponse, type HttpHandler } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { CollectorFailure, type CollectContext } from '../../../src/providers/types.js';
import type { GoogleWorkspaceTarget } from '../../../src/providers/google/target.js';
import { runGoogleCollector, type GoogleSessionOverrides } from '../../../src/providers/google/run.js';
import { type GoogleDatasetName } from '../../../src/providers/google/collectors.js';

// Small handlers written from Google's documented protocol (REST references and discovery
// documents in ../shared/reference/google), used where a test needs an exact answer.

export const NOW = new Date('2026-11-20T12:00:00Z');
export const ACCESS_TOKEN = 'ya29.simulated-access-token';

/** What a handler saw of a request. */
export interface SeenRequest {
  method: string;
  url: URL;
  authorization: string | null;
  body: string;
}

/** An msw server for a test file, failing on any request no handler answers; returns the log of requests. */
export function serveGoogle(): { requests: SeenRequest[]; use(...handlers: HttpHandler[]): void } {
  const requests: SeenRequest[] = [];
  const server = setupServer();
  server.events.on('request:start', ({ request }) => {
    const seen: SeenRequest = { method: request.method, url: new URL(request.url), authorization: request.headers.get('authorization'), body: '' };
    requests.push(seen);
    void request.clone().text().then((body) => {
      seen.body = body;
    });
  });
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    requests.length = 0;
  });
  afterAll(() => server.close());
  return { requests, use: (...handlers) => server.use(...handlers) };
}

/** An auth client holding a ready access token (what a caller's own `auth` looks like). */
export function tokenAuth(token = ACCESS_TOKEN): OAuth2Client {
  const client = new OAuth2Client();
  client.setCredentials({ access_token: token, expiry_date: Date.now() + 3_600_000 });
  return client;
}

/** A target with a ready-made auth client. */
export function authTarget(overrides: Partial<GoogleWorkspaceTarget> = {}): GoogleWorkspaceTarget {
  return { provider: 'google-workspace', auth: tokenAuth(), ...overrides };
}

/** A fresh RSA key as a service-account key file would hold it. */
export function serviceAccountKey(): { client_email: string; client_id: string; private_key: string; publicKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    client_email: 'tenant-audit@practice-audit.iam.gserviceaccount.com',
    client_id: '104729384756102938475',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** The common collect context, with a note sink. */
export function baseContext(overrides: Partial<CollectContext> & { signInLookbackDays?: number } = {}): CollectContext & { notes: string[] } {
  const notes: string[] = [];
  const { signInLookbackDays = 14, ...rest } = overrides;
  return {
    now: NOW,
    options: { sharedAccountNames: ['frontdesk'], signInLookbackDays, breakGlassAccounts: [] },
    note: (text: string) => notes.push(text),
    notes,
    http: { timeoutMs: 5_000 },
    ...rest,
  };
}

/** The CollectorFailure `promise` rejects with; fails the test when it resolves or rejects with anything else. */
export async function failureOf(promise: Promise<unknown>): Promise<CollectorFailure> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(CollectorFailure);
  return error as CollectorFailure;
}

/** Fast retries, so throttling tests take milliseconds. */
export const FAST_RETRY: GoogleSessionOverrides = { retry: { baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5, budgetMs: 200 } };

/** Run one collector as the runner does; resolves to data and request count or rejects with CollectorFailure. */
export function runDataset(name: GoogleDatasetName, target: GoogleWorkspaceTarget = authTarget(), context = baseContext(), overrides: GoogleSessionOverrides = FAST_RETRY) {
  return runGoogleCollector(name, target, context, overrides);
}

/** A Google API error body (AIP-193 with the Admin SDK's legacy `errors` list). */
export function googleError(
  status: number,
  message: string,
  options: { reason?: string; status?: string; errorInfo?: { reason: string; service?: string }; headers?: Record<string, string> } = {},
): Response {
  return HttpResponse.json(
    {
      error: {
        code: status,
        message,
        ...(options.reason ? { errors: [{ message, domain: 'global', reason: options.reason }] } : {}),
        ...(options.status ? { status: options.status } : {}),
        ...(options.errorInfo
          ? {
              details: [
                {
                  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                  reason: options.errorInfo.reason,
                  domain: 'googleapis.com',
                  metadata: { ...(options.errorInfo.service ? { service: options.errorInfo.service } : {}), consumer: 'projects/123456789012' },
                },
              ],
            }
          : {}),
      },
    },
    { status, ...(options.headers ? { headers: options.headers } : {}) },
  );
}

/** Split `items` into pages served by `pageToken` (`p1`, `p2`, ...), as Google's list methods do. */
export function pageOf<T>(items: readonly T[], pageSize: number, pageToken: string | null): { items: T[]; nextPageToken?: string } {
  const index = pageToken ? Number(pageToken.slice(1)) : 0;
  const slice = items.slice(index * pageSize, (index + 1) * pageSize);
  const next = (index + 1) * pageSize < items.length ? `p${index + 1}` : undefined;
  return { items: slice, ...(next ? { nextPageToken: next } : {}) };
}

/** Decode a JWT's header and claims without verifying it. */
export function decodeJwt(jwt: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const [header, claims] = jwt.split('.');
  const decode = (part: string | undefined) => JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  return { header: decode(header), claims: decode(claims) };
}
