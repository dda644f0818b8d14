import { Command, Option } from 'commander';
import { loadConfigFile } from '../config/load.js';
import { SEVERITY_ORDER, type AuditReport, type Severity } from '../core/model.js';
import type { EvaluateOptions } from '../core/options.js';
import type { ComparableReport } from '../engine/diff.js';
import { gate } from '../engine/gate.js';
import { formatNames, type FormatName } from '../reporters/index.js';
import { optionSources, type FieldName } from './flags.js';
import { detail, formats, list, positiveInteger, severity } from './options.js';
import { configFileRef, writeReports } from './output.js';
import { loadReports } from './report-files.js';

/** Exit codes: 0 no failure, 1 a failure at or above --fail-on (or a tenant that could not be audited), 2 bad usage or configuration. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** What a command needs from the CLI around it. */
export interface CliContext {
  /** Set the process's exit code (commands never call process.exit). */
  setExit(code: number): void;
}

/** The flags every command that produces reports takes. */
export interface ReportFlags {
  /** One format, or several (`--format html,sarif`, which needs `outputDir`). */
  format: FormatName[];
  output?: string;
  outputDir?: string;
  /** How much the Markdown report shows. */
  detail?: 'counts' | 'full';
  failOn: Severity;
  controls?: string[];
  breakGlass?: string[];
  departedStaff?: string[];
  sharedAccountNames?: string[];
  inactiveDays?: number;
  idleTimeoutMinutes?: number;
  config?: string;
  /** A previous run (report file or sweep folder): the gate fails only on regressions against it. */
  baseline?: string;
}

function evaluateOptionsFrom(flags: ReportFlags): EvaluateOptions {
  const thresholds = {
    ...(flags.inactiveDays ? { inactiveDays: flags.inactiveDays } : {}),
    ...(flags.idleTimeoutMinutes ? { idleTimeoutMinutes: flags.idleTimeoutMinutes } : {}),
  };
  return {
    ...(flags.controls ? { controls: flags.controls } : {}),
    ...(flags.breakGlass ? { breakGlassAccounts: flags.breakGlass } : {}),
    ...(flags.departedStaff ? { departedStaff: flags.departedStaff } : {}),
    ...(flags.sharedAccountNames ? { sharedAccountNames: flags.sharedAccountNames } : {}),
    ...(Object.keys(thresholds).length ? { thresholds } : {}),
  };
}

/** The library paths the flags set, so an error about one names the flag rather than the config file. */
function pathsSet(options: EvaluateOptions): Set<string> {
  const paths = Object.keys(options).map((key) => `options.${key}`);
  for (const key of Object.keys(options.thresholds ?? {})) paths.push(`options.thresholds.${key}`);
  return new Set(paths);
}

/**
 * This run's options: the configuration file's (`--config`), then each flag over the field it sets.
 * `names` says what to call a field in an error: the flag if one set it, otherwise the file.
 */
export async function runOptions(
  flags: ReportFlags,
): Promise<{ options: EvaluateOptions; names: Record<string, FieldName>; baseline?: ComparableReport[] }> {
  const fromFile = flags.config ? await loadConfigFile(flags.config) : {};
  const fromFlags = evaluateOptionsFrom(flags);
  const thresholds = { ...fromFile.thresholds, ...fromFlags.thresholds };
  const options: EvaluateOptions = { ...fromFile, ...fromFlags, ...(Object.keys(thresholds).length ? { thresholds } : {}) };
  // Read before the audit, which can take minutes: a baseline that is not a report must not waste it.
  const baseline = flags.baseline ? await loadReports(flags.baseline, '--baseline') : undefined;
  return { options, names: optionSources(pathsSet(fromFlags), flags.config), ...(baseline ? { baseline } : {}) };
}

/** `--format`, one name or a comma list, validated against the reporter registry. */
export function formatOption(): Option {
  return new Option('--format <formats>', `output format, or several comma-separated (with --output-dir): ${formatNames.join(', ')}`)
    .default(['text'], 'text')
    .argParser(formats);
}

/** The flags that say where reports go and how much they show, shared with `demo`. */
export function addOutputOptions(command: Command): Command {
  return command
    .addOption(formatOption())
    .option('--output <file>', 'write the report to a file instead of standard output (one format)')
    .option('--output-dir <dir>', 'write one file per format (report.<ext>; <tenant>.<ext> for several tenants) into this folder')
    .addOption(
      new Option('--detail <level>', 'how much the markdown format shows: counts (no names; for public job summaries) or full').default('counts').argParser(detail),
    );
}

/** Add the report flags (format, output, fail-on, config and the evaluation options) to a command. */
export function addReportOptions(command: Command): Command {
  return addOutputOptions(command)
    .addOption(
      new Option('--fail-on <severity>', `exit 1 when a control at or above this severity fails (${SEVERITY_ORDER.join(', ')})`)
        .default('low')
        .argParser(severity),
    )
    .option('--baseline <report>', 'a previous run (report JSON or sweep folder): exit 1 only on new failures at or above --fail-on (and on nothing assessed)')
    .option('--config <file>', 'configuration file (YAML or JSON, see schema/config.json); flags override its fields')
    .option('--controls <ids>', 'comma-separated control ids to run', list)
    .option('--break-glass <upns>', 'comma-separated emergency-access accounts allowed outside MFA policies', list)
    .option('--departed-staff <upns>', 'comma-separated UPNs or addresses of staff who have left (from HR); each must be disabled', list)
    .option('--shared-account-names <names>', 'comma-separated role-like account names to check for shared use', list)
    .option('--inactive-days <days>', 'days without sign-in after which an enabled account counts as departed (45)', positiveInteger)
    .option('--idle-timeout-minutes <minutes>', 'longest acceptable idle time before automatic logoff (60)', positiveInteger);
}

/**
 * Write the reports in the chosen formats and judge them with the gate (against `baseline`: only
 * regressions fail); resolves to the exit code.
 */
export async function finish(reports: AuditReport[], flags: ReportFlags, baseline?: readonly ComparableReport[]): Promise<number> {
  // SARIF results point at the configuration file in the user's repository when there is one.
  const configFile = flags.config ? await configFileRef(flags.config) : undefined;
  await writeReports(reports, { formats: flags.format, output: flags.output, outputDir: flags.outputDir }, {
    ...(configFile ? { configFile } : {}),
    ...(flags.detail ? { detail: flags.detail } : {}),
  });
  const verdict = gate(reports, { failOn: flags.failOn, ...(baseline ? { baseline } : {}) });
  // Against a baseline the report alone does not show why the run failed: say what regressed.
  const told = baseline ? verdict.failures : verdict.failures.filter((f) => f.kind === 'nothing_assessed' || f.kind === 'empty_selection');
  for (const failure of told) {
    process.stderr.write(`tenant-audit: ${failure.message}\n`);
  }
  return verdict.passed ? EXIT.ok : EXIT.failed;
}

