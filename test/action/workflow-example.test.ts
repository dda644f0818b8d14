import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './harness/run-action.js';

// examples/github-workflow.yml, as GitHub would read it: a weekly schedule, the permissions the
// Action needs, every action pinned to a major version, and only inputs and outputs action.yml has.

interface Step {
  id?: string;
  run?: string;
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
    expect(workflow.permissions).toEqual({ contents: 'read', 'id-token': 'write', 'security-events': 'write', actions: 'read' });
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

  it('uploads the SARIF file per tenant category even when the audit fails the job, and keeps the reports folder', () => {
    for (const job of Object.values(workflow.jobs)) {
      const sarif = job.steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
      expect(sarif.if).toContain('always()');
      expect(sarif.with!.sarif_file).toBe('${{ steps.audit.outputs.sarif }}');
      expect(sarif.with!.category).toBe('${{ steps.audit.outputs.sarif-category }}');
      const artifact = job.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'))!;
      expect(artifact.if).toContain('always()');
      expect(artifact.with!.path).toBe('${{ steps.audit.outputs.output-dir }}');
      // The upload steps come after the audit.
      expect(job.steps.indexOf(sarif)).toBeGreaterThan(job.steps.findIndex(ours));
    }
  });

  it('gives the audit the last passing run’s report as its baseline: the baseline artifact this job uploads only on success, downloaded where baseline points', () => {
    const artifactNames = new Set<string>();
    for (const job of Object.values(workflow.jobs)) {
      const uploads = job.steps.filter((step) => step.uses?.startsWith('actions/upload-artifact@'));
      const upload = uploads.find((step) => String(step.with!.name).endsWith('-baseline'))!;
      // A failing run never becomes the baseline: a regression keeps failing until it is fixed.
      expect(upload.if).toMatch(/^success\(\) && /);
      expect(uploads.find((step) => step !== upload)!.if).toMatch(/^always\(\) && /);
      const name = String(upload.with!.name);
      artifactNames.add(name);
      const find = job.steps.find((step) => step.id === 'previous')!;
      expect(find.run).toContain(`actions/artifacts?name=${name}&`);
      const download = job.steps.find((step) => step.uses?.startsWith('actions/download-artifact@'))!;
      expect(download.if).toBe("steps.previous.outputs.run-id != ''");
      expect(download.with).toMatchObject({ name, 'run-id': '${{ steps.previous.outputs.run-id }}', 'github-token': '${{ github.token }}' });
      const audit = job.steps.find(ours)!;
      // The Action writes report.json at the top of output-dir, the folder the artifact holds.
      expect(audit.with!.baseline).toBe(`\${{ steps.previous.outputs.run-id != '' && '${String(download.with!.path)}/report.json' || '' }}`);
      expect(job.steps.indexOf(download)).toBeLessThan(job.steps.indexOf(audit));
      expect(job.steps.indexOf(find)).toBeLessThan(job.steps.indexOf(download));
    }
    expect(artifactNames.size).toBe(Object.keys(workflow.jobs).length); // one baseline per tenant
  });

  // GitHub's artifacts list (REST "List artifacts for a repository": artifacts with expired, created_at, workflow_run.id).
  const jq = spawnSync('jq', ['--version']).status === 0;
  it.skipIf(!jq)('picks the newest unexpired artifact’s run, and nothing when there is none (the --jq filter, run by jq)', () => {
    const find = Object.values(workflow.jobs)[0]!.steps.find((step) => step.id === 'previous')!;
    const filter = /--jq '([^']+)'/.exec(find.run!)![1]!;
    const artifacts = (list: object[]) => JSON.stringify({ total_count: list.length, artifacts: list });
    const pick = (input: string) => spawnSync('jq', ['-r', filter], { input, encoding: 'utf8' }).stdout.trim();
    const listed = [
      { id: 3, name: 'tenant-audit-m365', expired: false, created_at: '2026-11-30T06:20:00Z', workflow_run: { id: 303 } },
      { id: 4, name: 'tenant-audit-m365', expired: true, created_at: '2026-12-01T06:20:00Z', workflow_run: { id: 404 } },
      { id: 2, name: 'tenant-audit-m365', expired: false, created_at: '2026-11-23T06:20:00Z', workflow_run: { id: 202 } },
    ];
    expect(pick(artifacts(listed))).toBe('303');
    expect(pick(artifacts([]))).toBe('');
    expect(pick(artifacts([listed[1]!]))).toBe('');
  });
});
