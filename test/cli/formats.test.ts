import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { tenantSlug, writeReports } from '../../src/cli/output.js';
import { baselineSnapshot } from '../fixtures/m365-snapshot.js';
import { reportOf } from '../fixtures/reports.js';

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

const root = mkdtempSync(join(tmpdir(), 'tenant-audit-formats-'));
const snapshot = join(root, 'snapshot.json');
writeFileSync(snapshot, JSON.stringify(baselineSnapshot()));
let folders = 0;
const folder = () => join(root, `out-${++folders}`);

// A repository with the practice's configuration file in a sub-folder; the risk analysis answer is
// more than a year old, so the finding that rests on it is a gap (a SARIF result).
const CONFIG = `# the practice's answers
breakGlassAccounts: [breakglass@contoso-clinic.example]
attestations:
  securityTraining: { date: 2026-09-01, coverage: 100, by: Office manager }
  riskAnalysis:
    date: 2024-01-10
    by: Helen Price, practice manager
`;

describe('--format and --output-dir', () => {
  it('writes one file per format into --output-dir', async () => {
    const dir = folder();
    expect(await runCli(['evaluate', snapshot, '--format', 'html,sarif,csv,junit,markdown', '--output-dir', dir])).not.toBe(2);
    expect(err).toBe('');
    expect(out).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['report.csv', 'report.html', 'report.md', 'report.sarif', 'report.xml']);
    expect((JSON.parse(readFileSync(join(dir, 'report.sarif'), 'utf8')) as Log).runs).toHaveLength(1);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(readFileSync(join(dir, 'report.xml'), 'utf8')).toMatch(/^<\?xml/);
  });

  it('needs --output-dir for several formats, naming both flags (exit 2), and writes nothing', async () => {
    const file = join(root, 'single.html');
    expect(await runCli(['evaluate', snapshot, '--format', 'html,sarif', '--output', file])).toBe(2);
    expect(err).toMatch(/--output/);
    err = '';
    expect(await runCli(['evaluate', snapshot, '--format', 'html,sarif'])).toBe(2);
    expect(err).toContain('--format html,sarif');
    expect(err).toContain('--output-dir');
    expect(out).toBe('');
    expect(existsSync(file)).toBe(false);
  });

  it('refuses --output with --output-dir, an --output-dir that is a file, and an unknown format', async () => {
    expect(await runCli(['evaluate', snapshot, '--format', 'html', '--output', join(root, 'x.html'), '--output-dir', folder()])).toBe(2);
    expect(err).toContain('--output-dir');
    err = '';
    expect(await runCli(['evaluate', snapshot, '--format', 'html', '--output-dir', snapshot])).toBe(2);
    expect(err).toContain(`--output-dir ${snapshot}: it is a file`);
    err = '';
    expect(await runCli(['evaluate', snapshot, '--format', 'html,pdf', '--output-dir', folder()])).toBe(2);
    expect(err).toContain('unknown format pdf');
  });

  it('still prints one format to standard output, or writes it to --output', async () => {
    await runCli(['evaluate', snapshot, '--format', 'csv']);
    expect(out.split('\r\n')[0]).toMatch(/^tenant_id,tenant_name,provider,control_id/);
    out = '';
    const file = join(root, 'one.md');
    await runCli(['evaluate', snapshot, '--format', 'markdown', '--output', file, '--detail', 'full']);
    expect(out).toBe('');
    expect(readFileSync(file, 'utf8')).toContain('_Full detail:');
    await runCli(['evaluate', snapshot, '--format', 'markdown']);
    expect(out).toContain('_Counts only:');
  });

  it('points SARIF results at the --config file, relative to its repository, at the line of the answer', async () => {
    const repo = join(root, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(repo, 'audit'), { recursive: true });
    const config = join(repo, 'audit', 'practice.config.yaml');
    writeFileSync(config, CONFIG);
    const sarif = join(root, 'config.sarif');
    await runCli(['evaluate', snapshot, '--config', config, '--format', 'sarif', '--output', sarif]);
    expect(err).toBe('');
    const results = (JSON.parse(readFileSync(sarif, 'utf8')) as Log).runs[0]!.results!;
    expect(results.length).toBeGreaterThan(1);
    for (const result of results) expect(result.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('audit/practice.config.yaml');
    const risk = results.find((result) => result.ruleId === 'practice.risk-analysis')!;
    expect(risk.locations![0]!.physicalLocation!.region!.startLine).toBe(5);
    expect(CONFIG.split('\n')[4]).toBe('  riskAnalysis:');

    // Outside any repository there is nothing in the user's repository to point at.
    const loose = join(root, 'loose.yaml');
    writeFileSync(loose, CONFIG);
    await runCli(['evaluate', snapshot, '--config', loose, '--format', 'sarif', '--output', sarif]);
    const uris = (JSON.parse(readFileSync(sarif, 'utf8')) as Log).runs[0]!.results!.map((result) => result.locations![0]!.physicalLocation!.artifactLocation!.uri);
    expect(uris.every((uri) => uri!.startsWith('tenants/'))).toBe(true);
  });

  it('writes one file per tenant and format for the demo’s several practices', async () => {
    const dir = folder();
    expect(await runCli(['demo', '--format', 'csv,junit', '--output-dir', dir])).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(
      ['cedar-creek-pediatrics', 'harbour-view-medical-practice', 'maple-street-family-medicine', 'riverside-family-clinic'].flatMap((stem) => [`${stem}.csv`, `${stem}.xml`]),
    );
    expect(readFileSync(join(dir, 'riverside-family-clinic.csv'), 'utf8')).toContain('Riverside Family Clinic');
    expect(readFileSync(join(dir, 'riverside-family-clinic.csv'), 'utf8')).not.toContain('Harbour View');
  }, 60_000);

  it('keeps two tenants of the same name in two files', async () => {
    const dir = folder();
    const written = await writeReports([reportOf({ id: 'a.example', name: 'Main St Clinic' }), reportOf({ id: 'b.example', name: 'Main St Clinic' })], { formats: ['csv'], outputDir: dir });
    expect(written).toEqual([join(dir, 'main-st-clinic.csv'), join(dir, 'main-st-clinic-2.csv')]);
    expect(readFileSync(written[1]!, 'utf8')).toContain('b.example');
  });

  it('names tenant files after the practice, or its id', () => {
    expect(tenantSlug(reportOf({ id: 'x', name: 'Dr. Müller & Söhne — Clinic!' }))).toBe('dr-muller-sohne-clinic');
    expect(tenantSlug(reportOf({ id: 'Contoso.onmicrosoft.com' }))).toBe('contoso-onmicrosoft-com');
    expect(tenantSlug(reportOf({ id: '***' }))).toBe('tenant');
  });
});
