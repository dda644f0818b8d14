import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { MobileDevicesDataset } from '../../datasets/google.js';
import { capitalize, everyOne } from '../lib/text.js';

type Device = MobileDevicesDataset['devices'][number];

/**
 * How a device's `encryptionStatus` reads. The Directory API documents the field only as "Mobile
 * Device Encryption Status (Read-only)", a free string, without listing values
 * (https://developers.google.com/workspace/admin/directory/reference/rest/v1/mobiledevices). Values
 * seen: "Encrypted", "Unencrypted", "Encryption not supported"; the Admin console shows
 * Encrypted / Not encrypted. Anything else, or nothing (Google Sync and basic-managed devices often
 * report nothing), is unknown: not shown to be encrypted, not shown to be unencrypted.
 */
export function encryptionOf(status: string | undefined): 'encrypted' | 'unencrypted' | 'unknown' {
  const value = (status ?? '').trim().toLowerCase().replace(/[\s_-]+/g, ' ');
  if (value === 'encrypted') return 'encrypted';
  if (value === 'unencrypted' || value === 'not encrypted') return 'unencrypted';
  return 'unknown';
}

/** A wiped device holds no data any more; it stays listed until an admin deletes it. */
const isWiped = (device: Device) => /^wiped$/i.test(device.status ?? '');

/**
 * Every mobile device that syncs Google Workspace data reports its storage encrypted
 * (`encryptionStatus` "Encrypted"). Fails on a device that reports it is not encrypted; warns when a
 * device reports no usable status (unknown or "Encryption not supported" is not shown to be
 * encrypted), and when no device is listed at all, since then nothing shows phones holding patient
 * data are encrypted. Wiped devices are left out.
 */
export const googleDevicesEncryption = defineControl({
  meta: {
    id: 'google.devices.encryption',
    provider: 'google-workspace',
    title: 'Every mobile device syncing Workspace data is encrypted',
    severity: 'high',
    hipaa: ['164.312(a)(2)(iv)'],
    references: [
      'https://developers.google.com/workspace/admin/directory/reference/rest/v1/mobiledevices',
      'https://support.google.com/a/answer/7491893',
    ],
    datasets: ['google.mobileDevices'],
    remediation:
      'In the Google Admin console (admin.google.com) go to Devices > Mobile & endpoints > Settings > Universal settings > General > Mobile management and choose "Advanced" for the top-level organisational unit, so Google can see and enforce device security. Then, under Devices > Mobile & endpoints > Settings > Android (and iOS), require a device password or screen lock and, where offered, encryption. Ask each person with a device listed here to turn on encryption (Android: Settings > Security; iPhones are encrypted once a passcode is set), or block the device under Devices > Mobile & endpoints > Devices until it complies.',
  },
  evaluate: ({ data }) => {
    const all = data['google.mobileDevices'].devices;
    const wiped = all.filter(isWiped).length;
    const devices = all.filter((device) => !isWiped(device));
    const describe = (d: Device) =>
      [d.model, d.os, d.type, d.email?.length ? `used by ${d.email.join(', ')}` : undefined].filter(Boolean).join(', ');
    const name = (d: Device) => d.model ?? d.deviceId ?? d.resourceId;

    const unencrypted = devices.filter((d) => encryptionOf(d.encryptionStatus) === 'unencrypted');
    const unknown = devices.filter((d) => encryptionOf(d.encryptionStatus) === 'unknown');
    const affected: AffectedItem[] = [
      ...unencrypted.map((d) => ({ type: 'device', id: d.resourceId, name: name(d), detail: `not encrypted (${describe(d)})` })),
      ...unknown.map((d) => ({
        type: 'device',
        id: d.resourceId,
        name: name(d),
        detail: `${d.encryptionStatus ? `encryption status "${d.encryptionStatus}"` : 'encryption not reported'} (${describe(d)})`,
      })),
    ];
    const evidence = evidenceOf(affected, {
      total: devices.length,
      encrypted: devices.length - unencrypted.length - unknown.length,
      notEncrypted: unencrypted.length,
      encryptionUnknown: unknown.length,
      ...(wiped ? { wipedNotCounted: wiped } : {}),
    });
    const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

    if (devices.length === 0) {
      return {
        status: 'warn',
        summary: 'No mobile devices sync Google Workspace data under management, so none is shown to be encrypted.',
        evidence: { ...evidence, note: 'Phones and tablets that are not managed are not listed; turn on mobile management so every device holding patient data can be checked.' },
      };
    }
    if (unencrypted.length > 0) {
      const unknownToo = unknown.length ? ` and ${unknown.length} more ${plural(unknown.length, 'does', 'do')} not report encryption` : '';
      return {
        status: 'fail',
        summary: `${unencrypted.length} of ${devices.length} mobile ${plural(devices.length, 'device', 'devices')} ${plural(unencrypted.length, 'is', 'are')} not encrypted${unknownToo}.`,
        evidence,
      };
    }
    if (unknown.length > 0) {
      return {
        status: 'warn',
        summary: `${unknown.length} of ${devices.length} mobile ${plural(devices.length, 'device', 'devices')} ${plural(unknown.length, 'does', 'do')} not report being encrypted.`,
        evidence,
      };
    }
    return {
      status: 'pass',
      summary: `${capitalize(everyOne(devices.length, 'mobile device'))} ${devices.length === 1 ? 'reports its' : 'report their'} storage encrypted.`,
      evidence,
    };
  },
});
