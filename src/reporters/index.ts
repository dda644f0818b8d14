import type { AuditReport } from '../core/model.js';
import { redact } from '../core/redact.js';
import { formatJson } from './json.js';
import { formatText } from './text.js';

/** One output format: how it is named on the command line and how reports become text. */
export interface Reporter {
  /** What `--format` calls it. */
  name: string;
  /** A few words for `--help`. */
  description: string;
  /** The file extension it is saved with. */
  extension: string;
  format(reports: readonly AuditReport[]): string;
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
} as const satisfies Record<string, Reporter>;

/** The name of an output format. */
export type FormatName = keyof typeof reporters;

/** Every format name, in the order `--help` lists them. */
export const formatNames = Object.keys(reporters) as FormatName[];

/** Whether a string names an output format. */
export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(reporters, name);
}

/** Render reports in a format. */
export function formatReports(name: FormatName, reports: readonly AuditReport[]): string {
  // The last line of defence: secrets registered with registerSecret never leave in any format.
  return redact(reporters[name].format(reports));
}
