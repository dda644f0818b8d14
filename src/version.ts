import packageJson from '../package.json' with { type: 'json' };

/** The version of tenant-audit that produced a report. */
export const TOOL_VERSION: string = packageJson.version;

/** The project's home on GitHub: package.json's repository URL, or the project's own when a fork drops it. */
export const REPOSITORY_URL: string =
  (packageJson as { repository?: { url?: string } }).repository?.url?.replace(/^git\+/, '').replace(/\.git$/, '') ?? 'https://github.com/tenant-audit/tenant-audit';

/** Where each control's documentation page lives (one page per control id). */
const DOCS_BASE = `${REPOSITORY_URL}/blob/main/docs/controls`;

/** The documentation page of a control: what it checks, why, the data it reads and what to grant. */
export function controlDocsUrl(controlId: string): string {
  return `${DOCS_BASE}/${controlId}.md`;
}
