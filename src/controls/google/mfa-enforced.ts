import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { GoogleUser } from '../../datasets/google.js';
import { SETTING_TYPES } from '../../datasets/google-constants.js';
import { isoDay } from '../lib/dates.js';
import { capitalize, count, everyOne } from '../lib/text.js';
import { describeSource, judgingScope, settingField, UNPLACED_NOTE, userOrgUnitPath } from './lib/org-unit-policies.js';
import { SignInRoutes, type SignInRoute } from './lib/sign-in-routes.js';

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

/** The scope that reads inbound SSO assignments, named when they could not be read. */
const INBOUND_SSO_SCOPE = 'https://www.googleapis.com/auth/cloud-identity.inboundsso.readonly';

/**
 * Whether `enforcedFrom` means 2SV is enforced at `now`. Google writes enforcement "Off" as the Unix
 * epoch (`1970-01-01T00:00:00Z`, seen on real "2SV Exempt" OUs; CISA ScubaGoggles uses it as the
 * off value) and "On from" a date as that date, so only a date after the epoch and not after now
 * is enforced.
 */
export function enforcementState(enforcedFrom: unknown, now: Date): { enforced: boolean; problem?: string } {
  if (typeof enforcedFrom !== 'string' || enforcedFrom === '') return { enforced: false, problem: 'enforcement is off' };
  const from = new Date(enforcedFrom);
  if (Number.isNaN(from.getTime())) return { enforced: false, problem: `enforcement date "${enforcedFrom}" is not a date` };
  if (from.getTime() <= 0) return { enforced: false, problem: `enforcement is off (enforcedFrom ${enforcedFrom}, Google's value for Off)` };
  if (from.getTime() > now.getTime()) return { enforced: false, problem: `enforcement starts ${isoDay(from)}, not yet in force` };
  return { enforced: true };
}

interface OrgUnit2sv {
  path: string;
  /** Active users who sign in at Google here (those whose 2SV this control judges). */
  activeUsers: number;
  allowEnrollment: boolean;
  allowEnrollmentFrom: string;
  enforcedFrom: string | null;
  enforced: boolean;
  enforcementFrom: string;
  allowedSignInFactorSet: string;
  factorFrom: string;
  /** The OU does not enforce 2SV itself, but every active user here is enforced (a group or per-user setting). */
  enforcedOnlyForUsers?: boolean;
  /** Why 2SV is not enforced here, when it is not. */
  problem?: string;
}

/**
 * 2-Step Verification is allowed and enforced for every active (not suspended, not archived) user
 * who signs in at Google: per organisational unit, values resolved by walking up the OU path (then
 * Google's defaults), an enforcement date after the epoch and not in the future, and the Directory's
 * `isEnforcedIn2Sv` for each user. An OU that does not enforce 2SV whose active users are all
 * enforced (through a group) warns rather than fails. Users whose OU is assigned a third-party SSO
 * profile sign in at their identity provider, where Google's 2SV does not apply: they are `manual`,
 * never judged on 2SV; super administrators always sign in at Google. `warn` when text message or
 * phone codes remain allowed. Policies of deleted OUs are ignored (named in the evidence).
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
      'https://support.google.com/a/answer/9464354',
      'https://cloud.google.com/identity/docs/concepts/supported-policy-api-settings',
      'https://cloud.google.com/identity/docs/concepts/policy-api-concepts',
      'https://cloud.google.com/identity/docs/reference/rest/v1/inboundSsoAssignments',
      'https://developers.google.com/workspace/admin/directory/reference/rest/v1/users',
    ],
    datasets: ['google.users', 'google.orgUnits', 'google.policies'],
    // Who signs in through a third-party identity provider; without it every user is judged on 2SV.
    optionalDatasets: ['google.inboundSso'],
    remediation:
      'In the Google Admin console (admin.google.com) go to Security > Authentication > 2-Step Verification. Select the top-level organisational unit (so every sub-unit inherits it), tick "Allow users to turn on 2-Step Verification", set Enforcement to "On" (or "On from" a date that has passed), and under Methods choose "Any except verification codes via text, phone call" or "Only security key". Click Save, then check each sub-unit listed here shows "Inherited" rather than an override. Users who have not enrolled must do so at myaccount.google.com/security before the new-user enrollment period ends. For users who sign in through another identity provider (SSO), require MFA in that provider\'s sign-in policy, or turn on post-SSO verification under Security > Authentication > Login challenges.',
  },
  evaluate: ({ data, options, unavailable }) => {
    const scope = judgingScope(data, TYPES, {
      noUsers: 'No active users were found, so 2-Step Verification enforcement could not be checked.',
      notCollected: 'The policies snapshot did not include the 2-Step Verification settings, so enforcement could not be checked.',
      unplaced: '2-Step Verification enforcement',
    });
    if ('outcome' in scope) return scope.outcome;
    const { byOu, total, resolver } = scope;
    const unplaced = { ignored: scope.ignored };
    const active = [...byOu.values()].flat();
    if (active.every((user) => user.isEnforcedIn2Sv === undefined)) {
      return {
        status: 'not_assessed',
        summary: 'The users snapshot lacks isEnforcedIn2Sv, so whether each user must use 2-Step Verification could not be checked.',
        evidence: evidenceOf([], { total }),
        reason: { kind: 'unsupported', detail: 'the users dataset has no isEnforcedIn2Sv field; collect users with it in the fields mask' },
      };
    }

    // Who signs in at a third-party identity provider, where Google's 2SV does not apply.
    const sso = data['google.inboundSso'];
    const routes = sso ? new SignInRoutes(sso, resolver) : undefined;
    const routeOf = (user: GoogleUser): SignInRoute => routes?.routeOf(user) ?? { kind: 'google', why: 'SSO assignments not read' };
    const ssoUsers = active.filter((user) => routeOf(user).kind === 'sso');
    const ssoSet = new Set(ssoUsers);
    const googleSignIn = new Map<string, GoogleUser[]>();
    for (const [path, members] of byOu) {
      const here = members.filter((user) => !ssoSet.has(user));
      if (here.length) googleSignIn.set(path, here);
    }
    const judged = [...googleSignIn.values()].flat();
    const ssoReason = unavailable['google.inboundSso'];
    const ssoFacts = sso
      ? {
          signInThroughIdentityProvider: ssoUsers.length,
          ...(routes!.groupSso.length ? { groupSsoAssignments: routes!.groupSso } : {}),
          ...(routes!.unplaced.length ? { unplacedSsoAssignments: routes!.unplaced } : {}),
        }
      : { ssoAssignments: { read: false, detail: ssoReason?.detail ?? 'not collected', needs: ssoReason?.needs?.length ? ssoReason.needs : [INBOUND_SSO_SCOPE] } };

    const orgUnits: OrgUnit2sv[] = [...googleSignIn.entries()].map(([path, members]) => {
      const enrollment = resolver.effective(SETTING_TYPES.twoStepEnrollment, path);
      const enforcement = resolver.effective(SETTING_TYPES.twoStepEnforcement, path);
      const factor = resolver.effective(SETTING_TYPES.twoStepFactor, path);

      const allowEnrollment = settingField(enrollment, 'allowEnrollment') ?? TWO_STEP_DEFAULTS.allowEnrollment;
      const enforcedFrom = settingField(enforcement, 'enforcedFrom');
      const state = enforcementState(enforcedFrom, options.now);
      const factorSet = settingField(factor, 'allowedSignInFactorSet');

      let problem: string | undefined;
      let enforcedOnlyForUsers = false;
      if (allowEnrollment !== true) problem = `users cannot turn on 2-Step Verification (${describeSource(enrollment)})`;
      else if (!state.enforced) {
        // Google enforces 2SV per OU or per configuration group: when every user here is enforced,
        // a group covers them; people added later outside the group are not.
        if (members.every((user) => user.isEnforcedIn2Sv === true)) enforcedOnlyForUsers = true;
        else problem = `${state.problem} (${describeSource(enforcement)})`;
      }
      return {
        path,
        activeUsers: members.length,
        allowEnrollment: allowEnrollment === true,
        allowEnrollmentFrom: describeSource(enrollment),
        enforcedFrom: typeof enforcedFrom === 'string' ? enforcedFrom : null,
        enforced: state.enforced,
        enforcementFrom: describeSource(enforcement),
        allowedSignInFactorSet: typeof factorSet === 'string' ? factorSet : TWO_STEP_DEFAULTS.allowedSignInFactorSet,
        factorFrom: describeSource(factor),
        ...(enforcedOnlyForUsers ? { enforcedOnlyForUsers: true } : {}),
        ...(problem ? { problem } : {}),
      };
    });

    const uncoveredOus = orgUnits.filter((ou) => ou.problem !== undefined);
    const uncoveredPaths = new Set(uncoveredOus.map((ou) => ou.path));
    const unenforcedUsers = judged.filter((user) => user.isEnforcedIn2Sv !== true);
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
    const ssoItems: AffectedItem[] = ssoUsers.map((user) => {
      const route = routeOf(user) as Extract<SignInRoute, { kind: 'sso' }>;
      return { type: 'user', id: user.id ?? user.primaryEmail, name: user.primaryEmail, detail: `signs in through ${route.identityProvider} (SSO assigned to OU ${route.orgUnitPath}): check MFA there` };
    });
    const facts = {
      total,
      judgedOn2sv: judged.length,
      orgUnitsWithActiveUsers: orgUnits.length,
      orgUnits: orgUnits.map(({ problem: _problem, ...ou }) => ou),
      ...ssoFacts,
      ...(groupScoped.length ? { groupScopedPolicies: groupScoped, groupScopedNote: 'Group-scoped policies apply only to group members, which are not collected; they are not counted as covering any organisational unit.' } : {}),
      ...(unplaced.ignored.length ? { ignoredPolicies: unplaced.ignored, ignoredPoliciesNote: UNPLACED_NOTE } : {}),
    };
    const ssoNotRead = sso ? '' : ' Whether anyone signs in through a third-party identity provider was not checked: the SSO assignments could not be read.';

    if (uncoveredOus.length > 0 || unenforcedUsers.length > 0) {
      const affected: AffectedItem[] = [
        ...uncoveredOus.map((ou) => ({ type: 'orgUnit', id: ou.path, name: ou.path, detail: `${ou.problem}; ${count(ou.activeUsers, 'active user')}` })),
        ...unenforcedUsers.map((user) => ({ type: 'user', id: user.id ?? user.primaryEmail, name: user.primaryEmail, detail: userDetail(user) })),
      ];
      const who = ssoUsers.length ? 'active user signing in at Google' : 'active user';
      const whoPlural = ssoUsers.length ? 'active users signing in at Google' : 'active users';
      const parts = [
        uncoveredOus.length
          ? `${uncoveredOus.length} of ${count(orgUnits.length, 'organisational unit')} with ${whoPlural} ${uncoveredOus.length === 1 ? 'does' : 'do'} not enforce 2-Step Verification`
          : undefined,
        unenforcedUsers.length ? `${unenforcedUsers.length} of ${count(judged.length, who, whoPlural)} ${unenforcedUsers.length === 1 ? 'is' : 'are'} not required to use ${uncoveredOus.length ? 'it' : '2-Step Verification'}` : undefined,
      ].filter(Boolean);
      const ssoTail = ssoUsers.length ? ` ${capitalize(count(ssoUsers.length, 'more active user'))} ${ssoUsers.length === 1 ? 'signs' : 'sign'} in through a third-party identity provider: check MFA there.` : '';
      return { status: 'fail', summary: `${capitalize(parts.join('; '))}.${ssoTail}${ssoNotRead}`, evidence: evidenceOf(affected, facts) };
    }

    // Caveats of a Google sign-in that enforces 2SV: phone codes, coverage only through a group.
    const telephonyOus = orgUnits.filter((ou) => mayAllowTelephony(ou.allowedSignInFactorSet));
    const telephonyGroups = groupScoped.filter(
      (g) => g.settingType === SETTING_TYPES.twoStepFactor && mayAllowTelephony(String(g.value.allowedSignInFactorSet ?? TWO_STEP_DEFAULTS.allowedSignInFactorSet)),
    );
    const groupOnlyOus = orgUnits.filter((ou) => ou.enforcedOnlyForUsers);
    const groupSso = routes?.groupSso ?? [];
    const caveatItems: AffectedItem[] = [
      ...telephonyOus.map((ou) => ({
        type: 'orgUnit',
        id: ou.path,
        name: ou.path,
        detail: `${ou.allowedSignInFactorSet === 'ALL' ? 'allows' : 'may allow (unknown method set)'} codes by text message or phone call (allowedSignInFactorSet ${ou.allowedSignInFactorSet}, ${ou.factorFrom}); ${count(ou.activeUsers, 'active user')}`,
      })),
      ...telephonyGroups.map((g) => ({ type: 'policy', id: g.policy, name: g.group, detail: "a group-scoped policy allows codes by text message or phone call for the group's members" })),
      ...groupOnlyOus.map((ou) => ({
        type: 'orgUnit',
        id: ou.path,
        name: ou.path,
        detail: `the OU does not enforce 2-Step Verification (enforcedFrom ${ou.enforcedFrom ?? 'not set'}, ${ou.enforcementFrom}), but all ${count(ou.activeUsers, 'active user')} here are enforced, through a group or per-user setting; new users outside it are not`,
      })),
      ...groupSso.map((g) => ({ type: 'ssoAssignment', id: g.assignment, name: g.group, detail: `members of ${g.group} (not collected) sign in through ${g.identityProvider}, where Google's 2-Step Verification does not apply: check MFA there` })),
    ];
    const caveats = [
      telephonyOus.length
        ? `${telephonyOus.length} of ${count(orgUnits.length, 'organisational unit')} with active users still ${telephonyOus.length === 1 ? 'allows' : 'allow'} codes by text message or phone call, which can be intercepted`
        : telephonyGroups.length
          ? 'a group-scoped policy still allows codes by text message or phone call, which can be intercepted'
          : undefined,
      groupOnlyOus.length
        ? `in ${count(groupOnlyOus.length, 'organisational unit')} (${groupOnlyOus.map((ou) => ou.path).join(', ')}) it is enforced only through a group or per-user setting, so new users outside it are not covered`
        : undefined,
      groupSso.length ? `members of ${groupSso.map((g) => g.group).join(', ')} sign in through a third-party identity provider, whose MFA is not visible here` : undefined,
    ].filter((caveat): caveat is string => caveat !== undefined);

    if (ssoUsers.length > 0) {
      const providers = [...new Set(ssoUsers.map((user) => (routeOf(user) as Extract<SignInRoute, { kind: 'sso' }>).identityProvider))];
      const atGoogle = judged.length
        ? ` 2-Step Verification is enforced for the other ${count(judged.length, 'active user')}, who sign in at Google${caveats.length ? `, but ${caveats.join('; ')}` : ''}.`
        : '';
      return {
        status: 'manual',
        summary: `${ssoUsers.length} of ${count(total, 'active user')} ${ssoUsers.length === 1 ? 'signs' : 'sign'} in through ${providers.join(', ')}: MFA happens at your identity provider: check it there.${atGoogle}`,
        evidence: evidenceOf([...ssoItems, ...caveatItems], facts),
      };
    }

    if (caveats.length > 0) {
      return {
        status: 'warn',
        summary: `2-Step Verification is enforced for ${everyOne(total, 'active user')}, but ${caveats.join('; ')}.${ssoNotRead}`,
        evidence: evidenceOf(caveatItems, facts),
      };
    }

    return {
      status: 'pass',
      summary: `2-Step Verification is enforced, without text message or phone call codes, for ${everyOne(total, 'active user')} in ${count(orgUnits.length, 'organisational unit')}.${ssoNotRead}`,
      evidence: evidenceOf([], facts),
    };
  },
});
