import { describe, expect, it } from 'vitest';
import { devicesEncryption } from '../../../src/controls/m365/devices-encryption.js';
import { baselineData } from '../../fixtures/m365-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

// Tests put a failed result where baselineData() types the dataset's data; runControl accepts both.
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

function withDevice(id: string, isEncrypted: boolean | null | undefined) {
  const data = baselineData();
  const device = data['m365.managedDevices'].devices.find((d) => d.id === id)!;
  if (isEncrypted === undefined) delete device.isEncrypted;
  else device.isEncrypted = isEncrypted;
  return data;
}

describe('m365.devices.encryption', () => {
  it('passes when every managed device reports encryption', () => {
    const finding = runControl(devicesEncryption, baselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe('All 3 managed devices report their storage encrypted.');
    expect(finding.evidence).toMatchObject({ total: 3, encrypted: 3, notEncrypted: 0, encryptionUnknown: 0 });
  });

  it('an unencrypted device fails', () => {
    const finding = runControl(devicesEncryption, withDevice('dev-2', false));
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected).toEqual([
      { type: 'device', id: 'dev-2', name: 'EXAM-LAPTOP-02', detail: 'not encrypted (Windows, used by dr.lee@contoso-clinic.example)' },
    ]);
    expect(finding.summary).toBe('1 of 3 managed devices is not encrypted.');
  });

  it('a device that does not report encryption warns', () => {
    const finding = runControl(devicesEncryption, withDevice('dev-3', null));
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected.map((a) => a.id)).toEqual(['dev-3']);
    expect(finding.evidence.affected[0]!.detail).toContain('encryption not reported');
  });

  it('an absent isEncrypted is unknown too', () => {
    const finding = runControl(devicesEncryption, withDevice('dev-1', undefined));
    expect(finding.status).toBe('warn');
    expect(finding.evidence.encryptionUnknown).toBe(1);
  });

  it('unencrypted and unknown devices are both listed, and the status is fail', () => {
    const data = withDevice('dev-2', false);
    data['m365.managedDevices'].devices.find((d) => d.id === 'dev-3')!.isEncrypted = null;
    const finding = runControl(devicesEncryption, data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected.map((a) => a.id)).toEqual(['dev-2', 'dev-3']);
    expect(finding.summary).toBe('1 of 3 managed devices is not encrypted and 1 more does not report encryption.');
  });

  it('no enrolled devices warns: nothing is shown to be encrypted', () => {
    const data = baselineData();
    data['m365.managedDevices'].devices = [];
    const finding = runControl(devicesEncryption, data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe('No devices are enrolled in Intune, so none is shown to be encrypted.');
    expect(finding.evidence.total).toBe(0);
  });

  it('is not assessed without an Intune licence', () => {
    const finding = runControl(devicesEncryption, {
      'm365.managedDevices': failed({ kind: 'license', detail: 'the tenant has no Intune licence', needs: ['Microsoft Intune'] }),
    });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason).toEqual({ kind: 'license', detail: 'the tenant has no Intune licence', needs: ['Microsoft Intune'] });
    expect(finding.summary).toContain('It needs Microsoft Intune.');
  });

  it('is not assessed without permission to read devices', () => {
    const finding = runControl(devicesEncryption, {
      'm365.managedDevices': failed({ kind: 'permission', detail: 'Authorization_RequestDenied', needs: ['DeviceManagementManagedDevices.Read.All'] }),
    });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.kind).toBe('permission');
  });
});
