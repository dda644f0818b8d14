import { describe, expect, it } from 'vitest';
import { devicesScreenLock } from '../../../src/controls/m365/devices-screen-lock.js';
import { baselineData, baselineOptions, entraDevice, entraDeviceIds, NOW, policyIds } from '../../fixtures/m365-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

/** The baseline with the Windows settings catalog policy removed, so the Windows compliance policy decides. */
function withoutCatalogLock() {
  const data = baselineData();
  data['m365.deviceLockPolicies'].configurationPolicies = [];
  return data;
}

const windowsCompliance = (data: ReturnType<typeof baselineData>) => data['m365.deviceLockPolicies'].compliancePolicies.find((policy) => policy.id === policyIds.windowsCompliance)!;

describe('m365.devices.screen-lock', () => {
  it('passes when every platform in use locks within 15 minutes through policies for all devices or users', () => {
    const finding = runControl(devicesScreenLock, baselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe(
      'Intune locks Windows (2 devices), macOS (1 device), iOS/iPadOS (1 device) after at most 15 minutes of inactivity through policies assigned to all devices or users, and all 4 managed devices report compliant.',
    );
    expect(finding.evidence).toMatchObject({
      limitMinutes: 15,
      platforms: [
        { platform: 'Windows', devices: 2, status: 'covered', minutes: 15, policy: 'Windows compliance' },
        { platform: 'macOS', devices: 1, status: 'covered', minutes: 10, policy: 'Mac compliance' },
        { platform: 'iOS/iPadOS', devices: 1, status: 'covered', minutes: 5, policy: 'iPhone compliance' },
      ],
      policiesRead: { compliancePolicies: 3, deviceConfigurations: 1, settingsCatalogPolicies: 1 },
    });
    expect(finding.evidence.note).toContain('Graph beta');
  });

  it('a 30-minute lock warns, naming the policy and the limit', () => {
    const data = withoutCatalogLock();
    windowsCompliance(data).passwordMinutesOfInactivityBeforeLock = 30;
    const finding = runControl(devicesScreenLock, data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe('Windows devices lock only after 30 minutes, longer than the 15-minute limit.');
    expect(finding.evidence.affected[0]).toMatchObject({ type: 'platform', id: 'Windows' });
    expect(finding.evidence.affected[0]!.detail).toContain('compliance policy "Windows compliance"');
  });

  it('a 30-minute lock passes when the practice sets screenLockMinutes to 30', () => {
    const data = withoutCatalogLock();
    windowsCompliance(data).passwordMinutesOfInactivityBeforeLock = 30;
    const finding = runControl(devicesScreenLock, data, baselineOptions({ thresholds: { screenLockMinutes: 30 } }));
    expect(finding.status).toBe('pass');
  });

  it('a shorter lock anywhere wins over a longer one for the same devices', () => {
    const data = baselineData();
    windowsCompliance(data).passwordMinutesOfInactivityBeforeLock = 60;
    // The settings catalog's 900 seconds (15 minutes) still holds.
    expect(runControl(devicesScreenLock, data).status).toBe('pass');
  });

  it('a platform in use with no lock at all fails', () => {
    const data = baselineData();
    data['m365.deviceLockPolicies'].compliancePolicies = data['m365.deviceLockPolicies'].compliancePolicies.filter((policy) => policy.id !== policyIds.iosCompliance);
    const finding = runControl(devicesScreenLock, data);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('iOS/iPadOS devices (1 device) have no Intune policy that locks the screen after inactivity.');
  });

  it('a missing lock fails and the summary also names a lock that is too long', () => {
    const data = withoutCatalogLock();
    windowsCompliance(data).passwordMinutesOfInactivityBeforeLock = 30;
    data['m365.deviceLockPolicies'].compliancePolicies = data['m365.deviceLockPolicies'].compliancePolicies.filter((policy) => policy.id !== policyIds.iosCompliance);
    const finding = runControl(devicesScreenLock, data);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('iOS/iPadOS devices (1 device) have no Intune policy that locks the screen after inactivity; also, Windows devices lock only after 30 minutes, longer than the 15-minute limit.');
  });

  it('two platforms without a lock are both named', () => {
    const data = baselineData();
    data['m365.deviceLockPolicies'] = { compliancePolicies: [], deviceConfigurations: [], configurationPolicies: [] };
    const finding = runControl(devicesScreenLock, data);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('3 platforms in use have no Intune policy that locks the screen after inactivity: Windows (2 devices), macOS (1 device), iOS/iPadOS (1 device).');
  });

  it('reads MaxInactivityTimeDeviceLock in minutes and the machine inactivity limit in seconds', () => {
    const data = baselineData();
    data['m365.deviceLockPolicies'].compliancePolicies = data['m365.deviceLockPolicies'].compliancePolicies.filter((policy) => policy.id !== policyIds.windowsCompliance);
    const catalog = data['m365.deviceLockPolicies'].configurationPolicies[0]!;
    catalog.lockSettings = [{ settingDefinitionId: 'device_vendor_msft_policy_config_devicelock_maxinactivitytimedevicelock', value: 10 }];
    expect(runControl(devicesScreenLock, data).evidence.platforms).toContainEqual(expect.objectContaining({ platform: 'Windows', minutes: 10, status: 'covered' }));
    catalog.lockSettings = [{ settingDefinitionId: 'device_vendor_msft_policy_config_localpoliciessecurityoptions_interactivelogon_machineinactivitylimit_v2', value: 1800 }];
    expect(runControl(devicesScreenLock, data).evidence.platforms).toContainEqual(expect.objectContaining({ platform: 'Windows', minutes: 30, status: 'long' }));
  });

  it('a setting of 0 means no timeout and does not count', () => {
    const data = baselineData();
    data['m365.deviceLockPolicies'].compliancePolicies = data['m365.deviceLockPolicies'].compliancePolicies.filter((policy) => policy.id !== policyIds.windowsCompliance);
    data['m365.deviceLockPolicies'].configurationPolicies[0]!.lockSettings = [{ settingDefinitionId: 'device_vendor_msft_policy_config_localpoliciessecurityoptions_interactivelogon_machineinactivitylimit_v2', value: 0 }];
    expect(runControl(devicesScreenLock, data).status).toBe('fail');
  });

  it('a lock assigned only to a group warns: not every device is shown to get it', () => {
    const data = withoutCatalogLock();
    windowsCompliance(data).assignments = [{ id: 'g', target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: 'front-desk-pcs' } }];
    const finding = runControl(devicesScreenLock, data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe('The Windows lock is assigned to only part of the devices.');
    expect(finding.evidence.affected[0]!.detail).toContain('group front-desk-pcs');
  });

  it('an excluded group makes an all-devices assignment partial', () => {
    const data = withoutCatalogLock();
    windowsCompliance(data).assignments = [
      { id: 'a', target: { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' } },
      { id: 'x', target: { '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', groupId: 'kiosks' } },
    ];
    const finding = runControl(devicesScreenLock, data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected[0]!.detail).toContain('excluding group kiosks');
  });

  it('accepts the documented assignment type written without its #', () => {
    const data = withoutCatalogLock();
    windowsCompliance(data).assignments = [{ id: 'a', target: { '@odata.type': 'microsoft.graph.allDevicesAssignmentTarget' } }];
    expect(runControl(devicesScreenLock, data).status).toBe('pass');
  });

  it('an unassigned policy does not count', () => {
    const data = withoutCatalogLock();
    windowsCompliance(data).assignments = [];
    expect(runControl(devicesScreenLock, data).status).toBe('fail');
  });

  it('a lock value in a policy that requires no password does not count, and the finding says why', () => {
    const data = withoutCatalogLock();
    windowsCompliance(data).passwordRequired = false;
    const finding = runControl(devicesScreenLock, data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected[0]!.detail).toContain('does not require a password');
  });

  it('configuration profiles count: an iOS general profile with a 2-minute auto-lock', () => {
    const data = baselineData();
    data['m365.deviceLockPolicies'].compliancePolicies = data['m365.deviceLockPolicies'].compliancePolicies.filter((policy) => policy.id !== policyIds.iosCompliance);
    data['m365.deviceLockPolicies'].deviceConfigurations.push({
      '@odata.type': '#microsoft.graph.iosGeneralDeviceConfiguration',
      id: 'ios-general',
      displayName: 'iOS restrictions',
      passcodeRequired: true,
      passcodeMinutesOfInactivityBeforeScreenTimeout: 2,
      passcodeMinutesOfInactivityBeforeLock: null,
      assignments: [{ id: 'a', target: { '@odata.type': '#microsoft.graph.allLicensedUsersAssignmentTarget' } }],
    });
    const finding = runControl(devicesScreenLock, data);
    expect(finding.status).toBe('pass');
    expect(finding.evidence.platforms).toContainEqual(expect.objectContaining({ platform: 'iOS/iPadOS', minutes: 2, policy: 'iOS restrictions' }));
  });

  it('an Android device whose only policy is of a type v1.0 does not describe warns rather than fails or passes', () => {
    const data = baselineData();
    data['m365.managedDevices'].devices.push({ id: 'dev-4', deviceName: 'Ward tablet', operatingSystem: 'Android', isEncrypted: true, complianceState: 'compliant' });
    data['m365.deviceLockPolicies'].compliancePolicies.push({ id: 'android-owner', displayName: 'Android Compliance', assignments: [{ id: 'a', target: { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' } }] });
    const finding = runControl(devicesScreenLock, data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe('The Android lock cannot be confirmed (a policy Graph v1.0 does not describe may set it).');
    expect(finding.evidence.policiesOfTypesV1Hides).toEqual(['compliance policy "Android Compliance"']);
  });

  it('an Android device with no policy at all fails, even beside an unassigned policy v1.0 cannot show', () => {
    const data = baselineData();
    data['m365.managedDevices'].devices.push({ id: 'dev-4', deviceName: 'Ward tablet', operatingSystem: 'Android', isEncrypted: true, complianceState: 'compliant' });
    data['m365.deviceLockPolicies'].compliancePolicies.push({ id: 'android-owner', displayName: 'Android Compliance', assignments: [] });
    expect(runControl(devicesScreenLock, data).status).toBe('fail');
  });

  it('a device of a system no lock setting is read for warns', () => {
    const data = baselineData();
    data['m365.managedDevices'].devices.push({ id: 'dev-5', deviceName: 'lab-linux', operatingSystem: 'Linux', isEncrypted: true, complianceState: 'compliant' });
    const finding = runControl(devicesScreenLock, data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe('1 device runs a system whose screen lock tenant-audit does not check.');
  });

  it('a device that does not report compliant warns', () => {
    const data = baselineData();
    data['m365.managedDevices'].devices[1]!.complianceState = 'noncompliant';
    const finding = runControl(devicesScreenLock, data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe('A screen lock of at most 15 minutes is assigned for every platform in use, but 1 of 4 managed devices does not report compliant.');
    expect(finding.evidence.affected).toEqual([{ type: 'device', id: 'dev-2', name: 'EXAM-LAPTOP-02', detail: 'reports noncompliant (Windows)' }]);
  });

  it('no enrolled device and no joined computer warns', () => {
    const data = baselineData();
    data['m365.managedDevices'].devices = [];
    data['m365.devices'].devices = data['m365.devices'].devices.filter((device) => device.trustType === 'Workplace');
    const finding = runControl(devicesScreenLock, data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe('No devices are enrolled in Intune, so none is shown to lock its screen when left idle.');
  });

  it('no enrolled device while computers are joined to Entra ID fails, naming them', () => {
    const data = baselineData();
    data['m365.managedDevices'].devices = [];
    const finding = runControl(devicesScreenLock, data);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('None of the 3 Windows or Mac computers joined to Entra ID is enrolled in Intune, so no Intune policy locks their screen (no device is enrolled at all).');
    expect(finding.evidence.affected.map((item) => item.name)).toEqual(['FRONT-PC-01', 'EXAM-LAPTOP-02', 'MGR-MACBOOK']);
  });

  describe('computers joined to Entra ID but not enrolled in Intune', () => {
    const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
    const unenrolledPc = (n: number, extra: Parameters<typeof entraDevice>[6] = {}) =>
      entraDevice(`obj-pc-${n}`, `33333333-0000-4000-8000-${String(n).padStart(12, '0')}`, `PC-${n}`, 'Windows', '10.0.22631.4460', 'AzureAd', { isManaged: false, isCompliant: null, ...extra });

    it('one enrolled Windows computer among four joined does not pass: the other three are named', () => {
      const data = baselineData();
      data['m365.devices'].devices = [data['m365.devices'].devices[1]!, unenrolledPc(1), unenrolledPc(2), unenrolledPc(3)];
      data['m365.managedDevices'].devices = data['m365.managedDevices'].devices.filter((device) => device.id === 'dev-2');
      const finding = runControl(devicesScreenLock, data);
      expect(finding.status).toBe('warn');
      expect(finding.summary).toBe(
        'Intune locks Windows (1 device) after at most 15 minutes of inactivity through policies assigned to all devices or users, and the one managed device reports compliant; but 3 of 4 Windows or Mac computers joined to Entra ID are not enrolled in Intune, so no Intune policy locks their screen.',
      );
      expect(finding.evidence).toMatchObject({ joinedComputers: 4, joinedComputersNotEnrolled: 3 });
      expect(finding.evidence.affected).toEqual([1, 2, 3].map((n) => ({
        type: 'device',
        id: `33333333-0000-4000-8000-${String(n).padStart(12, '0')}`,
        name: `PC-${n}`,
        detail: 'Windows, Entra joined, not enrolled in Intune, so no Intune policy locks its screen',
      })));
    });

    it('only a phone enrolled, with the joined computers outside Intune, fails', () => {
      const data = baselineData();
      data['m365.managedDevices'].devices = data['m365.managedDevices'].devices.filter((device) => device.id === 'dev-3');
      const finding = runControl(devicesScreenLock, data);
      expect(finding.status).toBe('fail');
      expect(finding.summary).toBe('None of the 3 Windows or Mac computers joined to Entra ID is enrolled in Intune, so no Intune policy locks their screen (only 1 other device is).');
    });

    it('a hybrid-joined Mac marked managed by another MDM is named as not enrolled, and an Intune failure stays a failure', () => {
      const data = baselineData();
      data['m365.devices'].devices.push(entraDevice('obj-mac-2', '33333333-0000-4000-8000-000000000009', 'MAC-2', 'macOS', '14.7.1', 'ServerAd', { isManaged: true }));
      data['m365.deviceLockPolicies'].compliancePolicies = data['m365.deviceLockPolicies'].compliancePolicies.filter((policy) => policy.id !== policyIds.iosCompliance);
      const finding = runControl(devicesScreenLock, data);
      expect(finding.status).toBe('fail');
      expect(finding.summary).toMatch(/ Also, 1 of 4 Windows or Mac computers joined to Entra ID is not enrolled in Intune, so no Intune policy locks its screen\.$/);
      expect(finding.evidence.affected).toContainEqual({
        type: 'device',
        id: '33333333-0000-4000-8000-000000000009',
        name: 'MAC-2',
        detail: 'macOS, hybrid joined, not enrolled in Intune, so no Intune policy locks its screen; Entra ID marks it managed, perhaps by another MDM whose lock is not checked',
      });
    });

    it('personal computers only registered are listed, not counted', () => {
      const data = baselineData();
      data['m365.devices'].devices.push(entraDevice('obj-home', '33333333-0000-4000-8000-000000000010', 'HOME-PC', 'Windows', '10.0.22631.4460', 'Workplace', { isManaged: false }));
      const finding = runControl(devicesScreenLock, data);
      expect(finding.status).toBe('pass');
      expect(finding.evidence).toMatchObject({ joinedComputers: 3, joinedComputersNotEnrolled: 0, registeredOnly: 1, registeredOnlyDevices: [{ id: '33333333-0000-4000-8000-000000000010', name: 'HOME-PC', operatingSystem: 'Windows' }] });
    });

    it('a joined computer not seen for over 90 days, or disabled, is not counted', () => {
      const data = baselineData();
      data['m365.devices'].devices.push(unenrolledPc(1, { approximateLastSignInDateTime: daysAgo(120) }), unenrolledPc(2, { accountEnabled: false }));
      const finding = runControl(devicesScreenLock, data);
      expect(finding.status).toBe('pass');
      expect(finding.evidence).toMatchObject({ joinedComputers: 3, joinedComputersNotEnrolled: 0, staleJoinedComputersNotCounted: 1 });
    });

    it('a joined computer never signed in counts from its registration', () => {
      const data = baselineData();
      data['m365.devices'].devices.push(unenrolledPc(1, { approximateLastSignInDateTime: null, registrationDateTime: daysAgo(10) }));
      expect(runControl(devicesScreenLock, data).status).toBe('warn');
    });

    it('device ids match whatever their case', () => {
      const data = baselineData();
      data['m365.devices'].devices.find((device) => device.deviceId === entraDeviceIds.frontPc)!.deviceId = entraDeviceIds.frontPc.toUpperCase();
      expect(runControl(devicesScreenLock, data).status).toBe('pass');
    });

    it('is not assessed without Device.Read.All, naming it: the computers outside Intune cannot be seen', () => {
      const reason = { kind: 'permission' as const, detail: 'Graph refused access (403)', needs: ['Graph application permission Device.Read.All'] };
      const finding = runControl(devicesScreenLock, { ...baselineData(), 'm365.devices': failed(reason) });
      expect(finding.status).toBe('not_assessed');
      expect(finding.reason?.needs).toEqual(['Graph application permission Device.Read.All']);
    });
  });

  it('is not assessed without Intune, naming the licence', () => {
    const finding = runControl(devicesScreenLock, {
      ...baselineData(),
      'm365.deviceLockPolicies': failed({ kind: 'license', detail: 'the tenant has no Microsoft Intune licence, so no device policy exists', needs: ['Microsoft Intune (e.g. in Microsoft 365 Business Premium)'] }),
    });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.kind).toBe('license');
    expect(finding.summary).toContain('Microsoft Intune');
  });

  it('is not assessed without permission to read device policies', () => {
    const finding = runControl(devicesScreenLock, {
      ...baselineData(),
      'm365.deviceLockPolicies': failed({ kind: 'permission', detail: 'Graph refused access (403)', needs: ['Graph application permission DeviceManagementConfiguration.Read.All'] }),
    });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['Graph application permission DeviceManagementConfiguration.Read.All']);
  });
});
