import type { Control } from '../controls/define.js';
import type { Requirement } from '../core/permissions.js';
import { findProvider, providerModules } from '../providers/index.js';
import type { DatasetDeclaration } from '../providers/types.js';
import { controlRequirements } from './catalogue.js';

// The facts of each control's doc page that the code knows (what it reads, what to grant) are
// written from the code, so the pages cannot drift from `tenant-audit controls` and `permissions`.

const BEGIN = '<!-- generated from the code by `npm run docs:controls`; do not edit by hand -->';
const END = '<!-- end of generated section -->';

const declarations: Readonly<Record<string, DatasetDeclaration>> = Object.assign({}, ...providerModules.map((provider) => provider.datasets));

function datasetLine(name: string, optional: boolean): string {
  const declaration = declarations[name];
  const calls = declaration?.reads.map((read) => `\`${read}\``).join('; ') ?? 'unknown dataset';
  return `- \`${name}\`${optional ? ' (optional: read when it can be; the control runs without it)' : ''}: ${declaration?.description ?? ''} Reads ${calls}.`;
}

/** The "Data read" section's body for a control. */
export function dataReadSection(control: Pick<Control, 'meta'>): string {
  const lines = [...control.meta.datasets.map((name) => datasetLine(name, false)), ...(control.meta.optionalDatasets ?? []).map((name) => datasetLine(name, true))];
  if (control.meta.fields?.length) lines.push(`- Fields with a grant of their own: ${control.meta.fields.map((field) => `\`${field}\``).join(', ')}.`);
  if (lines.length === 0) lines.push('- No service data: the control is judged from the answers given in the configuration (attestations).');
  return lines.join('\n');
}

/** The "Permissions" section's body for a control: each grant under its provider's heading. */
export function permissionsSection(control: Pick<Control, 'meta'>): string {
  const requirements = controlRequirements(control);
  if (requirements.length === 0) return 'None: nothing is read from the service.';
  const provider = findProvider(control.meta.provider);
  const kinds = [...new Set(requirements.map((requirement) => requirement.kind))];
  const lines: string[] = [];
  for (const kind of kinds) {
    // A provider-neutral control's optional evidence comes from one cloud or the other: any provider's label.
    const label = provider?.requirementKindLabels[kind] ?? providerModules.map((module) => module.requirementKindLabels[kind]).find(Boolean) ?? kind;
    lines.push(`${label}:`, '');
    for (const requirement of requirements.filter((r: Requirement) => r.kind === kind)) {
      lines.push(`- \`${requirement.name}\`${requirement.optional ? ' (optional)' : ''}: ${requirement.purpose}.`);
    }
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

/** Replace the body of `## heading` in a markdown page with a generated block (the section is added if missing). */
function withSection(page: string, heading: string, body: string): string {
  const block = `## ${heading}\n\n${BEGIN}\n${body}\n${END}\n`;
  const start = page.indexOf(`\n## ${heading}\n`);
  if (start === -1) return `${page.trimEnd()}\n\n${block}`;
  const next = page.indexOf('\n## ', start + 1);
  return `${page.slice(0, start + 1)}${block}${next === -1 ? '' : `\n${page.slice(next + 1)}`}`;
}

/** A control's doc page with its generated sections brought up to date. */
export function withGeneratedSections(page: string, control: Pick<Control, 'meta'>): string {
  return withSection(withSection(page, 'Data read', dataReadSection(control)), 'Permissions', permissionsSection(control));
}
