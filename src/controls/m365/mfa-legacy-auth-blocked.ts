import { breakGlassNotFound, breakGlassOf } from '../lib/accounts.js';
import { defineControl, evidenceOf } from '../define.js';
import type { ConditionalAccessPolicy } from '../../datasets/m365.js';
import { assessCoverage, blockGrantProblem, classifyPolicies, enabledMembers, policyRef, userItem, coverageByUser, type CoverageState, type IgnoredPolicy, type UserCoverage, assignmentsForCoverage, roleAssignmentsNeeded } from './lib/conditional-access.js';
import { count, everyOne } from '../lib/text.js';

// The two Conditional Access client app types that mean legacy authentication.
// https://learn.microsoft.com/entra/identity/conditional-access/policy-block-legacy-authentication
const LEGACY_CLIENTS = [
  { type: 'exchangeActiveSync', label: 'Exchange ActiveSync' },
  { type: 'other', label: 'other legacy clients (IMAP, POP, SMTP, older Office)' },
] as const;

/** Whether a policy applies to a client app type; no client app condition means all of them. */
function targetsClient(policy: ConditionalAccessPolicy, type: string): boolean {
  const types = policy.conditions.clientAppTypes ?? [];
  return types.length === 0 || types.includes('all') || types.includes(type);
}

/**
 * Legacy authentication (which cannot do MFA) is blocked for every enabled member: security
 * defaults are on, or enforced Conditional Access policies for all cloud apps block both the
 * Exchange ActiveSync and the "other clients" client app types for every enabled member, with
 * exclusions only for the configured break-glass accounts.
 */
export const mfaLegacyAuthBlocked = defineControl({
  meta: {
    id: 'm365.mfa.legacy-auth-blocked',
    provider: 'm365',
    title: 'Legacy authentication is blocked for every user',
    severity: 'high',
    hipaa: ['164.312(d)'],
    references: [
      'https://learn.microsoft.com/entra/identity/conditional-access/policy-block-legacy-authentication',
      'https://learn.microsoft.com/entra/identity/conditional-access/block-legacy-authentication',
      'https://learn.microsoft.com/entra/fundamentals/security-defaults',
      'CIS M365 5.2.2.3',
      'MS.AAD.1.1v1',
    ],
    datasets: ['m365.users', 'm365.securityDefaults', 'm365.conditionalAccess'],
    // Role assignments matter only for policies that include roles; without them the rest still counts.
    optionalDatasets: ['m365.roleAssignments'],
    remediation:
      'In the Microsoft Entra admin center (entra.microsoft.com) open Conditional Access > Policies and create a policy: Users > Include "All users", Exclude only your break-glass accounts; Target resources > "All resources (All cloud apps)"; Conditions > Client apps > Configure "Yes" and tick only "Exchange ActiveSync clients" and "Other clients"; Grant > "Block access"; set "Enable policy" to On. First check the sign-in logs (filter Client app by the legacy types) for printers, scanners or old mail apps that still use them. Without Entra ID P1 licences, turn on security defaults instead.',
  },
  evaluate: ({ data, options }) => {
    const users = enabledMembers(data['m365.users'].users);
    const total = users.length;
    if (total === 0) {
      return {
        status: 'not_assessed',
        summary: 'No enabled member accounts were found, so legacy authentication blocking could not be checked.',
        evidence: evidenceOf([], { total }),
        reason: { kind: 'unsupported', detail: 'the users dataset contains no enabled member accounts' },
      };
    }
    if (data['m365.securityDefaults'].isEnabled) {
      return {
        status: 'pass',
        summary: `Security defaults are on, which blocks legacy authentication for ${everyOne(total, 'enabled user')}.`,
        evidence: evidenceOf([], { total, securityDefaults: true }),
      };
    }

    const conditionalAccess = data['m365.conditionalAccess'];
    const classified = classifyPolicies(conditionalAccess.policies, blockGrantProblem, { clientApps: 'any' });
    const ignored: IgnoredPolicy[] = [...classified.ignored];
    const counting = classified.counting.filter((policy) => {
      const legacy = LEGACY_CLIENTS.some((client) => targetsClient(policy, client.type));
      if (!legacy) ignored.push({ ...policyRef(policy), why: 'it does not apply to legacy authentication clients' });
      return legacy;
    });

    const roles = assignmentsForCoverage(counting, data['m365.roleAssignments']);
    if ('missing' in roles) return roleAssignmentsNeeded('legacy authentication is blocked for everyone', users.length);
    const context = {
      conditionalAccess,
      roleAssignments: roles.assignments,
      breakGlass: breakGlassOf(options.breakGlassAccounts, data['m365.conditionalAccess'].groupMembers),
    };
    // A user is protected only when both legacy client types are blocked for them,
    // possibly by different policies.
    const perClient = LEGACY_CLIENTS.map((client) => {
      const coverage = assessCoverage(users, counting.filter((policy) => targetsClient(policy, client.type)), context);
      return { ...client, coverage, byUser: coverageByUser(coverage) };
    });

    const uncovered: UserCoverage[] = [];
    const unknown: UserCoverage[] = [];
    const breakGlass: UserCoverage[] = [];
    const syncExcluded: UserCoverage[] = [];
    const unresolved = new Map<string, string>();
    for (const user of users) {
      const states = perClient.map((client) => ({ label: client.label, ...client.byUser.get(user.id)! }));
      const open = (state: CoverageState) => states.filter((s) => s.state === state).map((s) => `${s.label}: ${s.entry.detail}`).join('; ');
      if (states.some((s) => s.state === 'uncovered')) uncovered.push({ user, coveredBy: [], detail: open('uncovered'), unknownGroups: [] });
      else if (states.some((s) => s.state === 'unknown')) unknown.push({ user, coveredBy: [], detail: open('unknown'), unknownGroups: [] });
      else if (states.some((s) => s.state === 'breakGlass')) breakGlass.push({ user, coveredBy: [], detail: open('breakGlass'), unknownGroups: [] });
      else if (states.some((s) => s.state === 'syncExcluded')) syncExcluded.push({ user, coveredBy: [], detail: open('syncExcluded'), unknownGroups: [] });
    }
    for (const client of perClient) for (const group of client.coverage.unresolvedGroups) unresolved.set(group.groupId, group.detail);
    const unresolvedGroups = [...unresolved].map(([groupId, detail]) => ({ groupId, detail }));

    const facts = {
      total,
      securityDefaults: false,
      countingPolicies: counting.map(policyRef),
      ignoredPolicies: ignored,
      breakGlassExcluded: breakGlass.map(userItem),
      syncAccountsExcluded: syncExcluded.map(userItem),
      ...breakGlassNotFound(context.breakGlass, data['m365.users'].users),
      unresolvedGroups,
    };

    if (uncovered.length > 0) {
      return {
        status: 'fail',
        summary: `${uncovered.length} of ${count(total, 'enabled user')} can still sign in with legacy authentication, which cannot do MFA.`,
        evidence: evidenceOf(uncovered.map(userItem), facts),
      };
    }
    if (unknown.length > 0) {
      return {
        status: 'not_assessed',
        summary: `Whether legacy authentication is blocked for ${unknown.length} of ${count(total, 'enabled user')} depends on group members that could not be read.`,
        evidence: evidenceOf(unknown.map(userItem), facts),
        reason: {
          kind: 'permission',
          detail: `members of groups used by Conditional Access policies could not be read: ${unresolvedGroups.map((g) => `${g.groupId} (${g.detail})`).join('; ')}`,
          needs: ['GroupMember.Read.All'],
        },
      };
    }
    const excluded = [
      breakGlass.length ? `${count(breakGlass.length, 'break-glass account')} excluded as allowed` : '',
      syncExcluded.length ? `${count(syncExcluded.length, 'directory synchronization account')} excluded as Microsoft advises` : '',
    ]
      .filter(Boolean)
      .map((part) => `; ${part}`)
      .join('');
    return {
      status: 'pass',
      summary: `Legacy authentication is blocked for ${everyOne(total - breakGlass.length - syncExcluded.length, 'enabled user')} (${count(counting.length, 'Conditional Access policy', 'Conditional Access policies')})${excluded}.`,
      evidence: evidenceOf([], facts),
    };
  },
});
