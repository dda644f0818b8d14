import { defineControl, evidenceOf, MAX_AFFECTED } from '../define.js';
import type { AffectedItem, Reason } from '../../core/model.js';
import type { BitlockerKeysDataset, EntraDevicesDataset, ManagedDevicesDataset } from '../../datasets/m365.js';
import { DAY_MS, STALE_DEVICE_DAYS, daysBetween } from '../lib/dates.js';
import { platformOf, type Platform } from './lib/devices.js';
import { capitalize, count, everyOne } from '../lib/text.js';

type EntraDevice = EntraDevicesDataset['devices'][number];
type ManagedDevice = ManagedDevicesDataset['devices'][number];
type RecoveryKey = BitlockerKeysDataset['keys'][number];


/** Intune's `azureADDeviceId` for a device that has no Entra object. */
const NO_ENTRA_DEVICE = '00000000-0000-0000-0000-000000000000';

/** Entra `trustType` values of devices the organisation joined (device.md: `AzureAd` joined, `ServerAd` hybrid joined, `Workplace` registered). */
const JOIN_NAMES: Readonly<Record<string, string>> = { azuread: 'Entra joined', serverad: 'hybrid joined' };

/**
 * Whether a recovery key belongs to an operating-system drive: `graph.volumeType`
 * operatingSystemVolume = 1. The documented examples send the string "1"; OData JSON would send the
 * member name; both (and the number) are accepted.
 */
export function isOsVolumeKey(key: RecoveryKey): boolean {
  const type = key.volumeType;
  return type === 1 || (typeof type === 'string' && ['1', 'operatingsystemvolume'].includes(type.trim().toLowerCase()));
}

/** One device as the control sees it: its Entra object, its Intune record, or both (matched by Entra device id). */
interface DeviceView {
  entra?: EntraDevice;
  managed?: ManagedDevice;
}

/** What the control concluded about one device. */
type Verdict =
  | { kind: 'encrypted'; by: 'intune' | 'bitlocker-key' }
  | { kind: 'not-encrypted'; detail: string }
  | { kind: 'no-evidence'; detail: string };

const idOf = (view: DeviceView): string => view.entra?.deviceId ?? view.entra?.id ?? view.managed?.id ?? 'unknown';
const nameOf = (view: DeviceView): string => view.entra?.displayName ?? view.managed?.deviceName ?? idOf(view);
const platformOfView = (view: DeviceView): Platform => platformOf(view.entra?.operatingSystem ?? view.managed?.operatingSystem);
const joinOf = (view: DeviceView): string | undefined => JOIN_NAMES[(view.entra?.trustType ?? '').toLowerCase()];
/** Managed: Intune has a record of it, or Entra marks it managed by an MDM (Intune unreadable, or another MDM). */
const isManaged = (view: DeviceView): boolean => view.managed !== undefined || view.entra?.isManaged === true;

/** How the device is managed, in words. */
function managementOf(view: DeviceView): string {
  if (view.managed) return 'managed by Intune';
  return view.entra?.isManaged ? 'marked managed in Entra ID' : 'not managed by Intune';
}

/** When the device was last seen in use: its latest sign-in or check-in, or (failing both) its registration. */
function lastSeen(view: DeviceView): Date | undefined {
  const parse = (values: (string | null | undefined)[]) =>
    values.flatMap((value) => (value ? [new Date(value)] : [])).filter((date) => !Number.isNaN(date.getTime()));
  let times = parse([view.entra?.approximateLastSignInDateTime, view.managed?.lastSyncDateTime]);
  if (times.length === 0) times = parse([view.entra?.registrationDateTime]);
  return times.length ? new Date(Math.max(...times.map((date) => date.getTime()))) : undefined;
}

function describe(view: DeviceView): string {
  const trust = view.entra?.trustType;
  return [
    view.entra?.operatingSystem ?? view.managed?.operatingSystem,
    joinOf(view) ?? (trust?.toLowerCase() === 'workplace' ? 'registered' : undefined),
    managementOf(view),
    view.managed?.userPrincipalName ? `used by ${view.managed.userPrincipalName}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

/** The most recently synced of several Intune records for one Entra device (a device enrolled twice). */
function latestRecord(records: readonly ManagedDevice[]): ManagedDevice {
  return [...records].sort((a, b) => (b.lastSyncDateTime ?? '').localeCompare(a.lastSyncDateTime ?? ''))[0]!;
}

/** What either missing source needs, each source's needs joined by "and", the sources by "or". */
function eitherNeeds(reasons: readonly (Reason | undefined)[]): string {
  return reasons
    .flatMap((reason) => (reason?.needs?.length ? [reason.needs.join(' and ')] : []))
    .join(', or ');
}

/** A missing dataset's reason as a phrase: "the tenant has no Intune licence; it needs Microsoft Intune". */
function because(reason: Reason | undefined): string {
  if (!reason) return 'it was not collected';
  return `${reason.detail}${reason.needs?.length ? `; it needs ${reason.needs.join(' and ')}` : ''}`;
}

/** What the control could read to show encryption. */
interface EncryptionSources {
  intuneRead: boolean;
  keysRead: boolean;
  osKeyDevices: ReadonlySet<string>;
}

/** Encrypted, not encrypted, or no evidence either way, from Intune's report and the escrowed keys. */
function verdictOf(view: DeviceView, seen: EncryptionSources): Verdict {
  const platform = platformOfView(view);
  const deviceId = view.entra?.deviceId?.toLowerCase() ?? view.managed?.azureADDeviceId?.toLowerCase();
  const hasOsKey = platform === 'windows' && deviceId !== undefined && seen.osKeyDevices.has(deviceId);
  const reported = view.managed?.isEncrypted;
  // Intune reports the current state; an escrowed key only shows BitLocker was turned on once, so
  // Intune's "not encrypted" wins and the key is mentioned for whoever investigates.
  if (reported === false) {
    return { kind: 'not-encrypted', detail: `Intune reports it not encrypted${hasOsKey ? ', although a BitLocker recovery key for its system drive is escrowed' : ''}` };
  }
  if (reported === true) return { kind: 'encrypted', by: 'intune' };
  if (hasOsKey) return { kind: 'encrypted', by: 'bitlocker-key' };

  let intune: string;
  if (view.managed) intune = 'Intune does not report its encryption';
  else if (!seen.intuneRead) intune = 'Intune could not be read';
  else if (view.entra?.isManaged) intune = 'Entra ID marks it managed, but Intune has no record of it (another MDM?)';
  else intune = 'not managed by Intune';
  if (platform === 'windows') {
    const keys = seen.keysRead ? 'no BitLocker recovery key for its system drive is escrowed in Entra ID' : 'the BitLocker recovery keys could not be read';
    return { kind: 'no-evidence', detail: `no evidence of encryption: ${intune} and ${keys}` };
  }
  if (platform === 'macos') {
    return { kind: 'no-evidence', detail: `no evidence of encryption: ${intune}, and only Intune reports whether a Mac's FileVault is on` };
  }
  return { kind: 'no-evidence', detail: `no evidence of encryption: ${intune}` };
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/**
 * Every work device is shown to be encrypted. Work devices: the Windows and Mac computers joined or
 * hybrid joined to Entra ID (`trustType` AzureAd or ServerAd), and every managed device (an Intune
 * record, or `isManaged` in Entra ID), enabled and signed in or checked in within
 * {@link STALE_DEVICE_DAYS} days. A device counts as encrypted when Intune reports `isEncrypted`,
 * or, for Windows, when a BitLocker recovery key for its operating-system drive is escrowed in Entra
 * ID. Fails when a device is reported unencrypted; warns when a device has no evidence either way (a
 * Mac without Intune always), when there is no work device at all, and when stale devices remain.
 * Devices only registered (personal devices, `trustType` Workplace, not managed) are listed, not
 * counted. Without Intune and without the BitLocker keys nothing can show encryption: not assessed,
 * naming both.
 */
export const devicesEncryption = defineControl({
  meta: {
    id: 'm365.devices.encryption',
    provider: 'm365',
    title: 'Every work device is shown to be encrypted',
    severity: 'high',
    hipaa: ['164.312(a)(2)(iv)'],
    references: [
      'https://learn.microsoft.com/graph/api/device-list',
      'https://learn.microsoft.com/graph/api/resources/device',
      'https://learn.microsoft.com/graph/api/bitlocker-list-recoverykeys',
      'https://learn.microsoft.com/graph/api/resources/intune-devices-manageddevice',
      'https://learn.microsoft.com/entra/identity/devices/manage-stale-devices',
      'https://learn.microsoft.com/mem/intune/protect/encrypt-devices',
      'https://learn.microsoft.com/mem/intune/protect/encryption-monitor',
    ],
    datasets: ['m365.devices'],
    optionalDatasets: ['m365.managedDevices', 'm365.bitlockerKeys'],
    remediation:
      'In the Microsoft Intune admin center (intune.microsoft.com) go to Endpoint security > Disk encryption and create a policy that turns on BitLocker for Windows (backing the recovery key up to Microsoft Entra ID) and FileVault for macOS, assigned to all devices; add "Require encryption" to the compliance policy under Devices > Compliance so an unencrypted device loses access, and check progress under Devices > Monitor > Encryption report. Enrol in Intune every Windows and Mac computer joined to Entra ID. Without Intune, turn BitLocker on for each Windows computer and back its recovery key up to Entra ID (manage-bde -protectors -aadbackup C: -id <protector id>, or BackupToAAD-BitLockerKeyProtector), and keep a record of how each Mac is encrypted (FileVault). In the Entra admin center (entra.microsoft.com) under Devices > All devices, disable and later delete devices that have not signed in for 90 days once you know they are retired (retire them in Intune first, and keep any BitLocker recovery key you may still need: deleting the device deletes its keys).',
  },
  evaluate: ({ data, unavailable, options }) => {
    const entraDevices = data['m365.devices'].devices;
    const managedDevices = data['m365.managedDevices']?.devices;
    const recoveryKeys = data['m365.bitlockerKeys']?.keys;
    const intuneMissing = unavailable['m365.managedDevices'];
    const keysMissing = unavailable['m365.bitlockerKeys'];

    if (managedDevices === undefined && recoveryKeys === undefined) {
      const reasons = [intuneMissing, keysMissing].filter((reason): reason is Reason => reason !== undefined);
      const kinds = new Set(reasons.map((reason) => reason.kind));
      const needs = reasons.flatMap((reason) => reason.needs ?? []);
      const either = eitherNeeds(reasons);
      return {
        status: 'not_assessed',
        summary: `Not assessed: no device can be shown to be encrypted, because neither Intune nor the BitLocker recovery keys in Entra ID could be read.${either ? ` It needs ${either}.` : ''}`,
        evidence: { affected: [], affectedCount: 0, entraDevices: entraDevices.length },
        reason: {
          // Either source would do: a grant the admin can make is named first.
          kind: kinds.size === 1 ? [...kinds][0]! : kinds.has('permission') ? 'permission' : (reasons[0]?.kind ?? 'unsupported'),
          detail: `neither Intune managed devices (${because(intuneMissing)}) nor BitLocker recovery keys (${because(keysMissing)}) could be read, and only they show whether a device is encrypted`,
          ...(needs.length ? { needs } : {}),
        },
      };
    }

    // Intune's records and the escrowed keys join Entra's devices by Entra device id (`deviceId`).
    const entraDeviceIds = new Set(entraDevices.flatMap((device) => (device.deviceId ? [device.deviceId.toLowerCase()] : [])));
    const managedByDeviceId = new Map<string, ManagedDevice[]>();
    const managedAlone: ManagedDevice[] = [];
    for (const device of managedDevices ?? []) {
      const deviceId = device.azureADDeviceId?.toLowerCase();
      if (deviceId && deviceId !== NO_ENTRA_DEVICE && entraDeviceIds.has(deviceId)) {
        managedByDeviceId.set(deviceId, [...(managedByDeviceId.get(deviceId) ?? []), device]);
      } else {
        managedAlone.push(device);
      }
    }
    const views: DeviceView[] = [
      ...entraDevices.map((entra) => {
        const records = entra.deviceId ? managedByDeviceId.get(entra.deviceId.toLowerCase()) : undefined;
        return records ? { entra, managed: latestRecord(records) } : { entra };
      }),
      ...managedAlone.map((managed) => ({ managed })),
    ];
    const seen: EncryptionSources = {
      intuneRead: managedDevices !== undefined,
      keysRead: recoveryKeys !== undefined,
      osKeyDevices: new Set((recoveryKeys ?? []).filter(isOsVolumeKey).flatMap((key) => (key.deviceId ? [key.deviceId.toLowerCase()] : []))),
    };

    const now = options.now;
    const staleBefore = now.getTime() - STALE_DEVICE_DAYS * DAY_MS;
    const disabled: DeviceView[] = [];
    const registeredOnly: DeviceView[] = [];
    const otherNotCounted: DeviceView[] = [];
    const stale: { view: DeviceView; last: Date }[] = [];
    const counted: { view: DeviceView; verdict: Verdict }[] = [];
    for (const view of views) {
      if (view.entra?.accountEnabled === false) {
        disabled.push(view);
        continue;
      }
      const computer = platformOfView(view) !== 'other';
      if (!isManaged(view) && !(joinOf(view) && computer)) {
        // Only registered (personal, `Workplace`) or a joined device of another platform, and not managed.
        (joinOf(view) ? otherNotCounted : registeredOnly).push(view);
        continue;
      }
      const last = lastSeen(view);
      if (last && last.getTime() < staleBefore) {
        stale.push({ view, last });
        continue;
      }
      counted.push({ view, verdict: verdictOf(view, seen) });
    }

    const notEncrypted = counted.filter((entry) => entry.verdict.kind === 'not-encrypted');
    const noEvidence = counted.filter((entry) => entry.verdict.kind === 'no-evidence');
    const encrypted = counted.filter((entry) => entry.verdict.kind === 'encrypted');
    const item = (view: DeviceView, detail: string): AffectedItem => ({ type: 'device', id: idOf(view), name: nameOf(view), detail: `${detail} (${describe(view)})` });
    const detailOf = (verdict: Verdict): string => (verdict.kind === 'encrypted' ? 'encrypted' : verdict.detail);
    const affected: AffectedItem[] = [
      ...notEncrypted.map(({ view, verdict }) => item(view, `not encrypted: ${detailOf(verdict)}`)),
      ...noEvidence.map(({ view, verdict }) => item(view, detailOf(verdict))),
      ...stale.map(({ view, last }) =>
        item(view, `stale, not counted: no sign-in or check-in for ${daysBetween(last, now)} days; retire it in Entra ID${view.managed ? ' and Intune' : ''} or bring it back into use`),
      ),
    ];
    const listed = (list: DeviceView[]) => list.slice(0, MAX_AFFECTED).map((view) => ({ id: idOf(view), name: nameOf(view), detail: describe(view) }));
    const missing: Record<string, string> = {};
    if (intuneMissing) missing['m365.managedDevices'] = because(intuneMissing);
    if (keysMissing) missing['m365.bitlockerKeys'] = because(keysMissing);
    const evidence = evidenceOf(affected, {
      total: counted.length,
      encrypted: encrypted.length,
      encryptedByIntune: encrypted.filter((entry) => entry.verdict.kind === 'encrypted' && entry.verdict.by === 'intune').length,
      encryptedByBitLockerKey: encrypted.filter((entry) => entry.verdict.kind === 'encrypted' && entry.verdict.by === 'bitlocker-key').length,
      notEncrypted: notEncrypted.length,
      noEvidence: noEvidence.length,
      stale: stale.length,
      registeredOnly: registeredOnly.length,
      registeredOnlyDevices: listed(registeredOnly),
      disabledNotCounted: disabled.length,
      ...(otherNotCounted.length ? { otherPlatformNotCounted: otherNotCounted.length } : {}),
      ...(Object.keys(missing).length ? { unavailable: missing } : {}),
      scope: `Windows and Mac computers joined or hybrid joined to Entra ID, and managed devices (in Intune, or marked managed in Entra ID), enabled and used in the last ${STALE_DEVICE_DAYS} days`,
    });

    const total = counted.length;
    const sentences: string[] = [];
    let status: 'pass' | 'fail' | 'warn';
    if (notEncrypted.length > 0) {
      status = 'fail';
      const more = noEvidence.length ? `, and ${noEvidence.length} more ${plural(noEvidence.length, 'shows', 'show')} no evidence of encryption` : '';
      sentences.push(`${notEncrypted.length} of ${count(total, 'work device')} ${plural(notEncrypted.length, 'is', 'are')} not encrypted${more}.`);
    } else if (noEvidence.length > 0) {
      status = 'warn';
      sentences.push(
        `${noEvidence.length} of ${count(total, 'work device')} ${plural(noEvidence.length, 'shows', 'show')} no evidence of encryption; ${encrypted.length ? `${encrypted.length} ${plural(encrypted.length, 'is', 'are')} shown encrypted` : 'none is shown encrypted'}.`,
      );
    } else if (total === 0) {
      status = 'warn';
      sentences.push(
        `No Windows or Mac computer joined to Entra ID and no managed device was used in the last ${STALE_DEVICE_DAYS} days, so no device holding patient data is shown to be encrypted.`,
      );
    } else {
      status = stale.length ? 'warn' : 'pass';
      sentences.push(`${capitalize(everyOne(total, 'work device'))} ${plural(total, 'is', 'are')} shown to be encrypted.`);
    }
    if (stale.length) {
      sentences.push(
        `${capitalize(count(stale.length, 'more device'))} ${plural(stale.length, 'has', 'have')} not signed in or checked in for over ${STALE_DEVICE_DAYS} days and ${plural(stale.length, 'is', 'are')} not counted.`,
      );
    }
    if (noEvidence.length && (keysMissing || intuneMissing)) {
      const which = [intuneMissing ? 'Intune' : undefined, keysMissing ? 'the BitLocker recovery keys' : undefined].filter(Boolean).join(' and ');
      const either = eitherNeeds([intuneMissing, keysMissing]);
      sentences.push(`${capitalize(which)} could not be read${either ? ` (it needs ${either})` : ''}, which may show more devices encrypted.`);
    }
    if (registeredOnly.length) {
      sentences.push(
        `${capitalize(count(registeredOnly.length, 'device'))} only registered in Entra ID (${plural(registeredOnly.length, 'a personal device', 'personal devices')}, not managed) ${plural(registeredOnly.length, 'is', 'are')} listed but not counted.`,
      );
    }
    return { status, summary: sentences.join(' '), evidence };
  },
});
