import { breakGlassOf } from '../lib/accounts.js';
import { defineControl, evidenceOf } from '../define.js';
import { assessCoverage, classifyPolicies, enabledMembers, guestTypeOf, mfaGrantProblem, policyRef, userItem, assignmentsForCoverage, roleAssignmentsNeeded, type UserCoverage } from './lib/conditional-access.js';
import { capitalize, count, everyOne } from '../lib/text.js';

/**
 * Every enabled member must pass MFA to reach every cloud app: security defaults are on, or
 * enabled Conditional Access policies that require MFA (or an MFA authentication strength) for
 * all cloud apps together cover every enabled member. Report-only, disabled, risk-based and
 * client-app/platform/location-narrowed policies do not count; a policy that excludes a directory
 * role counts, and the role's holders are uncovered. Exclusions are accepted only for the
 * configured break-glass accounts (users or groups) and for holders of the directory
 * synchronization roles. Enabled guests are assessed too: an uncovered guest warns. When coverage
 * depends on group members that could not be read, the control is `not_assessed` (GroupMember.Read.All).
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
    // Guests open shared files that hold PHI, so they are assessed too; an uncovered guest warns,
    // an uncovered member fails.
    const guests = allUsers.filter((user) => user.accountEnabled !== false && guestTypeOf(user) !== undefined && user.userType === 'Guest');
    const total = users.length;

    if (total === 0) {
      return {
        status: 'not_assessed',
        summary: 'No enabled member accounts were found, so MFA coverage could not be checked.',
        evidence: evidenceOf([], { total, guests: guests.length }),
        reason: { kind: 'unsupported', detail: 'the users dataset contains no enabled member accounts' },
      };
    }

    if (data['m365.securityDefaults'].isEnabled) {
      return {
        status: 'pass',
        summary: `Security defaults are on, so ${everyOne(total, 'enabled user')} must register for MFA and use it when Microsoft asks.`,
        evidence: evidenceOf([], { total, guests: guests.length, securityDefaults: true }),
      };
    }

    const conditionalAccess = data['m365.conditionalAccess'];
    const { counting, ignored } = classifyPolicies(conditionalAccess.policies, mfaGrantProblem);
    const roles = assignmentsForCoverage(counting, data['m365.roleAssignments']);
    if ('missing' in roles) return roleAssignmentsNeeded('every user must use MFA', users.length);
    const breakGlass = breakGlassOf(options.breakGlassAccounts, conditionalAccess.groupMembers);
    const coverage = assessCoverage([...users, ...guests], counting, {
      conditionalAccess,
      roleAssignments: roles.assignments,
      breakGlass,
    });
    const isGuest = (entry: UserCoverage) => entry.user.userType === 'Guest';
    const uncoveredMembers = coverage.uncovered.filter((entry) => !isGuest(entry));
    const uncoveredGuests = coverage.uncovered.filter(isGuest);
    const unknownMembers = coverage.unknown.filter((entry) => !isGuest(entry));
    const unknownGuests = coverage.unknown.filter(isGuest);
    const unmatchedBreakGlass = breakGlass.unmatched(allUsers);
    const facts = {
      total,
      guests: guests.length,
      securityDefaults: false,
      countingPolicies: counting.map(policyRef),
      ignoredPolicies: ignored,
      breakGlassExcluded: coverage.breakGlass.map(userItem),
      syncAccountsExcluded: coverage.syncExcluded.map(userItem),
      guestsNotCovered: [...uncoveredGuests, ...unknownGuests].map(userItem),
      ...(unmatchedBreakGlass.length ? { breakGlassEntriesNotFound: unmatchedBreakGlass } : {}),
      unresolvedGroups: coverage.unresolvedGroups,
    };

    if (uncoveredMembers.length > 0) {
      const none = counting.length === 0 ? 'Security defaults are off and no enforced Conditional Access policy requires MFA for all cloud apps: ' : '';
      const guestsToo = uncoveredGuests.length ? ` ${uncoveredGuests.length} of ${count(guests.length, 'enabled guest')} can too.` : '';
      return {
        status: 'fail',
        summary: `${none}${uncoveredMembers.length} of ${count(total, 'enabled user')} can sign in without MFA.${guestsToo}`,
        evidence: evidenceOf([...uncoveredMembers, ...uncoveredGuests].map(userItem), facts),
      };
    }

    if (unknownMembers.length > 0) {
      const groups = coverage.unresolvedGroups.map((group) => `${group.groupId} (${group.detail})`).join('; ');
      return {
        status: 'not_assessed',
        summary: `Whether ${unknownMembers.length} of ${count(total, 'enabled user')} must use MFA depends on group members that could not be read.`,
        evidence: evidenceOf(unknownMembers.map(userItem), facts),
        reason: {
          kind: 'permission',
          detail: `members of groups used by Conditional Access policies could not be read: ${groups}`,
          needs: ['GroupMember.Read.All'],
        },
      };
    }

    const excluded = [
      coverage.breakGlass.length ? `${count(coverage.breakGlass.length, 'break-glass account')} excluded as allowed` : '',
      coverage.syncExcluded.length ? `${count(coverage.syncExcluded.length, 'directory synchronization account')} excluded as Microsoft advises` : '',
    ].filter(Boolean);
    const excludedText = excluded.length ? `; ${excluded.join('; ')}` : '';
    const policies = count(counting.length, 'Conditional Access policy', 'Conditional Access policies');
    if (uncoveredGuests.length > 0 || unknownGuests.length > 0) {
      const open = uncoveredGuests.length + unknownGuests.length;
      return {
        status: 'warn',
        summary:
          `${capitalize(everyOne(total - coverage.breakGlass.length - coverage.syncExcluded.length, 'enabled user'))} must use MFA for every cloud app (${policies})${excludedText}, ` +
          `but ${open} of ${count(guests.length, 'enabled guest')} ${uncoveredGuests.length ? `can sign in without MFA` : 'may not have to use MFA (group members could not be read)'}; guests open shared files that can hold patient information.`,
        evidence: evidenceOf([...uncoveredGuests, ...unknownGuests].map(userItem), facts),
        remediation:
          'In Conditional Access, make the MFA policy include guests: Users > Include "All users" (which covers guests and external users), and remove any "Guest or external users" exclusion; or add a policy for "Guest or external users" (all types, all external organizations) that requires MFA. Remove guests who no longer need access.',
      };
    }
    const guestsText = guests.length ? ` and ${guests.length === 1 ? 'the one enabled guest' : `all ${guests.length} enabled guests`}` : '';
    return {
      status: 'pass',
      summary: `${capitalize(everyOne(total - coverage.breakGlass.length - coverage.syncExcluded.length, 'enabled user'))}${guestsText} must use MFA for every cloud app (${policies})${excludedText}.`,
      evidence: evidenceOf([], facts),
    };
  },
});
