import type { Command } from 'commander';
import { ConfigError } from '../../core/options.js';
import type { FormatName } from '../../reporters/index.js';
import { assertOutputTarget, writeReports } from '../output.js';
import { addOutputOptions, EXIT, type CliContext } from '../report-options.js';
import { EXIT_INTERRUPTED } from '../sweep-run.js';

/** The demo needs msw (an optional peer dependency); load it only when asked, and say how to get it. */
async function loadDemo(): Promise<typeof import('../demo.js')> {
  try {
    return await import('../demo.js');
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String(error).includes('msw')) {
      throw new ConfigError('The demo needs msw: run `npm install msw@^3` beside tenant-audit.', 'demo');
    }
    throw error;
  }
}

/** `tenant-audit demo`: the built-in simulated practices. */
export function registerDemo(program: Command, context: CliContext): void {
  addOutputOptions(program.command('demo').description('audit the built-in simulated practices (no cloud access) and print their reports'))
    .option('--sweep <dir>', "instead: sweep a simulated MSP's portfolio (both clouds, one credential per cloud) into this folder and write its summary.html")
    .action(async (flags: { format: FormatName[]; output?: string; outputDir?: string; detail?: 'counts' | 'full'; sweep?: string }) => {
      if (flags.sweep) {
        const format = flags.format.includes('json') ? 'json' : 'text';
        const code = await (await loadDemo()).runDemoSweep({ out: flags.sweep, format, failOn: 'low' });
        // The demo's clinics fail on purpose: only an interruption is not a success.
        context.setExit(code === EXIT_INTERRUPTED ? code : EXIT.ok);
        return;
      }
      const target = { formats: flags.format, output: flags.output, outputDir: flags.outputDir };
      await assertOutputTarget(target);
      const reports = await (await loadDemo()).runDemo();
      await writeReports(reports, target, flags.detail ? { detail: flags.detail } : {});
      context.setExit(EXIT.ok); // the demo's practices fail on purpose
    });
}
