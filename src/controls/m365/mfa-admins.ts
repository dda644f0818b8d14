import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { GraphUser } from '../../datasets/m365.js';
import { assessCoverage, classifyPolicies, coverageByUser, mfaGrantProblem, phishingResistantGrantProblem, policyRef, type UserCoverage } from './lib/conditional-access.js';
import { capitalize, count, everyOne } from '../lib/text.js';
import { breakGlassNotFound, breakGlassOf } from '../lib/accounts.js';
import { privilegedRoleName } from './lib/privileged-roles.js';

/**
 * Every enabled holder of a privileged directory role (see privileged-roles.ts) must pass MFA:
 * security defaults are on, or an enforced Conditional Access policy requiring MFA for all cloud
 * apps covers them. `warn` when an administrator is covered but not by a phishing-resistant
 * authentication strength, or when a privileged role is held by a group or service principal
 * whose members cannot be seen. Break-glass holders excluded from the policies are listed and
 * do not fail.
 */
export const mfaAdmins = defineControl({
  meta: {
    id: 'm365.mfa.admins',
    provider: 'm365',
    title: 'MFA is required for every administrator',
    severity: 'critical',
    hipaa: ['164.312(d)', '164.308(a)(4)'],
    references: [
      'https://learn.microsoft.com/entra/identity/conditional-access/policy-admin-phish-resistant-mfa',
      'https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference',
      'https://learn.microsoft.com/entra/identity/authentication/concept-authentication-strengths',
      'https://learn.microsoft.com/entra/fundamentals/security-defaults',
      'CIS M365 5.2.2.1',
      'CIS M365 5.2.2.5',
      'MS.AAD.3.6v1',
    ],
    datasets: ['m365.users', 'm365.securityDefaults', 'm365.conditionalAccess', 'm365.roleAssignments'],
    remediation:
      'In the Microsoft Entra admin center (entra.microsoft.com) open Conditional Access > Policies and create a policy: Users > Include > Select users and groups > Directory roles, tick every administrator role (Global Administrator, Privileged Role Administrator, Security Administrator, Exchange Administrator, SharePoint Administrator, User Administrator and the others listed in the evidence), Exclude only your break-glass accounts; Target resources > "All resources (All cloud apps)"; Grant > "Require authentication strength" > "Phishing-resistant MFA"; set "Enable policy" to On. Give each administrator a FIDO2 security key or passkey (or Windows Hello for Business) before turning it on.',
  },
  evaluate: ({ data, options }) => {
    const breakGlass = breakGlassOf(options.breakGlassAccounts, data['m365.conditionalAccess'].groupMembers);
    const usersById = new Map(data['m365.users'].users.map((user) => [user.id, user]));
    const conditionalAccess = data['m365.conditionalAccess'];
    const assignments = data['m365.roleAssignments'].assignments;

    const holders = new Map<string, { user: GraphUser; roles: Set<string> }>();
    const otherPrincipals = new Map<string, Set<string>>();
    const addHolder = (user: GraphUser, role: string) => {
      const holder = holders.get(user.id) ?? { user, roles: new Set<string>() };
      holder.roles.add(role);
      holders.set(user.id, holder);
    };
    let privilegedAssignments = 0;
    for (const assignment of assignments) {
      const role = privilegedRoleName(assignment.roleDefinitionId);
      if (!role) continue;
      privilegedAssignments++;
      const user = usersById.get(assignment.principalId);
      const groupMembers = conditionalAccess.groupMembers[assignment.principalId];
      if (user) addHolder(user, role);
      else if (groupMembers) {
        for (const memberId of groupMembers) {
          const member = usersById.get(memberId);
          if (member) addHolder(member, `${role} (through group ${assignment.principalId})`);
        }
      } else {
        otherPrincipals.set(assignment.principalId, (otherPrincipals.get(assignment.principalId) ?? new Set()).add(role));
      }
    }

    if (privilegedAssignments === 0) {
      return {
        status: 'not_assessed',
        summary: 'No privileged role assignments were returned, so administrator MFA could not be checked.',
        evidence: evidenceOf([], { total: 0 }),
        reason: {
          kind: 'unsupported',
          detail: 'the role assignments dataset has no privileged role assignment, yet every tenant has at least one Global Administrator',
        },
      };
    }

    const active = [...holders.values()].filter((holder) => holder.user.accountEnabled !== false);
    const disabledAdministrators = holders.size - active.length;
    const rolesOf = new Map(active.map((holder) => [holder.user.id, [...holder.roles].join(', ')]));
    const adminItem = (user: GraphUser, detail: string): AffectedItem => ({
      type: 'user',
      id: user.id,
      name: user.userPrincipalName,
      detail: `${rolesOf.get(user.id)}: ${detail}`,
    });
    const typeOf = new Map(assignments.map((assignment) => [assignment.principalId, assignment.principalType]));
    const unreadWhy = new Map(conditionalAccess.unresolvedGroups.map((group) => [group.groupId, group.detail]));
    const principalDetail = (id: string): string => {
      const type = typeOf.get(id);
      if (type === 'servicePrincipal') return 'a service principal (an app), which cannot sign in with MFA';
      if (type === 'group') {
        const why = unreadWhy.get(id) ?? conditionalAccess.roleGroupsUnread;
        return `a role-assignable group whose members were not read${why ? ` (${why})` : ' (no Conditional Access policy names a role it holds)'}`;
      }
      return 'a group or service principal whose members this check cannot see';
    };
    const principalItems: AffectedItem[] = [...otherPrincipals].map(([id, roles]) => ({
      type: 'principal',
      id,
      detail: `holds ${[...roles].join(', ')}; ${principalDetail(id)}`,
    }));
    const baseFacts = {
      total: active.length,
      administrators: active.map((holder) => ({ id: holder.user.id, name: holder.user.userPrincipalName, roles: [...holder.roles] })),
      disabledAdministrators,
      nonUserPrincipals: principalItems,
    };

    if (active.length === 0) {
      return {
        status: 'not_assessed',
        summary: 'Privileged roles are held only by groups, service principals or disabled accounts, so administrator MFA could not be checked.',
        evidence: evidenceOf([], baseFacts),
        reason: {
          kind: 'unsupported',
          detail: 'no enabled user holds a privileged role directly or through a group whose members were read',
        },
      };
    }

    const admins = count(active.length, 'administrator');
    const principals = `${count(principalItems.length, 'group or service principal', 'groups or service principals')} also ${principalItems.length === 1 ? 'holds' : 'hold'} privileged roles this check cannot see into`;
    const principalNote = principalItems.length ? `; ${principals}` : '';

    if (data['m365.securityDefaults'].isEnabled) {
      // Security defaults require MFA of administrators but allow any method, phishable or not.
      const weak = active.filter((holder) => !breakGlass.matches(holder.user));
      return {
        status: 'warn',
        summary: `${capitalize(everyOne(active.length, 'administrator'))} must use MFA (security defaults), but none is required to use phishing-resistant MFA${principalNote}.`,
        evidence: evidenceOf(
          [...weak.map((holder) => adminItem(holder.user, 'MFA through security defaults, not phishing-resistant')), ...principalItems],
          { ...baseFacts, securityDefaults: true },
        ),
      };
    }

    const context = {
      conditionalAccess,
      roleAssignments: assignments,
      breakGlass,
    };
    const users = active.map((holder) => holder.user);
    const mfa = classifyPolicies(conditionalAccess.policies, mfaGrantProblem);
    const mfaCoverage = assessCoverage(users, mfa.counting, context);
    const strong = classifyPolicies(conditionalAccess.policies, phishingResistantGrantProblem);
    const strongCoverage = coverageByUser(assessCoverage(users, strong.counting, context));

    const facts = {
      ...baseFacts,
      securityDefaults: false,
      mfaPolicies: mfa.counting.map(policyRef),
      phishingResistantPolicies: strong.counting.map(policyRef),
      ignoredPolicies: mfa.ignored,
      // MFA policies that do not count as phishing-resistant, with why.
      notPhishingResistant: strong.ignored.filter((ignored) => mfa.counting.some((policy) => policy.id === ignored.id)),
      breakGlassExcluded: mfaCoverage.breakGlass.map((entry) => adminItem(entry.user, entry.detail)),
      ...breakGlassNotFound(breakGlass, data['m365.users'].users),
      unresolvedGroups: mfaCoverage.unresolvedGroups,
    };
    const items = (entries: UserCoverage[]) => entries.map((entry) => adminItem(entry.user, entry.detail));

    if (mfaCoverage.uncovered.length > 0) {
      return {
        status: 'fail',
        summary: `${mfaCoverage.uncovered.length} of ${admins} can sign in without MFA.`,
        evidence: evidenceOf(items(mfaCoverage.uncovered), facts),
      };
    }
    if (mfaCoverage.unknown.length > 0) {
      return {
        status: 'not_assessed',
        summary: `Whether ${mfaCoverage.unknown.length} of ${admins} must use MFA depends on group members that could not be read.`,
        evidence: evidenceOf(items(mfaCoverage.unknown), facts),
        reason: {
          kind: 'permission',
          detail: `members of groups used by Conditional Access policies could not be read: ${mfaCoverage.unresolvedGroups.map((g) => `${g.groupId} (${g.detail})`).join('; ')}`,
          needs: ['GroupMember.Read.All'],
        },
      };
    }

    const weak = mfaCoverage.covered.filter(
      (entry) => strongCoverage.get(entry.user.id)?.state !== 'covered' && !breakGlass.matches(entry.user),
    );
    const exempt = mfaCoverage.breakGlass.length;
    const excluded = exempt ? `; ${count(exempt, 'break-glass account')} excluded as allowed` : '';
    if (weak.length > 0 || principalItems.length > 0) {
      const summary = weak.length
        ? `${capitalize(everyOne(active.length, 'administrator'))} must use MFA, but ${weak.length} ${weak.length === 1 ? 'is' : 'are'} not required to use phishing-resistant MFA${principalNote}.`
        : `${capitalize(everyOne(active.length - exempt, 'administrator'))} must use phishing-resistant MFA, but ${principals}.`;
      return {
        status: 'warn',
        summary,
        evidence: evidenceOf(
          [...weak.map((entry) => adminItem(entry.user, `${entry.detail}, not phishing-resistant`)), ...principalItems],
          facts,
        ),
      };
    }
    return {
      status: 'pass',
      summary: `${capitalize(everyOne(active.length - exempt, 'administrator'))} must use phishing-resistant MFA${excluded}.`,
      evidence: evidenceOf([], facts),
    };
  },
});
