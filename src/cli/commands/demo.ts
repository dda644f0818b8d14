import type { Command } from 'commander';
import { ConfigError } from '../../core/options.js';
import type { FormatName } from '../../reporters/index.js';
import { assertOutputTarget, writeReports } from '../output.js';
import { addOutputOptions, EXIT, type CliContext } from '../report-options.js';

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
  addOutputOptions(program.command('demo').description('audit the built-in simulated practices (no cloud access) and print their reports')).action(
    async (flags: { format: FormatName[]; output?: string; outputDir?: string; detail?: 'counts' | 'full' }) => {
      const target = { formats: flags.format, output: flags.output, outputDir: flags.outputDir };
      await assertOutputTarget(target);
      const reports = await (await loadDemo()).runDemo();
      await writeReports(reports, target, flags.detail ? { detail: flags.detail } : {});
      context.setExit(EXIT.ok); // the demo's practices fail on purpose
    },
  );
}
