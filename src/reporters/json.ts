import type { AuditReport } from '../core/model.js';

/** The report(s) as stable, pretty-printed JSON (validates against tenant-audit/schema/report.json). */
export function formatJson(report: AuditReport | readonly AuditReport[]): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
