import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AuditReport, Severity } from '../core/model.js';
import { redact } from '../core/redact.js';
import type { ReportDiff } from '../engine/diff.js';
import type { GateResult } from '../engine/gate.js';
import { formatDiff } from '../reporters/diff.js';
import { formatMarkdown, formatReports, formatSarif, reporters } from '../reporters/index.js';
import { sarifCategory } from '../reporters/sarif.js';

/**
 * GitHub refuses a step's job summary over 1 MiB (1,048,576 bytes; "Adding a job summary",
 * workflow commands docs) and then shows none. Kept below it with room for what other steps add.
 */
export const STEP_SUMMARY_MAX_BYTES = 1_040_000;

/** Where the Action wrote each report. */
export interface ReportFiles {
  /** The folder holding every format but SARIF (`output-dir`): what a workflow keeps as an artifact. */
  folder: string;
  json: string;
  html: string;
  markdown: string;
  csv: string;
  junit: string;
  sarif: string;
  /** GitHub code scanning's category of the SARIF run (one per tenant). */
  sarifCategory: string;
  /** The plain-text report, for the log in `summary: full` mode. */
  text: string;
}

/** The formats written into the output folder, as `report.<extension>` (the CLI's `--output-dir` names). */
const FOLDER_FORMATS = ['json', 'html', 'markdown', 'csv', 'junit'] as const;

/**
 * Write the JSON, HTML, Markdown (full detail: the folder is for the practice, not the public job
 * summary), CSV and JUnit reports into `output`, and the SARIF file where the workflow asked.
 */
export async function renderReportFiles(
  reports: readonly AuditReport[],
  where: { output: string; sarifPath: string; configFile?: string; configPath?: string },
): Promise<ReportFiles> {
  await mkdir(where.output, { recursive: true });
  const paths = {} as Record<(typeof FOLDER_FORMATS)[number], string>;
  for (const format of FOLDER_FORMATS) {
    paths[format] = join(where.output, `report.${reporters[format].extension}`);
    await writeFile(paths[format], formatReports(format, reports, format === 'markdown' ? { detail: 'full' } : {}), 'utf8');
  }
  // Results point at the configuration file in the repository when there is one (code scanning shows them there).
  const configFile = where.configFile && where.configPath ? { path: where.configFile, text: await readFile(where.configPath, 'utf8') } : undefined;
  await mkdir(dirname(where.sarifPath), { recursive: true });
  await writeFile(where.sarifPath, formatSarif(reports, configFile ? { configFile } : {}), 'utf8');
  return {
    folder: where.output,
    ...paths,
    sarif: where.sarifPath,
    sarifCategory: reports.map((report) => sarifCategory(report)).join(','),
    text: formatReports('text', reports),
  };
}

/** The verdict in a sentence or two, first in the summary: what the step's colour means. */
function verdictSection(verdict: GateResult, failOn: Severity, baseline: boolean): string {
  const rule = baseline ? `new failures since the baseline at or above **${failOn}**` : `failures at or above **${failOn}**`;
  if (verdict.passed) return `**Result: passed.** No ${rule}, and the tenant could be assessed.\n`;
  // Gate messages name tenants and counts, never people.
  return [`**Result: failed** (the step fails on ${rule}, and when nothing could be assessed):`, '', ...verdict.failures.map((failure) => `- ${failure.message}`), ''].join('\n');
}

/** Cut text to a byte budget at a line boundary, saying so. */
function capped(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const note = '\n\n_The summary was cut to stay under GitHub’s 1 MiB limit; the HTML and JSON reports have everything._\n';
  let cut = Buffer.from(text, 'utf8').subarray(0, maxBytes - Buffer.byteLength(note, 'utf8')).toString('utf8');
  cut = cut.slice(0, Math.max(0, cut.lastIndexOf('\n')));
  return `${cut}${note}`;
}

/**
 * The job summary: the verdict, the changes since the baseline (when given), then the Markdown
 * report. At `counts` detail nothing in it names people (job summaries of public repositories are
 * public); under {@link STEP_SUMMARY_MAX_BYTES}.
 */
export function stepSummary(
  reports: readonly AuditReport[],
  options: { detail: 'counts' | 'full'; verdict: GateResult; failOn: Severity; diff?: ReportDiff; baseline: boolean },
): string {
  const parts = [verdictSection(options.verdict, options.failOn, options.baseline)];
  if (options.diff) parts.push(formatDiff(options.diff, 'markdown', { detail: options.detail }));
  parts.push(formatMarkdown(reports, { detail: options.detail }));
  return capped(redact(parts.join('\n')), STEP_SUMMARY_MAX_BYTES);
}
