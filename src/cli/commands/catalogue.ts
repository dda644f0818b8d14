import { Option, type Command } from 'commander';
import { controls, requiredPermissions } from '../../engine/catalogue.js';
import { providerModules, providerNamed } from '../../providers/index.js';

/** `tenant-audit controls` and `tenant-audit permissions <provider>`: what is checked and what to grant. */
export function registerCatalogue(program: Command): void {
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
}
