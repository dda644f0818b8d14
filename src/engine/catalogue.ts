import { controlCatalogue } from '../controls/index.js';
import type { Control, ControlMeta } from '../controls/define.js';
import type { Requirement } from '../core/permissions.js';
import { findProvider, providerModules, providerNamed } from '../providers/index.js';
import type { DatasetDeclaration } from '../providers/types.js';

/** A control as listed in the public catalogue: its metadata and what it needs granted. */
export interface ControlInfo extends ControlMeta {
  requirements: Requirement[];
}

const declarations: Readonly<Record<string, DatasetDeclaration>> = Object.assign({}, ...providerModules.map((provider) => provider.datasets));

/** One entry per permission; purposes are joined, and required anywhere wins over optional. */
function dedupe(requirements: Iterable<Requirement>): Requirement[] {
  const byKey = new Map<string, { requirement: Requirement; purposes: string[] }>();
  for (const { field: _field, ...requirement } of requirements) {
    const key = `${requirement.kind}:${requirement.name}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { requirement: { ...requirement }, purposes: [requirement.purpose] });
      continue;
    }
    // A purpose may itself contain "; ", so compare whole purposes, not the joined text.
    if (!seen.purposes.includes(requirement.purpose)) seen.purposes.push(requirement.purpose);
    if (seen.requirement.optional && !requirement.optional) delete seen.requirement.optional;
  }
  return [...byKey.values()].map(({ requirement, purposes }) => ({ ...requirement, purpose: purposes.join('; ') }));
}

/**
 * What one dataset needs for one control: its general requirements, plus those of the single
 * fields the control says it reads (a permission only `employeeLeaveDateTime` needs is not
 * charged to every reader of the users).
 */
function requirementsFor(dataset: string, fields: readonly string[]): Requirement[] {
  return (declarations[dataset]?.requirements ?? []).filter((requirement) => !requirement.field || fields.includes(`${dataset}.${requirement.field}`));
}

/** The permissions, roles and licences one control needs, from its datasets' declarations. */
export function controlRequirements(control: Pick<Control, 'meta'>): Requirement[] {
  const fields = control.meta.fields ?? [];
  return dedupe([
    ...control.meta.datasets.flatMap((name) => requirementsFor(name, fields)),
    // What optional datasets need adds detail but is not required for the control to run.
    ...(control.meta.optionalDatasets ?? []).flatMap((name) => requirementsFor(name, fields).map((r) => ({ ...r, optional: true }))),
  ]);
}

/** Every control tenant-audit runs, with citations, datasets and the permissions they need. */
export const controls: readonly ControlInfo[] = controlCatalogue.map((control) => ({
  ...control.meta,
  requirements: controlRequirements(control),
}));

/**
 * The exact list of permissions, roles and licences to grant for a provider (its id or an alias
 * such as `google`), from the collectors' own declarations, charged through the controls that read
 * each dataset: a grant is optional when every control that needs it reads its data only as
 * optional evidence (or the collector runs without it). Optional ones add detail but are not
 * needed for a run.
 *
 * @throws ConfigError for an unknown provider.
 */
export function requiredPermissions(provider: string): Requirement[] {
  const module = findProvider(provider) ?? providerNamed(provider, 'provider');
  const ownDataset = (name: string) => Object.hasOwn(module.datasets, name);
  const requirements = controlCatalogue.flatMap((control) => {
    const fields = control.meta.fields ?? [];
    return [
      ...control.meta.datasets.filter(ownDataset).flatMap((name) => requirementsFor(name, fields)),
      ...(control.meta.optionalDatasets ?? []).filter(ownDataset).flatMap((name) => requirementsFor(name, fields).map((r) => ({ ...r, optional: true }))),
    ];
  });
  return dedupe(requirements).sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}
