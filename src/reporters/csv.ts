import type { AuditReport, Finding } from '../core/model.js';

/** The columns, in order: what spreadsheets and ticketing imports key on. */
export const CSV_COLUMNS = [
  'tenant_id',
  'tenant_name',
  'provider',
  'control_id',
  'title',
  'status',
  'severity',
  'hipaa_citations',
  'summary',
  'affected_count',
  'fingerprint',
  'remediation',
] as const;

/**
 * One cell: a text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a
 * tab or a carriage return; OWASP's "CSV injection") gets a leading apostrophe, then RFC 4180
 * quoting when it holds a comma, a quote or a line break. Tenant-controlled names reach these cells.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(report: AuditReport, finding: Finding): (string | number)[] {
  return [
    report.tenant.id,
    report.tenant.name ?? '',
    report.provider,
    finding.controlId,
    finding.title,
    finding.status,
    finding.severity,
    finding.hipaa.join('; '),
    finding.summary,
    finding.evidence.affectedCount,
    finding.fingerprint,
    finding.remediation,
  ];
}

/**
 * The reports as CSV (RFC 4180: comma-separated, CRLF line ends, a header row): one row per
 * finding of every report, with HIPAA citations joined by `; `.
 */
export function renderCsv(reports: readonly AuditReport[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const report of reports) for (const finding of report.findings) lines.push(row(report, finding).map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
