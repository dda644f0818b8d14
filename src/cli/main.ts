import { Command, CommanderError } from 'commander';
import { TenantAccessError } from '../core/errors.js';
import { ConfigError } from '../core/options.js';
import { redact } from '../core/redact.js';
import { TOOL_VERSION } from '../version.js';
import { registerAudit } from './commands/audit.js';
import { registerCatalogue } from './commands/catalogue.js';
import { registerCheck } from './commands/check.js';
import { registerConsentUrl } from './commands/consent.js';
import { registerDemo } from './commands/demo.js';
import { registerDiff } from './commands/diff.js';
import { registerEvaluate } from './commands/evaluate.js';
import { registerSweep } from './commands/sweep.js';
import { EXIT, type CliContext } from './report-options.js';

export { EXIT } from './report-options.js';

/** Build the CLI; `run` resolves to the exit code. Each command lives in its own module under commands/. */
export function buildCli(): { program: Command; exitCode: () => number } {
  let exitCode: number = EXIT.ok;
  const context: CliContext = {
    setExit: (code) => {
      exitCode = code;
    },
  };
  const program = new Command('tenant-audit')
    .description('Audit Microsoft 365 and Google Workspace tenants for the HIPAA Security Rule technical safeguards.')
    .version(TOOL_VERSION)
    .exitOverride()
    .showHelpAfterError();

  registerDemo(program, context);
  registerAudit(program, context);
  registerEvaluate(program, context);
  registerDiff(program, context);
  registerSweep(program, context);
  registerCheck(program, context);
  registerConsentUrl(program);
  registerCatalogue(program);
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
