import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { ConditionalAccessPolicy, GraphUser } from '../../datasets/m365.js';
import { breakGlassOf } from '../lib/accounts.js';
import { capitalize, count, everyOne, noneOf } from '../lib/text.js';
import { assessCoverage, assignmentsForCoverage, policyRef, roleAssignmentsNeeded } from './lib/conditional-access.js';

/**
 * Registered methods that are phishing-resistant and not tied to one computer: passkeys on a
 * security key or an authenticator (`fido2`, `passKeyDeviceBound...`) and certificates. Windows
 * Hello for Business is phishing-resistant but lives on one PC, which an emergency may take away.
 */
export function isEmergencyMethod(method: string): boolean {
  return method === 'fido2' || (/^passkey/i.test(method) && !/windowshello/i.test(method)) || /certificate/i.test(method);
}

/** An enabled policy with grant controls (block, MFA, compliant device, an authentication strength...) can keep an account out. */
function canLockOut(policy: ConditionalAccessPolicy): boolean {
  if (policy.state !== 'enabled') return false;
  const grant = policy.grantControls;
  return (grant?.builtInControls ?? []).length > 0 || Boolean(grant?.authenticationStrength);
}

const NO_ONE = { matches: () => false, unmatched: () => [] };

/**
 * The configured emergency-access (break-glass) accounts exist, are enabled, are excluded from every
 * enabled Conditional Access policy that could keep them out, and hold a phishing-resistant sign-in
 * method (a FIDO2 key or passkey, or a certificate). Without configured accounts: `manual`.
 */
export const accountsEmergencyAccess = defineControl({
  meta: {
    id: 'm365.accounts.emergency-access',
    provider: 'm365',
    title: 'Emergency-access (break-glass) accounts are ready to use',
    severity: 'high',
    hipaa: ['164.312(a)(2)(ii)'],
    references: [
      'https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access',
      'https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-mfa-strength#user-exclusions',
      'https://learn.microsoft.com/graph/api/resources/userregistrationdetails?view=graph-rest-1.0',
    ],
    datasets: ['m365.users', 'm365.conditionalAccess', 'm365.registrationDetails'],
    optionalDatasets: ['m365.roleAssignments'],
    remediation:
      'Keep one or two cloud-only emergency-access accounts (name@yourtenant.onmicrosoft.com) with the Global Administrator role, name them in breakGlassAccounts, exclude them (or a group holding them) from every Conditional Access policy, and register a FIDO2 security key (or a certificate) for each, stored somewhere safe. Microsoft recommends two such accounts and a test sign-in every few months.',
  },
  evaluate: ({ data, options }) => {
    const entries = options.breakGlassAccounts;
    if (entries.length === 0) {
      return {
        status: 'manual',
        summary: 'No emergency-access (break-glass) accounts are named in breakGlassAccounts, so tenant-audit cannot check that the practice can still get in when normal sign-in fails; name them in the configuration.',
        evidence: evidenceOf([]),
      };
    }
    const { users } = data['m365.users'];
    const conditionalAccess = data['m365.conditionalAccess'];
    const registrations = new Map(data['m365.registrationDetails'].registrations.map((entry) => [entry.id, entry]));
    const breakGlass = breakGlassOf(entries, conditionalAccess.groupMembers);
    const accounts = users.filter((user) => breakGlass.matches(user));
    const unmatched = breakGlass.unmatched(users);
    const unreadGroups = conditionalAccess.unresolvedGroups.filter((group) => entries.some((entry) => entry.toLowerCase() === group.groupId.toLowerCase()));

    const lockout = conditionalAccess.policies.filter(canLockOut);
    const roles = assignmentsForCoverage(lockout, data['m365.roleAssignments']);
    if ('missing' in roles) return roleAssignmentsNeeded('the emergency-access accounts are excluded from every Conditional Access policy', accounts.length);
    const coverage = assessCoverage(accounts, lockout, { conditionalAccess, roleAssignments: roles.assignments, breakGlass: NO_ONE });

    const problems = new Map<string, string[]>();
    const note = (user: GraphUser, text: string) => problems.set(user.id, [...(problems.get(user.id) ?? []), text]);
    for (const user of accounts) {
      if (user.accountEnabled === false) note(user, 'the account is disabled');
      const state = coverage.byUser.get(user.id);
      if (state?.state === 'covered') note(user, `not excluded from ${state.entry.coveredBy.map((ref) => `'${ref.name}'`).join(', ')}`);
      const methods = registrations.get(user.id)?.methodsRegistered ?? [];
      if (!registrations.has(user.id)) note(user, 'no authentication-method registration record');
      else if (!methods.some(isEmergencyMethod)) note(user, `no FIDO2 key, passkey or certificate registered (${methods.length ? `has ${methods.join(', ')}` : 'no methods'})`);
    }
    const unknown = accounts.filter((user) => coverage.byUser.get(user.id)?.state === 'unknown');

    const affected: AffectedItem[] = [
      ...unmatched.map((entry) => ({ type: 'configuredAccount', id: entry, name: entry, detail: 'named in breakGlassAccounts but not found among the users or the groups read' })),
      ...accounts.filter((user) => problems.has(user.id)).map((user) => ({ type: 'user', id: user.id, name: user.userPrincipalName, detail: problems.get(user.id)!.join('; ') })),
    ];
    const evidence = evidenceOf(affected, {
      total: accounts.length,
      configured: entries,
      accounts: accounts.map((user) => ({
        id: user.id,
        userPrincipalName: user.userPrincipalName,
        enabled: user.accountEnabled !== false,
        methodsRegistered: registrations.get(user.id)?.methodsRegistered ?? null,
      })),
      policiesThatCouldLockOut: lockout.map(policyRef),
      ...(unreadGroups.length ? { unreadGroups } : {}),
    });

    if (unknown.length > 0 || unreadGroups.length > 0) {
      return {
        status: 'not_assessed',
        summary: 'Whether the emergency-access accounts are excluded from Conditional Access depends on group members that could not be read.',
        evidence,
        reason: { kind: 'permission', detail: 'the members of a group that decides the exclusion could not be read', needs: ['Graph application permission GroupMember.Read.All'] },
      };
    }
    if (accounts.length === 0) {
      const none = noneOf(entries.length, 'configured break-glass entry', 'configured break-glass entries', 'names an account in the tenant', 'names no account in the tenant');
      return { status: 'fail', summary: `${none}, so there is no emergency access to rely on.`, evidence };
    }
    const failing = accounts.filter((user) => problems.has(user.id));
    if (failing.length > 0 || unmatched.length > 0) {
      const parts = [
        failing.length ? `${failing.length} of ${accounts.length} emergency-access accounts ${failing.length === 1 ? 'is' : 'are'} not ready (${failing.map((user) => `${user.userPrincipalName}: ${problems.get(user.id)!.join('; ')}`).join(' | ')})` : undefined,
        unmatched.length ? `${count(unmatched.length, 'configured entry', 'configured entries')} (${unmatched.join(', ')}) ${unmatched.length === 1 ? 'names' : 'name'} no account` : undefined,
      ].filter(Boolean);
      return { status: 'fail', summary: `${parts.join('; ')}.`, evidence };
    }
    const policies =
      lockout.length === 0 ? 'not held back by any Conditional Access policy' : `excluded from ${lockout.length === 1 ? 'the one Conditional Access policy' : `all ${lockout.length} Conditional Access policies`} that could block sign-in`;
    return {
      status: 'pass',
      summary: `${capitalize(everyOne(accounts.length, 'emergency-access account'))} ${accounts.length === 1 ? 'is' : 'are'} enabled, ${policies}, and ${accounts.length === 1 ? 'holds' : 'hold'} a FIDO2 key, passkey or certificate.`,
      evidence,
    };
  },
});
