import { controlCatalogue } from '../controls/index.js';
import { googleCollectors } from '../providers/google/provider.js';
import { m365Collectors } from '../providers/m365/collectors.js';
import type { ControlMeta } from './control.js';
import type { Provider } from './model.js';
import type { Requirement } from './permissions.js';

/** A control as listed in the public catalogue: its metadata and what it needs granted. */
export interface ControlInfo extends ControlMeta {
  requirements: Requirement[];
}

const collectors: Record<string, { requirements: readonly Requirement[] }> = { ...m365Collectors, ...googleCollectors };

/** One entry per permission; purposes are joined, and required anywhere wins over optional. */
function dedupe(requirements: Iterable<Requirement>): Requirement[] {
  const byKey = new Map<string, Requirement>();
  for (const requirement of requirements) {
    const key = `${requirement.kind}:${requirement.name}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { ...requirement });
      continue;
    }
    const purposes = seen.purpose.split('; ');
    if (!purposes.includes(requirement.purpose)) seen.purpose = [...purposes, requirement.purpose].join('; ');
    if (seen.optional && !requirement.optional) delete seen.optional;
  }
  return [...byKey.values()];
}

/** Every control tenant-audit runs, with citations, datasets and the permissions they need. */
export const controls: readonly ControlInfo[] = controlCatalogue.map((control) => ({
  ...control.meta,
  requirements: dedupe([
    ...control.meta.datasets.flatMap((name) => collectors[name]?.requirements ?? []),
    // What optional datasets need adds detail but is not required for the control to run.
    ...(control.meta.optionalDatasets ?? []).flatMap((name) => (collectors[name]?.requirements ?? []).map((r) => ({ ...r, optional: true }))),
  ]),
}));

/**
 * The exact list of permissions, roles and licences to grant for a provider, from the collectors'
 * own declarations. Optional ones add detail but are not needed for a run.
 */
export function requiredPermissions(provider: Provider): Requirement[] {
  const names = Object.keys(collectors).filter((name) => name.startsWith(provider === 'm365' ? 'm365.' : 'google.'));
  return dedupe(names.flatMap((name) => collectors[name]!.requirements)).sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name),
  );
}
