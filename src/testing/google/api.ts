import type { SimulatorRequestLog } from '../m365/request-log.js';
import { badRequest, type ErrorDialect, type GoogleResponse } from './http.js';
import type { GoogleAdminPrivilege, GoogleApiService, GoogleUserModel, GoogleWorkspaceModel } from './model.js';
import type { GoogleResponseSchemaName } from './schema.js';

/** An access token the simulated token endpoint issued. */
export interface IssuedToken {
  model: GoogleWorkspaceModel;
  /** The impersonated user (domain-wide delegation), or `null` for the service account itself. */
  subject: GoogleUserModel | null;
  scopes: ReadonlySet<string>;
  /** Epoch milliseconds (real time). */
  expiresAt: number;
}

/** State of one set of Google handlers. */
export interface GoogleSimulatorState {
  models: readonly GoogleWorkspaceModel[];
  log: SimulatorRequestLog;
  tokens: Map<string, IssuedToken>;
  /** Matching requests seen so far, per customer and fault. */
  faultHits: Map<string, number>;
  issued: number;
}

/** What a route handler gets. */
export interface ApiContext {
  model: GoogleWorkspaceModel;
  /** The impersonated admin (routes only run for callers that passed the privilege check). */
  subject: GoogleUserModel;
  query: URLSearchParams;
  /** The model's clock. */
  now: Date;
  dialect: ErrorDialect;
}

/** One simulated API method. */
export interface ApiRoute {
  /** The method's discovery id, e.g. `'directory.users.list'` (named in ErrorInfo metadata). */
  methodId: string;
  service: GoogleApiService;
  host: string;
  dialect: ErrorDialect;
  /** Tested on the decoded path; groups are the path parameters. */
  pattern: RegExp;
  /** Any one of these scopes lets the token call the method (from the discovery document). */
  scopes: readonly string[];
  /** What the impersonated user must hold. */
  privilege: GoogleAdminPrivilege | 'SUPER_ADMIN';
  /** The answer for a subject without the privilege. */
  denied: () => GoogleResponse;
  /** The response schema `fields` masks are checked against. */
  schema: GoogleResponseSchemaName | null;
  /**
   * The method's own query parameters. OnePlatform APIs reject any other parameter (400 "Cannot
   * bind query parameter"); the Admin SDK ignores unknown ones.
   */
  params: readonly string[];
  handle(ctx: ApiContext, pathParams: readonly string[]): GoogleResponse;
}

/** Query parameters every Google API accepts (discovery `parameters`). */
export const STANDARD_PARAMS: readonly string[] = [
  '$.xgafv',
  'access_token',
  'alt',
  'callback',
  'fields',
  'key',
  'oauth_token',
  'prettyPrint',
  'quotaUser',
  'uploadType',
  'upload_protocol',
  'userIp',
];

/** Whether `subject` holds `privilege`. Super admins hold everything; the Policy API wants a super admin. */
export function holdsPrivilege(subject: GoogleUserModel | null, privilege: GoogleAdminPrivilege | 'SUPER_ADMIN'): subject is GoogleUserModel {
  if (subject === null || subject.suspended) return false;
  if (subject.isAdmin) return true;
  if (privilege === 'SUPER_ADMIN') return false;
  return subject.isDelegatedAdmin && (subject.adminPrivileges ?? []).includes(privilege);
}

/**
 * An integer parameter in `[min, max]`, or the 400 Google's older APIs give for one out of range
 * ("Invalid value '1000'. Values must be within the range: [1, 500]", reason `invalidParameter`).
 */
export function integerParam(ctx: ApiContext, name: string, min: number, max: number, fallback: number): number | GoogleResponse {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    return badRequest(ctx.dialect, `Invalid value '${raw}'. Values must be within the range: [${min}, ${max}]`, 'invalidParameter', name);
  }
  return value;
}

function normaliseEnum(value: string): string {
  return value.replace(/_/g, '').toLowerCase();
}

/**
 * An enum parameter. Google's front end matches enum values without regard to case or
 * underscores (ScubaGoggles sends orgunits.list `type=all_including_parent` for the documented
 * `allIncludingParent`), so the simulator does too; anything else is a 400.
 */
export function enumParam<T extends string>(ctx: ApiContext, name: string, values: readonly T[]): T | undefined | GoogleResponse {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return undefined;
  const match = values.find((value) => normaliseEnum(value) === normaliseEnum(raw));
  if (match !== undefined) return match;
  return badRequest(ctx.dialect, `Invalid value '${raw}'. Values must be one of: ${values.join(', ')}`, 'invalidParameter', name);
}

/** Type guard for an early error answer. */
export function isResponse(value: unknown): value is GoogleResponse {
  return value !== null && typeof value === 'object' && 'status' in value && 'headers' in value;
}

/** `my_customer` or the model's own customer id (case-insensitive). */
export function isOwnCustomer(model: GoogleWorkspaceModel, value: string): boolean {
  return value === 'my_customer' || value.toLowerCase() === model.customer.id.toLowerCase();
}
