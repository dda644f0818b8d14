import type { AuditReport, Finding, Status } from '../core/model.js';
import { findProvider } from '../providers/index.js';

const LABEL: Record<Status, string> = {
  fail: 'FAIL',
  warn: 'WARN',
  error: 'ERROR',
  not_assessed: 'NOT ASSESSED',
  manual: 'CHECK BY HAND',
  pass: 'PASS',
};
const ORDER: readonly Status[] = ['fail', 'error', 'warn', 'not_assessed', 'manual', 'pass'];

function describeFinding(finding: Finding): string[] {
  const lines = [`[${LABEL[finding.status]}] ${finding.title}  (${finding.controlId}, HIPAA ${finding.hipaa.join(', ')})`];
  lines.push(`    ${finding.summary}`);
  const shown = finding.evidence.affected.slice(0, 10);
  for (const item of shown) {
    lines.push(`      - ${item.name ?? item.id}${item.detail ? `: ${item.detail}` : ''}`);
  }
  const more = finding.evidence.affectedCount - shown.length;
  if (more > 0) lines.push(`      ... and ${more} more`);
  if (finding.reason?.needs?.length) lines.push(`    Needs: ${finding.reason.needs.join('; ')}`);
  if (finding.status !== 'pass') lines.push(`    What to do: ${finding.remediation}`);
  return lines;
}

/** A plain-English gap report for a practice manager: problems first, then what passed. */
export function formatText(report: AuditReport): string {
  const { summary } = report;
  const name = report.tenant.name ? `${report.tenant.name} (${report.tenant.id})` : report.tenant.id;
  const lines = [
    `HIPAA technical safeguards audit: ${name}`,
    `Cloud: ${findProvider(report.provider)?.label ?? report.provider}   Data collected: ${report.collectedAt}`,
    `${summary.pass} passed, ${summary.fail} failed, ${summary.warn} warnings, ${summary.not_assessed} not assessed, ${summary.manual} to check by hand, ${summary.error} errors (of ${summary.total} checks)`,
    '',
  ];
  const sorted = [...report.findings].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status));
  for (const finding of sorted) lines.push(...describeFinding(finding), '');
  return `${lines.join('\n').trimEnd()}\n`;
}
