import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { evaluate } from '../../src/engine/runner.js';
import { googleSuperAdmin, googleTypicalPractice, simulatedServiceAccountKey, startSimulator } from '../../src/testing/index.js';
import { baselineSnapshot } from '../fixtures/m365-snapshot.js';
import { NOW } from '../fixtures/m365-baseline.js';
import { googleBaselineSnapshot } from '../fixtures/google-snapshot.js';
import { NOW as GOOGLE_NOW } from '../fixtures/google-baseline.js';

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

type Snapshot = ReturnType<typeof baselineSnapshot>;
const dir = mkdtempSync(join(tmpdir(), 'tenant-audit-diff-'));
const options = { now: NOW, breakGlassAccounts: ['breakglass@contoso-clinic.example'] };
const unencryptedLaptop = (snapshot: Snapshot) => {
  (snapshot.datasets['m365.managedDevices'] as { data: { devices: { isEncrypted: boolean }[] } }).data.devices[1]!.isEncrypted = false;
};
let files = 0;
function write(name: string, value: unknown): string {
  const file = join(dir, `${(files += 1)}-${name}`);
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}
function report(change: (snapshot: Snapshot) => void = () => {}) {
  const snapshot = baselineSnapshot();
  change(snapshot);
  return evaluate(snapshot, options);
}
const googleReport = () => evaluate(googleBaselineSnapshot(), { now: GOOGLE_NOW });

describe('tenant-audit diff', () => {
  it('prints progress and exits 1 on a new failure at or above --fail-on', async () => {
    const older = write('old.json', report());
    const newer = write('new.json', report(unencryptedLaptop));
    expect(await runCli(['diff', older, newer])).toBe(1);
    expect(out).toContain('Overall: 0 fixed, 1 new failure, 0 still failing, 0 newly not assessed.');
    expect(out).toContain('m365.devices.encryption: PASS -> FAIL');
    out = '';
    expect(await runCli(['diff', older, newer, '--fail-on', 'critical'])).toBe(0);
    expect(out).toContain('NEW FAILURES (1)');
  });

  it('exits 0 when a failure was fixed and nothing newly fails', async () => {
    expect(await runCli(['diff', write('old.json', report(unencryptedLaptop)), write('new.json', report())])).toBe(0);
    expect(out).toContain('FIXED (1)');
  });

  it('exits 0 when a failure is still failing', async () => {
    expect(await runCli(['diff', write('old.json', report(unencryptedLaptop)), write('new.json', report(unencryptedLaptop))])).toBe(0);
    expect(out).toContain('STILL FAILING (1)');
  });

  it('writes JSON and Markdown, to --output when given', async () => {
    const older = write('old.json', report());
    const newer = write('new.json', report(unencryptedLaptop));
    expect(await runCli(['diff', older, newer, '--format', 'json'])).toBe(1);
    expect(JSON.parse(out).counts).toEqual({ newFailures: 1, fixed: 0, stillFailing: 0, newlyNotAssessed: 0, otherChanges: 0 });
    out = '';
    const output = join(dir, 'diff.md');
    expect(await runCli(['diff', older, newer, '--format', 'markdown', '--output', output])).toBe(1);
    expect(out).toBe('');
    expect(readFileSync(output, 'utf8')).toContain('## Changes since the previous run');
  });

  it('compares arrays of reports (what --format json writes for several tenants)', async () => {
    expect(await runCli(['diff', write('old.json', [report(), googleReport()]), write('new.json', [googleReport(), report(unencryptedLaptop)]), '--format', 'json'])).toBe(1);
    const diff = JSON.parse(out);
    expect(diff.tenants).toHaveLength(2);
    expect(diff.counts.newFailures).toBe(1);
  });

  it('compares sweep folders: one report.json per tenant, at any depth', async () => {
    const older = join(dir, 'sweep-old');
    const newer = join(dir, 'sweep-new');
    for (const [root, m365] of [
      [older, report()],
      [newer, report(unencryptedLaptop)],
    ] as const) {
      mkdirSync(join(root, 'contoso-clinic'), { recursive: true });
      mkdirSync(join(root, 'clients', 'lakeside-clinic'), { recursive: true });
      writeFileSync(join(root, 'contoso-clinic', 'report.json'), JSON.stringify(m365));
      writeFileSync(join(root, 'clients', 'lakeside-clinic', 'report.json'), JSON.stringify(googleReport()));
      writeFileSync(join(root, 'summary.json'), JSON.stringify({ not: 'a report' })); // other files are ignored
    }
    expect(await runCli(['diff', older, newer, '--format', 'json'])).toBe(1);
    const diff = JSON.parse(out);
    expect(diff.tenants.map((tenant: { tenant: { name: string } }) => tenant.tenant.name).sort()).toEqual(['Contoso Clinic', 'Lakeside Clinic']);
    expect(diff.tenantsAdded).toEqual([]);
  });

  it('reads only the tenants a sweep folder\'s run finished: a renamed clinic\'s old folder is not read twice', async () => {
    const older = join(dir, 'sweep-manifest-old');
    const newer = join(dir, 'sweep-manifest-new');
    for (const [root, m365] of [
      [older, report()],
      [newer, report(unencryptedLaptop)],
    ] as const) {
      const tenant = { slug: 'contoso', provider: 'm365', id: m365.tenant.id, fingerprint: 'f', status: 'done' };
      mkdirSync(join(root, 'contoso'), { recursive: true });
      writeFileSync(join(root, 'contoso', 'report.json'), JSON.stringify(m365));
      // The same tenant under the name it had before a rename: not in this run's manifest.
      mkdirSync(join(root, 'contoso-old-name'), { recursive: true });
      writeFileSync(join(root, 'contoso-old-name', 'report.json'), JSON.stringify(report()));
      writeFileSync(join(root, 'manifest.json'), JSON.stringify({ schemaVersion: 1, runId: 'r', startedAt: NOW.toISOString(), state: 'complete', tenants: [tenant] }));
    }
    expect(await runCli(['diff', older, newer, '--format', 'json']), err).toBe(1);
    expect(JSON.parse(out).counts.newFailures).toBe(1);
  });

  it('compares a sweep folder with a report file', async () => {
    const folder = join(dir, 'sweep-single');
    mkdirSync(join(folder, 'contoso-clinic'), { recursive: true });
    writeFileSync(join(folder, 'contoso-clinic', 'report.json'), JSON.stringify(report(unencryptedLaptop)));
    expect(await runCli(['diff', folder, write('new.json', report())])).toBe(0);
    expect(out).toContain('FIXED (1)');
  });

  it('exits 2 naming the file when an input is not a report', async () => {
    const snapshot = write('snapshot.json', baselineSnapshot());
    expect(await runCli(['diff', snapshot, write('new.json', report())])).toBe(2);
    expect(err).toContain(snapshot);
    expect(err).toContain('is a snapshot, not a report');
    err = '';
    const broken = write('broken.json', { ...report(), findings: [{ controlId: 'x', status: 'great' }] });
    expect(await runCli(['diff', write('old.json', report()), broken])).toBe(2);
    expect(err).toContain(broken);
    expect(err).toContain('is not a tenant-audit report');
    err = '';
    const garbage = join(dir, 'garbage.json');
    writeFileSync(garbage, '{ not json');
    expect(await runCli(['diff', garbage, write('new.json', report())])).toBe(2);
    expect(err).toContain(garbage);
    err = '';
    expect(await runCli(['diff', join(dir, 'missing.json'), write('new.json', report())])).toBe(2);
    expect(err).toContain('missing.json');
    err = '';
    const empty = join(dir, 'empty-folder');
    mkdirSync(empty);
    expect(await runCli(['diff', empty, write('new.json', report())])).toBe(2);
    expect(err).toContain(`${empty} holds no report.json`);
  });

  it('names the item of an array that is not a report', async () => {
    const file = write('array.json', [report(), { hello: 'world' }]);
    expect(await runCli(['diff', file, write('new.json', report())])).toBe(2);
    expect(err).toContain(`${file} (item 2) is not a tenant-audit report`);
  });
});

describe('--baseline', () => {
  it('on evaluate: a failure the baseline had passes, a new one fails; the report is the same either way', async () => {
    // The CLI evaluates as of now: the snapshot's clock, so that both runs judge the same day.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    try {
      const snapshot = baselineSnapshot();
      unencryptedLaptop(snapshot);
      const snapshotFile = write('snapshot.json', snapshot);
      const args = ['evaluate', snapshotFile, '--break-glass', 'breakglass@contoso-clinic.example', '--format', 'json'];
      expect(await runCli(args)).toBe(1);
      const plain = out;

      out = '';
      expect(await runCli([...args, '--baseline', write('baseline.json', report(unencryptedLaptop))])).toBe(0);
      expect(out).toBe(plain); // the report is the report; only the verdict changes

      out = '';
      expect(await runCli([...args, '--baseline', write('baseline.json', report())])).toBe(1);
      expect(err).toContain('1 control newly failed since the baseline at or above low');
      err = '';
      expect(await runCli([...args, '--baseline', write('baseline.json', report()), '--fail-on', 'critical'])).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('on evaluate: still fails when nothing could be assessed', async () => {
    const snapshot = baselineSnapshot();
    for (const name of Object.keys(snapshot.datasets)) {
      snapshot.datasets[name] = { ok: false, reason: { kind: 'credential', detail: '401 InvalidAuthenticationToken' }, meta: { requests: 1, durationMs: 1 } };
    }
    const nothing = evaluate(snapshot, options);
    expect(await runCli(['evaluate', write('snapshot.json', snapshot), '--baseline', write('baseline.json', nothing)])).toBe(1);
    expect(err).toContain('nothing could be assessed');
  });

  it('exits 2 naming --baseline when it is not a report, before evaluating', async () => {
    const snapshotFile = write('snapshot.json', baselineSnapshot());
    expect(await runCli(['evaluate', snapshotFile, '--baseline', snapshotFile])).toBe(2);
    expect(err).toContain('--baseline');
    expect(err).toContain('is a snapshot, not a report');
    expect(out).toBe('');
  });

  it('on audit: fails only on regressions against the last run', async () => {
    const practice = googleTypicalPractice();
    const keyFile = write('sa.json', simulatedServiceAccountKey(practice));
    const simulator = startSimulator({ google: [practice] });
    try {
      const args = ['audit', 'google', '--key-file', keyFile, '--subject', googleSuperAdmin(practice), '--format', 'json'];
      expect(await runCli(args)).toBe(1); // the typical practice fails controls
      const lastRun = write('last-run.json', JSON.parse(out));
      out = '';
      expect(await runCli([...args, '--baseline', lastRun])).toBe(0);
      // A baseline in which everything passed: every failure of this run is a regression.
      const allPassed = JSON.parse(readFileSync(lastRun, 'utf8'));
      for (const finding of allPassed.findings) finding.status = 'pass';
      out = '';
      expect(await runCli([...args, '--baseline', write('all-passed.json', allPassed)])).toBe(1);
      expect(err).toMatch(/newly failed since the baseline/);
    } finally {
      simulator.close();
    }
  });
});
