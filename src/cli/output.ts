import { writeFile } from 'node:fs/promises';
import type { AuditReport } from '../core/model.js';
import { SEVERITY_ORDER, type Severity } from '../core/model.js';
import { formatJson } from '../reporters/json.js';
import { formatText } from '../reporters/text.js';

/** Print or save reports in the chosen format. */
export async function writeReports(reports: readonly AuditReport[], format: 'text' | 'json', output?: string): Promise<void> {
  const text =
    format === 'json'
      ? formatJson(reports.length === 1 ? reports[0]! : reports)
      : reports.map((report) => formatText(report)).join('\n');
  if (output) await writeFile(output, text, 'utf8');
  else process.stdout.write(text);
}

/** True when a report has a failed control at or above the given severity. */
export function hasFailureAtOrAbove(report: AuditReport, threshold: Severity): boolean {
  const minimum = SEVERITY_ORDER.indexOf(threshold);
  return report.findings.some((finding) => finding.status === 'fail' && SEVERITY_ORDER.indexOf(finding.severity) >= minimum);
}
