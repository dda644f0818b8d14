import { Option, type Command } from 'commander';
import { SEVERITY_ORDER, type Severity } from '../../core/model.js';
import { ConfigError } from '../../core/options.js';
import { loadTenantsFile } from '../../sweep/tenants-file.js';
import type { FormatName } from '../../reporters/index.js';
import { formats, positiveInteger, severity } from '../options.js';
import type { CliContext } from '../report-options.js';
import { runDirectorySweep, type SweepOutputFormat } from '../sweep-run.js';
import { targetsFromTenantsFile } from '../sweep-targets.js';

interface SweepFlags {
  out: string;
  concurrency?: number;
  resume?: boolean;
  format: SweepOutputFormat;
  failOn: Severity;
  maxRequests?: number;
  compare?: string;
  reportFormats: FormatName[];
}

/** `tenant-audit sweep TENANTS_FILE --out DIR`: every client of an MSP, into a folder, with the portfolio. */
export function registerSweep(program: Command, context: CliContext): void {
  program
    .command('sweep')
    .description('audit every tenant of a tenants file (YAML or JSON, see schema/tenants.json) into a folder: a report and snapshot per tenant, summary.json and the summary.html portfolio')
    .argument('<tenants-file>', 'the tenants file')
    .requiredOption('--out <dir>', 'the folder to write to (created when missing)')
    .option('--concurrency <n>', 'tenants audited at once (4)', positiveInteger)
    .option('--max-requests <n>', 'HTTP requests in flight at once across all tenants (64)', positiveInteger)
    .option('--compare <summary>', "the previous sweep to compare with (its summary.json or folder); default: the last finished sweep in --out")
    .option('--resume', "finish the run recorded in --out's manifest: skip the tenants it finished, audit the rest")
    .addOption(new Option('--format <format>', 'what to print at the end: text (a line per tenant) or json (summary.json)').choices(['text', 'json']).default('text'))
    .addOption(
      new Option('--report-formats <formats>', "each tenant's reports besides report.json, comma-separated (report.<ext> in its folder): html, sarif, junit, markdown, csv, text")
        .default(['html'], 'html')
        .argParser(formats),
    )
    .addOption(
      new Option('--fail-on <severity>', `exit 1 when a tenant has a failed control at or above this severity (${SEVERITY_ORDER.join(', ')})`).default('low').argParser(severity),
    )
    .action(async (file: string, flags: SweepFlags) => {
      // Everything is checked before the first audit: the file, every tenant, the credentials.
      const checked = await loadTenantsFile(file);
      const targets = await targetsFromTenantsFile(checked);
      if (targets.length === 0) throw new ConfigError(`${file} lists no tenant`, file);
      const code = await runDirectorySweep(targets, {
        ...checked.options,
        out: flags.out,
        source: file,
        format: flags.format,
        reportFormats: flags.reportFormats,
        failOn: flags.failOn,
        ...(flags.resume ? { resume: true } : {}),
        ...(flags.compare ? { previous: flags.compare } : {}),
        ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
        ...(flags.maxRequests ? { maxRequestsInFlight: flags.maxRequests } : {}),
      });
      context.setExit(code);
    });
}
