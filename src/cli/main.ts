import { readFile } from 'node:fs/promises';
import { Command, CommanderError, Option } from 'commander';
import { TenantAccessError } from '../core/errors.js';
import { SEVERITY_ORDER, type AuditReport, type Severity } from '../core/model.js';
import { ConfigError, type EvaluateOptions } from '../core/options.js';
import { redact } from '../core/redact.js';
import { controls, requiredPermissions } from '../engine/catalogue.js';
import { gate } from '../engine/gate.js';
import { collect, evaluate } from '../engine/runner.js';
import { providerModules, providerNamed, type AuditTarget, type ProviderModule } from '../providers/index.js';
import { formatNames, type FormatName } from '../reporters/index.js';
import { TOOL_VERSION } from '../version.js';
import { flagNamedError, optionSources, type FieldName } from './flags.js';
import { loadConfigFile } from '../config/load.js';
import { format, list, positiveInteger, severity } from './options.js';
import { assertWritable, writeFileNamingFlag, writeReports } from './output.js';

/** Exit codes: 0 no failure, 1 a failure at or above --fail-on (or a tenant that could not be audited), 2 bad usage or configuration. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

interface ReportFlags {
  format: FormatName;
  output?: string;
  failOn: Severity;
  controls?: string[];
  breakGlass?: string[];
  departedStaff?: string[];
  sharedAccountNames?: string[];
  inactiveDays?: number;
  idleTimeoutMinutes?: number;
  config?: string;
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
async function runOptions(flags: ReportFlags): Promise<{ options: EvaluateOptions; names: Record<string, FieldName> }> {
  const fromFile = flags.config ? await loadConfigFile(flags.config) : {};
  const fromFlags = evaluateOptionsFrom(flags);
  const thresholds = { ...fromFile.thresholds, ...fromFlags.thresholds };
  const options: EvaluateOptions = { ...fromFile, ...fromFlags, ...(Object.keys(thresholds).length ? { thresholds } : {}) };
  return { options, names: optionSources(pathsSet(fromFlags), flags.config) };
}

function formatOption(): Option {
  return new Option('--format <format>', `output format: ${formatNames.join(', ')}`).default('text').argParser(format);
}

function addReportOptions(command: Command): Command {
  return command
    .addOption(formatOption())
    .option('--output <file>', 'write the report to a file instead of standard output')
    .addOption(
      new Option('--fail-on <severity>', `exit 1 when a control at or above this severity fails (${SEVERITY_ORDER.join(', ')})`)
        .default('low')
        .argParser(severity),
    )
    .option('--config <file>', 'configuration file (YAML or JSON, see schema/config.json); flags override its fields')
    .option('--controls <ids>', 'comma-separated control ids to run', list)
    .option('--break-glass <upns>', 'comma-separated emergency-access accounts allowed outside MFA policies', list)
    .option('--departed-staff <upns>', 'comma-separated UPNs or addresses of staff who have left (from HR); each must be disabled', list)
    .option('--shared-account-names <names>', 'comma-separated role-like account names to check for shared use', list)
    .option('--inactive-days <days>', 'days without sign-in after which an enabled account counts as departed (45)', positiveInteger)
    .option('--idle-timeout-minutes <minutes>', 'longest acceptable idle time before automatic logoff (60)', positiveInteger);
}

async function finish(reports: AuditReport[], flags: ReportFlags): Promise<number> {
  await writeReports(reports, flags.format, flags.output);
  const verdict = gate(reports, { failOn: flags.failOn });
  for (const failure of verdict.failures.filter((f) => f.kind === 'nothing_assessed' || f.kind === 'empty_selection')) {
    process.stderr.write(`tenant-audit: ${failure.message}\n`);
  }
  return verdict.passed ? EXIT.ok : EXIT.failed;
}

/** The demo needs msw (an optional peer dependency); load it only when asked, and say how to get it. */
async function loadDemo(): Promise<typeof import('./demo.js')> {
  try {
    return await import('./demo.js');
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String(error).includes('msw')) {
      throw new ConfigError('The demo needs msw: run `npm install msw@^3` beside tenant-audit.', 'demo');
    }
    throw error;
  }
}

/** Whether a parsed JSON file is a report (what `audit` prints) rather than a snapshot. */
function looksLikeReport(value: unknown): boolean {
  const object = value as { findings?: unknown; summary?: unknown; datasets?: unknown } | null;
  return typeof object === 'object' && object !== null && (Array.isArray(object.findings) || Array.isArray(value));
}

/** `tenant-audit audit <cloud>`: one subcommand per provider, its flags from the provider's own CLI description. */
function addAuditCommand(parent: Command, provider: ProviderModule<AuditTarget>, setExit: (code: number) => void): void {
  const command = parent.command(provider.cli.command).description(provider.cli.description);
  for (const flag of provider.cli.flags) {
    if (flag.required) command.requiredOption(flag.flags, flag.description);
    else command.option(flag.flags, flag.description);
  }
  command
    .option('--name <name>', 'display name for the report (e.g. the practice name)')
    .option('--save-snapshot <file>', 'also save the collected data as a snapshot for re-evaluation');
  addReportOptions(command).action(async (flags: ReportFlags & Record<string, string | undefined> & { name?: string; saveSnapshot?: string }) => {
    // Before the audit, which can take minutes: a bad config or a file that cannot be written must not waste it.
    const { options, names } = await runOptions(flags);
    await assertWritable(flags.output, '--output');
    await assertWritable(flags.saveSnapshot, '--save-snapshot');
    try {
      const target = { ...(await provider.cli.target(flags)), ...(flags.name ? { name: flags.name } : {}) };
      const snapshot = await collect(target, {
        ...(options.controls ? { controls: options.controls } : {}),
        ...(options.sharedAccountNames ? { sharedAccountNames: options.sharedAccountNames } : {}),
        ...(options.breakGlassAccounts ? { breakGlassAccounts: options.breakGlassAccounts } : {}),
      });
      if (flags.saveSnapshot) await writeFileNamingFlag(flags.saveSnapshot, `${JSON.stringify(snapshot, null, 2)}\n`, '--save-snapshot');
      setExit(await finish([evaluate(snapshot, options)], flags));
    } catch (error) {
      throw flagNamedError(error, { ...names, ...provider.cli.fieldFlags });
    }
  });
}

/** Build the CLI; `run` resolves to the exit code. */
export function buildCli(): { program: Command; exitCode: () => number } {
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command('tenant-audit')
    .description('Audit Microsoft 365 and Google Workspace tenants for the HIPAA Security Rule technical safeguards.')
    .version(TOOL_VERSION)
    .exitOverride()
    .showHelpAfterError();

  program
    .command('demo')
    .description('audit the built-in simulated practices (no cloud access) and print their reports')
    .addOption(formatOption())
    .option('--output <file>', 'write the reports to a file')
    .action(async (flags: { format: FormatName; output?: string }) => {
      await assertWritable(flags.output, '--output');
      const reports = await (await loadDemo()).runDemo();
      await writeReports(reports, flags.format, flags.output);
      exitCode = EXIT.ok; // the demo's practices fail on purpose
    });

  const auditCommand = program.command('audit').description('audit a live tenant');
  for (const provider of providerModules) addAuditCommand(auditCommand, provider as ProviderModule<AuditTarget>, setExit);

  addReportOptions(
    program.command('evaluate').description('re-evaluate a snapshot saved with --save-snapshot, offline').argument('<snapshot>', 'snapshot JSON file'),
  ).action(async (file: string, flags: ReportFlags) => {
    const { options, names } = await runOptions(flags);
    await assertWritable(flags.output, '--output');
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
      exitCode = await finish([evaluate(snapshot, options)], flags);
    } catch (error) {
      throw flagNamedError(error, names);
    }
  });

  program
    .command('controls')
    .description('list the controls with their HIPAA citations and the data they read')
    .addOption(new Option('--format <format>', 'text or json').default('text').choices(['text', 'json']))
    .action((flags: { format: 'text' | 'json' }) => {
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify(controls, null, 2)}\n`);
        return;
      }
      for (const control of controls) {
        process.stdout.write(`${control.id}  [${control.severity}]  HIPAA ${control.hipaa.join(', ')}\n    ${control.title}\n`);
        const data = [...control.datasets, ...(control.optionalDatasets ?? []).map((name) => `${name} (optional)`)];
        process.stdout.write(`    data: ${data.length ? data.join(', ') : 'none (judged from attestations)'}\n`);
        const needs = control.requirements.map((r) => `${r.name}${r.optional ? ' (optional)' : ''}`);
        if (needs.length) process.stdout.write(`    needs: ${needs.join(', ')}\n`);
      }
    });

  program
    .command('permissions')
    .description('print what to grant the app registration (from the collectors’ own declarations)')
    .argument('<provider>', providerModules.map((provider) => provider.cli.command).join(' or '))
    .action((name: string) => {
      const provider = providerNamed(name, 'provider');
      process.stdout.write(provider.formatPermissions(requiredPermissions(provider.id)));
    });

  return { program, exitCode: () => exitCode };
}

/** Run the CLI with these arguments; resolves to the exit code, never throws. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const { program, exitCode } = buildCli();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode();
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`tenant-audit: ${redact(error.message)}\n`);
      return EXIT.usage;
    }
    if (error instanceof TenantAccessError) {
      process.stderr.write(`tenant-audit: ${redact(error.message)}\n`);
      return EXIT.failed;
    }
    process.stderr.write(`tenant-audit: ${redact(error instanceof Error ? error.message : String(error))}\n`);
    return EXIT.failed;
  }
}
