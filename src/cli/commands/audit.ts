import type { Command } from 'commander';
import { collect, evaluate } from '../../engine/runner.js';
import { providerModules, type AuditTarget, type ProviderModule } from '../../providers/index.js';
import { flagNamedError } from '../flags.js';
import { assertOutputTarget, assertWritable, writeFileNamingFlag } from '../output.js';
import { addReportOptions, finish, runOptions, type CliContext, type ReportFlags } from '../report-options.js';

type AuditFlags = ReportFlags & Record<string, string | undefined> & { name?: string; saveSnapshot?: string };

/** `tenant-audit audit <cloud>`: one subcommand per provider, its flags from the provider's own CLI description. */
function addProviderCommand(parent: Command, provider: ProviderModule<AuditTarget>, context: CliContext): void {
  const command = parent.command(provider.cli.command).description(provider.cli.description);
  for (const flag of provider.cli.flags) {
    if (flag.required) command.requiredOption(flag.flags, flag.description);
    else command.option(flag.flags, flag.description);
  }
  command
    .option('--name <name>', 'display name for the report (e.g. the practice name)')
    .option('--save-snapshot <file>', 'also save the collected data as a snapshot for re-evaluation');
  addReportOptions(command).action(async (flags: AuditFlags) => {
    // Before the audit, which can take minutes: a bad config or a file that cannot be written must not waste it.
    const { options, names, baseline } = await runOptions(flags);
    await assertOutputTarget({ formats: flags.format, output: flags.output, outputDir: flags.outputDir });
    await assertWritable(flags.saveSnapshot, '--save-snapshot');
    try {
      const target = { ...(await provider.cli.target(flags)), ...(flags.name ? { name: flags.name } : {}) };
      const snapshot = await collect(target, {
        ...(options.controls ? { controls: options.controls } : {}),
        ...(options.sharedAccountNames ? { sharedAccountNames: options.sharedAccountNames } : {}),
        ...(options.breakGlassAccounts ? { breakGlassAccounts: options.breakGlassAccounts } : {}),
      });
      if (flags.saveSnapshot) await writeFileNamingFlag(flags.saveSnapshot, `${JSON.stringify(snapshot, null, 2)}\n`, '--save-snapshot');
      context.setExit(await finish([evaluate(snapshot, options)], flags, baseline));
    } catch (error) {
      throw flagNamedError(error, { ...names, ...provider.cli.fieldFlags });
    }
  });
}

/** `tenant-audit audit`: audit a live tenant. */
export function registerAudit(program: Command, context: CliContext): void {
  const auditCommand = program.command('audit').description('audit a live tenant');
  for (const provider of providerModules) addProviderCommand(auditCommand, provider as ProviderModule<AuditTarget>, context);
}
