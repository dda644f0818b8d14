import type { SimulatorRequestLog } from '../m365/request-log.js';

/**
 * The simulated services, as the network layer groups hosts:
 * - `graph`: graph.microsoft.com;
 * - `exchange`: the Exchange Online admin API (`/adminapi/...` on outlook.office365.com and
 *   outlook.office.com) and Security & Compliance (ps.compliance.protection.outlook.com and its
 *   regional hosts);
 * - `entra`: login.microsoftonline.com (token endpoint, instance discovery, OpenID configuration);
 * - `google-token`: oauth2.googleapis.com (the OAuth token endpoint);
 * - `google-api`: iamcredentials, admin, cloudidentity and licensing.googleapis.com.
 */
export type NetworkService = 'graph' | 'exchange' | 'entra' | 'google-token' | 'google-api';

/** The fault kinds the layer injects. */
export type NetworkFaultKind =
  /** 429 with the service's throttling body and `Retry-After`. */
  | 'throttle'
  /** 503 with the service's unavailable body and `Retry-After`. */
  | 'unavailable'
  /** 504 (Graph only: the other services document none; they get no fault for this draw). */
  | 'gatewayTimeout'
  /** The connection drops: the client's fetch rejects (`TypeError: fetch failed`), no answer at all. */
  | 'reset'
  /** The real answer, but only after `slow.delayMs` (beyond a client's timeout). */
  | 'slow';

/**
 * Which requests a streak or a malformed answer targets. Every given field must match; an empty
 * matcher matches every simulated request.
 */
export interface RequestMatcher {
  /** HTTP method, case-insensitive. */
  method?: string;
  service?: NetworkService;
  /** Host name: a string matches exactly (case-insensitive), a RegExp is tested on it. */
  host?: string | RegExp;
  /**
   * A string matches the URL path exactly (case-insensitive); on Graph the version may be left out
   * (`/users` matches `/v1.0/users`). A RegExp is tested on the decoded path and query
   * (`/v1.0/users?$select=id`).
   */
  path?: string | RegExp;
  /** Exchange admin API only: the `CmdletInput.CmdletName` of the body, case-insensitive. */
  cmdlet?: string;
}

/** Consecutive faults for the requests a matcher selects, e.g. five 429s in a row for `GET /users`. */
export interface FaultStreak {
  match: RequestMatcher;
  /** How many consecutive matching requests get the fault. */
  count: number;
  /** Defaults to `'throttle'`. `'slow'` delays by `delayMs` (default: the `faults.slow` delay, else 60 s). */
  kind?: NetworkFaultKind;
  /** Matching requests to let through before the streak starts (default 0), e.g. to fail page 3. */
  after?: number;
  /** `Retry-After` for this streak's 429/503 answers; defaults to the layer's `retryAfterSeconds`. */
  retryAfterSeconds?: number;
  /** The delay of a `'slow'` streak. */
  delayMs?: number;
}

/**
 * A broken answer in place of the real one, for robustness tests (each builds on the real answer,
 * so pages keep their real items):
 * - `nextLinkLoop`: `@odata.nextLink` is the URL just requested (Graph, Exchange admin API): a
 *   client that follows next links gets the same page forever;
 * - `nextLinkOtherHost`: `@odata.nextLink` points at another host (`nextLink`, default
 *   `https://evil.example{path}?$skiptoken=x`): a client must not send its token there;
 * - `pageTokenRepeats`: Google's `nextPageToken` never changes (a first page without one gets one,
 *   and that token keeps answering the first page);
 * - `notJson`: the same status and headers (a JSON content type) with a body that is not JSON
 *   (`body`, default an Envoy-style "upstream connect error" line);
 * - `valueNotArray`: the list property (`key`, default `value`, else the first array property,
 *   e.g. Google's `users`) becomes an object keyed by index;
 * - `batchWithoutResponses`: a Graph `$batch` answer without `responses`;
 * - `batchResponsesWithoutIds`: a `$batch` answer whose responses have no `id`;
 * - `truncated`: the body cut to its first half (`fraction`) of bytes.
 */
export type MalformedMode =
  | 'nextLinkLoop'
  | 'nextLinkOtherHost'
  | 'pageTokenRepeats'
  | 'notJson'
  | 'valueNotArray'
  | 'batchWithoutResponses'
  | 'batchResponsesWithoutIds'
  | 'truncated';

/** One malformed-answer rule. */
export interface MalformedAnswer {
  match: RequestMatcher;
  mode: MalformedMode;
  /** How many matching requests get it (default: every one). */
  times?: number;
  /** `nextLinkOtherHost`: the link to give. */
  nextLink?: string;
  /** `valueNotArray`: the property to break. */
  key?: string;
  /** `notJson`: the body to send. */
  body?: string;
  /** `truncated`: the share of the body to keep, 0 to 1 (default 0.5). */
  fraction?: number;
}

/** Options of the simulated network (`startSimulator({ network })`, {@link SimulatedNetwork}). */
export interface NetworkOptions {
  /** Seeds the PRNG that draws latency and faults (default 1). Same seed and request order, same run. */
  seed?: number;
  /** Added to every simulated request: a fixed number of ms, or a range drawn uniformly (integer ms). */
  latencyMs?: number | { min: number; max: number };
  /** Per-request probabilities of each fault (their sum at most 1), applied to requests in scope. */
  faults?: {
    throttle?: number;
    unavailable?: number;
    /** Graph only. */
    gatewayTimeout?: number;
    reset?: number;
    slow?: { rate: number; delayMs: number };
  };
  /**
   * `Retry-After` on injected 429 and 503 answers, whole seconds (RFC 9110's delay-seconds: no
   * fractions), 0 allowed. Default 1. Graph's identity protection and Conditional Access paths
   * send none on 429, as the throttling docs say.
   */
  retryAfterSeconds?: number;
  /** Limit random faults to these services. */
  services?: readonly NetworkService[];
  /** Limit random faults to these hosts (exact, case-insensitive, or RegExp). */
  hosts?: readonly (string | RegExp)[];
  /** Limit random faults to these paths (as {@link RequestMatcher.path}). */
  paths?: readonly (string | RegExp)[];
  /**
   * Whether token endpoints (login.microsoftonline.com, oauth2.googleapis.com, IAM Credentials)
   * get random faults: `true` (default), `false`, or `'only'` to fault nothing else.
   */
  tokenEndpoints?: boolean | 'only';
  /** Consecutive faults for chosen requests; they apply whatever the scope, before random faults. */
  streaks?: readonly FaultStreak[];
  /** Broken answers for chosen requests. */
  malformed?: readonly MalformedAnswer[];
  /** Google's project number in `RATE_LIMIT_EXCEEDED` bodies (the simulator passes its customer's). */
  googleProjectNumber?: string;
  /** Record injected 429/503/504 and resets here, as the services' own handlers record their answers. */
  requestLog?: SimulatorRequestLog;
}

/** What the layer did to one simulated request. */
export interface NetworkEvent {
  /** 1 for the first simulated request the layer saw. */
  sequence: number;
  service: NetworkService;
  method: string;
  url: string;
  /** The latency added, ms. */
  latencyMs: number;
  /** The fault injected, if any. */
  fault?: NetworkFaultKind;
  /** Where the fault came from. */
  source?: 'random' | 'streak';
  /** The status injected (0 for a reset); absent when the real handler answered. */
  status?: number;
  /** `Retry-After` sent with an injected answer. */
  retryAfterSeconds?: number;
  /** The malformed answer given instead of the real one. */
  malformed?: MalformedMode;
  /** The client aborted while the layer was delaying the answer. */
  aborted?: boolean;
}

/** Counters over every request so far. */
export interface NetworkStats {
  /** Simulated requests the layer saw. */
  requests: number;
  /** Latency added, ms, in total (not counting `slow` delays). */
  latencyMs: number;
  /** Extra delay of `slow` faults, ms, in total. */
  slowDelayMs: number;
  /** Faults injected, by kind (random and streak together). */
  faults: Record<NetworkFaultKind, number>;
  /** Of those, from streaks. */
  streakFaults: number;
  /** Malformed answers given, by mode. */
  malformed: Record<MalformedMode, number>;
  /** The sum of `Retry-After` on injected answers: the waits the services asked for, seconds. */
  retryAfterSeconds: number;
  /** Requests the client aborted while the layer delayed them. */
  aborted: number;
  /** Requests and faults per service. */
  byService: Record<NetworkService, { requests: number; faults: number }>;
}
