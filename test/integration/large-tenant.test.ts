import { describe, expect, it } from 'vitest';
import { audit, controls } from '../../src/index.js';
import { CONSENT_READ_PERMISSION, largeTenant, simulatedCredential } from '../../src/testing/index.js';
import { NOW, simulatorPerTest } from '../fixtures/simulator-per-test.js';

const simulators = simulatorPerTest();

async function auditLarge(users: number) {
  const tenant = largeTenant(users, { now: NOW });
  // Every grant `tenant-audit permissions m365` lists, the optional evidence's included.
  tenant.grantedPermissions = [...tenant.grantedPermissions, CONSENT_READ_PERMISSION];
  const simulator = simulators.serve({ m365: [tenant] });
  const report = await audit({ provider: 'm365', tenantId: tenant.tenantId, credential: simulatedCredential(tenant) }, { now: NOW });
  const log = simulator.requests;
  simulators.stop();
  return { tenant, report, log };
}

describe('a large tenant', () => {
  it('is read with requests that grow with pages, not users', async () => {
    const small = await auditLarge(1_000);
    const large = await auditLarge(10_000);

    // Users come in pages of up to 999 (Graph's documented cap is 120 with signInActivity selected).
    const userPages = large.log.count({ path: '/users' });
    expect(userPages).toBeGreaterThanOrEqual(Math.ceil(10_000 / 999));
    expect(userPages).toBeLessThanOrEqual(Math.ceil(10_000 / 120));
    expect(large.report.datasets['m365.users']?.requests).toBe(userPages);

    // No request names a user: nothing is fetched per user.
    const userIds = new Set(large.tenant.users.map((user) => user.id.toLowerCase()));
    const perUser = large.log.entries.filter((entry) => entry.path.toLowerCase().split('/').some((segment) => userIds.has(segment)));
    expect(perUser).toEqual([]);

    // Devices and BitLocker keys too: one list each, in pages (999 devices, 100 keys), never a request per device.
    const devices = large.tenant.devices!;
    const keys = large.tenant.bitlockerRecoveryKeys!;
    expect(devices.length).toBeGreaterThan(5_000);
    expect(large.log.count({ path: '/devices' })).toBe(Math.ceil(devices.length / 999));
    expect(large.log.count({ path: '/informationProtection/bitlocker/recoveryKeys' })).toBe(Math.ceil(keys.length / 100));
    const deviceIds = new Set(devices.flatMap((device) => [device.id.toLowerCase(), device.deviceId.toLowerCase()]));
    expect(large.log.entries.filter((entry) => entry.path.toLowerCase().split('/').some((segment) => deviceIds.has(segment)))).toEqual([]);

    // Ten times the users costs only the extra pages: far fewer requests than users.
    expect(large.log.count()).toBeLessThan(small.log.count() + 150);
    expect(large.log.count()).toBeLessThan(10_000 / 50);
    expect(large.report.findings).toHaveLength(controls.filter((control) => control.provider === 'm365' || control.provider === 'any').length);
    expect(large.report.summary.error).toBe(0);
    const failed = Object.entries(large.report.datasets).filter(([, dataset]) => !dataset.ok).map(([name, dataset]) => `${name}: ${dataset.reason?.detail}`);
    // Only the optional training evidence is missing: this tenant has no Defender for Office 365 Plan 2.
    expect(failed).toEqual([expect.stringMatching(/^m365\.trainingCoverage: the tenant has no Microsoft Defender for Office 365 Plan 2/)]);
  });
});
