import { CollectorFailure, type CollectContext } from '../../core/collector.js';
import type { M365Target } from '../../core/targets.js';
import { m365Collectors, type M365CollectContext } from './collectors.js';
import { reasonFromError } from './errors.js';
import { GraphSession } from './graph-client.js';

/** Retries on 429/503/504 per request, each after Retry-After (Graph's own RetryHandler). */
const MAX_RETRIES = 4;

/** Runs one M365 collector on its own Graph session, so its requests are counted apart. */
export async function runM365Collector(
  name: keyof typeof m365Collectors,
  target: M365Target,
  base: CollectContext,
  timeoutMs: number,
): Promise<{ data: unknown; requests: number }> {
  const graph = new GraphSession({
    credential: target.credential,
    timeoutMs,
    maxRetries: MAX_RETRIES,
    ...(base.signal ? { signal: base.signal } : {}),
  });
  const context: M365CollectContext = { ...base, graph };
  try {
    const data = await m365Collectors[name].collect(context);
    return { data, requests: graph.requestCount };
  } catch (error) {
    throw new CollectorFailure(reasonFromError(error, m365Collectors[name].requirements), graph.requestCount);
  }
}
