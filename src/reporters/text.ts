import type { AuditReport, Finding } from '../core/model.js';
import { findProvider } from '../providers/index.js';
import { controlDocsUrl } from '../version.js';
import { attestationLine, localTime, STATUS_LABEL, STATUS_ORDER, summaryLine } from './lib/words.js';

function describeFinding(finding: Finding): string[] {
  const lines = [`[${STATUS_LABEL[finding.status]} · ${finding.severity}] ${finding.title}`];
  lines.push(`    ${finding.controlId} · HIPAA ${finding.hipaa.join(', ')} · ${controlDocsUrl(finding.controlId)}`);
  lines.push(`    ${finding.summary}`);
  const shown = finding.evidence.affected.slice(0, 10);
  for (const item of shown) {
    lines.push(`      - ${item.name ?? item.id}${item.detail ? `: ${item.detail}` : ''}`);
  }
  const more = finding.evidence.affectedCount - shown.length;
  if (more > 0) lines.push(`      ... and ${more} more`);
  if (finding.attestation) lines.push(`    ${attestationLine(finding.attestation)}`);
  if (finding.reason?.needs?.length) lines.push(`    Needs: ${finding.reason.needs.join('; ')}`);
  if (finding.status !== 'pass') lines.push(`    What to do: ${finding.remediation}`);
  return lines;
}

/** A plain-English gap report for a practice manager: problems first, then what passed. */
export function formatText(report: AuditReport): string {
  const name = report.tenant.name ? `${report.tenant.name} (${report.tenant.id})` : report.tenant.id;
  const lines = [
    `HIPAA technical safeguards audit: ${name}`,
    `${findProvider(report.provider)?.label ?? report.provider} · data collected ${localTime(report.collectedAt)} · ${report.tool.name} ${report.tool.version}`,
    summaryLine(report.summary),
    '',
  ];
  const sorted = [...report.findings].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
  for (const finding of sorted) lines.push(...describeFinding(finding), '');
  return `${lines.join('\n').trimEnd()}\n`;
}
