import { defineControl, evidenceOf, MAX_AFFECTED } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { EntraDevicesDataset, ManagedDevicesDataset } from '../../datasets/m365.js';
import { DAY_MS, STALE_DEVICE_DAYS } from '../lib/dates.js';
import { capitalize, count, everyOne, noneOf } from '../lib/text.js';
import { platformOf } from './lib/devices.js';
import { LOCK_PLATFORMS, lockSourcesOf, platformOfDevice, type LockPlatform, type LockSource } from './lib/screen-lock.js';

/** How one platform in use is covered. */
interface PlatformResult {
  platform: LockPlatform;
  devices: number;
  /** covered: a policy for everyone locks within the limit; long: only later; partial: only for some devices; unseen: a policy Graph v1.0 cannot show may set it; none. */
  status: 'covered' | 'long' | 'partial' | 'unseen' | 'none';
  minutes?: number;
  policy?: string;
  detail: string;
}

const describeSource = (source: LockSource) => `${source.kind} "${source.policyName}"`;

function assess(platform: LockPlatform, devices: number, sources: readonly LockSource[], unseen: number, limit: number): PlatformResult {
  const setting = sources.filter((source) => source.platform === platform && source.minutes !== undefined);
  const forEveryone = setting.filter((source) => source.reach.kind === 'all').sort((a, b) => a.minutes! - b.minutes!);
  const best = forEveryone[0];
  if (best && best.minutes! <= limit) {
    return { platform, devices, status: 'covered', minutes: best.minutes!, policy: best.policyName, detail: `locks after ${count(best.minutes!, 'minute')} (${describeSource(best)}, assigned to ${best.reach.kind === 'all' ? best.reach.target : ''})` };
  }
  if (best) {
    return { platform, devices, status: 'long', minutes: best.minutes!, policy: best.policyName, detail: `locks only after ${count(best.minutes!, 'minute')} (${describeSource(best)}), longer than the ${limit}-minute limit` };
  }
  const partial = setting.filter((source) => source.reach.kind === 'partial').sort((a, b) => a.minutes! - b.minutes!)[0];
  if (partial && partial.reach.kind === 'partial') {
    return { platform, devices, status: 'partial', minutes: partial.minutes!, policy: partial.policyName, detail: `a lock after ${count(partial.minutes!, 'minute')} is set only for part of the devices (${describeSource(partial)}: ${partial.reach.detail})` };
  }
  const ignored = sources.filter((source) => source.platform === platform && source.ignored && source.reach.kind !== 'unassigned');
  const why = ignored.length ? `; ${ignored.map((source) => `${describeSource(source)} ${source.ignored}`).join('; ')}` : '';
  if (platform === 'Android' && unseen > 0) {
    // v1.0 serves Android Enterprise (fully managed, dedicated, AOSP) policies as a bare base type, settings unseen.
    return { platform, devices, status: 'unseen', detail: `no policy Graph v1.0 describes sets a lock; ${count(unseen, 'policy', 'policies')} of a type v1.0 does not show (Android Enterprise fully managed, dedicated or AOSP) may${why}` };
  }
  return { platform, devices, status: 'none', detail: `no Intune policy assigned to these devices locks the screen after inactivity${why}` };
}

type EntraDevice = EntraDevicesDataset['devices'][number];

/** Entra `trustType` of devices the organisation joined: `AzureAd` (Entra joined) and `ServerAd` (hybrid joined); `Workplace` is only registered. */
const JOIN_NAMES: Readonly<Record<string, string>> = { azuread: 'Entra joined', serverad: 'hybrid joined' };

/** The work computers Entra ID knows, and which of them Intune does not manage. */
interface JoinedComputers {
  /** Enabled Windows and Mac computers joined or hybrid joined, enrolled in Intune or seen within STALE_DEVICE_DAYS. */
  counted: EntraDevice[];
  /** Of those, the ones with no Intune record: no Intune policy reaches them. */
  notEnrolled: EntraDevice[];
  /** Joined computers not enrolled and not seen for STALE_DEVICE_DAYS: not counted. */
  stale: EntraDevice[];
  /** Devices only registered (personal, `Workplace`) and not enrolled in Intune: listed, not counted. */
  registeredOnly: EntraDevice[];
}

/**
 * The joined computers (as m365.devices.encryption counts them) split by Intune enrolment: a
 * computer is enrolled when an Intune record carries its Entra device id (`azureADDeviceId`).
 */
function joinedComputers(entraDevices: readonly EntraDevice[], managedDevices: ManagedDevicesDataset['devices'], now: Date): JoinedComputers {
  const enrolled = new Set(managedDevices.flatMap((device) => (device.azureADDeviceId ? [device.azureADDeviceId.toLowerCase()] : [])));
  const staleBefore = now.getTime() - STALE_DEVICE_DAYS * DAY_MS;
  const result: JoinedComputers = { counted: [], notEnrolled: [], stale: [], registeredOnly: [] };
  for (const device of entraDevices) {
    if (device.accountEnabled === false) continue;
    const trust = (device.trustType ?? '').toLowerCase();
    const isEnrolled = device.deviceId !== undefined && device.deviceId !== null && enrolled.has(device.deviceId.toLowerCase());
    if (!JOIN_NAMES[trust]) {
      // An enrolled registered device is judged with Intune's devices; a personal one is only listed.
      if (trust === 'workplace' && !isEnrolled) result.registeredOnly.push(device);
      continue;
    }
    if (platformOf(device.operatingSystem) === 'other') continue;
    if (isEnrolled) {
      result.counted.push(device);
      continue;
    }
    // Not in Intune: only Entra's sign-in (or, never signed in, its registration) shows it in use.
    const last = Date.parse(device.approximateLastSignInDateTime ?? device.registrationDateTime ?? '');
    if (!Number.isNaN(last) && last < staleBefore) {
      result.stale.push(device);
      continue;
    }
    result.counted.push(device);
    result.notEnrolled.push(device);
  }
  return result;
}

function notEnrolledItem(device: EntraDevice): AffectedItem {
  const join = JOIN_NAMES[(device.trustType ?? '').toLowerCase()];
  const otherMdm = device.isManaged ? '; Entra ID marks it managed, perhaps by another MDM whose lock is not checked' : '';
  return {
    type: 'device',
    id: device.deviceId ?? device.id,
    name: device.displayName ?? device.deviceId ?? device.id,
    detail: `${device.operatingSystem ?? 'unknown system'}, ${join}, not enrolled in Intune, so no Intune policy locks its screen${otherMdm}`,
  };
}

/**
 * Intune locks every managed device's screen after at most `thresholds.screenLockMinutes` of
 * inactivity (default 15), through a policy assigned to all devices or all users, and the devices
 * report compliant. Every place Intune sets the lock counts: compliance policies, device
 * configuration profiles and settings catalog policies (read from Graph beta, the only version
 * that has them).
 *
 * Intune policies reach only enrolled devices, so the work computers Entra ID knows are compared
 * with Intune's records, as m365.devices.encryption counts them: enabled Windows and Mac computers
 * joined or hybrid joined to Entra ID and seen within {@link STALE_DEVICE_DAYS} days. A joined
 * computer not enrolled in Intune is named and the control does not pass (warn; fail when no
 * joined computer is enrolled). Computers only registered (personal, Workplace) are listed, not
 * counted. m365.devices is required, as for encryption: without it the unenrolled computers cannot
 * be seen, and a pass would rest on partial data.
 */
export const devicesScreenLock = defineControl({
  meta: {
    id: 'm365.devices.screen-lock',
    provider: 'm365',
    title: 'Managed devices lock their screen after a short idle time',
    severity: 'medium',
    hipaa: ['164.312(a)(2)(iii)'],
    references: [
      'https://learn.microsoft.com/graph/api/resources/intune-deviceconfig-devicecompliancepolicy?view=graph-rest-1.0',
      'https://learn.microsoft.com/graph/api/resources/intune-deviceconfig-deviceconfiguration?view=graph-rest-1.0',
      'https://learn.microsoft.com/graph/api/resources/intune-deviceconfigv2-devicemanagementconfigurationpolicy?view=graph-rest-beta',
      'https://learn.microsoft.com/windows/client-management/mdm/policy-csp-devicelock#maxinactivitytimedevicelock',
      'https://learn.microsoft.com/windows/security/threat-protection/security-policy-settings/interactive-logon-machine-inactivity-limit',
      'https://learn.microsoft.com/mem/intune/protect/device-compliance-get-started',
    ],
    datasets: ['m365.deviceLockPolicies', 'm365.managedDevices', 'm365.devices'],
    remediation:
      'In the Microsoft Intune admin center (intune.microsoft.com) set a screen lock of 15 minutes or less for every platform your practice uses, assigned to All devices (or All users): for Windows, Devices > Configuration > Create > Settings catalog, "Interactive logon: machine inactivity limit" (900 seconds) or Device Lock "Max Inactivity Time Device Lock"; for macOS, iOS/iPadOS and Android, the compliance policy\'s "Maximum minutes of inactivity before password is required" (with a password required). Then check under Devices > Monitor that every device reports compliant, and enrol in Intune every Windows and Mac computer joined to Entra ID (Devices > Enrollment: automatic enrolment for Windows, Apple business enrolment for Macs), since Intune policies reach only enrolled devices.',
  },
  evaluate: ({ data, options }) => {
    const limit = options.thresholds.screenLockMinutes;
    const { devices } = data['m365.managedDevices'];
    const policies = data['m365.deviceLockPolicies'];
    const { sources, unseen } = lockSourcesOf(policies);

    const inUse = new Map<LockPlatform, number>();
    const otherDevices = devices.filter((device) => platformOfDevice(device.operatingSystem) === undefined);
    for (const device of devices) {
      const platform = platformOfDevice(device.operatingSystem);
      if (platform) inUse.set(platform, (inUse.get(platform) ?? 0) + 1);
    }
    const results = LOCK_PLATFORMS.filter((platform) => inUse.has(platform)).map((platform) => assess(platform, inUse.get(platform)!, sources, unseen.length, limit));
    const notCompliant = devices.filter((device) => device.complianceState !== 'compliant');
    const computers = joinedComputers(data['m365.devices'].devices, devices, options.now);

    const affected: AffectedItem[] = [
      ...results.filter((result) => result.status !== 'covered').map((result) => ({ type: 'platform', id: result.platform, name: result.platform, detail: `${count(result.devices, 'device')}: ${result.detail}` })),
      ...notCompliant.map((device) => ({ type: 'device', id: device.id, name: device.deviceName ?? device.id, detail: `reports ${device.complianceState ?? 'no compliance state'} (${device.operatingSystem ?? 'unknown system'})` })),
      ...otherDevices.map((device) => ({ type: 'device', id: device.id, name: device.deviceName ?? device.id, detail: `${device.operatingSystem ?? 'unknown system'}: no screen lock setting is checked for this platform` })),
      ...computers.notEnrolled.map(notEnrolledItem),
    ];
    const listed = (list: readonly EntraDevice[]) => list.slice(0, MAX_AFFECTED).map((device) => ({ id: device.deviceId ?? device.id, name: device.displayName ?? device.id, operatingSystem: device.operatingSystem ?? null }));
    const evidence = evidenceOf(affected, {
      total: devices.length,
      limitMinutes: limit,
      platforms: results.map(({ platform, devices: n, status, minutes, policy, detail }) => ({ platform, devices: n, status, ...(minutes !== undefined ? { minutes } : {}), ...(policy ? { policy } : {}), detail })),
      policiesRead: { compliancePolicies: policies.compliancePolicies.length, deviceConfigurations: policies.deviceConfigurations.length, settingsCatalogPolicies: policies.configurationPolicies.length },
      ...(unseen.length ? { policiesOfTypesV1Hides: unseen.map((policy) => `${policy.kind} "${policy.policyName}"`) } : {}),
      devicesNotCompliant: notCompliant.length,
      joinedComputers: computers.counted.length,
      joinedComputersNotEnrolled: computers.notEnrolled.length,
      staleJoinedComputersNotCounted: computers.stale.length,
      registeredOnly: computers.registeredOnly.length,
      registeredOnlyDevices: listed(computers.registeredOnly),
      scope: `Intune-managed devices, and the Windows and Mac computers joined or hybrid joined to Entra ID, enabled and used in the last ${STALE_DEVICE_DAYS} days (personal devices only registered are listed, not counted)`,
      note: 'Settings catalog policies are read from Microsoft Graph beta, the only version that has them.',
    });

    // The verdict on the enrolled devices alone; the joined computers outside Intune are weighed after.
    const judged = ((): { status: 'pass' | 'warn' | 'fail'; summary: string } => {
      if (devices.length === 0) return { status: 'warn', summary: 'No devices are enrolled in Intune, so none is shown to lock its screen when left idle.' };
      const named = (list: readonly PlatformResult[]) => list.map((result) => `${result.platform} (${count(result.devices, 'device')})`).join(', ');
      const problems: string[] = [];
      for (const result of results) {
        if (result.status === 'long') problems.push(`${result.platform} devices lock only after ${count(result.minutes!, 'minute')}, longer than the ${limit}-minute limit`);
        if (result.status === 'partial') problems.push(`the ${result.platform} lock is assigned to only part of the devices`);
        if (result.status === 'unseen') problems.push(`the Android lock cannot be confirmed (a policy Graph v1.0 does not describe may set it)`);
      }
      if (otherDevices.length) problems.push(`${count(otherDevices.length, 'device')} ${otherDevices.length === 1 ? 'runs' : 'run'} a system whose screen lock tenant-audit does not check`);
      const none = results.filter((result) => result.status === 'none');
      if (none.length > 0) {
        const lacking = none.length === 1 ? `${none[0]!.platform} devices (${count(none[0]!.devices, 'device')}) have` : `${count(none.length, 'platform')} in use have`;
        const also = problems.length ? `; also, ${problems.join('; ')}` : '';
        return { status: 'fail', summary: `${lacking} no Intune policy that locks the screen after inactivity${none.length === 1 ? '' : `: ${named(none)}`}${also}.` };
      }
      if (problems.length > 0) return { status: 'warn', summary: `${capitalize(problems.join('; '))}.` };
      if (notCompliant.length > 0) {
        return {
          status: 'warn',
          summary: `A screen lock of at most ${limit} minutes is assigned for every platform in use, but ${notCompliant.length} of ${devices.length} managed devices ${notCompliant.length === 1 ? 'does' : 'do'} not report compliant.`,
        };
      }
      return {
        status: 'pass',
        summary: `Intune locks ${named(results)} after at most ${limit} minutes of inactivity through policies assigned to all devices or users, and ${everyOne(devices.length, 'managed device')} ${devices.length === 1 ? 'reports' : 'report'} compliant.`,
      };
    })();

    // Intune's policies reach only enrolled devices: a joined computer outside Intune is unlocked as far as this check can see.
    const unenrolled = computers.notEnrolled;
    if (unenrolled.length === 0) return { ...judged, evidence };
    const joined = count(computers.counted.length, 'Windows or Mac computer');
    const isAre = unenrolled.length === 1 ? 'is' : 'are';
    if (unenrolled.length === computers.counted.length) {
      const none = noneOf(computers.counted.length, 'Windows or Mac computer joined to Entra ID', 'Windows or Mac computers joined to Entra ID', 'is enrolled in Intune', 'is not enrolled in Intune');
      const intune = devices.length === 0 ? 'no device is enrolled at all' : `only ${count(devices.length, 'other device')} ${devices.length === 1 ? 'is' : 'are'}`;
      return { status: 'fail', summary: `${none}, so no Intune policy locks ${computers.counted.length === 1 ? 'its' : 'their'} screen (${intune}).`, evidence };
    }
    const sentence = `${unenrolled.length} of ${joined} joined to Entra ID ${isAre} not enrolled in Intune, so no Intune policy locks ${unenrolled.length === 1 ? 'its' : 'their'} screen.`;
    if (judged.status === 'pass') return { status: 'warn', summary: `${judged.summary.replace(/\.$/, '')}; but ${sentence}`, evidence };
    return { status: judged.status, summary: `${judged.summary} Also, ${sentence}`, evidence };
  },
});
