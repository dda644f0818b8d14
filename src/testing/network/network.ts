import { getResponse, http, HttpResponse, type HttpHandler } from 'msw';
import { LOGIN_HOST } from '../m365/entra/discovery.js';
import { safeDecode } from '../shared.js';
import { abortableDelay, MAX_TIMER_MS } from './delay.js';
import { faultAnswer, tokenTenant, type AnsweredFault } from './faults.js';
import { malform, upstreamUrl } from './malformed.js';
import type {
  FaultStreak,
  MalformedAnswer,
  MalformedMode,
  NetworkEvent,
  NetworkFaultKind,
  NetworkOptions,
  NetworkService,
  NetworkStats,
} from './model.js';
import { mulberry32 } from './prng.js';
import { cmdletOfRequest, inFaultScope, requestMatches, simulatedServiceOf } from './services.js';

const FAULT_KINDS: readonly NetworkFaultKind[] = ['throttle', 'unavailable', 'gatewayTimeout', 'reset', 'slow'];
const MALFORMED_MODES: readonly MalformedMode[] = [
  'nextLinkLoop',
  'nextLinkOtherHost',
  'pageTokenRepeats',
  'notJson',
  'valueNotArray',
  'batchWithoutResponses',
  'batchResponsesWithoutIds',
  'truncated',
];
const SERVICES: readonly NetworkService[] = ['graph', 'exchange', 'entra', 'google-token', 'google-api'];
/** A slow streak's delay when neither it nor `faults.slow` names one. */
const DEFAULT_SLOW_MS = 60_000;

function emptyStats(): NetworkStats {
  return {
    requests: 0,
    latencyMs: 0,
    slowDelayMs: 0,
    faults: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<NetworkFaultKind, number>,
    streakFaults: 0,
    malformed: Object.fromEntries(MALFORMED_MODES.map((mode) => [mode, 0])) as Record<MalformedMode, number>,
    retryAfterSeconds: 0,
    aborted: 0,
    byService: Object.fromEntries(SERVICES.map((service) => [service, { requests: 0, faults: 0 }])) as NetworkStats['byService'],
  };
}

function checkRate(name: string, rate: number | undefined): number {
  const value = rate ?? 0;
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new RangeError(`network.faults.${name} must be a probability from 0 to 1, not ${rate}.`);
  return value;
}

function checkRetryAfter(name: string, seconds: number | undefined): void {
  // RFC 9110 §10.2.3: Retry-After is an HTTP-date or delay-seconds, a non-negative integer.
  if (seconds !== undefined && (!Number.isInteger(seconds) || seconds < 0)) {
    throw new RangeError(`${name} must be a whole number of seconds (0 or more): Retry-After takes no fractions, got ${seconds}.`);
  }
}

function checkDelay(name: string, ms: number): void {
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_TIMER_MS) throw new RangeError(`${name} must be from 0 to ${MAX_TIMER_MS} ms, not ${ms}.`);
}

/** A fault chosen for a request, before the service's answer is built. */
interface ChosenFault {
  kind: NetworkFaultKind;
  source: 'random' | 'streak';
  retryAfterSeconds: number;
  delayMs: number;
}

/**
 * A seeded, realistic network in front of the simulated services: latency on every request,
 * random throttling (429), outages (503), gateway timeouts (504, Graph), connection resets and slow
 * answers, streaks of faults for chosen requests, and malformed answers, with counters of what it
 * did. Each injected answer is the service's own (see `faults.ts`).
 *
 * It is one msw handler placed before the service handlers: for a request no rule touches it adds
 * its latency and returns nothing, so msw goes on to the service handler. It needs the service
 * handlers (`downstream`) for two things: to act only on requests they answer (a request msw would
 * report as unhandled stays unhandled), and to fetch the real answer that a malformed answer is made
 * from (msw's `getResponse(downstream, request)`).
 *
 * Determinism: each request draws two numbers from a mulberry32 PRNG (latency, fault) as soon as the
 * layer sees it, whatever happens next, so the same seed and the same request order give the same
 * latencies and faults.
 *
 * @example
 * const network = new SimulatedNetwork({ seed: 42, latencyMs: { min: 20, max: 150 }, faults: { throttle: 0.1 } });
 * const server = setupServer(...network.wrap(createGraphHandlers([practice])));
 * server.listen({ onUnhandledFrame: 'error' });
 * // ... run the sweep ...
 * console.log(network.stats().retryAfterSeconds, 's of Retry-After asked');
 */
export class SimulatedNetwork {
  readonly options: NetworkOptions;
  /** What the layer did to each simulated request, in order. */
  readonly events: NetworkEvent[] = [];
  private counters: NetworkStats = emptyStats();
  private random: () => number;
  private sequence = 0;
  private readonly rates: { kind: NetworkFaultKind; upTo: number }[];
  private streakHits: number[];
  private malformedHits: number[];

  constructor(options: NetworkOptions = {}) {
    this.options = options;
    const faults = options.faults ?? {};
    let cumulative = 0;
    this.rates = [];
    for (const kind of FAULT_KINDS) {
      const rate = kind === 'slow' ? checkRate('slow.rate', faults.slow?.rate) : checkRate(kind, faults[kind]);
      cumulative += rate;
      if (rate > 0) this.rates.push({ kind, upTo: cumulative });
    }
    if (cumulative > 1 + 1e-9) throw new RangeError(`network.faults rates add up to ${cumulative}; they must add up to 1 at most.`);
    if (faults.slow) checkDelay('network.faults.slow.delayMs', faults.slow.delayMs);
    checkRetryAfter('network.retryAfterSeconds', options.retryAfterSeconds);
    const latency = options.latencyMs;
    if (typeof latency === 'number') checkDelay('network.latencyMs', latency);
    else if (latency !== undefined) {
      checkDelay('network.latencyMs.min', latency.min);
      checkDelay('network.latencyMs.max', latency.max);
      if (latency.min > latency.max) throw new RangeError(`network.latencyMs.min (${latency.min}) is above max (${latency.max}).`);
    }
    for (const [index, streak] of (options.streaks ?? []).entries()) {
      if (!Number.isInteger(streak.count) || streak.count < 0) throw new RangeError(`network.streaks[${index}].count must be a whole number.`);
      if (streak.after !== undefined && (!Number.isInteger(streak.after) || streak.after < 0)) throw new RangeError(`network.streaks[${index}].after must be a whole number.`);
      checkRetryAfter(`network.streaks[${index}].retryAfterSeconds`, streak.retryAfterSeconds);
      if (streak.delayMs !== undefined) checkDelay(`network.streaks[${index}].delayMs`, streak.delayMs);
    }
    this.random = mulberry32(options.seed ?? 1);
    this.streakHits = (options.streaks ?? []).map(() => 0);
    this.malformedHits = (options.malformed ?? []).map(() => 0);
  }

  /** A snapshot of the counters. */
  stats(): NetworkStats {
    return structuredClone(this.counters);
  }

  /** Starts over: reseeds the PRNG and forgets counters, events, streak and malformed-answer hits. */
  reset(): void {
    this.random = mulberry32(this.options.seed ?? 1);
    this.sequence = 0;
    this.counters = emptyStats();
    this.events.length = 0;
    this.streakHits = this.streakHits.map(() => 0);
    this.malformedHits = this.malformedHits.map(() => 0);
  }

  /** The layer's handler, to put before `downstream` (the service handlers it fronts) in an msw server. */
  handlers(downstream: readonly HttpHandler[]): HttpHandler[] {
    const services = [...downstream];
    return [
      http.all(
        async ({ request }) => {
          if (simulatedServiceOf(new URL(request.url)) === null) return false;
          for (const handler of services) if (await handler.test({ request })) return true;
          return false;
        },
        ({ request }) => this.answer(request, services),
      ),
    ];
  }

  /** `handlers` followed by the service handlers themselves: the list to give `setupServer`. */
  wrap(handlers: readonly HttpHandler[]): HttpHandler[] {
    return [...this.handlers(handlers), ...handlers];
  }

  private latencyFor(draw: number): number {
    const latency = this.options.latencyMs;
    if (latency === undefined) return 0;
    if (typeof latency === 'number') return latency;
    const min = Math.ceil(latency.min);
    const max = Math.floor(latency.max);
    return max <= min ? min : min + Math.floor(draw * (max - min + 1));
  }

  private randomFault(draw: number): ChosenFault | undefined {
    const hit = this.rates.find((rate) => draw < rate.upTo);
    if (!hit) return undefined;
    return { kind: hit.kind, source: 'random', retryAfterSeconds: this.options.retryAfterSeconds ?? 1, delayMs: this.options.faults?.slow?.delayMs ?? DEFAULT_SLOW_MS };
  }

  /** Counts the request against every streak it matches; the first whose window it falls in applies. */
  private streakFault(method: string, url: URL, service: NetworkService, cmdlet: string | null): ChosenFault | undefined {
    let chosen: ChosenFault | undefined;
    for (const [index, streak] of (this.options.streaks ?? []).entries()) {
      if (!requestMatches(streak.match, method, url, service, cmdlet)) continue;
      const seen = this.streakHits[index] ?? 0;
      this.streakHits[index] = seen + 1;
      const after = streak.after ?? 0;
      if (chosen === undefined && seen >= after && seen < after + streak.count) chosen = this.fromStreak(streak);
    }
    return chosen;
  }

  private fromStreak(streak: FaultStreak): ChosenFault {
    return {
      kind: streak.kind ?? 'throttle',
      source: 'streak',
      retryAfterSeconds: streak.retryAfterSeconds ?? this.options.retryAfterSeconds ?? 1,
      delayMs: streak.delayMs ?? this.options.faults?.slow?.delayMs ?? DEFAULT_SLOW_MS,
    };
  }

  private malformedRule(method: string, url: URL, service: NetworkService, cmdlet: string | null): MalformedAnswer | undefined {
    for (const [index, rule] of (this.options.malformed ?? []).entries()) {
      if (!requestMatches(rule.match, method, url, service, cmdlet)) continue;
      const seen = this.malformedHits[index] ?? 0;
      if (seen >= (rule.times ?? Infinity)) continue;
      this.malformedHits[index] = seen + 1;
      return rule;
    }
    return undefined;
  }

  /** Records an injected answer in the simulator's request log, as the service's handler would have. */
  private async log(request: Request, url: URL, service: NetworkService, status: number, known: string | null): Promise<void> {
    const log = this.options.requestLog;
    if (!log) return;
    const cmdlet = known ?? (service === 'exchange' ? await cmdletOfRequest(request) : null);
    const query: Record<string, string> = {};
    for (const [key, value] of url.searchParams) query[key] = value;
    const method = request.method.toUpperCase();
    const decoded = url.pathname.split('/').map(safeDecode).join('/');
    if (service === 'graph') {
      const [, , ...rest] = url.pathname.split('/');
      log.record({ method, path: `/${rest.map(safeDecode).join('/')}`, query, tenantId: tokenTenant(request.headers), status, viaBatch: false });
    } else if (service === 'exchange') {
      log.record({ method, path: url.pathname, query, tenantId: tokenTenant(request.headers), status, viaBatch: false, host: url.host, ...(cmdlet === null ? {} : { cmdlet }) });
    } else if (service === 'entra') {
      log.record({ method, path: decoded, query, tenantId: null, status, viaBatch: false, host: LOGIN_HOST });
    } else {
      log.record({ method, path: decoded, query, tenantId: null, status, viaBatch: false });
    }
  }

  private async answer(request: Request, downstream: readonly HttpHandler[]): Promise<Response | undefined> {
    const url = new URL(request.url);
    const service = simulatedServiceOf(url);
    if (service === null) return undefined;
    const method = request.method.toUpperCase();

    // Everything that decides this request's fate is drawn now, before the first await, so that it
    // depends only on the order requests arrive in.
    this.sequence += 1;
    const sequence = this.sequence;
    const latencyMs = this.latencyFor(this.random());
    const faultDraw = this.random();
    const random = inFaultScope(this.options, url, service) ? this.randomFault(faultDraw) : undefined;
    const needsCmdlet =
      service === 'exchange' && [...(this.options.streaks ?? []), ...(this.options.malformed ?? [])].some((rule) => rule.match.cmdlet !== undefined);
    const event: NetworkEvent = { sequence, service, method, url: url.href, latencyMs };
    this.events.push(event);
    this.counters.requests += 1;
    this.counters.latencyMs += latencyMs;
    this.counters.byService[service].requests += 1;

    // Only a rule naming a cmdlet makes the layer read an Exchange body before deciding.
    const cmdlet = needsCmdlet ? await cmdletOfRequest(request) : null;
    const fault = this.streakFault(method, url, service, cmdlet) ?? random;
    const rule = fault === undefined ? this.malformedRule(method, url, service, cmdlet) : undefined;

    const aborted = (): Response => {
      event.aborted = true;
      this.counters.aborted += 1;
      return HttpResponse.error();
    };
    const injected = (kind: NetworkFaultKind, source: ChosenFault['source']): void => {
      event.fault = kind;
      event.source = source;
      this.counters.faults[kind] += 1;
      this.counters.byService[service].faults += 1;
      if (source === 'streak') this.counters.streakFaults += 1;
    };

    if (!(await abortableDelay(latencyMs, request.signal))) return aborted();

    if (fault?.kind === 'reset') {
      injected('reset', fault.source);
      event.status = 0;
      await this.log(request, url, service, 0, cmdlet);
      return HttpResponse.error();
    }
    if (fault?.kind === 'slow') {
      injected('slow', fault.source);
      this.counters.slowDelayMs += fault.delayMs;
      if (!(await abortableDelay(fault.delayMs, request.signal))) return aborted();
      return undefined;
    }
    if (fault !== undefined) {
      const formClientRequestId = service === 'entra' ? await formField(request, 'client-request-id') : null;
      const answer = faultAnswer(
        fault.kind as AnsweredFault,
        { url, headers: request.headers, service, sequence, formClientRequestId },
        fault.retryAfterSeconds,
        this.options.googleProjectNumber ?? '000000000000',
      );
      if (answer !== null) {
        injected(fault.kind, fault.source);
        event.status = answer.status;
        if (answer.retryAfterSeconds !== undefined) {
          event.retryAfterSeconds = answer.retryAfterSeconds;
          this.counters.retryAfterSeconds += answer.retryAfterSeconds;
        }
        await this.log(request, url, service, answer.status, cmdlet);
        return answer.response;
      }
    }

    if (rule !== undefined) {
      const real = await getResponse([...downstream], await upstreamRequest(request, upstreamUrl(rule, url)));
      if (real === undefined) return undefined;
      const broken = await malform(rule, real.clone(), url);
      if (broken === null) return real;
      event.malformed = rule.mode;
      this.counters.malformed[rule.mode] += 1;
      return broken;
    }
    return undefined;
  }
}

/** A copy of the request for the service handlers (the original's body stays unread for msw), at `url`. */
async function upstreamRequest(request: Request, url: URL): Promise<Request> {
  if (url.href === request.url) return request.clone();
  const method = request.method.toUpperCase();
  const body = method === 'GET' || method === 'HEAD' ? undefined : await request.clone().arrayBuffer();
  return new Request(url.href, { method, headers: request.headers, body, signal: request.signal });
}

/** A field of a form-encoded body, or `null`. */
async function formField(request: Request, name: string): Promise<string | null> {
  const method = request.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD') return null;
  if (!(request.headers.get('Content-Type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) return null;
  return new URLSearchParams(await request.clone().text()).get(name);
}

/**
 * The layer's handlers followed by `handlers`, and the network to read counters from.
 *
 * @example
 * const { handlers, network } = withSimulatedNetwork(createGraphHandlers([practice]), { seed: 7, faults: { throttle: 0.2 } });
 * const server = setupServer(...handlers);
 */
export function withSimulatedNetwork(handlers: readonly HttpHandler[], options: NetworkOptions | SimulatedNetwork): { handlers: HttpHandler[]; network: SimulatedNetwork } {
  const network = options instanceof SimulatedNetwork ? options : new SimulatedNetwork(options);
  return { handlers: network.wrap(handlers), network };
}
