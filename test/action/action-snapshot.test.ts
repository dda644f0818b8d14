import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditReportSchema } from '../../src/core/model.js';
import { baselineSnapshot } from '../fixtures/m365-snapshot.js';
import { ACTION, logWithoutMasks, runAction, spellings, type ActionJob } from './harness/run-action.js';

// The bundled Action (dist/action/index.js) in a child process on Node 24, with the environment a
// GitHub runner gives a step, evaluating a saved snapshot (input `snapshot`): no sign-in, no network.

type Snapshot = ReturnType<typeof baselineSnapshot>;
const users = (snapshot: Snapshot) => (snapshot.datasets['m365.users'] as { data: { users: { displayName: string; userPrincipalName: string }[] } }).data.users;
/** Every person's name and sign-in name in the snapshot: none may appear in a public summary or log. */
const STAFF = spellings(users(baselineSnapshot()).flatMap((user) => [user.displayName, user.userPrincipalName]));

/** The practice's configuration file: break-glass account, HR leavers, and a long inactivity limit (the snapshot's sign-ins are from its own day, not today). */
const config = (extra = '') => `breakGlassAccounts:\n  - breakglass@contoso-clinic.example\nthresholds:\n  inactiveDays: 100000\n${extra}`;
const unencryptedLaptop = (snapshot: Snapshot) => {
  (snapshot.datasets['m365.managedDevices'] as { data: { devices: { isEncrypted: boolean }[] } }).data.devices[1]!.isEncrypted = false;
};
const nothingReadable = (snapshot: Snapshot) => {
  for (const name of Object.keys(snapshot.datasets)) {
    snapshot.datasets[name] = { ok: false, reason: { kind: 'credential', detail: '401 InvalidAuthenticationToken' }, meta: { requests: 1, durationMs: 1 } };
  }
};
function snapshotWith(change: (snapshot: Snapshot) => void = () => {}): string {
  const snapshot = baselineSnapshot();
  change(snapshot);
  return JSON.stringify(snapshot);
}
/** A job evaluating `snapshot` with the practice's configuration file; inputs override. */
const job = (snapshot: string, inputs: Record<string, string> = {}, files: Record<string, string> = {}): ActionJob => ({
  inputs: { snapshot: 'evidence/snapshot.json', config: 'tenant-audit.config.yaml', ...inputs },
  files: { 'evidence/snapshot.json': snapshot, 'tenant-audit.config.yaml': config(), ...files },
});

describe('the bundled Action on a saved snapshot', () => {
  it('runs on Node 24, as action.yml asks the runner for (runs.using: node24)', () => {
    const version = spawnSync(process.execPath, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    expect(Number(version.split('.')[0])).toBe(24);
  });

  it('passes a tenant without failures: summary, outputs and report files', async () => {
    const run = await runAction(job(snapshotWith()));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('::error::');

    const report = AuditReportSchema.parse(JSON.parse(readFileSync(run.outputs.report!, 'utf8')));
    expect(report.summary.fail).toBe(0);
    expect(run.outputs).toMatchObject({
      failed: '0',
      errored: '0',
      passed: String(report.summary.pass),
      warned: String(report.summary.warn),
      'not-assessed': String(report.summary.not_assessed),
    });
    expect(report.summary.pass).toBeGreaterThan(0);
    // JSON and HTML under RUNNER_TEMP, SARIF where sarif-file says, in the workspace.
    expect(run.outputs.report).toMatch(/runner-temp\/tenant-audit\/[^/]+\/report\.json$/);
    expect(run.outputs.html).toMatch(/runner-temp\/tenant-audit\/[^/]+\/report\.html$/);
    expect(run.outputs.sarif).toBe(join(run.workspace, 'tenant-audit.sarif'));
    expect(readFileSync(run.outputs.html!, 'utf8')).toContain('<html');
    const sarif = JSON.parse(readFileSync(run.outputs.sarif!, 'utf8')) as { version: string; runs: { automationDetails: { id: string } }[] };
    expect(sarif.version).toBe('2.1.0');
    // The category output is the one the SARIF run carries (upload-sarif keeps a run's own).
    expect(run.outputs['sarif-category']).toBe(`tenant-audit/m365/${report.tenant.id}/`);
    expect(sarif.runs.map((sarifRun) => sarifRun.automationDetails.id)).toEqual([run.outputs['sarif-category']]);
    // Every output action.yml declares is set, and the folder holds every other format.
    expect(Object.keys(run.outputs).sort()).toEqual(Object.keys(ACTION.outputs).sort());
    // One folder per tenant, so two audit steps in one job never overwrite each other.
    expect(dirname(run.outputs['output-dir']!)).toBe(join(run.workspace, '..', 'runner-temp', 'tenant-audit'));
    expect(readdirSync(run.outputs['output-dir']!).sort()).toEqual(['report.csv', 'report.html', 'report.json', 'report.md', 'report.xml']);
    const folder = (name: string) => readFileSync(join(run.outputs['output-dir']!, name), 'utf8');
    expect(folder('report.csv').split('\n')[0]).toContain('control');
    expect(folder('report.xml')).toMatch(/^<\?xml[^>]*>\s*<testsuites/);
    expect(folder('report.md')).toContain('_Full detail');

    expect(run.summary).toContain('**Result: passed.**');
    expect(run.summary).toContain('Contoso Clinic');
    expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024);
  });

  it('fails the step on a failure at or above fail-on, and only then', async () => {
    const failing = snapshotWith(unencryptedLaptop); // m365.devices.encryption fails, severity high
    const atHigh = await runAction(job(failing)); // fail-on defaults to high (action.yml)
    expect(atHigh.code).toBe(1);
    expect(atHigh.stdout).toContain('::error::Contoso Clinic (0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9): 1 control failed at or above high.');
    expect(atHigh.outputs.failed).toBe('1');
    expect(atHigh.summary).toContain('**Result: failed**');
    expect(atHigh.summary).toContain('1 control failed at or above high');

    const atCritical = await runAction(job(failing, { 'fail-on': 'critical' }));
    expect(atCritical.code).toBe(0);
    expect(atCritical.outputs.failed).toBe('1');
    expect(atCritical.summary).toContain('**Result: passed.**');
  });

  it('against a baseline fails only on regressions', async () => {
    const failing = snapshotWith(unencryptedLaptop);
    const lastWeekFailing = await runAction(job(failing, { 'fail-on': 'critical' }));
    const lastWeekPassing = await runAction(job(snapshotWith()));
    const withBaseline = (report: string) => job(failing, { baseline: 'last-run/report.json' }, { 'last-run/report.json': report });

    const stillFailing = await runAction(withBaseline(readFileSync(lastWeekFailing.outputs.report!, 'utf8')));
    expect(stillFailing.code).toBe(0);
    expect(stillFailing.summary).toContain('## Changes since the previous run');
    expect(stillFailing.summary).toContain('| 0 | 0 | 1 | 0 | 0 |'); // still failing: 1

    const regressed = await runAction(withBaseline(readFileSync(lastWeekPassing.outputs.report!, 'utf8')));
    expect(regressed.code).toBe(1);
    expect(regressed.stdout).toContain('1 control newly failed since the baseline at or above high');
    expect(regressed.summary).toContain('| 1 | 0 | 0 | 0 | 0 |'); // new failures: 1
    expect(regressed.summary).toContain('m365.devices.encryption');
  });

  it('takes the previous run’s reports folder, downloaded as the example workflow does, as its baseline', async () => {
    const lastWeek = await runAction(job(snapshotWith()));
    // upload-artifact of outputs.output-dir, then download-artifact into baseline/: the folder's files at its top.
    const files = Object.fromEntries(readdirSync(lastWeek.outputs['output-dir']!).map((name) => [`baseline/${name}`, readFileSync(join(lastWeek.outputs['output-dir']!, name), 'utf8')]));
    const regressed = await runAction(job(snapshotWith(unencryptedLaptop), { baseline: 'baseline/report.json' }, files));
    expect(regressed.code).toBe(1);
    expect(regressed.stdout).toContain('1 control newly failed since the baseline at or above high');
  });

  it('fails the step when nothing could be assessed, whatever fail-on and the baseline say', async () => {
    const nothing = snapshotWith(nothingReadable);
    const run = await runAction(job(nothing, { 'fail-on': 'critical' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('nothing could be assessed');
    const previous = readFileSync(run.outputs.report!, 'utf8');
    const again = await runAction(job(nothing, { 'fail-on': 'critical', baseline: 'previous.json' }, { 'previous.json': previous }));
    expect(again.code).toBe(1);
  });

  it('names no staff in the summary or the log unless summary is full', async () => {
    // Failures whose evidence names people: HR leavers still enabled, an unencrypted laptop.
    const files = { 'tenant-audit.config.yaml': config('departedStaff:\n  - dr.lee@contoso-clinic.example\n  - kim.nguyen@contoso-clinic.example\n') };
    const failing = snapshotWith(unencryptedLaptop);
    const counts = await runAction(job(failing, {}, files));
    expect(counts.code).toBe(1);
    const report = readFileSync(counts.outputs.report!, 'utf8');
    expect(STAFF.filter((name) => report.includes(name)).length).toBeGreaterThan(0); // the report itself names them
    for (const name of STAFF) {
      expect(counts.summary).not.toContain(name);
      expect(logWithoutMasks(counts)).not.toContain(name);
    }
    const full = await runAction(job(failing, { summary: 'full' }, files));
    expect(STAFF.some((name) => full.summary.includes(name))).toBe(true);
    expect(STAFF.some((name) => full.stdout.includes(name))).toBe(true);
  });

  it('writes the reports into output-dir when given, relative to the workspace', async () => {
    const run = await runAction(job(snapshotWith(), { 'output-dir': 'audit-reports/latest' }));
    expect(run.code).toBe(0);
    expect(run.outputs['output-dir']).toBe(join(run.workspace, 'audit-reports', 'latest'));
    expect(run.outputs.report).toBe(join(run.workspace, 'audit-reports', 'latest', 'report.json'));
    expect(readdirSync(run.outputs['output-dir']!)).toContain('report.html');
  });

  it('writes the SARIF file where sarif-file says, creating its folder', async () => {
    const run = await runAction(job(snapshotWith(), { 'sarif-file': 'results/audit.sarif' }));
    expect(run.code).toBe(0);
    expect(run.outputs.sarif).toBe(join(run.workspace, 'results', 'audit.sarif'));
    expect(existsSync(run.outputs.sarif!)).toBe(true);
  });

  describe('rejects bad inputs with an error naming the input', () => {
    const cases: [string, ActionJob, string][] = [
      ['fail-on', job(snapshotWith(), { 'fail-on': 'severe' }), "Input 'fail-on': must be one of info, low, medium, high, critical"],
      ['summary', job(snapshotWith(), { summary: 'everything' }), "Input 'summary': must be one of counts, full"],
      ['provider', { inputs: {} }, "Input 'provider': is required (m365 or google-workspace) unless 'snapshot' is given."],
      ['provider (unknown)', { inputs: { provider: 'aws' } }, "Input 'provider': must be one of m365, google-workspace"],
      ['tenant-id', { inputs: { provider: 'm365', 'client-id': '6731de76-14a6-49ae-97bc-6eba6914391e' } }, "Input 'tenant-id': is required for provider m365"],
      ['tenant-id (malformed)', { inputs: { provider: 'm365', 'tenant-id': 'not a tenant', 'client-id': '6731de76-14a6-49ae-97bc-6eba6914391e' } }, "Input 'tenant-id': must be a tenant id (GUID)"],
      ['client-id', { inputs: { provider: 'm365', 'tenant-id': 'contoso.onmicrosoft.com' } }, "Input 'client-id': is required for provider m365"],
      ['subject', { inputs: { provider: 'google-workspace' } }, "Input 'subject': is required for provider google-workspace"],
      ['snapshot', job(snapshotWith(), { snapshot: 'missing.json' }), "Input 'snapshot': cannot read missing.json"],
      ['snapshot (not one)', job('{"schemaVersion": 1, "provider": "m365"}'), "Input 'snapshot': evidence/snapshot.json is not a snapshot tenant-audit can evaluate"],
      ['provider (other cloud)', job(snapshotWith(), { provider: 'google-workspace' }), "Input 'provider': is google-workspace, but the snapshot evidence/snapshot.json was collected from \"m365\""],
      ['config', job(snapshotWith(), {}, { 'tenant-audit.config.yaml': 'breakGlass: []\n' }), "Input 'config': Invalid "],
      ['baseline', job(snapshotWith(), { baseline: 'evidence/snapshot.json' }), "Input 'baseline': baseline "],
    ];
    it.each(cases)('%s', async (_name, bad, message) => {
      const run = await runAction(bad);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`::error::${message}`);
      expect(run.outputs).toEqual({}); // nothing half-done
    });
  });
});
