import { describe, expect, it } from 'vitest';
import { devicesEncryption, isOsVolumeKey } from '../../../src/controls/m365/devices-encryption.js';
import { platformOf } from '../../../src/controls/m365/lib/devices.js';
import { baselineData, entraDevice, entraDeviceIds, NOW } from '../../fixtures/m365-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

// Tests put a failed result where baselineData() types the dataset's data; runControl accepts both.
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

const NO_INTUNE = { kind: 'license' as const, detail: 'the tenant has no Microsoft Intune licence, so no device is managed', needs: ['Microsoft Intune (e.g. in Microsoft 365 Business Premium)'] };
const NO_KEYS_PERMISSION = {
  kind: 'permission' as const,
  detail: "Graph refused access (403 authorization_error): Failed to authorize, token doesn't have the required permissions.",
  needs: ['Graph application permission BitlockerKey.ReadBasic.All'],
};

/** A Windows PC joined to Entra ID, not in Intune, with no key escrowed: a device nothing shows encrypted. */
const unmanagedPc = (n: number, extra: Parameters<typeof entraDevice>[6] = {}) =>
  entraDevice(`obj-pc-${n}`, `33333333-0000-4000-8000-${String(n).padStart(12, '0')}`, `PC-${n}`, 'Windows', '10.0.22631.4460', 'AzureAd', { isManaged: false, isCompliant: null, ...extra });

describe('m365.devices.encryption', () => {
  it('passes when every joined computer and managed device is shown encrypted', () => {
    const finding = runControl(devicesEncryption, baselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe('All 4 work devices are shown to be encrypted.');
    expect(finding.evidence).toMatchObject({ total: 4, encrypted: 4, encryptedByIntune: 4, encryptedByBitLockerKey: 0, notEncrypted: 0, noEvidence: 0, stale: 0, registeredOnly: 0 });
    expect(finding.evidence.affected).toEqual([]);
  });

  it('one managed device among ten joined computers does not pass: the other nine show no evidence', () => {
    const data = baselineData();
    data['m365.devices'].devices = [data['m365.devices'].devices[1]!, ...Array.from({ length: 9 }, (_, i) => unmanagedPc(i + 1))];
    data['m365.managedDevices'].devices = data['m365.managedDevices'].devices.filter((device) => device.id === 'dev-2');
    data['m365.bitlockerKeys'].keys = [];
    const finding = runControl(devicesEncryption, data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe('9 of 10 work devices show no evidence of encryption; 1 is shown encrypted.');
    expect(finding.evidence).toMatchObject({ total: 10, encrypted: 1, noEvidence: 9 });
    expect(finding.evidence.affected[0]).toEqual({
      type: 'device',
      id: '33333333-0000-4000-8000-000000000001',
      name: 'PC-1',
      detail: 'no evidence of encryption: not managed by Intune and no BitLocker recovery key for its system drive is escrowed in Entra ID (Windows, Entra joined, not managed by Intune)',
    });
  });

  it('an unencrypted managed device fails and is named', () => {
    const data = baselineData();
    data['m365.managedDevices'].devices.find((d) => d.id === 'dev-3')!.isEncrypted = false;
    const finding = runControl(devicesEncryption, data);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('1 of 4 work devices is not encrypted.');
    expect(finding.evidence.affected).toEqual([
      { type: 'device', id: entraDeviceIds.kimIphone, name: 'Kim iPhone', detail: 'not encrypted: Intune reports it not encrypted (iOS, registered, managed by Intune, used by kim.nguyen@contoso-clinic.example)' },
    ]);
  });

  it("Intune's report that a device is not encrypted outweighs an escrowed key, which is mentioned", () => {
    const data = baselineData();
    data['m365.managedDevices'].devices.find((d) => d.id === 'dev-1')!.isEncrypted = false;
    const finding = runControl(devicesEncryption, data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected[0]!.detail).toContain('Intune reports it not encrypted, although a BitLocker recovery key for its system drive is escrowed');
  });

  it('unencrypted and unevidenced devices are both listed, and the status is fail', () => {
    const data = baselineData();
    data['m365.managedDevices'].devices.find((d) => d.id === 'dev-2')!.isEncrypted = false;
    data['m365.devices'].devices.push(unmanagedPc(1));
    const finding = runControl(devicesEncryption, data);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('1 of 5 work devices is not encrypted, and 1 more shows no evidence of encryption.');
    expect(finding.evidence.affected.map((a) => a.name)).toEqual(['EXAM-LAPTOP-02', 'PC-1']);
  });

  describe('BitLocker recovery keys escrowed in Entra ID', () => {
    it('show Windows computers encrypted without Intune', () => {
      const data = baselineData();
      data['m365.devices'].devices = data['m365.devices'].devices.filter((device) => device.operatingSystem === 'Windows');
      const finding = runControl(devicesEncryption, { ...data, 'm365.managedDevices': failed(NO_INTUNE) });
      expect(finding.status).toBe('pass');
      expect(finding.summary).toBe('Both work devices are shown to be encrypted.');
      expect(finding.evidence).toMatchObject({ total: 2, encryptedByIntune: 0, encryptedByBitLockerKey: 2 });
      expect(finding.evidence.unavailable).toEqual({ 'm365.managedDevices': `${NO_INTUNE.detail}; it needs ${NO_INTUNE.needs[0]}` });
    });

    it('show a joined Windows computer Intune does not manage encrypted', () => {
      const data = baselineData();
      data['m365.devices'].devices.push(unmanagedPc(1));
      data['m365.bitlockerKeys'].keys.push({ id: 'key-pc-1', createdDateTime: daysAgo(30), deviceId: '33333333-0000-4000-8000-000000000001', volumeType: 'operatingSystemVolume' });
      const finding = runControl(devicesEncryption, data);
      expect(finding.status).toBe('pass');
      expect(finding.evidence).toMatchObject({ total: 5, encryptedByIntune: 4, encryptedByBitLockerKey: 1 });
    });

    it('show a managed Windows computer encrypted when Intune does not report encryption', () => {
      const data = baselineData();
      delete data['m365.managedDevices'].devices.find((d) => d.id === 'dev-1')!.isEncrypted;
      const finding = runControl(devicesEncryption, data);
      expect(finding.status).toBe('pass');
      expect(finding.evidence).toMatchObject({ encryptedByIntune: 3, encryptedByBitLockerKey: 1 });
    });

    it('for a data drive only do not show the system drive encrypted', () => {
      const data = baselineData();
      data['m365.devices'].devices = data['m365.devices'].devices.filter((device) => device.operatingSystem === 'Windows');
      data['m365.bitlockerKeys'].keys = data['m365.bitlockerKeys'].keys.filter((key) => key.id !== 'key-front-os');
      const finding = runControl(devicesEncryption, { ...data, 'm365.managedDevices': failed(NO_INTUNE) });
      expect(finding.status).toBe('warn');
      expect(finding.evidence.affected.map((a) => [a.name, a.detail])).toEqual([
        [
          'FRONT-PC-01',
          'no evidence of encryption: Intune could not be read and no BitLocker recovery key for its system drive is escrowed in Entra ID (Windows, Entra joined, marked managed in Entra ID)',
        ],
      ]);
      expect(finding.summary).toBe(
        `1 of 2 work devices shows no evidence of encryption; 1 is shown encrypted. Intune could not be read (it needs ${NO_INTUNE.needs[0]}), which may show more devices encrypted.`,
      );
    });

    it('match device ids whatever their case', () => {
      const data = baselineData();
      data['m365.devices'].devices = data['m365.devices'].devices.filter((device) => device.operatingSystem === 'Windows');
      for (const key of data['m365.bitlockerKeys'].keys) key.deviceId = key.deviceId!.toUpperCase();
      const finding = runControl(devicesEncryption, { ...data, 'm365.managedDevices': failed(NO_INTUNE) });
      expect(finding.status).toBe('pass');
    });

    it('that could not be read are named when a device lacks evidence', () => {
      const data = baselineData();
      data['m365.devices'].devices.push(unmanagedPc(1));
      const finding = runControl(devicesEncryption, { ...data, 'm365.bitlockerKeys': failed(NO_KEYS_PERMISSION) });
      expect(finding.status).toBe('warn');
      expect(finding.summary).toBe(
        '1 of 5 work devices shows no evidence of encryption; 4 are shown encrypted. The BitLocker recovery keys could not be read (it needs Graph application permission BitlockerKey.ReadBasic.All), which may show more devices encrypted.',
      );
      expect(finding.evidence.affected[0]!.detail).toContain('the BitLocker recovery keys could not be read');
    });
  });

  it('the volume type of a key is read in each form Graph may send', () => {
    const key = (volumeType: string | number | null) => ({ id: 'k', deviceId: 'd', volumeType });
    expect([key('1'), key(1), key('operatingSystemVolume'), key('OperatingSystemVolume')].every(isOsVolumeKey)).toBe(true);
    expect([key('2'), key(2), key('fixedDataVolume'), key('removableDataVolume'), key(null)].some(isOsVolumeKey)).toBe(false);
    expect([platformOf('Windows'), platformOf('MacMDM'), platformOf('macOS'), platformOf('Mac OS X'), platformOf('iOS'), platformOf(null)]).toEqual([
      'windows',
      'macos',
      'macos',
      'macos',
      'other',
      'other',
    ]);
  });

  it('a Mac without Intune is not passed: only Intune shows FileVault', () => {
    const finding = runControl(devicesEncryption, { ...baselineData(), 'm365.managedDevices': failed(NO_INTUNE) });
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected).toEqual([
      {
        type: 'device',
        id: entraDeviceIds.kimIphone,
        name: 'Kim iPhone',
        detail: 'no evidence of encryption: Intune could not be read (iOS, registered, marked managed in Entra ID)',
      },
      {
        type: 'device',
        id: entraDeviceIds.mgrMac,
        name: 'MGR-MACBOOK',
        detail: "no evidence of encryption: Intune could not be read, and only Intune reports whether a Mac's FileVault is on (macOS, Entra joined, marked managed in Entra ID)",
      },
    ]);
    // The iPhone Entra marks managed still counts, though Intune's report of it cannot be read.
    expect(finding.evidence).toMatchObject({ total: 4, encryptedByBitLockerKey: 2, noEvidence: 2, registeredOnly: 0 });
  });

  it('a registered device Entra marks managed but Intune does not know counts, without evidence', () => {
    const data = baselineData();
    data['m365.managedDevices'].devices = data['m365.managedDevices'].devices.filter((device) => device.id !== 'dev-3');
    const finding = runControl(devicesEncryption, data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected.map((a) => a.detail)).toEqual([
      'no evidence of encryption: Entra ID marks it managed, but Intune has no record of it (another MDM?) (iOS, registered, marked managed in Entra ID)',
    ]);
  });

  it('a joined Mac that Intune does not manage is not passed', () => {
    const data = baselineData();
    data['m365.managedDevices'].devices = data['m365.managedDevices'].devices.filter((device) => device.id !== 'dev-4');
    Object.assign(data['m365.devices'].devices.find((device) => device.deviceId === entraDeviceIds.mgrMac)!, { isManaged: false, isCompliant: null });
    const finding = runControl(devicesEncryption, data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected.map((a) => a.detail)).toEqual([
      "no evidence of encryption: not managed by Intune, and only Intune reports whether a Mac's FileVault is on (macOS, Entra joined, not managed by Intune)",
    ]);
  });

  it('personal devices only registered are listed, not counted', () => {
    const data = baselineData();
    data['m365.devices'].devices.push(
      entraDevice('obj-personal', '44444444-0000-4000-8000-000000000001', "Pat's laptop", 'Windows', '10.0.19045.5131', 'Workplace', { isManaged: false, isCompliant: null }),
      entraDevice('obj-personal-phone', '44444444-0000-4000-8000-000000000002', "Pat's Android", 'Android', '14', 'Workplace', { isManaged: false, isCompliant: null }),
    );
    const finding = runControl(devicesEncryption, data);
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe('All 4 work devices are shown to be encrypted. 2 devices only registered in Entra ID (personal devices, not managed) are listed but not counted.');
    expect(finding.evidence).toMatchObject({ total: 4, registeredOnly: 2 });
    expect(finding.evidence.registeredOnlyDevices).toEqual([
      { id: '44444444-0000-4000-8000-000000000001', name: "Pat's laptop", detail: 'Windows, registered, not managed by Intune' },
      { id: '44444444-0000-4000-8000-000000000002', name: "Pat's Android", detail: 'Android, registered, not managed by Intune' },
    ]);
  });

  it('a stale device is flagged and not counted', () => {
    const data = baselineData();
    data['m365.devices'].devices.push(unmanagedPc(7, { approximateLastSignInDateTime: daysAgo(120) }));
    const finding = runControl(devicesEncryption, data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe('All 4 work devices are shown to be encrypted. 1 more device has not signed in or checked in for over 90 days and is not counted.');
    expect(finding.evidence).toMatchObject({ total: 4, stale: 1 });
    expect(finding.evidence.affected).toEqual([
      {
        type: 'device',
        id: '33333333-0000-4000-8000-000000000007',
        name: 'PC-7',
        detail: 'stale, not counted: no sign-in or check-in for 120 days; retire it in Entra ID or bring it back into use (Windows, Entra joined, not managed by Intune)',
      },
    ]);
  });

  it('a device Intune checked in with recently is not stale, whatever its Entra sign-in', () => {
    const data = baselineData();
    data['m365.devices'].devices[0]!.approximateLastSignInDateTime = daysAgo(200);
    expect(runControl(devicesEncryption, data).status).toBe('pass');
  });

  it('a device never seen signing in counts from its registration', () => {
    const data = baselineData();
    data['m365.devices'].devices.push(unmanagedPc(8, { approximateLastSignInDateTime: null, registrationDateTime: daysAgo(5) }));
    const finding = runControl(devicesEncryption, data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence).toMatchObject({ total: 5, noEvidence: 1, stale: 0 });
  });

  it('disabled devices are not counted', () => {
    const data = baselineData();
    data['m365.devices'].devices.push(unmanagedPc(9, { accountEnabled: false }));
    const finding = runControl(devicesEncryption, data);
    expect(finding.status).toBe('pass');
    expect(finding.evidence.disabledNotCounted).toBe(1);
  });

  it('a managed device with no Entra object still counts', () => {
    const data = baselineData();
    data['m365.managedDevices'].devices.push({
      id: 'dev-5',
      deviceName: 'Shared Android',
      operatingSystem: 'Android',
      isEncrypted: null,
      userPrincipalName: null,
      complianceState: 'unknown',
      lastSyncDateTime: daysAgo(2),
      azureADDeviceId: '00000000-0000-0000-0000-000000000000',
    });
    const finding = runControl(devicesEncryption, data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected.map((a) => [a.id, a.detail])).toEqual([['dev-5', 'no evidence of encryption: Intune does not report its encryption (Android, managed by Intune)']]);
  });

  it('no work device at all warns: nothing is shown to be encrypted', () => {
    const data = baselineData();
    data['m365.devices'].devices = data['m365.devices'].devices.filter((device) => device.trustType === 'Workplace').map((device) => ({ ...device, isManaged: false }));
    data['m365.managedDevices'].devices = [];
    const finding = runControl(devicesEncryption, data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe(
      'No Windows or Mac computer joined to Entra ID and no managed device was used in the last 90 days, so no device holding patient data is shown to be encrypted. 1 device only registered in Entra ID (a personal device, not managed) is listed but not counted.',
    );
  });

  it('is not assessed without Intune and without the BitLocker keys, naming both', () => {
    const finding = runControl(devicesEncryption, { ...baselineData(), 'm365.managedDevices': failed(NO_INTUNE), 'm365.bitlockerKeys': failed(NO_KEYS_PERMISSION) });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason).toMatchObject({ kind: 'permission', needs: [NO_INTUNE.needs[0], 'Graph application permission BitlockerKey.ReadBasic.All'] });
    expect(finding.reason?.detail).toContain('the tenant has no Microsoft Intune licence');
    expect(finding.summary).toBe(
      `Not assessed: no device can be shown to be encrypted, because neither Intune nor the BitLocker recovery keys in Entra ID could be read. It needs ${NO_INTUNE.needs[0]}, or Graph application permission BitlockerKey.ReadBasic.All.`,
    );
  });

  it('is not assessed without permission to read Intune and the keys', () => {
    const finding = runControl(devicesEncryption, {
      ...baselineData(),
      'm365.managedDevices': failed({ kind: 'permission', detail: 'Graph refused access (403 UnknownError)', needs: ['Graph application permission DeviceManagementManagedDevices.Read.All', 'Microsoft Intune'] }),
      'm365.bitlockerKeys': failed(NO_KEYS_PERMISSION),
    });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['Graph application permission DeviceManagementManagedDevices.Read.All', 'Microsoft Intune', 'Graph application permission BitlockerKey.ReadBasic.All']);
    expect(finding.summary).toContain(
      'It needs Graph application permission DeviceManagementManagedDevices.Read.All and Microsoft Intune, or Graph application permission BitlockerKey.ReadBasic.All.',
    );
  });

  it('is not assessed without Device.Read.All, naming it', () => {
    const finding = runControl(devicesEncryption, {
      ...baselineData(),
      'm365.devices': failed({ kind: 'permission', detail: 'Graph refused access (403 Authorization_RequestDenied)', needs: ['Graph application permission Device.Read.All'] }),
    });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['Graph application permission Device.Read.All']);
    expect(finding.summary).toContain('It needs Graph application permission Device.Read.All.');
  });

  it('is not assessed on a snapshot taken before Entra devices were read', () => {
    const { 'm365.devices': _, ...older } = baselineData();
    const finding = runControl(devicesEncryption, older);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.kind).toBe('unsupported');
  });
});
