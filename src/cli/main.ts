import { readFile } from 'node:fs/promises';
import { Command, CommanderError, Option } from 'commander';
import { controls, requiredPermissions } from '../engine/catalogue.js';
import { SEVERITY_ORDER, type AuditReport } from '../core/model.js';
import { ConfigError, type EvaluateOptions } from '../core/options.js';
import { redact } from '../core/redact.js';
import { collect, evaluate } from '../engine/runner.js';
import { providerNamed, validateTarget } from '../providers/index.js';
import { TOOL_VERSION } from '../version.js';
import { googleAccessFromFlags, m365CredentialFromFlags } from './credentials.js';
import { format, list, positiveInteger, severity } from './options.js';
import { assertWritable, hasFailureAtOrAbove, nothingAssessed, writeFileNamingFlag, writeReports } from './output.js';

/** Exit codes: 0 no failure, 1 a failure at or above --fail-on, 2 bad usage or configuration. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

interface ReportFlags {
  format: 'text' | 'json';
  output?: string;
  failOn: (typeof SEVERITY_ORDER)[number];
  controls?: string[];
  breakGlass?: string[];
  departedStaff?: string[];
  sharedAccountNames?: string[];
  inactiveDays?: number;
  idleTimeoutMinutes?: number;
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

function addReportOptions(command: Command): Command {
  return command
    .addOption(new Option('--format <format>', 'text or json').default('text').argParser(format))
    .option('--output <file>', 'write the report to a file instead of standard output')
    .addOption(
      new Option('--fail-on <severity>', `exit 1 when a control at or above this severity fails (${SEVERITY_ORDER.join(', ')})`)
        .default('low')
        .argParser(severity),
    )
    .option('--controls <ids>', 'comma-separated control ids to run', list)
    .option('--break-glass <upns>', 'comma-separated emergency-access accounts allowed outside MFA policies', list)
    .option('--departed-staff <upns>', "comma-separated UPNs of staff who have left (from HR); each must be disabled", list)
    .option('--shared-account-names <names>', 'comma-separated role-like account names to check for shared use', list)
    .option('--inactive-days <days>', 'days without sign-in after which an enabled account counts as departed (45)', positiveInteger)
    .option('--idle-timeout-minutes <minutes>', 'longest acceptable idle time before automatic logoff (60)', positiveInteger);
}

async function finish(reports: AuditReport[], flags: ReportFlags): Promise<number> {
  await writeReports(reports, flags.format, flags.output);
  for (const report of reports.filter(nothingAssessed)) {
    process.stderr.write(`tenant-audit: nothing could be assessed for ${report.tenant.id}; see each finding's reason (permissions, licences, credentials).\n`);
  }
  return reports.some((report) => hasFailureAtOrAbove(report, flags.failOn)) ? EXIT.failed : EXIT.ok;
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

/** Build the CLI; `run` resolves to the exit code. */
export function buildCli(): { program: Command; exitCode: () => number } {
  let exitCode: number = EXIT.ok;
  const program = new Command('tenant-audit')
    .description('Audit Microsoft 365 and Google Workspace tenants for the HIPAA Security Rule technical safeguards.')
    .version(TOOL_VERSION)
    .exitOverride()
    .showHelpAfterError();

  program
    .command('demo')
    .description('audit the built-in simulated practices (no cloud access) and print their reports')
    .addOption(new Option('--format <format>', 'text or json').default('text').argParser(format))
    .option('--output <file>', 'write the reports to a file')
    .action(async (flags: { format: 'text' | 'json'; output?: string }) => {
      const reports = await (await loadDemo()).runDemo();
      await writeReports(reports, flags.format, flags.output);
      exitCode = EXIT.ok; // the demo's practices fail on purpose
    });

  const auditCommand = program.command('audit').description('audit a live tenant');
  addReportOptions(
    auditCommand
      .command('m365')
      .description('audit a Microsoft 365 tenant through Microsoft Graph (application permissions)')
      .requiredOption('--tenant <id>', 'tenant id (GUID) or primary domain')
      .option('--client-id <id>', 'app registration client id (or AZURE_CLIENT_ID)')
      .option('--client-secret <secret>', 'client secret (prefer AZURE_CLIENT_SECRET: flags show in process lists)')
      .option('--certificate-path <file>', 'PEM certificate with private key (or AZURE_CLIENT_CERTIFICATE_PATH)')
      .option('--name <name>', 'display name for the report (e.g. the practice name)')
      .option('--save-snapshot <file>', 'also save the collected data as a snapshot for re-evaluation'),
  ).action(async (flags: ReportFlags & { tenant: string; clientId?: string; clientSecret?: string; certificatePath?: string; name?: string; saveSnapshot?: string }) => {
    const evaluateOptions = evaluateOptionsFrom(flags);
    await assertWritable(flags.output, '--output');
    await assertWritable(flags.saveSnapshot, '--save-snapshot');
    // Check the tenant before building a credential: @azure/identity's own error would not name the flag.
    try {
      validateTarget({ provider: 'm365', tenantId: flags.tenant, credential: { getToken: async () => null } });
    } catch (error) {
      throw new ConfigError(`Invalid --tenant "${flags.tenant}": must be a tenant id (GUID) or a domain such as contoso.onmicrosoft.com`, '--tenant');
    }
    const credential = await m365CredentialFromFlags(flags.tenant, flags);
    const snapshot = await collect(
      { provider: 'm365', tenantId: flags.tenant, credential, ...(flags.name ? { name: flags.name } : {}) },
      { ...(flags.controls ? { controls: flags.controls } : {}), ...(flags.sharedAccountNames ? { sharedAccountNames: flags.sharedAccountNames } : {}) },
    );
    if (flags.saveSnapshot) await writeFileNamingFlag(flags.saveSnapshot, `${JSON.stringify(snapshot, null, 2)}\n`, '--save-snapshot');
    exitCode = await finish([evaluate(snapshot, evaluateOptions)], flags);
  });

  addReportOptions(
    auditCommand
      .command('google')
      .description('audit a Google Workspace customer (service account with domain-wide delegation)')
      .option('--key-file <file>', 'service-account key JSON (or GOOGLE_APPLICATION_CREDENTIALS)')
      .option('--service-account <email>', 'keyless: the service account to sign as, using the ambient credential (workload identity)')
      .requiredOption('--subject <email>', 'the super administrator to impersonate (the Policy API answers only to super administrators)')
      .option('--customer <id>', "customer id, or my_customer (default)")
      .option('--name <name>', 'display name for the report (e.g. the practice name)')
      .option('--save-snapshot <file>', 'also save the collected data as a snapshot for re-evaluation'),
  ).action(async (flags: ReportFlags & { keyFile?: string; serviceAccount?: string; subject: string; customer?: string; name?: string; saveSnapshot?: string }) => {
    const evaluateOptions = evaluateOptionsFrom(flags);
    await assertWritable(flags.output, '--output');
    await assertWritable(flags.saveSnapshot, '--save-snapshot');
    const access = await googleAccessFromFlags(flags);
    const snapshot = await collect(
      {
        provider: 'google-workspace',
        ...access,
        subject: flags.subject,
        ...(flags.customer ? { customerId: flags.customer } : {}),
        ...(flags.name ? { name: flags.name } : {}),
      },
      { ...(flags.controls ? { controls: flags.controls } : {}), ...(flags.sharedAccountNames ? { sharedAccountNames: flags.sharedAccountNames } : {}) },
    );
    if (flags.saveSnapshot) await writeFileNamingFlag(flags.saveSnapshot, `${JSON.stringify(snapshot, null, 2)}\n`, '--save-snapshot');
    exitCode = await finish([evaluate(snapshot, evaluateOptions)], flags);
  });

  addReportOptions(
    program.command('evaluate').description('re-evaluate a saved snapshot offline').argument('<snapshot>', 'snapshot JSON file'),
  ).action(async (file: string, flags: ReportFlags) => {
    let snapshot: unknown;
    try {
      snapshot = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(`Cannot read snapshot ${file}: ${error instanceof Error ? error.message : String(error)}`, 'snapshot');
    }
    exitCode = await finish([evaluate(snapshot, evaluateOptionsFrom(flags))], flags);
  });

  program
    .command('controls')
    .description('list the controls with their HIPAA citations and the data they read')
    .addOption(new Option('--format <format>', 'text or json').default('text').argParser(format))
    .action((flags: { format: 'text' | 'json' }) => {
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify(controls, null, 2)}\n`);
        return;
      }
      for (const control of controls) {
        process.stdout.write(`${control.id}  [${control.severity}]  HIPAA ${control.hipaa.join(', ')}\n    ${control.title}\n`);
      }
    });

  program
    .command('permissions')
    .description('print what to grant the app registration (from the collectors’ own declarations)')
    .argument('<provider>', 'm365 or google')
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
    process.stderr.write(`tenant-audit: ${redact(error instanceof Error ? error.message : String(error))}\n`);
    return EXIT.failed;
  }
}
