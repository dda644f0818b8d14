import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src/cli/main.js';
import { controls, requiredPermissions } from '../../../src/index.js';
import { DOMAIN_WIDE_DELEGATION_PATH, GOOGLE_WORKSPACE_SCOPE_LIST } from '../../../src/providers/google/scopes.js';
import { googleCollectors } from '../../../src/providers/google/collectors.js';

let out = '';
beforeEach(() => {
  out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

describe('Google permissions', () => {
  it('every collector declares its scope, and together they are exactly the scopes tenant-audit asks for', () => {
    for (const collector of Object.values(googleCollectors)) {
      expect(collector.requirements.some((requirement) => requirement.kind === 'google-scope')).toBe(true);
    }
    const scopes = requiredPermissions('google-workspace').map((requirement) => requirement.name);
    expect(new Set(scopes)).toEqual(new Set(GOOGLE_WORKSPACE_SCOPE_LIST));
    expect(requiredPermissions('google-workspace').every((requirement) => requirement.kind === 'google-scope')).toBe(true);
  });

  it('the Cloud Identity devices and inbound SSO scopes are listed and charged to the controls that read them', () => {
    const names = requiredPermissions('google').map((requirement) => requirement.name);
    expect(names).toContain('https://www.googleapis.com/auth/cloud-identity.devices.readonly');
    expect(names).toContain('https://www.googleapis.com/auth/cloud-identity.inboundsso.readonly');
    const devices = controls.find((control) => control.id === 'google.devices.encryption')!;
    expect(devices.requirements).toContainEqual(expect.objectContaining({ name: 'https://www.googleapis.com/auth/cloud-identity.devices.readonly' }));
    expect(devices.requirements.find((r) => r.name.endsWith('cloud-identity.devices.readonly'))?.optional).toBeUndefined();
    const mfa = controls.find((control) => control.id === 'google.mfa.enforced')!;
    expect(mfa.requirements.find((r) => r.name.endsWith('cloud-identity.inboundsso.readonly'))?.optional).toBe(true);
    // Gmail DLP needs the licences only when no rule exists.
    const dlp = controls.find((control) => control.id === 'google.email.dlp')!;
    expect(dlp.requirements.find((r) => r.name.endsWith('apps.licensing'))?.optional).toBe(true);
  });

  it('the Policy API requirement says the subject must be a super administrator', () => {
    expect(googleCollectors['google.policies'].requirements[0]!.purpose).toMatch(/super administrator/);
  });

  it('`tenant-audit permissions google` prints the scopes, a comma-separated line for the delegation screen and the set-up', async () => {
    expect(await runCli(['permissions', 'google'])).toBe(0);
    for (const scope of GOOGLE_WORKSPACE_SCOPE_LIST) expect(out).toMatch(new RegExp(`^  ${scope.replaceAll('.', '\\.')}( \\(optional\\))?: `, 'm'));
    // Only the SSO scope is needed by optional evidence alone; each purpose is said once.
    expect(out).toContain('cloud-identity.inboundsso.readonly (optional): ');
    const licensing = out.split('\n').find((line) => line.includes('apps.licensing:'))!;
    expect(licensing.match(/list licence assignments/g)).toHaveLength(1);
    const lines = out.split('\n');
    const commaLine = lines[lines.findIndex((line) => line.startsWith('Scopes, comma-separated')) + 1]!.trim();
    expect(new Set(commaLine.split(','))).toEqual(new Set(GOOGLE_WORKSPACE_SCOPE_LIST));
    const setUp = lines.filter((line) => line.startsWith('Set-up: '));
    expect(setUp).toHaveLength(1);
    expect(setUp[0]).toContain(DOMAIN_WIDE_DELEGATION_PATH);
    expect(setUp[0]).toContain('super administrator');
    expect(out).toContain('Service Account Token Creator');
  });
});
