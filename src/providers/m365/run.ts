import { CollectorFailure, type CollectContext, type CollectCost } from '../types.js';
import type { M365Target } from './target.js';
import { graphCollectors, m365Collectors, type M365CollectContext } from './collectors.js';
import { reasonFromError } from './errors.js';
import { ExchangeAdminSession } from './exchange-client.js';
import { exchangeCollectors, isExchangeDataset } from './exchange-collectors.js';
import { GraphSession } from './graph-client.js';

/**
 * Runs one M365 collector on its own session, so its requests are counted apart: a Graph session
 * for Graph datasets, an Exchange admin session for Exchange ones (so an Exchange refusal touches
 * only the Exchange-backed datasets). Every session shares tenant-audit's retry policy, the
 * audit's signal and its secret scope.
 */
export async function runM365Collector(name: keyof typeof m365Collectors, target: M365Target, base: CollectContext): Promise<{ data: unknown } & CollectCost> {
  const { http } = base;
  const shared = {
    credential: target.credential,
    // Every token is asked for this tenant: one multi-tenant credential may serve many.
    tenantId: target.tenantId,
    timeoutMs: http.timeoutMs,
    ...(http.retry ? { retry: http.retry } : {}),
    ...(http.maxPages ? { maxPages: http.maxPages } : {}),
    ...(http.secrets ? { secrets: http.secrets } : {}),
    ...(http.gate ? { gate: http.gate } : {}),
    ...(base.signal ? { signal: base.signal } : {}),
  };
  if (isExchangeDataset(name)) {
    const exchange = new ExchangeAdminSession(shared);
    const cost = (): CollectCost => ({ requests: exchange.requestCount, retries: exchange.retryCount, waitedMs: exchange.waitedMs });
    try {
      const data = await exchangeCollectors[name].collect({ ...base, exchange });
      return { data, ...cost() };
    } catch (error) {
      throw new CollectorFailure(reasonFromError(error, exchangeCollectors[name].requirements), cost());
    }
  }
  const graph = new GraphSession(shared);
  const cost = (): CollectCost => ({ requests: graph.requestCount, retries: graph.retryCount, waitedMs: graph.waitedMs });
  const context: M365CollectContext = { ...base, graph };
  const collector = graphCollectors[name];
  try {
    const data = await collector.collect(context);
    return { data, ...cost() };
  } catch (error) {
    throw new CollectorFailure(reasonFromError(error, collector.requirements), cost());
  }
}
