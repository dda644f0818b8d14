/**
 * A delay that ends early when `signal` aborts, clearing its timer.
 *
 * msw's own `delay(ms)` keeps a referenced `setTimeout` that nothing clears: when a client gives up
 * on a slow answer (an `AbortSignal.timeout`, an SDK's request timeout), the timer still holds the
 * event loop for the full delay. This one clears it on abort, so an aborted request leaves no
 * pending timer behind.
 *
 * While the request is still wanted the timer stays referenced, as a real socket would keep the
 * process alive: an unreferenced timer would let a script whose only pending work is an
 * intercepted request (`await audit(...)` at top level) exit before the answer came.
 *
 * Resolves `true` when the full delay elapsed, `false` when the signal aborted first (or already had).
 */
export function abortableDelay(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  if (!(ms > 0)) return Promise.resolve(true);
  if (ms > MAX_TIMER_MS) throw new RangeError(`A delay of ${ms} ms is longer than a timer allows (${MAX_TIMER_MS} ms).`);
  return new Promise<boolean>((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The longest delay `setTimeout` takes (2^31 - 1 ms); longer ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;
