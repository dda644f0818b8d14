import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ConfigError } from '../../core/options.js';
import { evaluate } from '../../engine/runner.js';
import { flagNamedError } from '../flags.js';
import { assertOutputTarget } from '../output.js';
import { addReportOptions, finish, runOptions, type CliContext, type ReportFlags } from '../report-options.js';

/** Whether a parsed JSON file is a report (what `audit` prints) rather than a snapshot. */
function looksLikeReport(value: unknown): boolean {
  const object = value as { findings?: unknown; summary?: unknown; datasets?: unknown } | null;
  return typeof object === 'object' && object !== null && (Array.isArray(object.findings) || Array.isArray(value));
}

/** `tenant-audit evaluate <snapshot>`: re-judge saved evidence offline. */
export function registerEvaluate(program: Command, context: CliContext): void {
  addReportOptions(
    program.command('evaluate').description('re-evaluate a snapshot saved with --save-snapshot, offline').argument('<snapshot>', 'snapshot JSON file'),
  ).action(async (file: string, flags: ReportFlags) => {
    const { options, names, baseline } = await runOptions(flags);
    await assertOutputTarget({ formats: flags.format, output: flags.output, outputDir: flags.outputDir });
    let snapshot: unknown;
    try {
      snapshot = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(`Cannot read snapshot ${file}: ${error instanceof Error ? error.message : String(error)}`, 'snapshot');
    }
    if (looksLikeReport(snapshot)) {
      throw new ConfigError(
        `${file} is a report, not a snapshot: evaluate takes the snapshot an audit saved with --save-snapshot (tenant-audit audit ... --save-snapshot snapshot.json)`,
        'snapshot',
      );
    }
    try {
      context.setExit(await finish([evaluate(snapshot, options)], flags, baseline));
    } catch (error) {
      throw flagNamedError(error, names);
    }
  });
}
