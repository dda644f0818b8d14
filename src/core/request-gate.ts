/**
 * A bound on HTTP requests in flight across every audit that shares it (a sweep shares one), so
 * open connections and buffered answers stay bounded however many tenants run at once. A request
 * holds its slot from sending until its whole body is read; retry waits hold none, so a throttled
 * tenant waiting out a Retry-After never holds back another tenant.
 *
 * @example
 * const gate = new RequestGate(64);
 * const fetchGated = gatedFetch(gate);
 * const response = await fetchGated('https://graph.microsoft.com/v1.0/users', { headers });
 */
export class RequestGate {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  /** The most requests that were in flight at once. */
  peak = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit <= 0) throw new RangeError('RequestGate limit must be a positive integer');
  }

  /** Requests in flight now. */
  get inFlight(): number {
    return this.running;
  }

  /** Requests waiting for a slot now. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Run `task` in a slot: waits (first come, first served) while every slot is taken; gives up when `signal` aborts. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    if (this.running < this.limit) {
      this.take();
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.take();
        resolve();
      };
      const onAbort = () => {
        const index = this.queue.indexOf(grant);
        if (index >= 0) this.queue.splice(index, 1);
        reject(signal?.reason);
      };
      this.queue.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private take(): void {
    this.running += 1;
    this.peak = Math.max(this.peak, this.running);
  }

  private release(): void {
    this.running -= 1;
    this.queue.shift()?.();
  }
}

/** Statuses whose answers have no body (the Response constructor refuses one for them). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * The platform's fetch (looked up at each call, so that whatever wraps it is used) inside a slot of
 * `gate`, the answer's body read before the slot is given back: the connection is then free, and
 * the bound covers the bytes held. Without a gate, the platform's fetch as it is.
 */
export function gatedFetch(gate: RequestGate | undefined): typeof fetch {
  if (!gate) return ((input, init) => globalThis.fetch(input, init)) as typeof fetch;
  return (async (input: string | URL | Request, init?: RequestInit) =>
    gate.run(async () => {
      const response = await globalThis.fetch(input, init);
      const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
      const buffered = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
      // The Response constructor leaves `url` empty; clients resolve next links and redirects against it.
      Object.defineProperty(buffered, 'url', { value: response.url });
      return buffered;
    }, (init?.signal ?? (input instanceof Request ? input.signal : undefined)) ?? undefined)) as typeof fetch;
}
