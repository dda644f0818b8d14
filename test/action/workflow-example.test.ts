import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './harness/run-action.js';

// examples/github-workflow.yml, as GitHub would read it: a weekly schedule, the permissions the
// Action needs, every action pinned to a major version, and only inputs and outputs action.yml has.

interface Step {
  id?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: { schedule?: { cron: string }[]; workflow_dispatch?: unknown };
  permissions: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
}

const workflow = parse(readFileSync(join(ROOT, 'examples', 'github-workflow.yml'), 'utf8')) as Workflow;
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const ours = (step: Step) => step.uses?.startsWith('tenant-audit/tenant-audit@') ?? false;

describe('examples/github-workflow.yml', () => {
  it('runs weekly and on demand', () => {
    expect(workflow.on.schedule).toHaveLength(1);
    const fields = workflow.on.schedule![0]!.cron.split(' ');
    expect(fields).toHaveLength(5);
    expect(fields[4]).toMatch(/^[0-6]$/); // one day of the week
    expect(fields[2]).toBe('*');
    expect('workflow_dispatch' in workflow.on).toBe(true);
  });

  it('asks for exactly the permissions the Action and the uploads need', () => {
    expect(workflow.permissions).toEqual({ contents: 'read', 'id-token': 'write', 'security-events': 'write' });
  });

  it('pins every action to a major version', () => {
    const uses = steps.map((step) => step.uses).filter((value): value is string => Boolean(value));
    expect(uses.length).toBeGreaterThan(0);
    for (const value of uses) expect(value).toMatch(/^[\w.-]+\/[\w./-]+@v\d+$/);
  });

  it('shows Microsoft 365 keyless first, then Google Workspace through google-github-actions/auth', () => {
    const [first, second] = Object.values(workflow.jobs);
    const firstAudit = first!.steps.find(ours)!;
    expect(firstAudit.with!.provider).toBe('m365');
    expect(JSON.stringify(first!.steps)).not.toMatch(/secret/i);
    const auth = second!.steps.findIndex((step) => step.uses?.startsWith('google-github-actions/auth@'));
    const audit = second!.steps.findIndex(ours);
    expect(auth).toBeGreaterThan(-1);
    expect(audit).toBeGreaterThan(auth);
    expect(second!.steps[audit]!.with!.provider).toBe('google-workspace');
  });

  it('uses only inputs and outputs the Action has', () => {
    for (const job of Object.values(workflow.jobs)) {
      const audit = job.steps.find(ours)!;
      for (const input of Object.keys(audit.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
      const used = [...JSON.stringify(job.steps).matchAll(new RegExp(`steps\\.${audit.id}\\.outputs\\.([\\w-]+)`, 'g'))].map((match) => match[1]!);
      expect(used.length).toBeGreaterThan(0);
      for (const output of used) expect(Object.keys(action.outputs)).toContain(output);
    }
  });

  it('uploads the SARIF file even when the audit fails the job, and keeps the HTML and JSON reports', () => {
    for (const job of Object.values(workflow.jobs)) {
      const sarif = job.steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
      expect(sarif.if).toContain('always()');
      expect(String(sarif.with!.sarif_file)).toContain('outputs.sarif');
      const artifact = job.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'))!;
      expect(artifact.if).toContain('always()');
      expect(String(artifact.with!.path)).toContain('outputs.html');
      expect(String(artifact.with!.path)).toContain('outputs.report');
      // The upload steps come after the audit.
      expect(job.steps.indexOf(sarif)).toBeGreaterThan(job.steps.findIndex(ours));
    }
  });
});
