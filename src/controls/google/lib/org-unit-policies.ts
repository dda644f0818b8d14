import type { GooglePoliciesDataset, GooglePolicy, GoogleUser, OrgUnitsDataset } from '../../../datasets/google.js';
import { evidenceOf, type ControlOutcome } from '../../define.js';
import { isActiveUser } from '../../lib/accounts.js';
import { count } from '../../lib/text.js';

// How a Google Workspace setting reaches an organisational unit (OU), from the Cloud Identity Policy
// API's policies. The API returns only the policies an admin set: the top-level OU holds every value
// set for the whole organisation, a sub-OU holds only its overrides, and a setting nobody set is
// absent and takes Google's default.
//
// Resolution, for one OU and one setting type: the OU's own policy, else its parent's, ..., else the
// top-level OU's, else Google's default. Among several policies on the same OU the one with the
// greatest `sortOrder` wins: Google's "Max" reducer "chooses the value from the policy with the
// greatest sortOrder" (https://cloud.google.com/identity/docs/concepts/policy-api-concepts#reduction).
// Google's reducer runs over every policy that applies to a user, ancestors' included; walking up the
// path gives the same answer because an override on a sub-OU sorts after the policies it overrides.
// CISA ScubaGoggles resolves the same way (highest sortOrder per OU, then inherit from the top OU).
// The chosen policy's value is the whole answer: a field it lacks takes the default, it is not taken
// from an ancestor (Max, unlike Merge, does not fall through per field).
//
// Group-scoped policies (`policyQuery.group`) apply only to the group's members, which tenant-audit
// does not collect: they never count as covering an OU; callers list them as caveats.

/** Path of the top-level OU. */
export const ROOT_PATH = '/';

/** The user's OU path; the Directory API puts every user in an OU, the top-level one unless moved. */
export function userOrgUnitPath(user: Pick<GoogleUser, 'orgUnitPath'>): string {
  return user.orgUnitPath && user.orgUnitPath.length > 0 ? user.orgUnitPath : ROOT_PATH;
}

/** `/A/B` → `/A`; `/A` → `/`; `/` → undefined. */
export function parentPath(path: string): string | undefined {
  if (path === ROOT_PATH) return undefined;
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? ROOT_PATH : path.slice(0, cut);
}

/** The path and its ancestors, nearest first: `/A/B` → [`/A/B`, `/A`, `/`]. */
export function pathAndAncestors(path: string): string[] {
  const chain: string[] = [];
  for (let at: string | undefined = path; at !== undefined; at = parentPath(at)) chain.push(at);
  return chain;
}

/** Active users grouped by OU path, in first-seen order. */
export function activeUsersByOrgUnit(users: readonly GoogleUser[]): Map<string, GoogleUser[]> {
  const byPath = new Map<string, GoogleUser[]>();
  for (const user of users.filter(isActiveUser)) {
    const path = userOrgUnitPath(user);
    byPath.set(path, [...(byPath.get(path) ?? []), user]);
  }
  return byPath;
}

const bareId = (id: string) => id.replace(/^id:/, '').replace(/^orgUnits\//, '');

/**
 * Map of OU id (without the `id:` prefix orgunits.list puts on it) to path, including the top-level
 * OU. Its id comes from `rootOrgUnitId`, or else from any OU whose parent path is `/`.
 */
export function orgUnitPathsById(orgUnits: OrgUnitsDataset): Map<string, string> {
  const paths = new Map<string, string>();
  for (const ou of orgUnits.orgUnits) {
    paths.set(bareId(ou.orgUnitId), ou.orgUnitPath);
    if (ou.parentOrgUnitId && ou.parentOrgUnitPath) paths.set(bareId(ou.parentOrgUnitId), ou.parentOrgUnitPath);
  }
  if (orgUnits.rootOrgUnitId) paths.set(bareId(orgUnits.rootOrgUnitId), ROOT_PATH);
  return paths;
}

/** Whom a policy applies to. */
export type PolicyScope =
  | { kind: 'orgUnit'; path: string }
  /** Only the group's members (not collected), within `path` when the query names an OU too. */
  | { kind: 'group'; group: string; path?: string }
  /** `policyQuery.orgUnit` names an OU the orgUnits dataset does not list. */
  | { kind: 'unknownOrgUnit'; orgUnit: string };

/**
 * The scope of a policy. A policy without `policyQuery.orgUnit` counts as the top-level OU's
 * (ScubaGoggles: "In rare cases, an org unit is not provided ... associated with the top-level OU").
 */
export function policyScope(policy: GooglePolicy, pathsById: ReadonlyMap<string, string>): PolicyScope {
  const query = policy.policyQuery;
  const orgUnit = query?.orgUnit;
  const path = orgUnit ? pathsById.get(bareId(orgUnit)) : ROOT_PATH;
  if (query?.group) return path ? { kind: 'group', group: query.group, path } : { kind: 'group', group: query.group };
  if (path === undefined) return { kind: 'unknownOrgUnit', orgUnit: orgUnit! };
  return { kind: 'orgUnit', path };
}

/** Where an OU's effective value came from. */
export type SettingSource = 'set-here' | 'inherited' | 'default';

/** The value of one setting type that applies to one OU. */
export interface EffectiveSetting {
  orgUnitPath: string;
  settingType: string;
  /** The winning policy's `setting.value`; undefined when nothing is set and Google's default applies. */
  value: Record<string, unknown> | undefined;
  source: SettingSource;
  /** The winning policy and the OU it is set on, when one applies. */
  policy?: { name: string; orgUnitPath: string };
}

/** "set here", "inherited from /Clinical", "Google default": for evidence. */
export function describeSource(setting: EffectiveSetting): string {
  if (setting.source === 'set-here') return 'set here';
  if (setting.source === 'inherited') return `inherited from ${setting.policy!.orgUnitPath}`;
  return 'Google default';
}

/** A setting value field, or undefined when the effective value lacks it (then Google's default applies). */
export function settingField(setting: EffectiveSetting, field: string): unknown {
  return setting.value?.[field];
}

/**
 * Resolves settings of a snapshot's policies per OU path. Build once per control run.
 *
 * @example
 * const resolver = new OrgUnitPolicies(data['google.policies'], data['google.orgUnits']);
 * const session = resolver.effective(SETTING_TYPES.sessionControls, '/Clinical');
 * const seconds = session.value?.webSessionDuration ?? '1209600s';
 */
export class OrgUnitPolicies {
  private readonly pathsById: Map<string, string>;
  private readonly scoped: { policy: GooglePolicy; scope: PolicyScope }[];

  constructor(
    private readonly policies: GooglePoliciesDataset,
    orgUnits: OrgUnitsDataset,
  ) {
    this.pathsById = orgUnitPathsById(orgUnits);
    this.scoped = policies.policies.map((policy) => ({ policy, scope: policyScope(policy, this.pathsById) }));
  }

  /** Setting types the collector did not ask for: absent policies of these types say nothing. */
  missingSettingTypes(types: readonly string[]): string[] {
    return types.filter((type) => !this.policies.settingTypes.includes(type));
  }

  /** Policies of a type that apply to everyone in exactly this OU path (group-scoped ones excluded). */
  policiesOn(settingType: string, path: string): GooglePolicy[] {
    return this.scoped
      .filter(({ policy, scope }) => policy.setting.type === settingType && scope.kind === 'orgUnit' && scope.path === path)
      .map(({ policy }) => policy);
  }

  /** The effective value of a setting type for an OU, walking up its path to the top-level OU. */
  effective(settingType: string, orgUnitPath: string): EffectiveSetting {
    for (const path of pathAndAncestors(orgUnitPath)) {
      const winner = highestSortOrder(this.policiesOn(settingType, path));
      if (winner) {
        return {
          orgUnitPath,
          settingType,
          value: winner.setting.value ?? {},
          source: path === orgUnitPath ? 'set-here' : 'inherited',
          policy: { name: winner.name, orgUnitPath: path },
        };
      }
    }
    return { orgUnitPath, settingType, value: undefined, source: 'default' };
  }

  /**
   * Every policy of a type that applies to everyone in the OU (its own and its ancestors'), for
   * settings Google does not reduce to one value, such as DLP rules, which all apply.
   */
  applying(settingType: string, orgUnitPath: string): GooglePolicy[] {
    return pathAndAncestors(orgUnitPath).flatMap((path) => this.policiesOn(settingType, path));
  }

  /** Group-scoped policies of a type: they reach only group members, whom tenant-audit does not read. */
  groupScoped(settingType: string): { policy: GooglePolicy; group: string; orgUnitPath?: string }[] {
    return this.scoped.flatMap(({ policy, scope }) =>
      policy.setting.type === settingType && scope.kind === 'group'
        ? [{ policy, group: scope.group, ...(scope.path ? { orgUnitPath: scope.path } : {}) }]
        : [],
    );
  }

  /** Policies of a type whose OU is not in the orgUnits dataset, so they cannot be placed. */
  unplaced(settingType: string): { policy: GooglePolicy; orgUnit: string }[] {
    return this.scoped.flatMap(({ policy, scope }) =>
      policy.setting.type === settingType && scope.kind === 'unknownOrgUnit' ? [{ policy, orgUnit: scope.orgUnit }] : [],
    );
  }

  /** The path of an OU id (`id:...`, `orgUnits/...` or bare), if known. */
  pathOf(orgUnitId: string): string | undefined {
    return this.pathsById.get(bareId(orgUnitId));
  }

  /** Whether the org unit list holds this path (the top level always counts). */
  knowsPath(path: string): boolean {
    if (path === ROOT_PATH) return true;
    const wanted = path.toLowerCase();
    for (const known of this.pathsById.values()) if (known.toLowerCase() === wanted) return true;
    return false;
  }
}

/** The policy with the greatest sortOrder (missing sorts lowest); the first listed on a tie. */
function highestSortOrder(policies: readonly GooglePolicy[]): GooglePolicy | undefined {
  let best: GooglePolicy | undefined;
  for (const policy of policies) {
    const order = policy.policyQuery?.sortOrder ?? Number.NEGATIVE_INFINITY;
    const bestOrder = best?.policyQuery?.sortOrder ?? Number.NEGATIVE_INFINITY;
    if (!best || order > bestOrder) best = policy;
  }
  return best;
}

/** Whole seconds in a Policy API duration such as `"43200s"` (also `"12h"`, `"720m"`); undefined if unreadable. */
export function durationSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([hms])\s*$/i.exec(value);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  return Math.round(amount * (unit === 'h' ? 3600 : unit === 'm' ? 60 : 1));
}

/** A policy naming an org unit the org unit list does not hold. */
export interface UnplacedPolicy {
  policy: string;
  settingType: string;
  orgUnit: string;
}

/**
 * Policies of these setting types that name an org unit the org unit list lacks. Google keeps
 * returning the policies of recently deleted OUs, and CISA ScubaGoggles ignores them ("This may
 * occur for recently deleted OUs. Just ignore any lingering policies that apply to OUs that no
 * longer exist", policy_api.py `_reduce`). An OU that still holds a user is listed, so when every
 * active user's OU is in the list such a policy reaches nobody: it is `ignored` (evidence names
 * it). When some active user's OU is missing from the list too, the policy may be theirs, and the
 * `outcome` is not_assessed.
 */
export function unplacedPolicies(
  resolver: OrgUnitPolicies,
  types: readonly string[],
  activeUserPaths: Iterable<string>,
  what: string,
): { ignored: UnplacedPolicy[]; outcome?: ControlOutcome } {
  const unplaced = types.flatMap((type) => resolver.unplaced(type).map(({ policy, orgUnit }) => ({ policy: policy.name, settingType: type, orgUnit })));
  if (unplaced.length === 0) return { ignored: [] };
  const unknownPaths = [...new Set(activeUserPaths)].filter((path) => !resolver.knowsPath(path));
  if (unknownPaths.length === 0) return { ignored: unplaced };
  return {
    ignored: [],
    outcome: {
      status: 'not_assessed',
      summary: `${what} could not be checked: ${count(unplaced.length, 'policy', 'policies')} ${unplaced.length === 1 ? 'names' : 'name'} an organisational unit missing from the org unit list, and active users sit in ${count(unknownPaths.length, 'organisational unit')} the list lacks too (${unknownPaths.join(', ')}).`,
      evidence: evidenceOf(
        unplaced.map((item) => ({ type: 'policy', id: item.policy, name: item.policy, detail: `${item.settingType} on ${item.orgUnit}` })),
        { unplacedPolicies: unplaced, orgUnitsMissingFromList: unknownPaths },
      ),
      reason: {
        kind: 'schema',
        detail: `policies ${unplaced.map((item) => `${item.policy} (${item.orgUnit})`).join(', ')} apply to org units missing from google.orgUnits, which also lacks ${unknownPaths.join(', ')}`,
        needs: ['https://www.googleapis.com/auth/admin.directory.orgunit.readonly'],
      },
    },
  };
}

/** The evidence note for policies left out because their org unit is gone. */
export const UNPLACED_NOTE =
  'These policies name organisational units that no longer exist (Google keeps returning the policies of recently deleted OUs); no active user is in such an OU, so they are ignored.';

/** What a policy control needs before judging: active users by OU, the resolver, the unplaced policies ignored. */
export interface JudgingScope {
  byOu: Map<string, GoogleUser[]>;
  total: number;
  resolver: OrgUnitPolicies;
  ignored: UnplacedPolicy[];
}

/**
 * The checks every per-OU policy control makes first, in one place: no active user, a policies
 * snapshot collected without the setting types, or policies that cannot be placed are each
 * `not_assessed` (the sentences are the control's own); otherwise what it judges with.
 */
export function judgingScope(
  data: { 'google.users': { users: readonly GoogleUser[] }; 'google.policies': GooglePoliciesDataset; 'google.orgUnits': OrgUnitsDataset },
  types: readonly string[],
  words: { noUsers: string; notCollected: string; unplaced: string },
): { outcome: ControlOutcome } | JudgingScope {
  const byOu = activeUsersByOrgUnit(data['google.users'].users);
  const total = [...byOu.values()].reduce((sum, members) => sum + members.length, 0);
  if (total === 0) {
    return {
      outcome: {
        status: 'not_assessed',
        summary: words.noUsers,
        evidence: evidenceOf([], { total }),
        reason: { kind: 'unsupported', detail: 'the users dataset contains no active (not suspended, not archived) users' },
      },
    };
  }
  const resolver = new OrgUnitPolicies(data['google.policies'], data['google.orgUnits']);
  const missing = resolver.missingSettingTypes(types);
  if (missing.length > 0) {
    return {
      outcome: {
        status: 'not_assessed',
        summary: words.notCollected,
        evidence: evidenceOf([], { total, missingSettingTypes: missing }),
        reason: { kind: 'unsupported', detail: `the policies dataset was collected without setting ${missing.length === 1 ? 'type' : 'types'} ${missing.join(', ')}` },
      },
    };
  }
  const unplaced = unplacedPolicies(resolver, types, byOu.keys(), words.unplaced);
  if (unplaced.outcome) return { outcome: unplaced.outcome };
  return { byOu, total, resolver, ignored: unplaced.ignored };
}
