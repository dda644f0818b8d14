import type { Requirement } from '../../core/permissions.js';
import type { ProviderModule } from '../types.js';
import { checkM365Access } from './access.js';
import { m365Cli } from './cli.js';
import { m365Collectors } from './collectors.js';
import { M365TargetSchema, type M365Target } from './target.js';

/** How each kind of M365 requirement is granted, in the order `tenant-audit permissions m365` prints them. */
const REQUIREMENT_KINDS = {
  'graph-application-permission': 'Microsoft Graph application permissions (grant admin consent)',
  'exchange-application-permission': 'Exchange Online application permissions (API permissions > APIs my organization uses; grant admin consent)',
  'exchange-role': 'Microsoft Entra roles to assign to the app (Roles and administrators)',
  license: 'Licences',
} as const;

function formatM365Permissions(requirements: readonly Requirement[]): string {
  const lines: string[] = [];
  for (const [kind, heading] of Object.entries(REQUIREMENT_KINDS)) {
    const items = requirements.filter((requirement) => requirement.kind === kind);
    if (!items.length) continue;
    lines.push(`${heading}:`);
    for (const r of items) lines.push(`  ${r.name}${r.optional ? ' (optional)' : ''}: ${r.purpose}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Microsoft 365: Microsoft Graph and the Exchange Online admin API, with any TokenCredential. */
export const m365Provider: ProviderModule<M365Target> = {
  id: 'm365',
  label: 'Microsoft 365',
  aliases: ['m365', 'microsoft-365'],
  datasetPrefix: 'm365.',
  targetSchema: M365TargetSchema,
  targetId: (target) => target.tenantId,
  datasets: m365Collectors,
  requirementKindLabels: REQUIREMENT_KINDS,
  formatPermissions: formatM365Permissions,
  checkAccess: checkM365Access,
  async preflight(target, options) {
    const { m365Preflight } = await import('./preflight.js');
    return m365Preflight(target, options);
  },
  cli: m365Cli,
  async collectDataset(name, target, context) {
    // The Graph and Exchange clients load on first use, so importing tenant-audit stays cheap.
    const { runM365Collector } = await import('./run.js');
    return runM365Collector(name as Parameters<typeof runM365Collector>[0], target, context);
  },
};
