import type { AuditReport, Finding, Status } from '../core/model.js';
import { SEVERITY_ORDER } from '../core/model.js';
import { controlDocsUrl } from '../version.js';
import { affectedPhrase, practiceName, providerLabel, utcTime } from './lib/describe.js';
import { escapeMarkdown as md } from './lib/escape.js';
import type { FormatOptions } from './lib/options.js';
import { STATUS_ORDER, attestationLine, countOf } from './lib/words.js';

/**
 * The most a Markdown report holds, in UTF-8 bytes: GitHub refuses a job summary over 1 MiB
 * (1,048,576 bytes) per step ("Adding a job summary", workflow commands docs); this leaves room
 * for a few lines the workflow adds itself.
 */
export const MARKDOWN_MAX_BYTES = 1_000_000;
/** Room kept for the note that says what was cut. */
const NOTE_RESERVE = 1_000;
/** Affected items a finding lists in `full` detail; the count is always given. */
const SHOWN_AFFECTED = 10;

const STATUS_HEADING: Readonly<Record<Status, string>> = {
  fail: '❌ Failed',
  error: '⛔ Error',
  warn: '⚠️ Warning',
  not_assessed: '⏸️ Not assessed',
  manual: '📝 Needs an answer',
  pass: '✅ Passed',
};

/** Text that stops adding blocks once the next would pass the byte limit, and remembers what it left out. */
class Budget {
  private readonly parts: string[] = [];
  private bytes = 0;
  cut = false;

  constructor(private readonly limit: number) {}

  /** Add a block if it fits (and nothing was cut before it, so the report never skips and resumes). */
  add(block: string): boolean {
    const size = Buffer.byteLength(block, 'utf8') + 1;
    if (this.cut || this.bytes + size > this.limit) {
      this.cut = true;
      return false;
    }
    this.parts.push(block);
    this.bytes += size;
    return true;
  }

  text(): string {
    return this.parts.join('\n');
  }
}

function gapsFirst(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || SEVERITY_ORDER.indexOf(b.severity) - SEVERITY_ORDER.indexOf(a.severity),
  );
}

function summaryTable(reports: readonly AuditReport[]): string[] {
  return [
    '| Practice | Cloud | Failed | Warnings | Not assessed | Needs an answer | Errors | Passed | Checks |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...reports.map(({ summary: s, ...report }) =>
      `| ${md(practiceName(report as AuditReport))} | ${md(providerLabel(report.provider))} | ${s.fail} | ${s.warn} | ${s.not_assessed} | ${s.manual} | ${s.error} | ${s.pass} | ${s.total} |`,
    ),
  ];
}

/** One gap: its heading, then (in `full` detail) what was found, then what to do. */
function gapBlock(finding: Finding, detail: 'counts' | 'full'): string {
  const lines = [
    `#### ${STATUS_HEADING[finding.status]} · ${finding.severity} · ${md(finding.title)}`,
    '',
    `${md(finding.controlId)} · HIPAA ${md(finding.hipaa.join(', '))} · [about this control](${controlDocsUrl(finding.controlId)})`,
    '',
  ];
  if (detail === 'full') lines.push(md(finding.summary), '');
  const affected = affectedPhrase(finding.evidence);
  if (affected) lines.push(`${affected}.`, '');
  if (detail === 'full') {
    const shown = finding.evidence.affected.slice(0, SHOWN_AFFECTED);
    for (const item of shown) lines.push(`- ${md(item.name ?? item.id)}${item.detail ? `: ${md(item.detail)}` : ''}`);
    const more = finding.evidence.affectedCount - shown.length;
    if (shown.length && more > 0) lines.push(`- … and ${more} more`);
    if (shown.length) lines.push('');
  }
  // Names of people only in full detail, as everywhere in this format.
  if (finding.attestation) lines.push(md(attestationLine(finding.attestation, { withWho: detail === 'full' })), '');
  if (finding.reason?.needs?.length) lines.push(`Needs: ${md(finding.reason.needs.join('; '))}.`, '');
  lines.push(`**What to do:** ${md(finding.remediation)}`, '');
  return lines.join('\n');
}

function passedBlock(passed: readonly Finding[], detail: 'counts' | 'full'): string {
  const lines = [`### Passed (${passed.length})`, ''];
  for (const finding of passed) {
    const answer = finding.attestation;
    const restsOn = answer ? `: rests on the answer given for ${md(answer.name)}${detail === 'full' && answer.by ? ` by ${md(answer.by)}` : ''}${answer.date ? ` on ${md(answer.date.slice(0, 10))}` : ''}` : '';
    lines.push(`- ✅ ${md(finding.title)} (${md(finding.controlId)})${restsOn}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The reports as Markdown for a GitHub job summary (or a pull request, wiki or ticket): a table of
 * counts by status per tenant, then each tenant's gaps (failures first) with what to do, then what
 * passed. Kept under {@link MARKDOWN_MAX_BYTES}: past it, the rest is left out and a closing note
 * says how much. Every value from a report is escaped, so a tenant's names cannot inject Markdown
 * or HTML. `detail` (default `counts`) decides whether names of people and evidence are shown.
 */
export function renderMarkdown(reports: readonly AuditReport[], options: FormatOptions = {}): string {
  const detail = options.detail ?? 'counts';
  const budget = new Budget(MARKDOWN_MAX_BYTES - NOTE_RESERVE);
  budget.add('# HIPAA technical safeguards audit\n');
  budget.add(
    detail === 'counts'
      ? '_Counts only: this summary names no people, accounts or other evidence. The full report (HTML or JSON) has them._\n'
      : '_Full detail: this summary names people and accounts; keep it private._\n',
  );
  const [tableHead, tableRule, ...rows] = summaryTable(reports);
  budget.add(`${tableHead}\n${tableRule}`);
  let rowsShown = 0;
  for (const row of rows) if (budget.add(row)) rowsShown++;
  budget.add('');

  let findingsShown = 0;
  const findingsTotal = reports.reduce((sum, report) => sum + report.findings.length, 0);
  for (const report of reports) {
    const findings = gapsFirst(report.findings);
    const gaps = findings.filter((finding) => finding.status !== 'pass');
    const passed = findings.filter((finding) => finding.status === 'pass');
    const head = [
      `## ${md(practiceName(report))}`,
      '',
      `${md(providerLabel(report.provider))} · tenant ${md(report.tenant.id)} · data collected ${utcTime(report.collectedAt)} · ${md(report.tool.name)} ${md(report.tool.version)}`,
      '',
      gaps.length ? `### Gaps (${gaps.length})\n` : findings.length ? '### Gaps\n\nNone: every check passed.\n' : '### Gaps\n\nNo checks were run.\n',
    ].join('\n');
    if (!budget.add(head)) break;
    for (const finding of gaps) if (budget.add(gapBlock(finding, detail))) findingsShown++;
    if (passed.length && budget.add(passedBlock(passed, detail))) findingsShown += passed.length;
  }

  let text = budget.text();
  if (budget.cut) {
    const left = findingsTotal - findingsShown;
    const rowsLeft = rows.length - rowsShown;
    text +=
      `\n---\n\n**Cut to stay under GitHub's 1 MiB job summary limit:** ${countOf(left, 'finding')} of ${findingsTotal}` +
      `${rowsLeft ? ` and ${countOf(rowsLeft, 'row')} of the table` : ''} left out (the gaps come first, so what is left out is mostly what passed). ` +
      'The HTML, JSON or CSV report has everything.\n';
  }
  return `${text.trimEnd()}\n`;
}
