import { defineControl, evidenceOf } from '../define.js';
import { exemptionReason, googleUserIdentifiers, isActiveUser } from '../lib/accounts.js';
import { capitalize, count, everyOne } from '../lib/text.js';
import { userOrgUnitPath } from './lib/org-unit-policies.js';

/**
 * Every active (not suspended, not archived) user has enrolled in 2-Step Verification
 * (`isEnrolledIn2Sv`). `warn` when everyone is enrolled but some are not enforced
 * (`isEnforcedIn2Sv` false): those users can turn 2-Step Verification off again. Accounts listed in
 * `exemptAccounts` (scanners, rooms, services: no person to enrol) are skipped and listed with the reason.
 */
export const googleMfaEnrolled = defineControl({
  meta: {
    id: 'google.mfa.enrolled',
    provider: 'google-workspace',
    title: 'Every active user is enrolled in 2-Step Verification',
    severity: 'high',
    hipaa: ['164.312(d)'],
    references: [
      'https://developers.google.com/workspace/admin/directory/reference/rest/v1/users',
      'https://support.google.com/a/answer/9176657',
      'https://support.google.com/a/answer/175197',
    ],
    datasets: ['google.users'],
    remediation:
      'Ask each user listed to enrol in 2-Step Verification at myaccount.google.com/security ("2-Step Verification" > Get started), preferably with a passkey, security key or the Google prompt rather than text message codes. To track progress, open the Google Admin console > Reporting > User reports > Security and filter "2-Step Verification enrollment" = Not enrolled. Then enforce it (Security > Authentication > 2-Step Verification > Enforcement "On") so nobody can switch it off.',
  },
  evaluate: ({ data, options }) => {
    const exempt: { account: string; reason: string }[] = [];
    const active = data['google.users'].users.filter(isActiveUser).filter((user) => {
      const reason = exemptionReason(googleUserIdentifiers(user), options.exemptAccounts);
      if (reason !== undefined) exempt.push({ account: user.primaryEmail, reason });
      return reason === undefined;
    });
    const total = active.length;
    const exemptFacts = exempt.length ? { exemptAccounts: exempt } : {};
    const exemptNote = exempt.length ? ` (${count(exempt.length, 'non-person account')} exempt)` : '';

    if (total === 0) {
      return {
        status: 'not_assessed',
        summary: exempt.length
          ? `Every active account is listed as exempt (${count(exempt.length, 'non-person account')}), so no person's 2-Step Verification enrollment was checked.`
          : 'No active users were found, so 2-Step Verification enrollment could not be checked.',
        evidence: evidenceOf([], { total, ...exemptFacts }),
        reason: { kind: 'unsupported', detail: exempt.length ? 'every active user is in exemptAccounts' : 'the users dataset contains no active (not suspended, not archived) users' },
      };
    }
    if (active.every((user) => user.isEnrolledIn2Sv === undefined)) {
      return {
        status: 'not_assessed',
        summary: 'The users snapshot lacks isEnrolledIn2Sv, so 2-Step Verification enrollment could not be checked.',
        evidence: evidenceOf([], { total }),
        reason: { kind: 'unsupported', detail: 'the users dataset has no isEnrolledIn2Sv field; collect users with it in the fields mask' },
      };
    }

    const userItem = (user: (typeof active)[number], detail: string) => ({ type: 'user', id: user.id ?? user.primaryEmail, name: user.primaryEmail, detail });
    const notEnrolled = active.filter((user) => user.isEnrolledIn2Sv !== true);
    const facts = { total, enrolled: total - notEnrolled.length, notEnrolled: notEnrolled.length, ...exemptFacts };

    if (notEnrolled.length > 0) {
      const affected = notEnrolled.map((user) =>
        userItem(
          user,
          [
            user.isEnrolledIn2Sv === undefined ? 'enrollment not reported' : 'not enrolled',
            `OU ${userOrgUnitPath(user)}`,
            user.isAdmin ? 'administrator' : undefined,
          ]
            .filter(Boolean)
            .join(', '),
        ),
      );
      return {
        status: 'fail',
        summary: `${notEnrolled.length} of ${count(total, 'active user')} ${notEnrolled.length === 1 ? 'has' : 'have'} not enrolled in 2-Step Verification${exemptNote}.`,
        evidence: evidenceOf(affected, facts),
      };
    }

    const optional = active.filter((user) => user.isEnforcedIn2Sv === false);
    if (optional.length > 0) {
      return {
        status: 'warn',
        summary: `${capitalize(everyOne(total, 'active user'))} ${total === 1 ? 'is' : 'are'} enrolled in 2-Step Verification${exemptNote}, but ${optional.length} ${optional.length === 1 ? 'is' : 'are'} not required to use it and can turn it off.`,
        evidence: evidenceOf(
          optional.map((user) => userItem(user, `enrolled but not enforced (OU ${userOrgUnitPath(user)})`)),
          { ...facts, notEnforced: optional.length },
        ),
      };
    }

    return {
      status: 'pass',
      summary: `${capitalize(everyOne(total, 'active user'))} ${total === 1 ? 'is' : 'are'} enrolled in 2-Step Verification${exemptNote}.`,
      evidence: evidenceOf([], facts),
    };
  },
});
