import type { Command } from 'commander';
import { providerModules, type AuditTarget, type ProviderModule } from '../../providers/index.js';
import { requiredPermissions } from '../../engine/catalogue.js';
import type { PreflightCheck } from '../../providers/types.js';
import { flagNamedError } from '../flags.js';
import { EXIT, type CliContext } from '../report-options.js';

const PREFLIGHT_TIMEOUT_MS = 20_000;
const MARK: Record<PreflightCheck['status'], string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' };

/** `tenant-audit check <cloud>`: a preflight of one tenant, its flags those of `audit <cloud>`. */
function addProviderCheck(parent: Command, provider: ProviderModule<AuditTarget>, context: CliContext): void {
  const command = parent.command(provider.cli.command).description(`check that ${provider.label} access is in place for one tenant (consent, permissions or scopes, roles, licences), in seconds`);
  for (const flag of provider.cli.flags) {
    if (flag.required) command.requiredOption(flag.flags, flag.description);
    else command.option(flag.flags, flag.description);
  }
  command.action(async (flags: Record<string, string | undefined>) => {
    try {
      const target = await provider.cli.target(flags);
      const checks = await provider.preflight(target, { timeoutMs: PREFLIGHT_TIMEOUT_MS, requirements: requiredPermissions(provider.id) });
      for (const check of checks) process.stdout.write(`${MARK[check.status]}  ${check.name}: ${check.detail}\n`);
      context.setExit(checks.some((check) => check.status === 'fail') ? EXIT.failed : EXIT.ok);
    } catch (error) {
      throw flagNamedError(error, provider.cli.fieldFlags);
    }
  });
}

/** `tenant-audit check`: preflight a tenant before auditing it. */
export function registerCheck(program: Command, context: CliContext): void {
  const check = program.command('check').description('preflight one tenant: does the app have consent, the permissions, the roles and the licences the audit needs? (exit 0 all in place, 1 not)');
  for (const provider of providerModules) addProviderCheck(check, provider as ProviderModule<AuditTarget>, context);
}
