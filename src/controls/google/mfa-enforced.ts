import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { GoogleUser } from '../../datasets/google.js';
import { SETTING_TYPES } from '../../datasets/google-constants.js';
import { isoDay } from '../lib/dates.js';
import { count } from '../lib/text.js';
import {
  OrgUnitPolicies,
  activeUsersByOrgUnit,
  describeSource,
  settingField,
  userOrgUnitPath,
  unplacedOutcome,
} from './lib/org-unit-policies.js';

/**
 * Google's defaults for 2-Step Verification settings nobody set (the Policy API then returns no
 * policy): "By default, users can turn on 2-Step Verification and use any verification method"
 * (Deploy 2-Step Verification, https://support.google.com/a/answer/9176657), i.e. enrollment
 * allowed, enforcement Off (an admin must switch it On), and methods "Any", which includes codes by
 * text message or phone call (`ALL`). The same page notes accounts created before December 2016
 * started with 2SV off; such tenants have an explicit policy, which the resolver reads instead.
 */
export const TWO_STEP_DEFAULTS = { allowEnrollment: true, allowedSignInFactorSet: 'ALL' } as const;

/**
 * `allowedSignInFactorSet` values known to refuse codes sent by SMS or voice call. `ALL` accepts
 * them; any other (new or unknown) value is not assumed safe: it warns as possibly accepting them.
 */
const NO_TELEPHONY_FACTOR_SETS: ReadonlySet<string> = new Set(['NO_TELEPHONY', 'PASSKEY_ONLY', 'PASSKEY_PLUS_SECURITY_CODE', 'PASSKEY_PLUS_IP_BOUND_SECURITY_CODE']);
const mayAllowTelephony = (factorSet: string) => !NO_TELEPHONY_FACTOR_SETS.has(factorSet);

const TYPES = [SETTING_TYPES.twoStepEnrollment, SETTING_TYPES.twoStepEnforcement, SETTING_TYPES.twoStepFactor] as const;

interface OrgUnit2sv {
  path: string;
  activeUsers: number;
  allowEnrollment: boolean;
  allowEnrollmentFrom: string;
  enforcedFrom: string | null;
  enforced: boolean;
  enforcementFrom: string;
  allowedSignInFactorSet: string;
  factorFrom: string;
  /** Why 2SV is not enforced here, when it is not. */
  problem?: string;
}

/**
 * 2-Step Verification is allowed and enforced in every organisational unit that holds active
 * (not suspended, not archived) users, with the enforcement date in the past (an absent or future
 * `enforcedFrom` is not enforced), and the Directory API reports every active user as enforced
 * (`isEnforcedIn2Sv`), which also catches group-based exceptions. Values are resolved per OU by
 * walking up the OU path to the top level, then Google's defaults. `warn` when an OU with active
 * users still allows SMS or voice codes (`ALL`), or a group-scoped policy may allow them.
 */
export const googleMfaEnforced = defineControl({
  meta: {
    id: 'google.mfa.enforced',
    provider: 'google-workspace',
    title: '2-Step Verification is enforced for every active user',
    severity: 'critical',
    hipaa: ['164.312(d)'],
    references: [
      'https://support.google.com/a/answer/9176657',
      'https://support.google.com/a/answer/175197',
      'https://cloud.google.com/identity/docs/concepts/supported-policy-api-settings',
      'https://cloud.google.com/identity/docs/concepts/policy-api-concepts',
      'https://developers.google.com/workspace/admin/directory/reference/rest/v1/users',
    ],
    datasets: ['google.users', 'google.orgUnits', 'google.policies'],
    remediation:
      'In the Google Admin console (admin.google.com) go to Security > Authentication > 2-Step Verification. Select the top-level organisational unit (so every sub-unit inherits it), tick "Allow users to turn on 2-Step Verification", set Enforcement to "On" (or "On from" a date that has passed), and under Methods choose "Any except verification codes via text, phone call" or "Only security key". Click Save, then check each sub-unit listed here shows "Inherited" rather than an override. Users who have not enrolled must do so at myaccount.google.com/security before the new-user enrollment period ends.',
  },
  evaluate: ({ data, options }) => {
    const users = data['google.users'].users;
    const byOu = activeUsersByOrgUnit(users);
    const active = [...byOu.values()].flat();
    const total = active.length;

    if (total === 0) {
      return {
        status: 'not_assessed',
        summary: 'No active users were found, so 2-Step Verification enforcement could not be checked.',
        evidence: evidenceOf([], { total }),
        reason: { kind: 'unsupported', detail: 'the users dataset contains no active (not suspended, not archived) users' },
      };
    }

    const resolver = new OrgUnitPolicies(data['google.policies'], data['google.orgUnits']);
    const missing = resolver.missingSettingTypes(TYPES);
    if (missing.length > 0) {
      return {
        status: 'not_assessed',
        summary: 'The policies snapshot did not include the 2-Step Verification settings, so enforcement could not be checked.',
        evidence: evidenceOf([], { total, missingSettingTypes: missing }),
        reason: { kind: 'unsupported', detail: `the policies dataset was collected without setting types ${missing.join(', ')}` },
      };
    }
    const unplacedProblem = unplacedOutcome(resolver, TYPES, '2-Step Verification enforcement');
    if (unplacedProblem) return unplacedProblem;
    if (active.every((user) => user.isEnforcedIn2Sv === undefined)) {
      return {
        status: 'not_assessed',
        summary: 'The users snapshot lacks isEnforcedIn2Sv, so whether each user must use 2-Step Verification could not be checked.',
        evidence: evidenceOf([], { total }),
        reason: { kind: 'unsupported', detail: 'the users dataset has no isEnforcedIn2Sv field; collect users with it in the fields mask' },
      };
    }

    const orgUnits: OrgUnit2sv[] = [...byOu.entries()].map(([path, members]) => {
      const enrollment = resolver.effective(SETTING_TYPES.twoStepEnrollment, path);
      const enforcement = resolver.effective(SETTING_TYPES.twoStepEnforcement, path);
      const factor = resolver.effective(SETTING_TYPES.twoStepFactor, path);

      const allowEnrollment = settingField(enrollment, 'allowEnrollment') ?? TWO_STEP_DEFAULTS.allowEnrollment;
      const enforcedFrom = settingField(enforcement, 'enforcedFrom');
      const from = typeof enforcedFrom === 'string' && enforcedFrom !== '' ? new Date(enforcedFrom) : undefined;
      const enforced = from !== undefined && !Number.isNaN(from.getTime()) && from.getTime() <= options.now.getTime();
      const factorSet = settingField(factor, 'allowedSignInFactorSet');

      let problem: string | undefined;
      if (allowEnrollment !== true) problem = `users cannot turn on 2-Step Verification (${describeSource(enrollment)})`;
      else if (!enforced) {
        problem =
          from === undefined
            ? `enforcement is off (${describeSource(enforcement)})`
            : Number.isNaN(from.getTime())
              ? `enforcement date "${String(enforcedFrom)}" is not a date (${describeSource(enforcement)})`
              : `enforcement starts ${isoDay(from)}, not yet in force (${describeSource(enforcement)})`;
      }
      return {
        path,
        activeUsers: members.length,
        allowEnrollment: allowEnrollment === true,
        allowEnrollmentFrom: describeSource(enrollment),
        enforcedFrom: typeof enforcedFrom === 'string' ? enforcedFrom : null,
        enforced,
        enforcementFrom: describeSource(enforcement),
        allowedSignInFactorSet: typeof factorSet === 'string' ? factorSet : TWO_STEP_DEFAULTS.allowedSignInFactorSet,
        factorFrom: describeSource(factor),
        ...(problem ? { problem } : {}),
      };
    });

    const uncoveredOus = orgUnits.filter((ou) => ou.problem !== undefined);
    const uncoveredPaths = new Set(uncoveredOus.map((ou) => ou.path));
    const unenforcedUsers = active.filter((user) => user.isEnforcedIn2Sv !== true);
    const userDetail = (user: GoogleUser) => {
      const path = userOrgUnitPath(user);
      if (user.isEnforcedIn2Sv === undefined) return `2-Step Verification enforcement not reported (OU ${path})`;
      return uncoveredPaths.has(path)
        ? `not required to use 2-Step Verification: OU ${path} does not enforce it`
        : `not required to use 2-Step Verification although OU ${path} enforces it (a group exception or the new-user enrollment period may apply)`;
    };

    const groupScoped = TYPES.flatMap((type) =>
      resolver.groupScoped(type).map(({ policy, group }) => ({ policy: policy.name, settingType: type, group, value: policy.setting.value ?? {} })),
    );
    const unplaced = TYPES.flatMap((type) => resolver.unplaced(type).map(({ policy, orgUnit }) => ({ policy: policy.name, settingType: type, orgUnit })));
    const facts = {
      total,
      orgUnitsWithActiveUsers: orgUnits.length,
      orgUnits: orgUnits.map(({ problem: _problem, ...ou }) => ou),
      ...(groupScoped.length ? { groupScopedPolicies: groupScoped, groupScopedNote: 'Group-scoped policies apply only to group members, which are not collected; they are not counted as covering any organisational unit.' } : {}),
      ...(unplaced.length ? { unplacedPolicies: unplaced } : {}),
    };

    if (uncoveredOus.length > 0 || unenforcedUsers.length > 0) {
      const affected: AffectedItem[] = [
        ...uncoveredOus.map((ou) => ({ type: 'orgUnit', id: ou.path, name: ou.path, detail: `${ou.problem}; ${count(ou.activeUsers, 'active user')}` })),
        ...unenforcedUsers.map((user) => ({ type: 'user', id: user.id ?? user.primaryEmail, name: user.primaryEmail, detail: userDetail(user) })),
      ];
      const parts = [
        uncoveredOus.length
          ? `${uncoveredOus.length} of ${count(orgUnits.length, 'organisational unit')} with active users ${uncoveredOus.length === 1 ? 'does' : 'do'} not enforce 2-Step Verification`
          : undefined,
        unenforcedUsers.length ? `${unenforcedUsers.length} of ${count(total, 'active user')} ${unenforcedUsers.length === 1 ? 'is' : 'are'} not required to use it` : undefined,
      ].filter(Boolean);
      const sentence = parts.join('; ');
      return { status: 'fail', summary: `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`, evidence: evidenceOf(affected, facts) };
    }

    const telephonyOus = orgUnits.filter((ou) => mayAllowTelephony(ou.allowedSignInFactorSet));
    const telephonyGroups = groupScoped.filter(
      (g) => g.settingType === SETTING_TYPES.twoStepFactor && mayAllowTelephony(String(g.value.allowedSignInFactorSet ?? TWO_STEP_DEFAULTS.allowedSignInFactorSet)),
    );
    if (telephonyOus.length > 0 || telephonyGroups.length > 0) {
      const affected: AffectedItem[] = [
        ...telephonyOus.map((ou) => ({
          type: 'orgUnit',
          id: ou.path,
          name: ou.path,
          detail: `${ou.allowedSignInFactorSet === 'ALL' ? 'allows' : 'may allow (unknown method set)'} codes by text message or phone call (allowedSignInFactorSet ${ou.allowedSignInFactorSet}, ${ou.factorFrom}); ${count(ou.activeUsers, 'active user')}`,
        })),
        ...telephonyGroups.map((g) => ({ type: 'policy', id: g.policy, name: g.group, detail: 'a group-scoped policy allows codes by text message or phone call for the group\'s members' })),
      ];
      const where = telephonyOus.length
        ? `${telephonyOus.length} of ${count(orgUnits.length, 'organisational unit')} with active users still ${telephonyOus.length === 1 ? 'allows' : 'allow'}`
        : 'a group-scoped policy still allows';
      return {
        status: 'warn',
        summary: `2-Step Verification is enforced for all ${count(total, 'active user')}, but ${where} codes by text message or phone call, which can be intercepted.`,
        evidence: evidenceOf(affected, facts),
      };
    }

    return {
      status: 'pass',
      summary: `2-Step Verification is enforced, without text message or phone call codes, for all ${count(total, 'active user')} in ${count(orgUnits.length, 'organisational unit')}.`,
      evidence: evidenceOf([], facts),
    };
  },
});
