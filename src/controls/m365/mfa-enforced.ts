import { defineControl, evidenceOf } from '../define.js';
import { assessCoverage, classifyPolicies, enabledMembers, mfaGrantProblem, policyRef, userItem, assignmentsForCoverage, roleAssignmentsNeeded } from './lib/conditional-access.js';
import { capitalize, count, everyOne } from '../lib/text.js';

/**
 * Every enabled member must pass MFA to reach every cloud app: security defaults are on, or
 * enabled Conditional Access policies that require MFA (or an MFA authentication strength) for
 * all cloud apps together cover every enabled member. Report-only, disabled, risk-based,
 * client-app/platform/location-narrowed and role-excluding policies do not count; exclusions are
 * accepted only for the configured break-glass accounts. When coverage depends on group members
 * that could not be read, the control is `not_assessed` (GroupMember.Read.All).
 */
export const mfaEnforced = defineControl({
  meta: {
    id: 'm365.mfa.enforced',
    provider: 'm365',
    title: 'MFA is required for every user',
    severity: 'critical',
    hipaa: ['164.312(d)'],
    references: [
      'https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-mfa-strength',
      'https://learn.microsoft.com/entra/fundamentals/security-defaults',
      'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-users-groups',
      'CIS M365 5.2.2.2',
      'MS.AAD.3.2v1',
    ],
    datasets: ['m365.users', 'm365.securityDefaults', 'm365.conditionalAccess'],
    // Role assignments matter only for policies that include roles; without them the rest still counts.
    optionalDatasets: ['m365.roleAssignments'],
    remediation:
      'In the Microsoft Entra admin center (entra.microsoft.com) open Conditional Access > Policies and create (or fix) a policy: Users > Include "All users", Exclude only your break-glass accounts; Target resources > "All resources (All cloud apps)" with no exclusions; leave Conditions unset; Grant > "Require multifactor authentication" (or an MFA authentication strength) and nothing else; set "Enable policy" to On, not Report-only. Without Entra ID P1 licences, turn on security defaults instead (Entra ID > Overview > Properties > Manage security defaults).',
  },
  evaluate: ({ data, options }) => {
    const allUsers = data['m365.users'].users;
    const users = enabledMembers(allUsers);
    const guests = allUsers.filter((user) => user.accountEnabled !== false && user.userType === 'Guest').length;
    const total = users.length;

    if (total === 0) {
      return {
        status: 'not_assessed',
        summary: 'No enabled member accounts were found, so MFA coverage could not be checked.',
        evidence: evidenceOf([], { total }),
        reason: { kind: 'unsupported', detail: 'the users dataset contains no enabled member accounts' },
      };
    }

    if (data['m365.securityDefaults'].isEnabled) {
      return {
        status: 'pass',
        summary: `Security defaults are on, so ${everyOne(total, 'enabled user')} must register for MFA and use it when Microsoft asks.`,
        evidence: evidenceOf([], { total, securityDefaults: true, guestsNotAssessed: guests }),
      };
    }

    const conditionalAccess = data['m365.conditionalAccess'];
    const { counting, ignored } = classifyPolicies(conditionalAccess.policies, mfaGrantProblem);
    const roles = assignmentsForCoverage(counting, data['m365.roleAssignments']);
    if ('missing' in roles) return roleAssignmentsNeeded('every user must use MFA', users.length);
    const coverage = assessCoverage(users, counting, {
      conditionalAccess,
      roleAssignments: roles.assignments,
      breakGlassAccounts: options.breakGlassAccounts,
    });
    const facts = {
      total,
      securityDefaults: false,
      countingPolicies: counting.map(policyRef),
      ignoredPolicies: ignored,
      breakGlassExcluded: coverage.breakGlass.map(userItem),
      unresolvedGroups: coverage.unresolvedGroups,
      guestsNotAssessed: guests,
    };

    if (coverage.uncovered.length > 0) {
      const none = counting.length === 0 ? 'Security defaults are off and no enforced Conditional Access policy requires MFA for all cloud apps: ' : '';
      return {
        status: 'fail',
        summary: `${none}${coverage.uncovered.length} of ${count(total, 'enabled user')} can sign in without MFA.`,
        evidence: evidenceOf(coverage.uncovered.map(userItem), facts),
      };
    }

    if (coverage.unknown.length > 0) {
      const groups = coverage.unresolvedGroups.map((group) => `${group.groupId} (${group.detail})`).join('; ');
      return {
        status: 'not_assessed',
        summary: `Whether ${coverage.unknown.length} of ${count(total, 'enabled user')} must use MFA depends on group members that could not be read.`,
        evidence: evidenceOf(coverage.unknown.map(userItem), facts),
        reason: {
          kind: 'permission',
          detail: `members of groups used by Conditional Access policies could not be read: ${groups}`,
          needs: ['GroupMember.Read.All'],
        },
      };
    }

    const excluded = coverage.breakGlass.length ? `; ${count(coverage.breakGlass.length, 'break-glass account')} excluded as allowed` : '';
    return {
      status: 'pass',
      summary: `${capitalize(everyOne(total - coverage.breakGlass.length, 'enabled user'))} must use MFA for every cloud app (${count(counting.length, 'Conditional Access policy', 'Conditional Access policies')})${excluded}.`,
      evidence: evidenceOf([], facts),
    };
  },
});
