import { describe, expect, it } from 'vitest';
import { encryptionStateOf, googleDevicesEncryption } from '../../../src/controls/google/devices-encryption.js';
import { DOMAIN, googleBaselineData, googleBaselineOptions } from '../../fixtures/google-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

type Data = ReturnType<typeof googleBaselineData>;
const run = (data: Data) => runControl(googleDevicesEncryption, data, googleBaselineOptions());
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

/** Baseline data with one Cloud Identity device changed (`devices/b5b1dcd3-000N`). */
function withDevice(id: string, change: Record<string, unknown>) {
  const data = googleBaselineData();
  const device = data['google.devices'].devices.find((d) => d.name === `devices/b5b1dcd3-${id}`)!;
  for (const [key, value] of Object.entries(change)) {
    if (value === undefined) delete (device as Record<string, unknown>)[key];
    else (device as Record<string, unknown>)[key] = value;
  }
  return data;
}
const phonesOnly = (data: Data) => {
  data['google.devices'].devices = data['google.devices'].devices.filter((d) => d.deviceType === 'ANDROID' || d.deviceType === 'IOS');
  return data;
};

describe('encryption state values', () => {
  it('reads the Devices API enum; unsupported and unspecified are not shown to be encrypted', () => {
    expect(encryptionStateOf('ENCRYPTED')).toBe('encrypted');
    expect(encryptionStateOf('NOT_ENCRYPTED')).toBe('unencrypted');
    expect(encryptionStateOf('UNSUPPORTED_BY_DEVICE')).toBe('unknown');
    expect(encryptionStateOf('ENCRYPTION_STATE_UNSPECIFIED')).toBe('unknown');
    expect(encryptionStateOf(undefined)).toBe('unknown');
  });
});

describe('google.devices.encryption', () => {
  it('passes when every phone and computer reports encryption', () => {
    const finding = run(googleBaselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe(
      'All 4 devices (2 computers and 2 mobile devices) report their storage encrypted. A computer without the Endpoint Verification extension is not listed, so check every computer that opens patient information has it.',
    );
    expect(finding.evidence).toMatchObject({ total: 4, computers: 2, phonesAndTablets: 2, encrypted: 4, notEncrypted: 0, encryptionUnknown: 0, computerKindsNotSeen: ['ChromeOS', 'Linux'] });
  });

  it('a device not synced for over 90 days is flagged, not counted, and keeps the control from passing', () => {
    const finding = run(withDevice('0003', { lastSyncTime: '2026-07-01T09:00:00Z' }));
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe(
      'All 3 devices (1 computer and 2 mobile devices) report their storage encrypted. 1 more device has not synced for over 90 days and is not counted: remove it if retired, or find out why.',
    );
    expect(finding.evidence.staleNotCounted).toEqual([expect.objectContaining({ id: 'devices/b5b1dcd3-0003', name: 'patel-mbp' })]);
  });

  it('only phones listed is not a pass: it names the computers not seen', () => {
    const finding = run(phonesOnly(googleBaselineData()));
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe(
      'Both mobile devices listed report their storage encrypted. No Windows, Mac, ChromeOS or Linux computer is listed, so the computers that open patient information are not shown to be encrypted: turn on endpoint verification.',
    );
    expect(finding.evidence.computerKindsNotSeen).toEqual(['Windows', 'Mac', 'ChromeOS', 'Linux']);
  });

  it('an unencrypted laptop (endpoint verification) fails', () => {
    const finding = run(withDevice('0003', { encryptionState: 'NOT_ENCRYPTED' }));
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('1 of 4 devices is not encrypted.');
    expect(finding.evidence.affected).toEqual([
      {
        type: 'device',
        id: 'devices/b5b1dcd3-0003',
        name: 'patel-mbp',
        detail: expect.stringMatching(/^not encrypted \(Mac, MacBookPro18,3, MacOS 14\.4\.1, host patel-mbp, serial C02XK1ABCD, company-owned, last sync \d{4}-\d{2}-\d{2}\)$/),
      },
    ]);
  });

  it('an unencrypted phone fails and names its user from the Directory mobile devices', () => {
    const finding = run(withDevice('0001', { encryptionState: 'NOT_ENCRYPTED' }));
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected[0]!.detail).toContain(`used by dr.patel@${DOMAIN}`);
  });

  it('a device that cannot encrypt, or reports nothing, warns: it is not shown to be encrypted', () => {
    const unsupported = run(withDevice('0004', { encryptionState: 'UNSUPPORTED_BY_DEVICE' }));
    expect(unsupported.status).toBe('warn');
    expect(unsupported.evidence.affected[0]!.detail).toMatch(/^encryption state UNSUPPORTED_BY_DEVICE \(Windows/);
    const silent = run(withDevice('0004', { encryptionState: undefined }));
    expect(silent.status).toBe('warn');
    expect(silent.summary).toBe('1 of 4 devices does not report being encrypted.');
  });

  it('unencrypted and unknown devices are both listed, and the status is fail', () => {
    const data = withDevice('0002', { encryptionState: 'NOT_ENCRYPTED' });
    delete data['google.devices'].devices.find((d) => d.name === 'devices/b5b1dcd3-0004')!.encryptionState;
    const finding = run(data);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('1 of 4 devices is not encrypted and 1 more does not report encryption.');
    expect(finding.evidence.affectedCount).toBe(2);
  });

  it('a wiped device is not counted', () => {
    const finding = run(withDevice('0002', { encryptionState: 'NOT_ENCRYPTED', managementState: 'WIPED' }));
    expect(finding.status).toBe('pass');
    expect(finding.evidence.wipedNotCounted).toBe(1);
  });

  it('no devices warns: nothing is shown to be encrypted', () => {
    const data = googleBaselineData();
    data['google.devices'].devices = [];
    const finding = run(data);
    expect(finding.status).toBe('warn');
  });

  it('without the Directory mobile devices, phones are judged all the same, only unnamed', () => {
    const finding = run({ ...withDevice('0001', { encryptionState: 'NOT_ENCRYPTED' }), 'google.mobileDevices': failed({ kind: 'permission', detail: 'scope missing', needs: ['admin.directory.device.mobile.readonly'] }) });
    expect(finding.status).toBe('fail');
    expect(finding.evidence.phoneOwners).toBe('not named: the Directory mobile devices could not be read (scope missing)');
  });

  it('is not assessed without permission to read the Cloud Identity devices', () => {
    const finding = run({
      ...googleBaselineData(),
      'google.devices': failed({ kind: 'permission', detail: 'the access token lacks the scope', needs: ['Google OAuth scope https://www.googleapis.com/auth/cloud-identity.devices.readonly'] }),
    });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['Google OAuth scope https://www.googleapis.com/auth/cloud-identity.devices.readonly']);
  });
});
