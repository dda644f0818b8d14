import { access, constants, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError } from '../core/options.js';
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
  if (output) await writeFileNamingFlag(output, text, '--output');
  else process.stdout.write(text);
}

/** Write a file; a failure is bad usage that names the flag (exit 2), not a crash. */
export async function writeFileNamingFlag(file: string, text: string, flag: string): Promise<void> {
  try {
    await writeFile(file, text, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot write ${flag} ${file}: ${error instanceof Error ? error.message : String(error)}`, flag);
  }
}

/** Fail before a long audit when an output file could not be written afterwards. */
export async function assertWritable(file: string | undefined, flag: string): Promise<void> {
  if (!file) return;
  try {
    await access(dirname(file), constants.W_OK);
  } catch {
    throw new ConfigError(`Cannot write ${flag} ${file}: its folder does not exist or is not writable`, flag);
  }
}

/**
 * True when a report should fail a gate: a failed (or errored) control at or above the given
 * severity, or nothing assessed at all (a broken credential must not look like a clean tenant).
 */
export function hasFailureAtOrAbove(report: AuditReport, threshold: Severity): boolean {
  const minimum = SEVERITY_ORDER.indexOf(threshold);
  const failed = report.findings.some(
    (finding) => (finding.status === 'fail' || finding.status === 'error') && SEVERITY_ORDER.indexOf(finding.severity) >= minimum,
  );
  return failed || nothingAssessed(report);
}

/** Every finding is not_assessed or error: the run saw no data. */
export function nothingAssessed(report: AuditReport): boolean {
  return report.findings.length > 0 && report.findings.every((finding) => finding.status === 'not_assessed' || finding.status === 'error');
}
