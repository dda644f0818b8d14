/**
 * A sweep streamed to a folder (what `tenant-audit sweep --out DIR` runs): a report and snapshot
 * per tenant written whole, the manifest, the portfolio, and a run stopped midway finished by
 * `resume` without losing or redoing a tenant.
 */
import { ClientSecretCredential } from '@azure/identity';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/core/model.js';
import { readRunManifest, sweepToDirectory, type DirectorySweepProgress, type RunManifest } from '../../src/sweep/directory.js';
import type { PortfolioSummary } from '../../src/sweep/portfolio.js';
import type { SweepTarget } from '../../src/sweep/sweep.js';
import { compliantPractice, largeTenant, simulatedApp, simulatedClientSecret, typicalPractice, type M365TenantModel } from '../../src/testing/index.js';
import { NOW, simulatorPerTest } from '../fixtures/simulator-per-test.js';

const simulator = simulatorPerTest();
const msp = largeTenant(3, { now: NOW, tenantKey: 'dir-msp', displayName: 'Directory MSP' });
const app = simulatedApp({ homeTenantId: msp.tenantId, multiTenant: true, displayName: 'Directory MSP auditor' });
const secret = simulatedClientSecret(app, NOW.getTime());
const clinics: M365TenantModel[] = [
  compliantPractice({ now: NOW }),
  typicalPractice({ now: NOW }),
  largeTenant(7, { now: NOW, tenantKey: 'dir-a', displayName: 'Alder Clinic' }),
  largeTenant(11, { now: NOW, tenantKey: 'dir-b', displayName: 'Beech Clinic' }),
];
const unconsented: M365TenantModel = { ...largeTenant(5, { now: NOW, tenantKey: 'dir-c', displayName: 'Cypress Clinic' }), servicePrincipals: [] };

function targets(models: M365TenantModel[]): SweepTarget[] {
  const credential = new ClientSecretCredential(msp.tenantId, app.appId, secret, { additionallyAllowedTenants: ['*'] });
  return models.map((model) => ({ provider: 'm365', tenantId: model.tenantId, credential, name: model.displayName }));
}

/** Every file under a folder, relative to it. */
function filesUnder(folder: string, prefix = ''): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(folder, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

const json = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

describe('a sweep into a folder', () => {
  it('writes each tenant’s report and snapshot, the manifest and the portfolio, with no temporary file and no secret', async () => {
    simulator.serve({ m365: [msp, ...clinics, unconsented], entra: { apps: [app] } });
    const out = mkdtempSync(join(tmpdir(), 'tenant-audit-dir-'));
    const progress: DirectorySweepProgress[] = [];
    const outcome = await sweepToDirectory(targets([...clinics, unconsented]), { out, now: NOW, concurrency: 3, onTenantDone: (update) => progress.push(update) });

    expect(outcome.interrupted).toBe(false);
    const files = filesUnder(out).sort();
    expect(files.filter((file) => file.endsWith('.tmp'))).toEqual([]);
    expect(files).toEqual(
      [
        'manifest.json',
        'summary.html',
        'summary.json',
        ...['alder-clinic', 'beech-clinic', 'harbour-view-medical-practice', 'riverside-family-clinic'].flatMap((slug) => [`${slug}/report.json`, `${slug}/snapshot.json`]),
      ].sort(),
    );
    for (const file of files) expect(readFileSync(join(out, file), 'utf8'), file).not.toContain(secret);

    // Each report is its own tenant's.
    for (const model of clinics) {
      const slug = outcome.manifest.tenants.find((tenant) => tenant.id === model.tenantId)!.slug;
      expect(json<AuditReport>(join(out, slug, 'report.json')).tenant.id).toBe(model.tenantId);
    }
    const summary = json<PortfolioSummary>(join(out, 'summary.json'));
    expect(summary.totals).toEqual({ tenants: 5, audited: 4, couldNotAudit: 1, failingGate: expect.any(Number) });
    const failed = summary.tenants.find((row) => !row.ok)!;
    expect(failed).toMatchObject({ id: unconsented.tenantId, ok: false, failure: { kind: 'not_consented', consentUrl: `https://login.microsoftonline.com/${unconsented.tenantId}/adminconsent?client_id=${app.appId}` } });
    const riverside = summary.tenants.find((row) => row.name === 'Riverside Family Clinic')!;
    expect(riverside.ok && riverside.gate).toBe('failed');
    expect(riverside.ok && riverside.cells['m365.mfa.enforced']).toBe('fail');

    const html = readFileSync(join(out, 'summary.html'), 'utf8');
    expect(html).toContain('href="riverside-family-clinic/report.json"');
    // Self-contained like the per-clinic page: no script, no request of any kind.
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(html).not.toMatch(/<script|<link|src=/);
    expect(html).toContain(`https://login.microsoftonline.com/${unconsented.tenantId}/adminconsent?client_id=${app.appId}`);
    // Worst first: the clinic that could not be audited, then the typical practice, the compliant one last.
    const order = ['Cypress Clinic', 'Riverside Family Clinic', 'Harbour View Medical Practice'].map((name) => html.indexOf(`<td class="clinic">${name}`));
    expect(order).toEqual([...order].sort((a, b) => a - b));

    expect(progress.map((update) => update.done)).toEqual([1, 2, 3, 4, 5]);
    expect(progress.at(-1)).toMatchObject({ total: 5, failures: 1, skipped: 0 });
  });

  it('stopped midway, leaves only whole files and a resumable manifest; resume finishes the rest without redoing a tenant', async () => {
    simulator.serve({ m365: [msp, ...clinics], entra: { apps: [app] } });
    const out = mkdtempSync(join(tmpdir(), 'tenant-audit-resume-'));
    const controller = new AbortController();
    const stopped = await sweepToDirectory(targets(clinics), {
      out,
      now: NOW,
      concurrency: 1,
      signal: controller.signal,
      onTenantDone: (update) => {
        if (update.done === 2) controller.abort();
      },
    });
    expect(stopped.interrupted).toBe(true);
    expect(stopped.summary).toBeUndefined();
    const manifest = json<RunManifest>(join(out, 'manifest.json'));
    expect(manifest.state).toBe('interrupted');
    expect(manifest.tenants.map((tenant) => tenant.status)).toEqual(['done', 'done', 'pending', 'pending']);
    const files = filesUnder(out);
    expect(files.filter((file) => file.endsWith('.tmp'))).toEqual([]);
    expect(files).not.toContain('summary.json');
    expect(existsSync(join(out, manifest.tenants[2]!.slug))).toBe(false);
    const firstWritten = statSync(join(out, manifest.tenants[0]!.slug, 'report.json')).mtimeMs;

    const progress: DirectorySweepProgress[] = [];
    const resumed = await sweepToDirectory(targets(clinics), { out, now: NOW, concurrency: 2, resume: true, onTenantDone: (update) => progress.push(update) });
    expect(resumed.interrupted).toBe(false);
    expect(resumed.manifest.runId).toBe(manifest.runId);
    expect(progress.filter((update) => update.tenant.skipped).map((update) => update.tenant.slug)).toEqual(manifest.tenants.slice(0, 2).map((tenant) => tenant.slug));
    expect(progress.filter((update) => !update.tenant.skipped)).toHaveLength(2);
    expect(statSync(join(out, manifest.tenants[0]!.slug, 'report.json')).mtimeMs).toBe(firstWritten);
    expect(resumed.summary!.totals).toMatchObject({ tenants: 4, audited: 4, couldNotAudit: 0 });
    expect(json<RunManifest>(join(out, 'manifest.json')).state).toBe('complete');
  });

  it('reads a killed run’s journal of finished tenants, ignoring a last line the kill cut short', async () => {
    simulator.serve({ m365: [msp, ...clinics.slice(0, 2)], entra: { apps: [app] } });
    const out = mkdtempSync(join(tmpdir(), 'tenant-audit-journal-'));
    const controller = new AbortController();
    await sweepToDirectory(targets(clinics.slice(0, 2)), { out, now: NOW, concurrency: 1, signal: controller.signal, onTenantDone: () => controller.abort() });
    const stopped = (await readRunManifest(out))!;
    expect(stopped.tenants.map((tenant) => tenant.status)).toEqual(['done', 'pending']);
    // As a kill would leave it: the manifest of the run's start, a whole line, and half of another.
    const first = stopped.tenants[0]!;
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ ...stopped, state: 'running', tenants: stopped.tenants.map((tenant) => ({ ...tenant, status: 'pending' })) }));
    writeFileSync(join(out, 'progress.jsonl'), `${JSON.stringify({ slug: first.slug, fingerprint: first.fingerprint, status: 'done' })}\n{"slug":"${stopped.tenants[1]!.slug}","fing`);
    expect((await readRunManifest(out))!.tenants.map((tenant) => tenant.status)).toEqual(['done', 'pending']);
    const progress: DirectorySweepProgress[] = [];
    await sweepToDirectory(targets(clinics.slice(0, 2)), { out, now: NOW, resume: true, onTenantDone: (update) => progress.push(update) });
    expect(progress.map((update) => update.tenant.skipped === true)).toEqual([true, false]);
    expect(existsSync(join(out, 'progress.jsonl'))).toBe(false);
  });

  it('redoes, on resume, a tenant whose options changed since it was audited', async () => {
    simulator.serve({ m365: [msp, ...clinics.slice(0, 2)], entra: { apps: [app] } });
    const out = mkdtempSync(join(tmpdir(), 'tenant-audit-changed-'));
    await sweepToDirectory(targets(clinics.slice(0, 2)), { out, now: NOW });
    const changed = targets(clinics.slice(0, 2));
    changed[1] = { ...changed[1]!, options: { thresholds: { inactiveDays: 30 } } };
    const progress: DirectorySweepProgress[] = [];
    await sweepToDirectory(changed, { out, now: NOW, resume: true, onTenantDone: (update) => progress.push(update) });
    expect(progress.map((update) => [update.tenant.name, update.tenant.skipped === true])).toEqual([
      ['Harbour View Medical Practice', true],
      ['Riverside Family Clinic', false],
    ]);
  });

  it('a new run in the same folder says which clinics regressed since the last finished sweep', async () => {
    simulator.serve({ m365: [msp, ...clinics.slice(0, 2)], entra: { apps: [app] } });
    const out = mkdtempSync(join(tmpdir(), 'tenant-audit-regressed-'));
    const first = await sweepToDirectory(targets(clinics.slice(0, 2)), { out, now: NOW });
    expect(first.summary!.regressions).toBeUndefined();
    // Tonight Harbour View is judged stricter: accounts idle for a day count as departed.
    const tonight = targets(clinics.slice(0, 2));
    tonight[0] = { ...tonight[0]!, options: { thresholds: { inactiveDays: 1 } } };
    const second = await sweepToDirectory(tonight, { out, now: NOW });
    const regressions = second.summary!.regressions!;
    expect(regressions.previousRun.id).toBe(first.manifest.runId);
    expect(regressions.compared).toBe(2);
    expect(regressions.tenants.map((tenant) => tenant.name)).toEqual(['Harbour View Medical Practice']);
    const harbour = first.summary!.tenants[0]!;
    for (const control of regressions.tenants[0]!.controls) {
      expect(harbour.ok && harbour.cells[control.controlId]).toBe(control.was);
      expect(control.was).not.toBe('fail');
    }
    expect(regressions.tenants[0]!.controls.length).toBeGreaterThan(0);
    expect(json<PortfolioSummary>(join(out, 'previous-summary.json')).run.id).toBe(first.manifest.runId);
    expect(readFileSync(join(out, 'summary.html'), 'utf8')).toContain('Regressed since the previous sweep');
  });

  it('writes a readable report beside each JSON one when asked, also for tenants a resumed run skips', async () => {
    simulator.serve({ m365: [msp, ...clinics.slice(0, 2)], entra: { apps: [app] } });
    const out = mkdtempSync(join(tmpdir(), 'tenant-audit-readable-'));
    await sweepToDirectory(targets(clinics.slice(0, 2)), { out, now: NOW });
    const readableReport = { file: 'report.txt', format: (report: AuditReport) => `${report.tenant.id}: ${report.summary.fail} failed\n` };
    const resumed = await sweepToDirectory(targets(clinics.slice(0, 2)), { out, now: NOW, resume: true, readableReport });
    for (const row of resumed.summary!.tenants) {
      expect(row.ok && row.readable).toBe(`${row.slug}/report.txt`);
      expect(readFileSync(join(out, row.slug, 'report.txt'), 'utf8')).toMatch(new RegExp(`^${row.id}: \\d+ failed`));
    }
    await expect(sweepToDirectory(targets(clinics.slice(0, 1)), { out, readableReport: { file: '../escape.txt', format: () => '' } })).rejects.toThrow(/readableReport\.file/);
  });

  it('a tenant whose report cannot be written fails alone; the others are written', async () => {
    simulator.serve({ m365: [msp, ...clinics.slice(0, 2)], entra: { apps: [app] } });
    const out = mkdtempSync(join(tmpdir(), 'tenant-audit-write-fault-'));
    const broken = clinics[0]!.tenantId;
    const readableReport = {
      file: 'report.txt',
      format: (report: AuditReport) => {
        if (report.tenant.id === broken) throw new Error('disk full');
        return 'ok\n';
      },
    };
    const outcome = await sweepToDirectory(targets(clinics.slice(0, 2)), { out, now: NOW, readableReport });
    const rows = outcome.summary!.tenants;
    expect(rows.find((row) => row.id === broken)).toMatchObject({ ok: false, failure: { message: expect.stringContaining('disk full') } });
    const other = rows.find((row) => row.id !== broken)!;
    expect(other.ok).toBe(true);
    expect(readFileSync(join(out, other.slug, 'report.txt'), 'utf8')).toBe('ok\n');
    expect(() => readFileSync(join(out, rows.find((row) => row.id === broken)!.slug, 'snapshot.json'))).toThrow();
  });

  it('refuses to resume a folder that holds no run', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tenant-audit-empty-'));
    await expect(sweepToDirectory(targets(clinics), { out, resume: true })).rejects.toThrow(/Nothing to resume in .*manifest\.json/);
  });
});
