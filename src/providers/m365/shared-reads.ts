// Graph reads more than one dataset needs, made once per audit (through the audit's memo).
import type { DatasetTypes } from '../../datasets/index.js';
import type { M365CollectContext } from './collectors.js';

type SubscribedSku = DatasetTypes['m365.subscribedSkus']['skus'][number];

/** The tenant's subscriptions, read once per audit: the training-coverage collector checks its licence in them too. */
export function readSubscribedSkus(context: M365CollectContext): Promise<SubscribedSku[]> {
  const read = async () => (await context.graph.list<SubscribedSku>('/subscribedSkus')).items;
  return context.shared ? context.shared.once('m365:subscribedSkus', read) : read();
}
