import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { GoogleDevicesDataset, MobileDevicesDataset } from '../../datasets/google.js';
import { DAY_MS, STALE_DEVICE_DAYS } from '../lib/dates.js';
import { capitalize, count, everyOne } from '../lib/text.js';

type Device = GoogleDevicesDataset['devices'][number];

/**
 * A Cloud Identity device's `encryptionState` (ENCRYPTED, NOT_ENCRYPTED, UNSUPPORTED_BY_DEVICE,
 * ENCRYPTION_STATE_UNSPECIFIED; Devices API reference). Unsupported or unreported is not shown to
 * be encrypted.
 */
export function encryptionStateOf(state: string | undefined): 'encrypted' | 'unencrypted' | 'unknown' {
  if (state === 'ENCRYPTED') return 'encrypted';
  if (state === 'NOT_ENCRYPTED') return 'unencrypted';
  return 'unknown';
}

/** Kinds of device Google lists, by `deviceType`. */
const PHONE_TYPES: Readonly<Record<string, string>> = { ANDROID: 'Android', IOS: 'iOS', GOOGLE_SYNC: 'Google Sync' };
const COMPUTER_TYPES: Readonly<Record<string, string>> = { WINDOWS: 'Windows', MAC_OS: 'Mac', CHROME_OS: 'ChromeOS', LINUX: 'Linux' };
const kindName = (type: string | undefined) => (type && (PHONE_TYPES[type] ?? COMPUTER_TYPES[type])) || 'unknown type';

/** A wiped device (or one being wiped) holds no data any more; it stays listed until an admin deletes it. */
const isWiped = (device: Device) => device.managementState === 'WIPED' || device.managementState === 'WIPING';

/**
 * Every device that holds Workspace data reports its storage encrypted: phones and tablets (Android,
 * iOS, Google Sync) and computers that report through endpoint verification (Windows, Mac,
 * ChromeOS, Linux), from the Cloud Identity Devices API. Fails on a device that reports
 * NOT_ENCRYPTED; warns on a device that reports no usable state; never passes when no computer is
 * listed, since a pass would then say nothing about the laptops and desktops that open patient
 * mail (endpoint verification is what lists them). Wiped devices are left out.
 */
export const googleDevicesEncryption = defineControl({
  meta: {
    id: 'google.devices.encryption',
    provider: 'google-workspace',
    title: 'Every phone, tablet and computer holding Workspace data is encrypted',
    severity: 'high',
    hipaa: ['164.312(a)(2)(iv)'],
    references: [
      'https://cloud.google.com/identity/docs/reference/rest/v1/devices',
      'https://cloud.google.com/identity/docs/how-to/list-get-devices',
      'https://support.google.com/a/answer/9007320',
      'https://support.google.com/a/answer/7491893',
    ],
    datasets: ['google.devices'],
    // Names the person a phone belongs to, matched by serial number (evidence only).
    optionalDatasets: ['google.mobileDevices'],
    remediation:
      'Make every device that opens patient information visible and encrypted. In the Google Admin console (admin.google.com): for computers, turn on endpoint verification (Devices > Mobile & endpoints > Settings > Universal settings > Data access > Endpoint verification) and have staff install the Endpoint Verification extension in Chrome on each Windows, Mac and Linux computer, then turn on BitLocker (Windows) or FileVault (Mac) where a computer reports it is not encrypted. For phones, choose "Advanced" mobile management (Devices > Mobile & endpoints > Settings > Universal settings > General > Mobile management), require a screen lock and, for Android, encryption; iPhones are encrypted once a passcode is set. Block a device that does not comply under Devices > Mobile & endpoints > Devices until it does.',
  },
  evaluate: ({ data, unavailable, options }) => {
    const all = data['google.devices'].devices;
    const wiped = all.filter(isWiped).length;
    // A device that has not synced for 90 days may be retired or lost: flagged, not counted.
    const staleBefore = options.now.getTime() - STALE_DEVICE_DAYS * DAY_MS;
    const isStale = (device: Device) => device.lastSyncTime !== undefined && Date.parse(device.lastSyncTime) < staleBefore;
    const stale = all.filter((device) => !isWiped(device) && isStale(device));
    const devices = all.filter((device) => !isWiped(device) && !isStale(device));
    const owners = phoneOwnersBySerial(data['google.mobileDevices']);

    const phones = devices.filter((d) => d.deviceType !== undefined && d.deviceType in PHONE_TYPES);
    const computers = devices.filter((d) => d.deviceType !== undefined && d.deviceType in COMPUTER_TYPES);
    const kindsSeen = [...new Set(devices.map((d) => kindName(d.deviceType)))];
    const computerKindsNotSeen = Object.entries(COMPUTER_TYPES)
      .filter(([type]) => !computers.some((d) => d.deviceType === type))
      .map(([, name]) => name);

    const describe = (d: Device) => {
      const owner = d.serialNumber ? owners.get(d.serialNumber.toLowerCase()) : undefined;
      return [
        kindName(d.deviceType),
        d.model,
        d.osVersion,
        d.hostname ? `host ${d.hostname}` : undefined,
        d.serialNumber ? `serial ${d.serialNumber}` : undefined,
        d.ownerType === 'COMPANY' ? 'company-owned' : d.ownerType === 'BYOD' ? 'personal (BYOD)' : undefined,
        owner ? `used by ${owner}` : undefined,
        d.lastSyncTime ? `last sync ${d.lastSyncTime.slice(0, 10)}` : undefined,
      ]
        .filter(Boolean)
        .join(', ');
    };
    const name = (d: Device) => d.hostname ?? d.model ?? d.name;
    const unencrypted = devices.filter((d) => encryptionStateOf(d.encryptionState) === 'unencrypted');
    const unknown = devices.filter((d) => encryptionStateOf(d.encryptionState) === 'unknown');
    const affected: AffectedItem[] = [
      ...unencrypted.map((d) => ({ type: 'device', id: d.name, name: name(d), detail: `not encrypted (${describe(d)})` })),
      ...unknown.map((d) => ({
        type: 'device',
        id: d.name,
        name: name(d),
        detail: `${d.encryptionState ? `encryption state ${d.encryptionState}` : 'encryption not reported'} (${describe(d)})`,
      })),
    ];
    const mobileNote = data['google.mobileDevices']
      ? {}
      : { phoneOwners: `not named: the Directory mobile devices could not be read (${unavailable['google.mobileDevices']?.detail ?? 'not collected'})` };
    const evidence = evidenceOf(affected, {
      total: devices.length,
      phonesAndTablets: phones.length,
      computers: computers.length,
      kindsSeen,
      computerKindsNotSeen,
      encrypted: devices.length - unencrypted.length - unknown.length,
      notEncrypted: unencrypted.length,
      encryptionUnknown: unknown.length,
      ...(wiped ? { wipedNotCounted: wiped } : {}),
      ...(stale.length ? { staleNotCounted: stale.map((d) => ({ id: d.name, name: name(d), detail: describe(d) })) } : {}),
      view: data['google.devices'].view,
      note: 'Only devices Google manages or that run endpoint verification are listed; a computer without the Endpoint Verification extension does not appear.',
      ...mobileNote,
    });
    const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
    const staleNote = stale.length
      ? ` ${capitalize(count(stale.length, 'more device'))} ${plural(stale.length, 'has', 'have')} not synced for over ${STALE_DEVICE_DAYS} days and ${plural(stale.length, 'is', 'are')} not counted: remove ${plural(stale.length, 'it', 'them')} if retired, or find out why.`
      : '';
    const unlisted = ' A computer without the Endpoint Verification extension is not listed, so check every computer that opens patient information has it.';
    const noComputers = `No Windows, Mac, ChromeOS or Linux computer is listed, so the computers that open patient information are not shown to be encrypted: turn on endpoint verification.`;

    if (devices.length === 0) {
      return {
        status: 'warn',
        summary: 'No phone, tablet or computer is listed under Google device management, so none is shown to be encrypted.',
        evidence: { ...evidence, note: 'Turn on mobile management and endpoint verification so every device holding patient data can be checked.' },
      };
    }
    if (unencrypted.length > 0) {
      const unknownToo = unknown.length ? ` and ${unknown.length} more ${plural(unknown.length, 'does', 'do')} not report encryption` : '';
      return {
        status: 'fail',
        summary: `${unencrypted.length} of ${count(devices.length, 'device')} ${plural(unencrypted.length, 'is', 'are')} not encrypted${unknownToo}.${computers.length ? '' : ` ${noComputers}`}`,
        evidence,
      };
    }
    if (unknown.length > 0) {
      return {
        status: 'warn',
        summary: `${unknown.length} of ${count(devices.length, 'device')} ${plural(unknown.length, 'does', 'do')} not report being encrypted.${computers.length ? '' : ` ${noComputers}`}`,
        evidence,
      };
    }
    if (computers.length === 0) {
      return {
        status: 'warn',
        summary: `${capitalize(everyOne(phones.length, 'mobile device'))} listed ${phones.length === 1 ? 'reports its' : 'report their'} storage encrypted. ${noComputers}`,
        evidence,
      };
    }
    const allEncrypted = `${capitalize(everyOne(devices.length, 'device'))} (${count(computers.length, 'computer')} and ${count(phones.length, 'mobile device')}) ${devices.length === 1 ? 'reports its' : 'report their'} storage encrypted.`;
    if (stale.length > 0) {
      return { status: 'warn', summary: `${allEncrypted}${staleNote}`, evidence };
    }
    return {
      status: 'pass',
      summary: `${allEncrypted}${unlisted}`,
      evidence,
    };
  },
});

/** Owners of Directory mobile devices by serial number (lower case), to name whose phone a device is. */
function phoneOwnersBySerial(mobile: MobileDevicesDataset | undefined): Map<string, string> {
  const owners = new Map<string, string>();
  for (const device of mobile?.devices ?? []) {
    const serial = typeof device.serialNumber === 'string' ? device.serialNumber : undefined;
    if (serial && device.email?.length) owners.set(serial.toLowerCase(), device.email.join(', '));
  }
  return owners;
}
