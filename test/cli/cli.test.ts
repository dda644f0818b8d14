import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { controls } from '../../src/engine/catalogue.js';
import { baselineSnapshot } from '../fixtures/m365-snapshot.js';
import { googleSuperAdmin, googleTypicalPractice, simulatedServiceAccountKey, startSimulator, TYPICAL_PRACTICE_ACCOUNTS } from '../../src/testing/index.js';

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

const dir = mkdtempSync(join(tmpdir(), 'tenant-audit-cli-'));
function snapshotFile(change: (snapshot: ReturnType<typeof baselineSnapshot>) => void = () => {}): string {
  const snapshot = baselineSnapshot();
  change(snapshot);
  const file = join(dir, `snapshot-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(snapshot));
  return file;
}
const compliantArgs = ['--break-glass', 'breakglass@contoso-clinic.example'];

describe('tenant-audit CLI', () => {
  it('lists the controls with their HIPAA citations', async () => {
    expect(await runCli(['controls'])).toBe(0);
    expect(out).toContain('m365.mfa.enforced');
    expect(out).toContain('164.312(d)');
    expect(await runCli(['controls', '--format', 'json'])).toBe(0);
  });

  it('prints the Graph application permissions to grant', async () => {
    expect(await runCli(['permissions', 'm365'])).toBe(0);
    for (const permission of ['User.Read.All', 'AuditLog.Read.All', 'Policy.Read.All', 'GroupMember.Read.All', 'RoleManagement.Read.Directory', 'LicenseAssignment.Read.All', 'Organization.Read.All', 'DeviceManagementManagedDevices.Read.All', 'Device.Read.All', 'BitlockerKey.ReadBasic.All']) {
      expect(out).toContain(permission);
    }
    expect(out).toContain('Microsoft Entra ID P1');
  });

  it('re-evaluates a compliant snapshot with exit code 0', async () => {
    // The baseline's clock is fixed; its sign-ins are recent relative to it, so evaluate "as of" then is not possible
    // from the CLI: use a generous inactivity threshold instead.
    expect(await runCli(['evaluate', snapshotFile(), ...compliantArgs, '--inactive-days', '100000'])).toBe(0);
    expect(out).toContain('PASS');
  });

  it('exits 1 when a control fails at or above --fail-on, 0 when the failures are below it', async () => {
    const file = snapshotFile((snapshot) => {
      const devices = snapshot.datasets['m365.managedDevices'] as { data: { devices: { isEncrypted: boolean }[] } };
      devices.data.devices[0]!.isEncrypted = false;
    });
    const args = ['evaluate', file, ...compliantArgs, '--inactive-days', '100000', '--controls', 'm365.devices.encryption'];
    expect(await runCli([...args])).toBe(1);
    expect(await runCli([...args, '--fail-on', 'critical'])).toBe(0);
  });

  it('writes JSON to --output', async () => {
    const output = join(dir, 'report.json');
    expect(await runCli(['evaluate', snapshotFile(), ...compliantArgs, '--inactive-days', '100000', '--format', 'json', '--output', output])).toBe(0);
    expect(out).toBe('');
    const { readFileSync } = await import('node:fs');
    expect(JSON.parse(readFileSync(output, 'utf8')).findings).toHaveLength(controls.filter((control) => control.provider === 'm365' || control.provider === 'any').length);
  });

  it('exits 2 naming the flag when a number is wrong', async () => {
    expect(await runCli(['evaluate', snapshotFile(), '--inactive-days', '-3'])).toBe(2);
    expect(err).toContain('--inactive-days');
  });

  it('exits 2 naming the field of a broken snapshot', async () => {
    const file = snapshotFile((snapshot) => {
      (snapshot as { provider: string }).provider = 'aws';
    });
    expect(await runCli(['evaluate', file])).toBe(2);
    expect(err).toContain('snapshot.provider');
  });

  it('exits 2 when the snapshot file is missing', async () => {
    expect(await runCli(['evaluate', join(dir, 'nope.json')])).toBe(2);
    expect(err).toContain('nope.json');
  });

  it('exits 2 naming --client-id when a secret comes without it, and never prints the secret', async () => {
    const secret = 'CANARY~cli~secret~9931';
    expect(await runCli(['audit', 'm365', '--tenant', 'contoso.onmicrosoft.com', '--client-secret', secret])).toBe(2);
    expect(err).toContain('--client-id');
    expect(out + err).not.toContain(secret);
  });

  it('exits 2 naming the tenant when it is not a tenant id or domain', async () => {
    expect(await runCli(['audit', 'm365', '--tenant', 'not a tenant', '--client-id', 'x', '--client-secret', 'y-secret-value'])).toBe(2);
    expect(err).toContain('--tenant');
  });

  it('exits 1 when nothing could be assessed, so a broken credential never passes a gate', async () => {
    const file = snapshotFile((snapshot) => {
      for (const name of Object.keys(snapshot.datasets)) {
        snapshot.datasets[name] = { ok: false, reason: { kind: 'permission', detail: '401 InvalidAuthenticationToken' }, meta: { requests: 1, durationMs: 1 } };
      }
    });
    expect(await runCli(['evaluate', file, '--fail-on', 'critical'])).toBe(1);
    expect(err).toContain('nothing could be assessed');
  });

  it('exits 2 naming --output when the report cannot be written', async () => {
    expect(await runCli(['evaluate', snapshotFile(), '--output', join(dir, 'no-such-folder', 'r.json')])).toBe(2);
    expect(err).toContain('--output');
  });

  it('exits 2 naming the controls that belong to the other cloud', async () => {
    expect(await runCli(['evaluate', snapshotFile(), '--controls', 'google.mfa.enforced'])).toBe(2);
    expect(err).toContain('google.mfa.enforced');
  });

  it('exits 2 on an unknown command', async () => {
    expect(await runCli(['audti'])).toBe(2);
  });

  it('runs the demo through the simulator and prints the four practices as JSON', async () => {
    expect(await runCli(['demo', '--format', 'json'])).toBe(0);
    const reports = JSON.parse(out) as { provider: string; summary: { fail: number } }[];
    expect(reports.map((report) => report.provider)).toEqual(['m365', 'm365', 'google-workspace', 'google-workspace']);
    expect(reports[0]!.summary.fail).toBe(0);
    expect(reports[1]!.summary.fail).toBeGreaterThan(3);
    expect(reports[2]!.summary.fail).toBe(0);
    expect(reports[3]!.summary.fail).toBeGreaterThan(3);
    // The typical practice's device gap: beyond Intune's unencrypted laptop, a joined laptop Intune never saw.
    const devices = (reports[1] as unknown as { findings: { controlId: string; status: string; evidence: { affected: { name?: string; detail?: string }[] } }[] }).findings.find(
      (finding) => finding.controlId === 'm365.devices.encryption',
    )!;
    expect(devices.status).toBe('fail');
    expect(devices.evidence.affected.map((item) => item.name)).toEqual(
      expect.arrayContaining([TYPICAL_PRACTICE_ACCOUNTS.unencryptedDevice, TYPICAL_PRACTICE_ACCOUNTS.unmanagedJoinedDevice, TYPICAL_PRACTICE_ACCOUNTS.staleDevice]),
    );
  });

  it('audits a Google Workspace customer with a key file, never printing the key', async () => {
    const practice = googleTypicalPractice();
    const key = { ...simulatedServiceAccountKey(practice) };
    const keyFile = join(dir, 'sa.json');
    writeFileSync(keyFile, JSON.stringify(key));
    const simulator = startSimulator({ google: [practice] });
    try {
      const code = await runCli(['audit', 'google', '--key-file', keyFile, '--subject', googleSuperAdmin(practice), '--format', 'json']);
      expect(code).toBe(1); // the typical practice fails controls
      const report = JSON.parse(out) as { provider: string; summary: { total: number; not_assessed: number } };
      expect(report.provider).toBe('google-workspace');
      expect(report.summary.total).toBe(controls.filter((control) => control.provider === 'google-workspace' || control.provider === 'any').length);
      expect(out + err).not.toContain(key.private_key.split('\n')[1]!);
    } finally {
      simulator.close();
    }
  });

  it('exits 2 naming --key-file when no Google credential is given', async () => {
    const saved = process.env.GOOGLE_APPLICATION_CREDENTIALS;
    delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    try {
      expect(await runCli(['audit', 'google', '--subject', 'admin@practice.example'])).toBe(2);
      expect(err).toContain('--key-file');
    } finally {
      if (saved !== undefined) process.env.GOOGLE_APPLICATION_CREDENTIALS = saved;
    }
  });

  it('prints the Google scopes for domain-wide delegation', async () => {
    expect(await runCli(['permissions', 'google'])).toBe(0);
    expect(out).toContain('https://www.googleapis.com/auth/cloud-identity.policies.readonly');
    expect(out).toContain('https://www.googleapis.com/auth/admin.directory.user.readonly');
  });
});
