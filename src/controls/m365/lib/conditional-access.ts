import { evidenceOf, type ControlOutcome } from '../../define.js';
import type { AffectedItem } from '../../../core/model.js';
import type {
  ConditionalAccessDataset,
  ConditionalAccessPolicy,
  GraphUser,
  RoleAssignmentsDataset,
} from '../../../datasets/m365.js';
import type { BreakGlass } from '../../lib/accounts.js';
import { count } from '../../lib/text.js';

// Shared Conditional Access reasoning for the M365 controls: which policies count for a
// requirement (MFA, block, sign-in frequency) and which users those policies really cover.
// Semantics: https://learn.microsoft.com/en-us/entra/identity/conditional-access/concept-conditional-access-users-groups
// (exclusions override inclusions; group membership is transitive; only tenant-wide role
// assignments count for directory-role targeting).

/** A policy named in evidence. */
export interface PolicyRef {
  id: string;
  name: string;
}

/** A policy that does not count for a requirement, with why in plain words. */
export interface IgnoredPolicy extends PolicyRef {
  why: string;
}

export function policyRef(policy: ConditionalAccessPolicy): PolicyRef {
  return { id: policy.id, name: policy.displayName ?? policy.id };
}

/**
 * Enabled accounts that are not guests: the practice's staff. `accountEnabled` null is unusual;
 * only an explicit false shows the account cannot sign in, so null counts as enabled.
 */
export function enabledMembers(users: readonly GraphUser[]): GraphUser[] {
  return users.filter((user) => user.accountEnabled !== false && user.userType !== 'Guest');
}

/** A string list inside an untyped condition object (platforms and locations are not modelled). */
function listIn(value: unknown, key: string): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const list = (value as Record<string, unknown>)[key];
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
}

export interface ScopeOptions {
  /**
   * `all`: the policy must apply to every client app (legacy and modern).
   * `any`: client app types are the caller's business (the legacy-auth check reads them itself).
   */
  clientApps?: 'all' | 'any';
}

/**
 * Why a policy does not apply to every sign-in of the users it targets, or undefined when it does:
 * it must be on (not report-only), target all cloud apps with no app excluded, and carry no
 * condition that narrows it (risk levels, client apps, platforms, locations, device or app
 * filters, authentication flows, insider risk). A policy that excludes directory roles still
 * counts; the holders of those roles are uncovered (coverage works that out per user).
 *
 * "All" resources is required; "Office365" is not enough because ePHI also lives in apps outside
 * the Office 365 suite (EHR and billing apps signed in through Entra ID).
 */
export function scopeProblem(policy: ConditionalAccessPolicy, options: ScopeOptions = {}): string | undefined {
  if (policy.state === 'enabledForReportingButNotEnforced') return 'report-only: it is not enforced';
  if (policy.state !== 'enabled') return 'it is turned off';
  const { conditions } = policy;
  const users = conditions.users;
  if (!users || (users.includeUsers ?? []).includes('None')) return 'it targets no users';
  const apps = conditions.applications;
  const included = apps?.includeApplications ?? [];
  if (!included.includes('All')) {
    return included.includes('Office365') ? 'it targets Office 365 only, not all cloud apps' : 'it does not target all cloud apps';
  }
  const excludedApps = apps?.excludeApplications ?? [];
  if (excludedApps.length > 0) return `it excludes ${count(excludedApps.length, 'cloud app')}`;
  if (apps?.applicationFilter?.rule) return 'it applies only to apps matching a filter';
  if (conditions.devices?.deviceFilter?.rule) {
    return conditions.devices.deviceFilter.mode === 'exclude' ? 'it skips devices matching a filter' : 'it applies only to devices matching a filter';
  }
  if (conditions.authenticationFlows?.transferMethods) return 'it applies only to some authentication flows';
  if (conditions.insiderRiskLevels) return 'it applies only to users with insider risk';
  if ((conditions.signInRiskLevels ?? []).length > 0 || (conditions.userRiskLevels ?? []).length > 0) {
    return 'it applies only to risky sign-ins or users';
  }
  const clientAppTypes = conditions.clientAppTypes ?? [];
  if ((options.clientApps ?? 'all') === 'all' && clientAppTypes.length > 0 && !clientAppTypes.includes('all')) {
    return `it applies only to some client apps (${clientAppTypes.join(', ')})`;
  }
  const includePlatforms = listIn(conditions.platforms, 'includePlatforms');
  if ((includePlatforms.length > 0 && !includePlatforms.includes('all')) || listIn(conditions.platforms, 'excludePlatforms').length > 0) {
    return 'it applies only to some device platforms';
  }
  const includeLocations = listIn(conditions.locations, 'includeLocations');
  if (includeLocations.length > 0 && !includeLocations.includes('All')) return 'it applies only at some locations';
  if (listIn(conditions.locations, 'excludeLocations').length > 0) return 'it skips sign-ins from excluded locations';
  return undefined;
}

/** Policies that count for a requirement, and the others with why. */
export interface PolicyClassification {
  counting: ConditionalAccessPolicy[];
  ignored: IgnoredPolicy[];
}

/**
 * Split policies into those that count for a requirement and those that do not.
 * `requirement` returns why a policy's controls do not meet it, or undefined when they do.
 */
export function classifyPolicies(
  policies: readonly ConditionalAccessPolicy[],
  requirement: (policy: ConditionalAccessPolicy) => string | undefined,
  options: ScopeOptions = {},
): PolicyClassification {
  const counting: ConditionalAccessPolicy[] = [];
  const ignored: IgnoredPolicy[] = [];
  for (const policy of policies) {
    const why = scopeProblem(policy, options) ?? requirement(policy);
    if (why) ignored.push({ ...policyRef(policy), why });
    else counting.push(policy);
  }
  return { counting, ignored };
}

// Authentication strengths. Built-in ids are the same in every tenant:
// https://learn.microsoft.com/en-us/entra/identity/authentication/concept-authentication-strengths
export const MFA_STRENGTH_ID = '00000000-0000-0000-0000-000000000002';
export const PASSWORDLESS_MFA_STRENGTH_ID = '00000000-0000-0000-0000-000000000003';
export const PHISHING_RESISTANT_STRENGTH_ID = '00000000-0000-0000-0000-000000000004';
const BUILT_IN_MFA_STRENGTHS = new Set([MFA_STRENGTH_ID, PASSWORDLESS_MFA_STRENGTH_ID, PHISHING_RESISTANT_STRENGTH_ID]);

/** Methods that are multifactor on their own; any other single method is one factor. */
const MULTIFACTOR_METHODS = new Set([
  'fido2',
  'windowsHelloForBusiness',
  'x509CertificateMultiFactor',
  'deviceBasedPush',
  'federatedMultiFactor',
  'temporaryAccessPassOneTime',
  'temporaryAccessPassMultiUse',
]);
const PHISHING_RESISTANT_METHODS = new Set(['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor']);

type Strength = NonNullable<NonNullable<ConditionalAccessPolicy['grantControls']>['authenticationStrength']>;

const combinations = (strength: Strength) => (strength.allowedCombinations ?? []).map((combo) => combo.split(',').map((m) => m.trim()));

/**
 * Whether every combination an authentication strength allows is multifactor. Custom strengths
 * may allow single-factor combinations (Graph: a strength "may or may not fulfill the requirements
 * to grant an MFA claim"); a custom strength whose combinations were not collected does not count.
 */
export function strengthRequiresMfa(strength: Strength): boolean {
  if (strength.id && BUILT_IN_MFA_STRENGTHS.has(strength.id)) return true;
  const combos = combinations(strength);
  return combos.length > 0 && combos.every((methods) => methods.length > 1 || MULTIFACTOR_METHODS.has(methods[0]!));
}

/** Whether an authentication strength allows only phishing-resistant methods. */
export function strengthIsPhishingResistant(strength: Strength): boolean {
  if (strength.id === PHISHING_RESISTANT_STRENGTH_ID) return true;
  const combos = combinations(strength);
  return combos.length > 0 && combos.every((methods) => methods.length === 1 && PHISHING_RESISTANT_METHODS.has(methods[0]!));
}

const isOr = (policy: ConditionalAccessPolicy) => (policy.grantControls?.operator ?? 'OR').toUpperCase() === 'OR';

/**
 * Why a policy's grant does not force MFA, or undefined when it does. With operator AND,
 * requiring MFA (or an MFA strength) is enough. With OR, every option must be MFA: "MFA or a
 * compliant device" lets a user in from a compliant device with a password alone.
 */
export function mfaGrantProblem(policy: ConditionalAccessPolicy): string | undefined {
  const grant = policy.grantControls;
  const controls = grant?.builtInControls ?? [];
  if (controls.includes('block')) return 'it blocks access rather than requiring MFA';
  const strength = grant?.authenticationStrength ?? undefined;
  const strengthMfa = strength ? strengthRequiresMfa(strength) : undefined;
  if (!controls.includes('mfa') && strengthMfa !== true) {
    return strengthMfa === false ? 'its authentication strength allows single-factor sign-in' : 'it does not require MFA';
  }
  if (isOr(policy)) {
    const alternatives = controls.filter((control) => control !== 'mfa');
    if (alternatives.length > 0) return `MFA is only one option (OR ${alternatives.join(', ')}), so users can meet it without MFA`;
    if (strengthMfa === false) return 'its authentication strength is an alternative that allows single-factor sign-in';
  }
  return undefined;
}

/** Why a policy's grant does not force phishing-resistant MFA, or undefined when it does. */
export function phishingResistantGrantProblem(policy: ConditionalAccessPolicy): string | undefined {
  const mfa = mfaGrantProblem(policy);
  if (mfa) return mfa;
  const strength = policy.grantControls?.authenticationStrength;
  if (!strength || !strengthIsPhishingResistant(strength)) return 'it requires MFA but not a phishing-resistant authentication strength';
  // With OR, a plain "require MFA" next to the strength lets users choose the weaker option.
  if (isOr(policy) && (policy.grantControls?.builtInControls ?? []).length > 0) {
    return 'plain MFA is an alternative to its phishing-resistant strength';
  }
  return undefined;
}

/** Why a policy does not block access, or undefined when it does. */
export function blockGrantProblem(policy: ConditionalAccessPolicy): string | undefined {
  return (policy.grantControls?.builtInControls ?? []).includes('block') ? undefined : 'it does not block access';
}

/**
 * The sign-in frequency a policy enforces, in minutes (0 for "every time"), or undefined when it
 * sets none. This is a re-authentication interval, not an idle timeout.
 */
export function signInFrequencyMinutes(policy: ConditionalAccessPolicy): number | undefined {
  const frequency = policy.sessionControls?.signInFrequency;
  if (!frequency?.isEnabled) return undefined;
  if (frequency.frequencyInterval === 'everyTime') return 0;
  if (typeof frequency.value !== 'number' || frequency.value <= 0) return undefined;
  if (frequency.type === 'hours') return frequency.value * 60;
  if (frequency.type === 'days') return frequency.value * 1440;
  return undefined;
}

type Tri = 'yes' | 'no' | 'unknown';
const anyOf = (values: Tri[]): Tri => (values.includes('yes') ? 'yes' : values.includes('unknown') ? 'unknown' : 'no');

/** What coverage needs besides the users and policies. */
export interface CoverageContext {
  conditionalAccess: Pick<ConditionalAccessDataset, 'groupMembers' | 'unresolvedGroups' | 'roleGroupsUnread'>;
  roleAssignments: RoleAssignmentsDataset['assignments'];
  breakGlass: BreakGlass;
}

/**
 * Directory roles that hybrid tenants exclude from Conditional Access for their sync accounts, as
 * Microsoft and Maester advise: Directory Synchronization Accounts and On Premises Directory Sync
 * Account. Their holders being excluded is accepted, like break-glass accounts.
 */
export const DIRECTORY_SYNC_ROLES: Readonly<Record<string, string>> = {
  'd29b2b05-8046-44ba-8758-1e26182fcf32': 'Directory Synchronization Accounts',
  'a92aed5d-d78a-4d16-b381-09adb37eb3b0': 'On Premises Directory Sync Account',
};

/**
 * The kind of external identity a user is, as Conditional Access's `guestOrExternalUserTypes`
 * names them, or undefined for the organisation's own members. An invited guest has `#EXT#` in
 * its UPN and userType Guest (b2bCollaborationGuest); userType Guest without it is an internal
 * guest; an external member (b2bCollaborationMember) is userType Member with `#EXT#`.
 */
export function guestTypeOf(user: Pick<GraphUser, 'userType' | 'userPrincipalName'>): string | undefined {
  const external = user.userPrincipalName.toUpperCase().includes('#EXT#');
  if (user.userType === 'Guest') return external ? 'b2bCollaborationGuest' : 'internalGuest';
  return external ? 'b2bCollaborationMember' : undefined;
}

type GuestsScope = NonNullable<NonNullable<ConditionalAccessPolicy['conditions']['users']>['includeGuestsOrExternalUsers']>;

/**
 * Whether a guests-and-external-users condition matches this kind of guest: its type is among the
 * flags, and the external tenants are all (a guest's home tenant is not in the user object, so an
 * enumerated list cannot be confirmed: `unknownTenant` decides, inclusion 'no', exclusion 'yes').
 */
function guestScopeMatches(scope: GuestsScope | null | undefined, guestType: string | undefined, unknownTenant: Tri): Tri {
  if (!scope || !guestType) return 'no';
  const types = (scope.guestOrExternalUserTypes ?? '').split(',').map((type) => type.trim());
  if (!types.includes(guestType)) return 'no';
  if (guestType === 'internalGuest') return 'yes';
  const kind = scope.externalTenants?.membershipKind;
  return kind === undefined || kind === null || kind === 'all' ? 'yes' : unknownTenant;
}

/** One user's coverage, with a plain-words detail for evidence. */
export interface UserCoverage {
  user: GraphUser;
  /** Counting policies that apply to the user. */
  coveredBy: PolicyRef[];
  detail: string;
  /** Groups whose unread membership decides this user's coverage. */
  unknownGroups: string[];
}

export interface Coverage {
  covered: UserCoverage[];
  /** Not covered, and not a break-glass account. */
  uncovered: UserCoverage[];
  /** Coverage depends on group members that could not be read. */
  unknown: UserCoverage[];
  /** Break-glass accounts no counting policy covers (accepted, listed separately). */
  breakGlass: UserCoverage[];
  /** Directory-synchronization accounts excluded through their role (accepted, listed separately). */
  syncExcluded: UserCoverage[];
  /** The unread groups that decide someone's coverage, with why they were not read. */
  unresolvedGroups: { groupId: string; detail: string }[];
  /** Each user's state by user id (the same entries), for combining several coverages. */
  byUser: Map<string, { state: CoverageState; entry: UserCoverage }>;
}

/**
 * Which users the counting policies cover. A user is covered when some policy includes them
 * (all users, their id, a group they are in, a directory role they hold tenant-wide, directly or
 * through a role-assignable group) and does not exclude them. Group membership that was not read
 * (of a group a policy names or of a group holding a role a policy names) makes the answer
 * unknown, never covered and never "not excluded".
 */
export function assessCoverage(
  users: readonly GraphUser[],
  policies: readonly ConditionalAccessPolicy[],
  context: CoverageContext,
): Coverage {
  const members = new Map(Object.entries(context.conditionalAccess.groupMembers).map(([id, list]) => [id, new Set(list)]));
  // Only tenant-wide assignments count: Conditional Access ignores roles scoped to administrative
  // units or single objects. A role given to a role-assignable group is held by the group's
  // members; when they were not read, whoever might be in the group may hold the role, so a
  // policy naming that role decides nobody's coverage for certain (unknown, never "not held").
  const roleHolders = new Map<string, Set<string>>();
  const roleUnreadGroups = new Map<string, string[]>();
  for (const assignment of context.roleAssignments) {
    const scope = assignment.directoryScopeId ?? '/';
    if (scope !== '/') continue;
    const holders = roleHolders.get(assignment.roleDefinitionId) ?? new Set<string>();
    roleHolders.set(assignment.roleDefinitionId, holders);
    const groupMembers = members.get(assignment.principalId);
    if (groupMembers) {
      for (const member of groupMembers) holders.add(member);
    } else if (assignment.principalType === 'group') {
      roleUnreadGroups.set(assignment.roleDefinitionId, [...(roleUnreadGroups.get(assignment.roleDefinitionId) ?? []), assignment.principalId]);
    } else {
      // A user, or a service principal (which no user is).
      holders.add(assignment.principalId);
    }
  }

  const result: Coverage = { covered: [], uncovered: [], unknown: [], breakGlass: [], syncExcluded: [], unresolvedGroups: [], byUser: new Map() };
  const add = (state: CoverageState, entry: UserCoverage) => {
    result[state].push(entry);
    result.byUser.set(entry.user.id, { state, entry });
  };
  const unresolvedUsed = new Set<string>();
  // Each policy's scope prepared once (sets, its reference), so the per-user loop only looks up:
  // a tenant of 100,000 users is judged in well under a second.
  const prepared = policies.map((policy) => {
    const scope = policy.conditions.users ?? {};
    const includeUsers = new Set(scope.includeUsers ?? []);
    const excludeUsers = new Set(scope.excludeUsers ?? []);
    const excludeRoles = scope.excludeRoles ?? [];
    return {
      ref: policyRef(policy),
      includeAll: includeUsers.has('All'),
      includeUsers,
      // The older 'GuestsOrExternalUsers' value takes in every kind of guest and external user.
      includeAllGuests: includeUsers.has('GuestsOrExternalUsers'),
      includeGuestScope: scope.includeGuestsOrExternalUsers,
      includeGroups: scope.includeGroups ?? [],
      includeRoles: scope.includeRoles ?? [],
      excludeUsers,
      excludeAllGuests: excludeUsers.has('GuestsOrExternalUsers'),
      excludeGuestScope: scope.excludeGuestsOrExternalUsers,
      excludeGroups: scope.excludeGroups ?? [],
      excludeRoles: excludeRoles.filter((roleId) => !Object.hasOwn(DIRECTORY_SYNC_ROLES, roleId)),
      excludeSyncRoles: excludeRoles.filter((roleId) => Object.hasOwn(DIRECTORY_SYNC_ROLES, roleId)),
    };
  });
  const namesCache = new Map<string, string>();
  const names = (refs: PolicyRef[]) => {
    const key = refs.map((ref) => ref.id).join('|');
    let text = namesCache.get(key);
    if (text === undefined) {
      text = refs.map((ref) => `'${ref.name}'`).join(', ');
      namesCache.set(key, text);
    }
    return text;
  };

  for (const user of users) {
    const guestType = guestTypeOf(user);
    let unknownGroups: Set<string> | undefined;
    let unread: string[] = [];
    // 'yes' wins over 'unknown', which wins over 'no'; unread groups are noted for the evidence.
    const matchGroups = (groups: readonly string[]): Tri => {
      let answer: Tri = 'no';
      for (const groupId of groups) {
        const set = members.get(groupId);
        if (!set) {
          unread.push(groupId);
          answer = 'unknown';
        } else if (set.has(user.id)) return 'yes';
      }
      return answer;
    };
    // 'unknown' when the user holds none of the roles as far as was read, but one is also held by
    // a group whose members were not read.
    const matchRoles = (roles: readonly string[]): Tri => {
      if (roles.some((roleId) => roleHolders.get(roleId)?.has(user.id))) return 'yes';
      let answer: Tri = 'no';
      for (const roleId of roles) {
        const groups = roleUnreadGroups.get(roleId);
        if (!groups) continue;
        unread.push(...groups);
        answer = 'unknown';
      }
      return answer;
    };

    const coveredBy: PolicyRef[] = [];
    const excludedFrom: PolicyRef[] = [];
    const syncRoles: string[] = [];
    let undecided = false;
    for (const policy of prepared) {
      unread = [];
      const includedDirectly = policy.includeAll || policy.includeUsers.has(user.id) || (guestType !== undefined && policy.includeAllGuests);
      const included = includedDirectly
        ? 'yes'
        : anyOf([guestScopeMatches(policy.includeGuestScope, guestType, 'no'), matchGroups(policy.includeGroups), matchRoles(policy.includeRoles)]);
      if (included === 'no') continue;
      const excludedDirectly = policy.excludeUsers.has(user.id) || (guestType !== undefined && policy.excludeAllGuests);
      const excluded = excludedDirectly
        ? 'yes'
        : anyOf([guestScopeMatches(policy.excludeGuestScope, guestType, 'yes'), matchGroups(policy.excludeGroups), matchRoles(policy.excludeRoles)]);
      const syncRole = policy.excludeSyncRoles.find((roleId) => roleHolders.get(roleId)?.has(user.id));
      // A sync role held through an unread group may exclude this user too: not known either way.
      const syncUnknown = !syncRole && excluded === 'no' && matchRoles(policy.excludeSyncRoles) === 'unknown';
      if (included === 'yes' && excluded === 'no' && !syncRole && !syncUnknown) coveredBy.push(policy.ref);
      else if (excluded === 'yes') excludedFrom.push(policy.ref);
      else if (syncRole && excluded === 'no') {
        excludedFrom.push(policy.ref);
        syncRoles.push(DIRECTORY_SYNC_ROLES[syncRole]!);
      } else {
        undecided = true;
        unknownGroups ??= new Set<string>();
        for (const group of unread) unknownGroups.add(group);
      }
    }

    const entry = (detail: string, groups: string[] = []): UserCoverage => ({ user, coveredBy, detail, unknownGroups: groups });
    if (coveredBy.length > 0) {
      add('covered', entry(`required by ${names(coveredBy)}`));
    } else if (context.breakGlass.matches(user)) {
      add('breakGlass', entry(excludedFrom.length ? `break-glass account, excluded from ${names(excludedFrom)}` : 'break-glass account, not covered'));
    } else if (syncRoles.length > 0 && !undecided && syncRoles.length === excludedFrom.length) {
      add('syncExcluded', entry(`directory synchronization account (${[...new Set(syncRoles)].join(', ')}), excluded from ${names(excludedFrom)} as Microsoft advises`));
    } else if (undecided) {
      const groups = [...(unknownGroups ?? [])];
      for (const group of groups) unresolvedUsed.add(group);
      add('unknown', entry(`coverage depends on members of ${count(groups.length, 'group')} that could not be read`, groups));
    } else {
      add('uncovered', entry(excludedFrom.length ? `excluded from ${names(excludedFrom)}` : 'no policy that counts includes this user'));
    }
  }

  const reasons = new Map(context.conditionalAccess.unresolvedGroups.map((group) => [group.groupId, group.detail]));
  const notCollected = context.conditionalAccess.roleGroupsUnread ?? 'members were not collected';
  result.unresolvedGroups = [...unresolvedUsed].map((groupId) => ({ groupId, detail: reasons.get(groupId) ?? notCollected }));
  return result;
}

export type CoverageState = 'covered' | 'uncovered' | 'unknown' | 'breakGlass' | 'syncExcluded';

/** Each user's coverage state by user id, for combining several coverages. */
export function coverageByUser(coverage: Coverage): Map<string, { state: CoverageState; entry: UserCoverage }> {
  return coverage.byUser;
}

/** A user as an affected item: id, UPN, and why. */
export function userItem(coverage: Pick<UserCoverage, 'user' | 'detail'>): AffectedItem {
  return { type: 'user', id: coverage.user.id, name: coverage.user.userPrincipalName, detail: coverage.detail };
}

/**
 * What a control says when role assignments were not read but a counting policy targets roles.
 * `question` completes "Whether ..." (e.g. "every user must use MFA").
 */
export function roleAssignmentsNeeded(question: string, total: number): ControlOutcome {
  return {
    status: 'not_assessed',
    summary: `Whether ${question} depends on who holds the directory roles a policy targets, and role assignments could not be read.`,
    evidence: evidenceOf([], { total }),
    reason: {
      kind: 'permission',
      detail: 'a policy that counts targets directory roles, and the role assignments could not be read',
      needs: ['Graph application permission RoleManagement.Read.Directory'],
    },
  };
}

/**
 * Role assignments for coverage. They are optional: only policies that include roles need them,
 * so without them coverage still works unless a counting policy targets roles (then `missing`).
 */
export function assignmentsForCoverage(
  counting: readonly ConditionalAccessPolicy[],
  roleAssignments: { assignments: RoleAssignmentsDataset['assignments'] } | undefined,
): { assignments: RoleAssignmentsDataset['assignments'] } | { missing: true } {
  if (roleAssignments) return { assignments: roleAssignments.assignments };
  const needsRoles = counting.some((policy) => (policy.conditions.users?.includeRoles ?? []).length > 0 || (policy.conditions.users?.excludeRoles ?? []).length > 0);
  return needsRoles ? { missing: true } : { assignments: [] };
}
