import { runGoogleCollector, type GoogleDatasetName } from '../providers/google/provider.js';
import { runM365Collector } from '../providers/m365/provider.js';
import type { m365Collectors } from '../providers/m365/collectors.js';
import { CollectorFailure, type CollectContext } from './collector.js';
import type { DatasetName } from './datasets.js';
import type { AuditTarget } from './targets.js';

/** Run one dataset's collector for a target with the cloud's own client; throws CollectorFailure. */
export async function runCollector(
  target: AuditTarget,
  name: DatasetName,
  base: CollectContext,
  timeoutMs: number,
): Promise<{ data: unknown; requests: number }> {
  if (target.provider === 'm365') return runM365Collector(name as keyof typeof m365Collectors, target, base, timeoutMs);
  if (target.provider === 'google-workspace' && name.startsWith('google.')) return runGoogleCollector(name as GoogleDatasetName, target, base, timeoutMs);
  throw new CollectorFailure({ kind: 'unsupported', detail: `no ${target.provider} collector for ${name} yet` });
}
