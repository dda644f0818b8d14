// Waiting helpers shared by the API clients' retry loops; each client keeps its own bounds.

/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as it aborts (at once when it
 * already has). The abort listener is removed when the wait ends, so long runs do not pile them up.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A Retry-After header value in milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3),
 * a past date giving 0; undefined when absent, empty or unreadable, so the caller uses its own backoff.
 */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Settles with `promise`, or rejects with the signal's reason as soon as it aborts: for calls that
 * take no signal or ignore it (a credential's getToken that never settles must not hang an audit).
 * The listener is removed when the promise settles.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * An AbortSignal that aborts after `ms` with a TimeoutError, and `clear()` to stop its timer when
 * the work ended first. Unlike AbortSignal.timeout, nothing of it outlives the work: a sweep of a
 * thousand tenants does not keep a thousand 30-minute timers and their listeners alive.
 */
export function deadline(ms: number): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`The operation timed out after ${ms} ms.`, 'TimeoutError')), ms);
  timer.unref?.();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
