import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION, ROOT } from './harness/run-action.js';

// The README's "GitHub Action" section must say what action.yml and the example workflow say.

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## GitHub Action'), readme.indexOf('\n## ', readme.indexOf('## GitHub Action') + 1));

/** The rows of the Markdown table whose header starts with `| first |`, keyed by the back-quoted names in the first cell. */
function table(first: string): Map<string, string[]> {
  const lines = section.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${first} |`));
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split(' | ').map((cell) => cell.replace(/^\|\s*|\s*\|$/g, '').trim());
    for (const [, name] of cells[0]!.matchAll(/`([^`]+)`/g)) rows.set(name!, cells.slice(1));
  }
  return rows;
}

describe('README: GitHub Action', () => {
  it('lists every input with action.yml’s default, and no other', () => {
    const inputs = table('Input');
    expect([...inputs.keys()].sort()).toEqual(Object.keys(ACTION.inputs).sort());
    for (const [name, input] of Object.entries(ACTION.inputs)) {
      if (input.default !== undefined) expect(inputs.get(name)![0], name).toBe(`\`${input.default}\``);
    }
  });

  it('lists every output, and no other', () => {
    expect([...table('Output').keys()].sort()).toEqual(Object.keys(ACTION.outputs).sort());
  });

  it('shows the example workflow’s Microsoft 365 job as it is in examples/github-workflow.yml', () => {
    const snippet = /### The workflow[\s\S]*?```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    type Job = { steps: { uses?: string; with?: Record<string, unknown>; run?: string }[] };
    const shown = parse(snippet) as { permissions: unknown; jobs: { 'microsoft-365': Job } };
    const example = parse(readFileSync(join(ROOT, 'examples/github-workflow.yml'), 'utf8')) as { permissions: unknown; jobs: { 'microsoft-365': Job } };
    expect(shown.permissions).toEqual(example.permissions);
    const steps = (job: Job) => job.steps.map((step) => ({ uses: step.uses, run: step.run, with: step.with }));
    const exampleSteps = steps(example.jobs['microsoft-365']);
    // The README leaves out the example's fail-on and sarif-file (both optional) and its comments.
    const audit = exampleSteps.find((step) => step.uses?.startsWith('tenant-audit/'))!;
    delete audit.with!['fail-on'];
    delete audit.with!['sarif-file'];
    for (const step of exampleSteps) delete step.with?.['retention-days'];
    expect(steps(shown.jobs['microsoft-365'])).toEqual(exampleSteps);
  });
});
