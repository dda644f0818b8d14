import { JWT } from 'google-auth-library';
import {
  ALL_GOOGLE_AUDIT_SCOPES,
  createGoogleHandlers,
  googleSuperAdmin,
  simulatedServiceAccountKey,
  type GoogleWorkspaceModel,
  type SimulatorRequestLog,
} from '../../src/testing/index.js';
import { everyPage, serveSimulator } from './harness.js';

export { NOW } from './harness.js';

/** What a test sees of an answer. */
export interface GoogleAnswer {
  status: number;
  headers: Headers;
  // Whatever JSON Google sent; tests inspect it loosely.
  body: any;
}

/** Starts an msw server with the Google simulator for these customers for the test file; returns its request log. */
export function serveGoogle(models: GoogleWorkspaceModel[]): SimulatorRequestLog {
  return serveSimulator((requestLog) => createGoogleHandlers(models, { requestLog }));
}

/** A google-auth-library JWT client for the model's service account, impersonating `subject` (its super admin by default). */
export function jwtClient(model: GoogleWorkspaceModel, options: { subject?: string | null; scopes?: readonly string[] } = {}): JWT {
  const key = simulatedServiceAccountKey(model);
  const subject = options.subject === undefined ? googleSuperAdmin(model) : options.subject;
  return new JWT({
    email: key.client_email,
    key: key.private_key,
    keyId: key.private_key_id,
    scopes: [...(options.scopes ?? ALL_GOOGLE_AUDIT_SCOPES)],
    ...(subject === null ? {} : { subject }),
  });
}

/** An access token from the simulated token endpoint, via google-auth-library. */
export async function accessToken(model: GoogleWorkspaceModel, options: { subject?: string | null; scopes?: readonly string[] } = {}): Promise<string> {
  const { token } = await jwtClient(model, options).getAccessToken();
  if (!token) throw new Error('no access token');
  return token;
}

/** GET (or another method) with a bearer token, as a plain-fetch client would. */
export async function gcall(token: string | null, url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<GoogleAnswer> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { ...(token === null ? {} : { Authorization: `Bearer ${token}` }), ...init.headers },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Google's HTML 404 page stays text.
  }
  return { status: response.status, headers: response.headers, body };
}

/** Every page of a Google list, following `nextPageToken`. */
export async function allGooglePages(token: string, url: string, itemsKey: string): Promise<{ pages: GoogleAnswer[]; items: any[] }> {
  const withPageToken = (pageToken: string | undefined): string | undefined => {
    if (pageToken === undefined) return undefined;
    const next = new URL(url);
    next.searchParams.set('pageToken', pageToken);
    return next.toString();
  };
  return everyPage(new URL(url).toString(), (next) => gcall(token, next), (page) => withPageToken(page.body.nextPageToken), itemsKey);
}

/**
 * Asserts Google's JSON error format: `{"error":{"code","message","status"}}`, with the legacy
 * `errors[]` entry (`{message, domain, reason}`) when `reason` is given.
 */
export function expectGoogleError(answer: GoogleAnswer, status: number, options: { reason?: string; message?: string | RegExp; statusName?: string } = {}): void {
  const error = answer.body?.error;
  if (answer.status !== status || error?.code !== status) throw new Error(`expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  if (typeof error.message !== 'string' || typeof error.status !== 'string') throw new Error(`error incomplete: ${JSON.stringify(error)}`);
  if (options.statusName !== undefined && error.status !== options.statusName) throw new Error(`expected status ${options.statusName}, got ${error.status}`);
  if (options.message instanceof RegExp ? !options.message.test(error.message) : options.message !== undefined && error.message !== options.message) {
    throw new Error(`unexpected message: ${error.message}`);
  }
  if (options.reason !== undefined) {
    const item = error.errors?.[0];
    if (!item || item.reason !== options.reason || typeof item.domain !== 'string' || typeof item.message !== 'string') {
      throw new Error(`expected reason ${options.reason}, got ${JSON.stringify(error.errors)}`);
    }
  }
}

export const DIRECTORY = 'https://admin.googleapis.com/admin/directory/v1';
export const REPORTS = 'https://admin.googleapis.com/admin/reports/v1';
export const POLICIES = 'https://cloudidentity.googleapis.com/v1/policies';
export const LICENSING = 'https://licensing.googleapis.com/apps/licensing/v1';
