import { Option, type Command } from 'commander';
import { SEVERITY_ORDER, type Severity } from '../../core/model.js';
import { diffReports, regressions } from '../../engine/diff.js';
import { diffFormatNames, formatDiff, type DiffFormatName } from '../../reporters/diff.js';
import { severity } from '../options.js';
import { assertWritable, writeFileNamingFlag } from '../output.js';
import { loadReports } from '../report-files.js';
import { EXIT, type CliContext } from '../report-options.js';

interface DiffFlags {
  format: DiffFormatName;
  output?: string;
  failOn: Severity;
}

/** `tenant-audit diff OLD NEW`: what changed between two runs (reports or sweep folders). */
export function registerDiff(program: Command, context: CliContext): void {
  program
    .command('diff')
    .description('compare two runs: new failures, fixed, still failing, newly not assessed')
    .argument('<old>', 'the older run: a report JSON file (one report or an array) or a sweep folder (DIR/<tenant>/report.json)')
    .argument('<new>', 'the newer run, likewise')
    .addOption(new Option('--format <format>', `output format: ${diffFormatNames.join(', ')}`).default('text').choices(diffFormatNames))
    .option('--output <file>', 'write the comparison to a file instead of standard output')
    .addOption(
      new Option('--fail-on <severity>', `exit 1 when a control at or above this severity newly fails (${SEVERITY_ORDER.join(', ')})`).default('low').argParser(severity),
    )
    .action(async (older: string, newer: string, flags: DiffFlags) => {
      await assertWritable(flags.output, '--output');
      const diff = diffReports(await loadReports(older, 'OLD'), await loadReports(newer, 'NEW'));
      const text = formatDiff(diff, flags.format);
      if (flags.output) await writeFileNamingFlag(flags.output, text, '--output');
      else process.stdout.write(text);
      context.setExit(regressions(diff, flags.failOn).length > 0 ? EXIT.failed : EXIT.ok);
    });
}
