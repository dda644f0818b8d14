import { LOCK_SETTING_DEFINITIONS, type DeviceLockPoliciesDataset, type IntuneAssignment, type IntuneLockPolicy, type SettingsCatalogPolicy } from '../../../datasets/m365.js';

// Where Intune sets a device's inactivity lock, read from the policies' own properties. Sources:
// v1.0 CSDL (graph-v1.0-cleanMetadata.xml) for the compliance and configuration types; the
// settings catalog definitions of DeviceLock/MaxInactivityTimeDeviceLock (minutes, 0 = no
// timeout) and LocalPoliciesSecurityOptions/InteractiveLogon_MachineInactivityLimit (seconds,
// 0 = not enforced).

/** The platforms Intune sets a lock for, as the control reports them. */
export type LockPlatform = 'Windows' | 'macOS' | 'iOS/iPadOS' | 'Android';
export const LOCK_PLATFORMS: readonly LockPlatform[] = ['Windows', 'macOS', 'iOS/iPadOS', 'Android'];

/** The platform of a managed device's `operatingSystem` (`Windows`, `macOS`, `iOS`, `iPadOS`, `Android`, `AndroidForWork`...). */
export function platformOfDevice(operatingSystem: string | null | undefined): LockPlatform | undefined {
  const os = (operatingSystem ?? '').toLowerCase();
  if (os.startsWith('windows')) return 'Windows';
  if (os.startsWith('mac')) return 'macOS';
  if (os.startsWith('ios') || os.startsWith('ipados')) return 'iOS/iPadOS';
  if (os.startsWith('android')) return 'Android';
  return undefined;
}

/** How a v1.0 type sets the lock: its platform, the minute properties, and the property that must not be false. */
interface LockRule {
  platform: LockPlatform;
  /** Properties giving minutes; when a policy sets several, `combine` says which one holds. */
  minutes: readonly (keyof IntuneLockPolicy)[];
  /** `max`: the screen must go off and the password be required, so the later one holds; `min`: either lock protects. */
  combine: 'max' | 'min';
  required: keyof IntuneLockPolicy;
}

const COMPLIANCE_RULES: Readonly<Record<string, LockRule>> = {
  'microsoft.graph.windows10compliancepolicy': { platform: 'Windows', minutes: ['passwordMinutesOfInactivityBeforeLock'], combine: 'max', required: 'passwordRequired' },
  'microsoft.graph.macoscompliancepolicy': { platform: 'macOS', minutes: ['passwordMinutesOfInactivityBeforeLock'], combine: 'max', required: 'passwordRequired' },
  'microsoft.graph.ioscompliancepolicy': { platform: 'iOS/iPadOS', minutes: ['passcodeMinutesOfInactivityBeforeLock'], combine: 'max', required: 'passcodeRequired' },
  'microsoft.graph.androidcompliancepolicy': { platform: 'Android', minutes: ['passwordMinutesOfInactivityBeforeLock'], combine: 'max', required: 'passwordRequired' },
  'microsoft.graph.androidworkprofilecompliancepolicy': { platform: 'Android', minutes: ['passwordMinutesOfInactivityBeforeLock'], combine: 'max', required: 'passwordRequired' },
};

const CONFIGURATION_RULES: Readonly<Record<string, LockRule>> = {
  'microsoft.graph.windows10generalconfiguration': { platform: 'Windows', minutes: ['passwordMinutesOfInactivityBeforeScreenTimeout'], combine: 'max', required: 'passwordRequired' },
  'microsoft.graph.macosgeneraldeviceconfiguration': {
    platform: 'macOS',
    minutes: ['passwordMinutesOfInactivityBeforeLock', 'passwordMinutesOfInactivityBeforeScreenTimeout'],
    combine: 'max',
    required: 'passwordRequired',
  },
  'microsoft.graph.iosgeneraldeviceconfiguration': {
    platform: 'iOS/iPadOS',
    minutes: ['passcodeMinutesOfInactivityBeforeLock', 'passcodeMinutesOfInactivityBeforeScreenTimeout'],
    combine: 'max',
    required: 'passcodeRequired',
  },
  'microsoft.graph.androidgeneraldeviceconfiguration': { platform: 'Android', minutes: ['passwordMinutesOfInactivityBeforeScreenTimeout'], combine: 'max', required: 'passwordRequired' },
  'microsoft.graph.androidworkprofilegeneraldeviceconfiguration': {
    platform: 'Android',
    minutes: ['passwordMinutesOfInactivityBeforeScreenTimeout', 'workProfilePasswordMinutesOfInactivityBeforeScreenTimeout'],
    combine: 'min',
    required: 'workProfileRequirePassword',
  },
};


/** Who a policy reaches, from its assignments. */
export type Reach = { kind: 'all'; target: string } | { kind: 'partial'; detail: string } | { kind: 'unassigned' };

function typeOf(target: IntuneAssignment['target']): string {
  return (target['@odata.type'] ?? '').replace(/^#/, '').toLowerCase();
}

/** All devices or all licensed users, without an excluded group or an assignment filter, reach everyone; groups reach part. */
export function reachOf(assignments: readonly IntuneAssignment[]): Reach {
  if (assignments.length === 0) return { kind: 'unassigned' };
  const types = assignments.map((assignment) => typeOf(assignment.target));
  const everyone = assignments.find((assignment) => ['microsoft.graph.alldevicesassignmenttarget', 'microsoft.graph.alllicensedusersassignmenttarget'].includes(typeOf(assignment.target)));
  const excluded = assignments.filter((assignment) => typeOf(assignment.target) === 'microsoft.graph.exclusiongroupassignmenttarget');
  const filtered = assignments.some((assignment) => {
    const mode = assignment.target.deviceAndAppManagementAssignmentFilterType;
    return typeof mode === 'string' && mode !== 'none' && Boolean(assignment.target.deviceAndAppManagementAssignmentFilterId);
  });
  if (everyone && excluded.length === 0 && !filtered) {
    return { kind: 'all', target: typeOf(everyone.target) === 'microsoft.graph.alldevicesassignmenttarget' ? 'all devices' : 'all users' };
  }
  const groups = assignments.filter((assignment) => typeOf(assignment.target) === 'microsoft.graph.groupassignmenttarget').map((assignment) => assignment.target.groupId ?? '?');
  const parts = [
    everyone ? (typeOf(everyone.target) === 'microsoft.graph.alldevicesassignmenttarget' ? 'all devices' : 'all users') : undefined,
    groups.length ? `group${groups.length === 1 ? '' : 's'} ${groups.join(', ')}` : undefined,
    excluded.length ? `excluding group${excluded.length === 1 ? '' : 's'} ${excluded.map((assignment) => assignment.target.groupId ?? '?').join(', ')}` : undefined,
    filtered ? 'narrowed by an assignment filter' : undefined,
    types.some((type) => type === 'microsoft.graph.configurationmanagercollectionassignmenttarget') ? 'a Configuration Manager collection' : undefined,
  ].filter(Boolean);
  return { kind: 'partial', detail: parts.join(', ') };
}

/** One place a lock is set: which policy, for which platform, after how many minutes, reaching whom. */
export interface LockSource {
  kind: 'compliance policy' | 'configuration profile' | 'settings catalog policy';
  policyId: string;
  policyName: string;
  platform: LockPlatform;
  /** Minutes of inactivity before the lock; undefined when the policy sets none (or 0, "no timeout"). */
  minutes: number | undefined;
  /** Why a value the policy holds does not count (no password required). */
  ignored?: string;
  reach: Reach;
}

function v1Sources(policies: readonly IntuneLockPolicy[], rules: Readonly<Record<string, LockRule>>, kind: LockSource['kind']): LockSource[] {
  const sources: LockSource[] = [];
  for (const policy of policies) {
    const rule = rules[(policy['@odata.type'] ?? '').replace(/^#/, '').toLowerCase()];
    if (!rule) continue;
    const values = rule.minutes.map((property) => policy[property]).filter((value): value is number => typeof value === 'number' && value > 0);
    const minutes = values.length === 0 ? undefined : rule.combine === 'max' ? Math.max(...values) : Math.min(...values);
    const notRequired = minutes !== undefined && policy[rule.required] === false;
    sources.push({
      kind,
      policyId: policy.id,
      policyName: policy.displayName ?? policy.id,
      platform: rule.platform,
      minutes: notRequired ? undefined : minutes,
      ...(notRequired ? { ignored: `sets ${minutes} minutes but does not require a ${rule.required === 'passcodeRequired' ? 'passcode' : 'password'}, so nothing locks` } : {}),
      reach: reachOf(policy.assignments),
    });
  }
  return sources;
}

function catalogSources(policies: readonly SettingsCatalogPolicy[]): LockSource[] {
  const sources: LockSource[] = [];
  for (const policy of policies) {
    // Both settings are Windows CSP settings; the catalog's Apple and Android lock settings are not read.
    if (!(policy.platforms ?? '').toLowerCase().split(/[\s,]+/).includes('windows10')) continue;
    const values = policy.lockSettings.flatMap((setting) => {
      if (setting.value === null || setting.value <= 0) return [];
      if (setting.settingDefinitionId === LOCK_SETTING_DEFINITIONS.maxInactivityTimeDeviceLock) return [setting.value];
      if (setting.settingDefinitionId === LOCK_SETTING_DEFINITIONS.machineInactivityLimit) return [Math.ceil(setting.value / 60)];
      return [];
    });
    if (policy.lockSettings.length === 0) continue;
    sources.push({
      kind: 'settings catalog policy',
      policyId: policy.id,
      policyName: policy.name ?? policy.id,
      platform: 'Windows',
      // Either setting locks the session, so the shorter one holds.
      minutes: values.length ? Math.min(...values) : undefined,
      reach: reachOf(policy.assignments),
    });
  }
  return sources;
}

/** Every lock the dataset shows, and the assigned v1.0 policies whose type Graph v1.0 does not describe. */
export function lockSourcesOf(data: DeviceLockPoliciesDataset): { sources: LockSource[]; unseen: { policyId: string; policyName: string; kind: LockSource['kind'] }[] } {
  const unseen = [
    ...data.compliancePolicies.filter((policy) => !policy['@odata.type'] && policy.assignments.length > 0).map((policy) => ({ policyId: policy.id, policyName: policy.displayName ?? policy.id, kind: 'compliance policy' as const })),
    ...data.deviceConfigurations.filter((policy) => !policy['@odata.type'] && policy.assignments.length > 0).map((policy) => ({ policyId: policy.id, policyName: policy.displayName ?? policy.id, kind: 'configuration profile' as const })),
  ];
  return {
    sources: [
      ...v1Sources(data.compliancePolicies, COMPLIANCE_RULES, 'compliance policy'),
      ...v1Sources(data.deviceConfigurations, CONFIGURATION_RULES, 'configuration profile'),
      ...catalogSources(data.configurationPolicies),
    ],
    unseen,
  };
}
