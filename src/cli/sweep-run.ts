import { join } from 'node:path';
import type { AuditReport, Severity } from '../core/model.js';
import { redact } from '../core/redact.js';
import { formatReports, reporters, type FormatName } from '../reporters/index.js';
import { sweepToDirectory, type DirectorySweepOptions } from '../sweep/directory.js';
import type { PortfolioSummary } from '../sweep/portfolio.js';
import type { SweepTarget } from '../sweep/sweep.js';
import { sweepProgressPrinter } from './progress.js';
import { count } from '../controls/lib/text.js';
import { EXIT } from './report-options.js';

/** What `sweep` (and `demo --sweep`) print on stdout at the end. */
export type SweepOutputFormat = 'text' | 'json';

/** Exit code of a sweep stopped by Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;

export interface DirectorySweepRun extends Omit<DirectorySweepOptions, 'signal' | 'onTenantDone'> {
  format: SweepOutputFormat;
  /** Each tenant's reports besides report.json (default html, the page the portfolio links to). */
  reportFormats?: readonly FormatName[];
  failOn: Severity;
}

function textSummary(summary: PortfolioSummary, out: string): string {
  const lines = summary.tenants.map((row) => {
    const name = row.name ? `${row.name} (${row.id})` : row.id;
    if (!row.ok) return `COULD NOT AUDIT  ${name}: ${row.failure.kind ?? 'error'}: ${row.failure.message}${row.failure.consentUrl && !row.failure.message.includes(row.failure.consentUrl) ? ` ${row.failure.consentUrl}` : ''}`;
    const verdict = row.gate === 'passed' ? 'PASS' : 'FAIL';
    return `${verdict.padEnd(15)}  ${name}: ${row.summary.fail} failed, ${count(row.summary.warn, 'warning')}, ${row.summary.not_assessed} not assessed, ${count(row.summary.manual, 'question')} to answer; ${join(out, row.readable ?? row.report)}`;
  });
  const { totals, regressions } = summary;
  if (regressions) {
    lines.push(
      '',
      regressions.tenants.length === 0
        ? `No clinic regressed since the previous sweep (${regressions.previousRun.id}; ${regressions.compared} compared).`
        : `Regressed since the previous sweep (${regressions.previousRun.id}): ${regressions.tenants.length} of ${regressions.compared} clinics compared.`,
    );
    for (const tenant of regressions.tenants) {
      const name = tenant.name ? `${tenant.name} (${tenant.id})` : tenant.id;
      lines.push(tenant.couldNotAudit ? `  ${name}: could not be audited this time` : `  ${name}: ${tenant.controls.map((control) => `${control.controlId} (was ${control.was})`).join(', ')}`);
    }
  }
  lines.push(
    '',
    `${totals.audited} of ${totals.tenants} tenants audited, ${totals.couldNotAudit} could not be audited, ${totals.failingGate} with a failure at or above ${summary.run.failOn}.`,
    `Portfolio: ${join(out, 'summary.html')}  (summary.json beside it)`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Run a sweep into a folder with progress on stderr, Ctrl-C stopping it cleanly, the portfolio on
 * stdout at the end; resolves to the exit code: 0 no tenant with a failure at or above `failOn`,
 * 1 some have one or could not be audited (named on stderr), 130 interrupted.
 */
export async function runDirectorySweep(targets: readonly SweepTarget[], run: DirectorySweepRun): Promise<number> {
  const { format, reportFormats = ['html'], ...options } = run;
  // report.json is always written; the HTML page (when asked) is the one the portfolio links to.
  const wanted = [...new Set(reportFormats)].filter((name) => name !== 'json').sort((a, b) => Number(b === 'html') - Number(a === 'html'));
  const readableReports = wanted.map((name) => ({ file: `report.${reporters[name].extension}`, format: (report: AuditReport) => formatReports(name, [report]) }));
  const controller = new AbortController();
  const onInterrupt = () => {
    process.stderr.write('\ntenant-audit: stopping: the audits under way are abandoned, finished tenants are kept (run again with --resume to finish)\n');
    controller.abort();
  };
  // Once: a second Ctrl-C ends the process at once.
  process.once('SIGINT', onInterrupt);
  const printer = sweepProgressPrinter();
  try {
    const outcome = await sweepToDirectory(targets, {
      ...options,
      readableReports,
      signal: controller.signal,
      onTenantDone: (progress) => printer.update(progress),
    });
    printer.end();
    if (outcome.interrupted || !outcome.summary) {
      const finished = outcome.manifest.tenants.filter((tenant) => tenant.status !== 'pending').length;
      process.stderr.write(`tenant-audit: interrupted: ${finished} of ${outcome.manifest.tenants.length} tenants finished (see ${join(run.out, 'manifest.json')}); run again with --resume to finish run ${outcome.manifest.runId}\n`);
      return EXIT_INTERRUPTED;
    }
    const { summary } = outcome;
    process.stdout.write(format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : textSummary(summary, run.out));
    const failed = summary.tenants.filter((row) => !row.ok);
    for (const row of failed) {
      process.stderr.write(`tenant-audit: could not audit ${row.name ? `${row.name} (${row.id})` : row.id}: ${redact(row.failure.message)}\n`);
    }
    return failed.length > 0 || summary.totals.failingGate > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    printer.end();
    process.removeListener('SIGINT', onInterrupt);
  }
}
