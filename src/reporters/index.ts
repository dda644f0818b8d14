import type { AuditReport } from '../core/model.js';
import { redact, redactDeep } from '../core/redact.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { formatJson } from './json.js';
import { renderJunit } from './junit.js';
import type { FormatOptions } from './lib/options.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { formatText } from './text.js';

export type { ConfigFileRef, FormatOptions } from './lib/options.js';

/** One output format: how it is named on the command line and how reports become text. */
export interface Reporter {
  /** What `--format` calls it. */
  name: string;
  /** A few words for `--help`. */
  description: string;
  /** The file extension it is saved with. */
  extension: string;
  /** Render the reports; `options` carries what some formats use (the configuration file, the detail). */
  format(reports: readonly AuditReport[], options?: FormatOptions): string;
}

/** Every output format, written once: `--format` help and validation come from this list. */
export const reporters = {
  text: { name: 'text', description: 'a plain-English gap report', extension: 'txt', format: (reports) => reports.map((report) => formatText(report)).join('\n') },
  json: {
    name: 'json',
    description: 'the report as JSON (one object, or an array for several tenants; schema: tenant-audit/schema/report.json)',
    extension: 'json',
    format: (reports) => formatJson(reports.length === 1 ? reports[0]! : reports),
  },
  sarif: { name: 'sarif', description: 'SARIF 2.1.0 for GitHub code scanning (one run per tenant)', extension: 'sarif', format: renderSarif },
  junit: { name: 'junit', description: 'JUnit XML for CI test reports (one test case per finding)', extension: 'xml', format: (reports) => renderJunit(reports) },
  markdown: { name: 'markdown', description: 'Markdown for a GitHub job summary (under 1 MiB)', extension: 'md', format: renderMarkdown },
  html: { name: 'html', description: 'one self-contained HTML page for the practice manager', extension: 'html', format: (reports) => renderHtml(reports) },
  csv: { name: 'csv', description: 'CSV, one row per finding, for spreadsheets', extension: 'csv', format: (reports) => renderCsv(reports) },
} as const satisfies Record<string, Reporter>;

/** The name of an output format. */
export type FormatName = keyof typeof reporters;

/** Every format name, in the order `--help` lists them. */
export const formatNames = Object.keys(reporters) as FormatName[];

/** Whether a string names an output format. */
export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(reporters, name);
}

/**
 * Render reports in a format.
 *
 * @param options What some formats use: `configFile` (SARIF points at it), `detail` (Markdown).
 * @throws ConfigError from `sarif` when GitHub's limits would reject the file.
 * @example
 * writeFileSync('report.html', formatReports('html', [report]));
 */
export function formatReports(name: FormatName, reports: readonly AuditReport[], options: FormatOptions = {}): string {
  // Secrets registered with registerSecret never leave in any format: taken out of the values
  // before rendering (so escaping cannot hide one from the patterns), and out of the result.
  const safe = reports.map((report) => redactDeep(report));
  return redact((reporters[name] as Reporter).format(safe, options));
}

function list(reports: AuditReport | readonly AuditReport[]): readonly AuditReport[] {
  return Array.isArray(reports) ? reports : [reports as AuditReport];
}

/**
 * One report or several as SARIF 2.1.0 for GitHub code scanning: one run per tenant (category
 * `tenant-audit/<provider>/<tenant id>/`), one rule per control, one result per finding that is
 * not a pass, each with a location and a fingerprint that stays the same from run to run.
 *
 * @param options `configFile`: the configuration file in your repository (path relative to its
 *   root, and its text); results then point at it, at the line of the answer a finding rests on.
 * @throws ConfigError when GitHub would reject the file: more than 20 tenants, two reports of one
 *   tenant, more than 25,000 results in a run, or over 10 MB gzipped.
 * @example
 * writeFileSync('tenant-audit.sarif', formatSarif(report, { configFile: { path: 'practice.config.yaml', text } }));
 */
export function formatSarif(reports: AuditReport | readonly AuditReport[], options?: FormatOptions): string {
  return formatReports('sarif', list(reports), options);
}

/**
 * One report or several as JUnit XML: a test suite per tenant, a test case per finding; `fail` is
 * a failure, `error` an error, `not_assessed` and `manual` are skipped, `warn` passes with a note.
 *
 * @example
 * writeFileSync('junit.xml', formatJunit(reports));
 */
export function formatJunit(reports: AuditReport | readonly AuditReport[], options?: FormatOptions): string {
  return formatReports('junit', list(reports), options);
}

/**
 * One report or several as Markdown for a GitHub job summary: counts per tenant, the gaps with
 * what to do, what passed; under GitHub's 1 MiB limit (what is cut is said).
 *
 * @param options `detail`: `counts` (default; no names of people, accounts or other evidence,
 *   for public job summaries) or `full`.
 * @example
 * appendFileSync(process.env.GITHUB_STEP_SUMMARY!, formatMarkdown(report, { detail: 'counts' }));
 */
export function formatMarkdown(reports: AuditReport | readonly AuditReport[], options?: FormatOptions): string {
  return formatReports('markdown', list(reports), options);
}

/**
 * One report or several as one self-contained HTML page for a practice manager (no script, no
 * request; printable): the overall picture, the gaps with what to do, what passed, the answers
 * given by people and what is still unanswered. Several reports make one section each.
 *
 * @example
 * writeFileSync('report.html', formatHtml(report));
 */
export function formatHtml(reports: AuditReport | readonly AuditReport[], options?: FormatOptions): string {
  return formatReports('html', list(reports), options);
}

/**
 * One report or several as CSV (RFC 4180): a header row, then one row per finding (tenant,
 * provider, control, title, status, severity, HIPAA citations, summary, affected count,
 * fingerprint, remediation). Cells that a spreadsheet would run as a formula are neutralised.
 *
 * @example
 * writeFileSync('findings.csv', formatCsv(reports));
 */
export function formatCsv(reports: AuditReport | readonly AuditReport[], options?: FormatOptions): string {
  return formatReports('csv', list(reports), options);
}
