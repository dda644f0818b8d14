import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { baselineSnapshot } from '../fixtures/m365-snapshot.js';

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

const dir = mkdtempSync(join(tmpdir(), 'tenant-audit-config-'));
const snapshot = join(dir, 'snapshot.json');
writeFileSync(snapshot, JSON.stringify(baselineSnapshot()));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
interface Finding { controlId: string; status: string; attestation?: { by?: string } }
const findings = (): Finding[] => (JSON.parse(out) as { findings: Finding[] }).findings;
const statusOf = (id: string) => findings().find((finding) => finding.controlId === id)?.status;

const compliantYaml = `
breakGlassAccounts: [breakglass@contoso-clinic.example]
thresholds: { inactiveDays: 100000 }
attestations:
  riskAnalysis:
    date: 2026-04-14
    by: Helen Price, practice manager
`;

describe('--config', () => {
  it('applies a YAML file’s options and attestations to evaluate', async () => {
    const config = file('practice.yaml', compliantYaml);
    await runCli(['evaluate', snapshot, '--config', config, '--format', 'json']);
    expect(err).toBe('');
    const risk = findings().find((finding) => finding.controlId === 'practice.risk-analysis');
    expect(risk?.attestation?.by).toBe('Helen Price, practice manager');
    expect(statusOf('m365.mfa.enforced')).toBe('pass');
    expect(statusOf('m365.accounts.departed-staff')).toBe('pass');

    out = '';
    await runCli(['evaluate', snapshot, '--format', 'json']);
    // Without the file the same snapshot is judged without the break-glass account or the attestation.
    expect(statusOf('m365.mfa.enforced')).not.toBe('pass');
    expect(findings().find((finding) => finding.controlId === 'practice.risk-analysis')?.attestation).toBeUndefined();
  });

  it('reads JSON too, and a flag wins over the same field in the file', async () => {
    const config = file('practice.json', JSON.stringify({ breakGlassAccounts: ['breakglass@contoso-clinic.example'], thresholds: { inactiveDays: 1, idleTimeoutMinutes: 30 } }));
    await runCli(['evaluate', snapshot, '--config', config, '--format', 'json', '--controls', 'm365.accounts.departed-staff']);
    expect(statusOf('m365.accounts.departed-staff')).not.toBe('pass');
    out = '';
    await runCli(['evaluate', snapshot, '--config', config, '--format', 'json', '--controls', 'm365.accounts.departed-staff', '--inactive-days', '100000']);
    expect(statusOf('m365.accounts.departed-staff')).toBe('pass');
  });

  it('exits 2 naming the file and the field when the file is wrong', async () => {
    const config = file('typo.yaml', 'breakGlassAcounts: [a@b.example]\n');
    expect(await runCli(['evaluate', snapshot, '--config', config])).toBe(2);
    expect(err).toContain('typo.yaml');
    expect(err).toContain('breakGlassAcounts');

    err = '';
    const wrongType = file('wrong.yaml', 'thresholds: { inactiveDays: soon }\n');
    expect(await runCli(['evaluate', snapshot, '--config', wrongType])).toBe(2);
    expect(err).toMatch(/wrong\.yaml at thresholds\.inactiveDays/);

    err = '';
    const badDate = file('dates.yaml', 'attestations:\n  riskAnalysis: { date: 2026-13-45, by: Dr A. Patel }\n');
    expect(await runCli(['evaluate', snapshot, '--config', badDate])).toBe(2);
    expect(err).toMatch(/dates\.yaml at attestations\.riskAnalysis\.date.*real calendar date/);
  });

  it('names the file, not a flag the user never typed, for a field only the file set', async () => {
    const config = file('controls.yaml', 'controls: [m365.mfa.enforced, m365.no.such.control]\n');
    expect(await runCli(['evaluate', snapshot, '--config', config])).toBe(2);
    expect(err).toContain('controls.yaml at controls');
    expect(err).toContain('m365.no.such.control');
    expect(err).not.toContain('--controls');

    err = '';
    expect(await runCli(['evaluate', snapshot, '--config', config, '--controls', 'm365.no.other'])).toBe(2);
    expect(err).toContain('--controls');
  });

  it('exits 2 naming a missing or unparsable file before any audit starts', async () => {
    expect(await runCli(['evaluate', snapshot, '--config', join(dir, 'absent.yaml')])).toBe(2);
    expect(err).toContain('absent.yaml');
    err = '';
    expect(await runCli(['evaluate', snapshot, '--config', file('broken.yaml', 'controls: [unclosed\n')])).toBe(2);
    expect(err).toMatch(/broken\.yaml is not valid YAML/);
    err = '';
    // audit reads the file before asking for credentials or touching the network.
    expect(await runCli(['audit', 'm365', '--tenant', 'contoso.onmicrosoft.com', '--config', join(dir, 'absent.yaml')])).toBe(2);
    expect(err).toContain('absent.yaml');
  });
});
