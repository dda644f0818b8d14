import packageJson from '../package.json' with { type: 'json' };

/** The version of tenant-audit that produced a report. */
export const TOOL_VERSION: string = packageJson.version;

/** Where each control's documentation page lives (one page per control id). */
const DOCS_BASE = `${packageJson.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')}/blob/main/docs/controls`;

/** The documentation page of a control: what it checks, why, the data it reads and what to grant. */
export function controlDocsUrl(controlId: string): string {
  return `${DOCS_BASE}/${controlId}.md`;
}
