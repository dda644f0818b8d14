import { describe, expect, it } from 'vitest';
import { encryptionOf, googleDevicesEncryption } from '../../../src/controls/google/devices-encryption.js';
import { DOMAIN, googleBaselineData, googleBaselineOptions } from '../../fixtures/google-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

type Data = ReturnType<typeof googleBaselineData>;
const run = (data: Data) => runControl(googleDevicesEncryption, data, googleBaselineOptions());
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

function withDevice(resourceId: string, encryptionStatus: string | undefined, extra: Record<string, unknown> = {}) {
  const data = googleBaselineData();
  const device = data['google.mobileDevices'].devices.find((d) => d.resourceId === resourceId)!;
  if (encryptionStatus === undefined) delete device.encryptionStatus;
  else device.encryptionStatus = encryptionStatus;
  Object.assign(device, extra);
  return data;
}

describe('encryption status values', () => {
  it('reads the values the Directory API reports, and anything else as unknown', () => {
    expect(encryptionOf('Encrypted')).toBe('encrypted');
    expect(encryptionOf('ENCRYPTED')).toBe('encrypted');
    expect(encryptionOf('Unencrypted')).toBe('unencrypted');
    expect(encryptionOf('Not encrypted')).toBe('unencrypted');
    expect(encryptionOf('Encryption not supported')).toBe('unknown');
    expect(encryptionOf(undefined)).toBe('unknown');
  });
});

describe('google.devices.encryption', () => {
  it('passes when every synced device reports encryption', () => {
    const finding = run(googleBaselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe('Both mobile devices report their storage encrypted.');
    expect(finding.evidence).toMatchObject({ total: 2, encrypted: 2, notEncrypted: 0, encryptionUnknown: 0 });
  });

  it('an unencrypted device fails', () => {
    const finding = run(withDevice('AFiQxQ8a', 'Unencrypted'));
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('1 of 2 mobile devices is not encrypted.');
    expect(finding.evidence.affected).toEqual([
      { type: 'device', id: 'AFiQxQ8a', name: 'Pixel 8', detail: `not encrypted (Pixel 8, Android 15, ANDROID, used by dr.patel@${DOMAIN})` },
    ]);
  });

  it('a device that cannot encrypt warns: it is not shown to be encrypted', () => {
    const finding = run(withDevice('AFiQxQ8b', 'Encryption not supported'));
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe('1 of 2 mobile devices does not report being encrypted.');
    expect(finding.evidence.affected[0]!.detail).toContain('encryption status "Encryption not supported"');
  });

  it('a device without encryptionStatus warns', () => {
    const finding = run(withDevice('AFiQxQ8b', undefined));
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected[0]!.detail).toContain('encryption not reported');
  });

  it('unencrypted and unknown devices are both listed, and the status is fail', () => {
    const data = withDevice('AFiQxQ8a', 'Unencrypted');
    delete data['google.mobileDevices'].devices.find((d) => d.resourceId === 'AFiQxQ8b')!.encryptionStatus;
    const finding = run(data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected.map((a) => a.id)).toEqual(['AFiQxQ8a', 'AFiQxQ8b']);
    expect(finding.summary).toBe('1 of 2 mobile devices is not encrypted and 1 more does not report encryption.');
  });

  it('a wiped device is not counted', () => {
    const finding = run(withDevice('AFiQxQ8a', 'Unencrypted', { status: 'WIPED' }));
    expect(finding.status).toBe('pass');
    expect(finding.evidence).toMatchObject({ total: 1, wipedNotCounted: 1 });
  });

  it('no devices warns: nothing is shown to be encrypted', () => {
    const data = googleBaselineData();
    data['google.mobileDevices'].devices = [];
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe('No mobile devices sync Google Workspace data under management, so none is shown to be encrypted.');
    expect(finding.evidence.total).toBe(0);
  });

  it('is not assessed without permission to read mobile devices', () => {
    const finding = run({
      ...googleBaselineData(),
      'google.mobileDevices': failed({ kind: 'permission', detail: 'unauthorized_client', needs: ['https://www.googleapis.com/auth/admin.directory.device.mobile.readonly'] }),
    });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['https://www.googleapis.com/auth/admin.directory.device.mobile.readonly']);
  });
});
