import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import { capitalize, everyOne } from '../lib/text.js';

/**
 * Every device Intune manages reports its storage encrypted (BitLocker, FileVault, or the
 * platform's own encryption). Fails on a device that reports `isEncrypted: false`; warns when a
 * device does not report it (unknown is not shown to be encrypted) and when no device is enrolled
 * at all, since then nothing shows that devices holding patient data are encrypted.
 */
export const devicesEncryption = defineControl({
  meta: {
    id: 'm365.devices.encryption',
    provider: 'm365',
    title: 'Every managed device is encrypted',
    severity: 'high',
    hipaa: ['164.312(a)(2)(iv)'],
    references: [
      'https://learn.microsoft.com/graph/api/resources/intune-devices-manageddevice',
      'https://learn.microsoft.com/mem/intune/protect/encrypt-devices',
      'https://learn.microsoft.com/mem/intune/protect/encryption-monitor',
      'https://learn.microsoft.com/mem/intune/protect/endpoint-security-disk-encryption-policy',
    ],
    datasets: ['m365.managedDevices'],
    remediation:
      'In the Microsoft Intune admin center (intune.microsoft.com) go to Endpoint security > Disk encryption and create a policy that turns on BitLocker for Windows and FileVault for macOS, assigned to all devices; add "Require encryption" to the compliance policy under Devices > Compliance so an unencrypted device loses access. Check progress under Devices > Monitor > Encryption report. Phones and tablets are encrypted when a passcode is set: require one in the compliance policy. Enrol every laptop, desktop and phone that holds patient data.',
  },
  evaluate: ({ data }) => {
    const { devices } = data['m365.managedDevices'];
    const describe = (d: (typeof devices)[number]) =>
      [d.operatingSystem, d.userPrincipalName ? `used by ${d.userPrincipalName}` : undefined].filter(Boolean).join(', ');

    const unencrypted = devices.filter((d) => d.isEncrypted === false);
    const unknown = devices.filter((d) => d.isEncrypted === null || d.isEncrypted === undefined);
    const affected: AffectedItem[] = [
      ...unencrypted.map((d) => ({ type: 'device', id: d.id, name: d.deviceName ?? d.id, detail: `not encrypted (${describe(d)})` })),
      ...unknown.map((d) => ({ type: 'device', id: d.id, name: d.deviceName ?? d.id, detail: `encryption not reported (${describe(d)})` })),
    ];
    const evidence = evidenceOf(affected, {
      total: devices.length,
      encrypted: devices.length - unencrypted.length - unknown.length,
      notEncrypted: unencrypted.length,
      encryptionUnknown: unknown.length,
    });

    if (devices.length === 0) {
      return {
        status: 'warn',
        summary: 'No devices are enrolled in Intune, so none is shown to be encrypted.',
        evidence: { ...evidence, note: 'Devices that are not enrolled cannot be checked; enrol every device that holds patient data.' },
      };
    }
    if (unencrypted.length > 0) {
      const unknownToo = unknown.length ? ` and ${unknown.length} more ${unknown.length === 1 ? 'does' : 'do'} not report encryption` : '';
      return {
        status: 'fail',
        summary: `${unencrypted.length} of ${devices.length} managed devices ${unencrypted.length === 1 ? 'is' : 'are'} not encrypted${unknownToo}.`,
        evidence,
      };
    }
    if (unknown.length > 0) {
      return {
        status: 'warn',
        summary: `${unknown.length} of ${devices.length} managed devices ${unknown.length === 1 ? 'does' : 'do'} not report whether ${unknown.length === 1 ? 'it is' : 'they are'} encrypted.`,
        evidence,
      };
    }
    return {
      status: 'pass',
      summary: `${capitalize(everyOne(devices.length, 'managed device'))} ${devices.length === 1 ? 'reports its' : 'report their'} storage encrypted.`,
      evidence,
    };
  },
});
