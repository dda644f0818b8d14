import { CollectorFailure, type CollectContext } from '../types.js';
import type { M365Target } from './target.js';
import { graphCollectors, m365Collectors, type M365CollectContext } from './collectors.js';
import { reasonFromError } from './errors.js';
import { ExchangeAdminSession } from './exchange-client.js';
import { exchangeCollectors, isExchangeDataset } from './exchange-collectors.js';
import { GraphSession } from './graph-client.js';

/** Retries on 429/503/504 per request, each after Retry-After (Graph's own RetryHandler; the same for Exchange). */
const MAX_RETRIES = 4;

/**
 * Runs one M365 collector on its own session, so its requests are counted apart: a Graph session
 * for Graph datasets, an Exchange admin session for Exchange ones (so an Exchange refusal touches
 * only the Exchange-backed datasets).
 */
export async function runM365Collector(
  name: keyof typeof m365Collectors,
  target: M365Target,
  base: CollectContext,
  timeoutMs: number,
): Promise<{ data: unknown; requests: number }> {
  const signal = base.signal ? { signal: base.signal } : {};
  if (isExchangeDataset(name)) {
    const exchange = new ExchangeAdminSession({ tenantId: target.tenantId, credential: target.credential, timeoutMs, maxRetries: MAX_RETRIES, ...signal });
    try {
      const data = await exchangeCollectors[name].collect({ ...base, exchange });
      return { data, requests: exchange.requestCount };
    } catch (error) {
      throw new CollectorFailure(reasonFromError(error, exchangeCollectors[name].requirements), exchange.requestCount);
    }
  }
  const graph = new GraphSession({ credential: target.credential, timeoutMs, maxRetries: MAX_RETRIES, ...signal });
  const context: M365CollectContext = { ...base, graph };
  const collector = graphCollectors[name];
  try {
    const data = await collector.collect(context);
    return { data, requests: graph.requestCount };
  } catch (error) {
    throw new CollectorFailure(reasonFromError(error, collector.requirements), graph.requestCount);
  }
}
