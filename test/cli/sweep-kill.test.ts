/**
 * `tenant-audit sweep` stopped midway, by Ctrl-C (SIGINT) or killed outright (SIGKILL), leaves only
 * whole files, and `--resume` finishes the run: every tenant reported once, nothing redone.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunManifest, type RunManifest } from '../../src/sweep/directory.js';
import type { PortfolioSummary } from '../../src/sweep/portfolio.js';

const CHILD = join(import.meta.dirname, '../fixtures/children/sweep-cli.ts');

/** Runs the child; `stopWhen` sees stderr so far and returns the signal to send, once. */
function runChild(folder: string, flags: string[], stopWhen?: (stderr: string) => NodeJS.Signals | undefined): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, folder, ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const signal = sent ? undefined : stopWhen?.(stderr);
      if (signal) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' });
}

describe('a sweep stopped midway', () => {
  it('Ctrl-C: exits 130 with the finished tenants kept and an interrupted manifest; --resume finishes without redoing them', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tenant-audit-sigint-'));
    const stopped = await runChild(folder, [], (stderr) => (/\[2\/6\]/.test(stderr) ? 'SIGINT' : undefined));
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toContain('run again with --resume');
    const manifest = JSON.parse(readFileSync(join(folder, 'out', 'manifest.json'), 'utf8')) as RunManifest;
    expect(manifest.state).toBe('interrupted');
    const finished = manifest.tenants.filter((tenant) => tenant.status === 'done').map((tenant) => tenant.slug);
    expect(finished.length).toBeGreaterThanOrEqual(2);
    expect(finished.length).toBeLessThan(6);
    expect(filesUnder(join(folder, 'out')).filter((file) => file.endsWith('.tmp'))).toEqual([]);

    const resumed = await runChild(folder, ['--resume', '--format', 'json']);
    expect([0, 1], resumed.stderr).toContain(resumed.code);
    expect((resumed.stderr.match(/already done/g) ?? []).length).toBe(finished.length);
    const summary = JSON.parse(resumed.stdout) as PortfolioSummary;
    expect(summary.run.id).toBe(manifest.runId);
    expect(summary.totals).toMatchObject({ tenants: 6, audited: 6, couldNotAudit: 0 });
  }, 120_000);

  it('killed outright: no half-written file is ever taken for a report, and --resume finishes the run', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tenant-audit-sigkill-'));
    const killed = await runChild(folder, [], (stderr) => (/\[3\/6\]/.test(stderr) ? 'SIGKILL' : undefined));
    expect(killed.signal).toBe('SIGKILL');
    // The manifest as written when the run started, with the journal of finished tenants applied.
    const manifest = (await readRunManifest(join(folder, 'out')))!;
    expect(manifest.state).toBe('running');
    expect(manifest.tenants.filter((tenant) => tenant.status === 'done').length).toBeGreaterThanOrEqual(2);
    // Every report on disk is whole JSON.
    for (const file of filesUnder(join(folder, 'out')).filter((name) => name.endsWith('report.json'))) {
      expect(() => JSON.parse(readFileSync(join(folder, 'out', file), 'utf8'))).not.toThrow();
    }

    const resumed = await runChild(folder, ['--resume', '--format', 'json']);
    expect([0, 1], resumed.stderr).toContain(resumed.code);
    const summary = JSON.parse(resumed.stdout) as PortfolioSummary;
    expect(summary.totals).toMatchObject({ tenants: 6, audited: 6, couldNotAudit: 0 });
    expect((resumed.stderr.match(/already done/g) ?? []).length).toBe(manifest.tenants.filter((tenant) => tenant.status === 'done').length);
    const files = filesUnder(join(folder, 'out'));
    expect(files.filter((file) => file.endsWith('.tmp'))).toEqual([]);
    expect(files.filter((file) => file.endsWith('report.json'))).toHaveLength(6);
  }, 120_000);
});
