import { describe, expect, it } from 'vitest';
import { googleMfaEnforced } from '../../../src/controls/google/mfa-enforced.js';
import { SETTING_TYPES } from '../../../src/datasets/google-constants.js';
import type { GooglePolicy } from '../../../src/datasets/google.js';
import { DOMAIN, NOW, googleBaselineData, googleBaselineOptions, orgUnitIds } from '../../fixtures/google-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

const run = (data: ReturnType<typeof googleBaselineData>) => runControl(googleMfaEnforced, data, googleBaselineOptions());
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;
const daysFromNow = (days: number) => new Date(NOW.getTime() + days * 86_400_000).toISOString();
const email = (name: string) => `${name}@${DOMAIN}`;

function policyOf(data: ReturnType<typeof googleBaselineData>, name: string) {
  return data['google.policies'].policies.find((p) => p.name === `policies/${name}`)!;
}

function addPolicy(data: ReturnType<typeof googleBaselineData>, name: string, type: string, value: Record<string, unknown>, orgUnitId?: string, extra: Partial<NonNullable<GooglePolicy['policyQuery']>> = {}) {
  data['google.policies'].policies.push({
    name: `policies/${name}`,
    policyQuery: { ...(orgUnitId ? { orgUnit: `orgUnits/${orgUnitId.replace(/^id:/, '')}` } : {}), sortOrder: 2, ...extra },
    setting: { type, value },
    type: 'ADMIN',
  });
}

/** Sets isEnforcedIn2Sv for the named users, as the Directory API would report after a policy change. */
function setEnforced(data: ReturnType<typeof googleBaselineData>, names: string[], enforced: boolean) {
  for (const user of data['google.users'].users) if (names.includes(user.primaryEmail.split('@')[0]!)) user.isEnforcedIn2Sv = enforced;
}

describe('google.mfa.enforced', () => {
  it('passes when every OU with active users enforces 2SV without SMS or voice codes', () => {
    const finding = run(googleBaselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe('2-Step Verification is enforced, without text message or phone call codes, for all 5 active users in 3 organisational units.');
    expect(finding.evidence.affectedCount).toBe(0);
    expect(finding.evidence.orgUnits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/Clinical', activeUsers: 2, enforced: true, enforcementFrom: 'inherited from /', allowEnrollmentFrom: 'inherited from /' }),
        expect.objectContaining({ path: '/Admin', allowedSignInFactorSet: 'PASSKEY_ONLY', factorFrom: 'set here' }),
      ]),
    );
  });

  it('a sub-OU that overrides enforcement to off fails, and its users are listed', () => {
    const data = googleBaselineData();
    addPolicy(data, '2sv-enforce-desk', SETTING_TYPES.twoStepEnforcement, {}, orgUnitIds.frontDesk);
    setEnforced(data, ['maria.lopez'], false);
    const finding = run(data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected).toEqual([
      { type: 'orgUnit', id: '/Front Desk', name: '/Front Desk', detail: 'enforcement is off (set here); 1 active user' },
      { type: 'user', id: expect.any(String), name: email('maria.lopez'), detail: 'not required to use 2-Step Verification: OU /Front Desk does not enforce it' },
    ]);
    expect(finding.summary).toBe('1 of 3 organisational units with active users does not enforce 2-Step Verification; 1 of 5 active users is not required to use it.');
  });

  it('an enforcement date in the future is not enforced yet', () => {
    const data = googleBaselineData();
    policyOf(data, '2sv-enforce-root').setting.value = { enforcedFrom: daysFromNow(10) };
    setEnforced(data, ['dr.patel', 'kim.tanaka', 'maria.lopez', 'sam.reyes', 'it.admin'], false);
    const finding = run(data);
    expect(finding.status).toBe('fail');
    const ous = finding.evidence.affected.filter((a) => a.type === 'orgUnit');
    expect(ous.map((a) => a.id).sort()).toEqual(['/Admin', '/Clinical', '/Front Desk']);
    expect(ous[0]!.detail).toBe('enforcement starts 2026-11-30, not yet in force (inherited from /); 2 active users');
  });

  it('with no enforcement policy at all, Google\'s default (off) applies and fails', () => {
    const data = googleBaselineData();
    data['google.policies'].policies = data['google.policies'].policies.filter((p) => p.setting.type !== SETTING_TYPES.twoStepEnforcement);
    setEnforced(data, ['dr.patel', 'kim.tanaka', 'maria.lopez', 'sam.reyes', 'it.admin'], false);
    const finding = run(data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected.filter((a) => a.type === 'orgUnit').map((a) => a.detail)).toEqual([
      'enforcement is off (Google default); 2 active users',
      'enforcement is off (Google default); 1 active user',
      'enforcement is off (Google default); 2 active users',
    ]);
  });

  it('an enforcement policy without an OU counts as the top-level value', () => {
    const data = googleBaselineData();
    const enforcement = policyOf(data, '2sv-enforce-root');
    enforcement.policyQuery = { sortOrder: 1 };
    expect(run(data).status).toBe('pass');
  });

  it('users who may not turn on 2SV fail even with an enforcement date', () => {
    const data = googleBaselineData();
    addPolicy(data, '2sv-enroll-clin', SETTING_TYPES.twoStepEnrollment, { allowEnrollment: false }, orgUnitIds.clinical);
    const finding = run(data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected).toEqual([
      { type: 'orgUnit', id: '/Clinical', name: '/Clinical', detail: 'users cannot turn on 2-Step Verification (set here); 2 active users' },
    ]);
  });

  it('a user the Directory reports as not enforced fails even in an enforced OU', () => {
    const data = googleBaselineData();
    setEnforced(data, ['kim.tanaka'], false);
    const finding = run(data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected.map((a) => [a.type, a.name])).toEqual([['user', email('kim.tanaka')]]);
    expect(finding.evidence.affected[0]!.detail).toContain('although OU /Clinical enforces it');
  });

  it('a suspended user who is not enforced does not count', () => {
    const data = googleBaselineData();
    setEnforced(data, ['former.staff'], false);
    expect(run(data).status).toBe('pass');
  });

  it('an OU with only suspended users does not need enforcement', () => {
    const data = googleBaselineData();
    data['google.orgUnits'].orgUnits.push({ orgUnitId: 'id:03ph8a2z9left', orgUnitPath: '/Leavers', parentOrgUnitId: orgUnitIds.root, parentOrgUnitPath: '/' });
    data['google.users'].users.find((u) => u.primaryEmail === email('former.staff'))!.orgUnitPath = '/Leavers';
    addPolicy(data, '2sv-enforce-leavers', SETTING_TYPES.twoStepEnforcement, {}, 'id:03ph8a2z9left');
    expect(run(data).status).toBe('pass');
  });

  it('warns when an OU with active users still allows codes by text or phone call', () => {
    const data = googleBaselineData();
    policyOf(data, '2sv-factor-root').setting.value = { allowedSignInFactorSet: 'ALL' };
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected.map((a) => a.id).sort()).toEqual(['/Clinical', '/Front Desk']);
    expect(finding.summary).toBe(
      '2-Step Verification is enforced for all 5 active users, but 2 of 3 organisational units with active users still allow codes by text message or phone call, which can be intercepted.',
    );
  });

  it('warns when no method policy is set, since Google\'s default allows SMS and voice codes', () => {
    const data = googleBaselineData();
    data['google.policies'].policies = data['google.policies'].policies.filter((p) => p.setting.type !== SETTING_TYPES.twoStepFactor);
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected.map((a) => a.detail)).toContain('allows codes by text message or phone call (allowedSignInFactorSet ALL, Google default); 2 active users');
  });

  it('warns when a group-scoped policy allows text or phone codes, and does not count it as covering an OU', () => {
    const data = googleBaselineData();
    addPolicy(data, '2sv-factor-grp', SETTING_TYPES.twoStepFactor, { allowedSignInFactorSet: 'ALL' }, orgUnitIds.root, { group: 'groups/02exception' });
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected).toEqual([
      { type: 'policy', id: 'policies/2sv-factor-grp', name: 'groups/02exception', detail: "a group-scoped policy allows codes by text message or phone call for the group's members" },
    ]);
    expect(finding.evidence.groupScopedPolicies).toHaveLength(1);
  });

  it('a group-scoped enforcement policy does not enforce an OU: users outside the group fail', () => {
    const data = googleBaselineData();
    const enforcement = policyOf(data, '2sv-enforce-root');
    enforcement.policyQuery = { ...enforcement.policyQuery, group: 'groups/02clinicians' };
    setEnforced(data, ['maria.lopez', 'sam.reyes', 'it.admin'], false);
    const finding = run(data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected.filter((a) => a.type === 'orgUnit').map((a) => a.id)).toEqual(['/Front Desk', '/Admin']);
    expect(finding.evidence.affected.filter((a) => a.type === 'user').map((a) => a.name)).toEqual([email('maria.lopez'), email('sam.reyes'), email('it.admin')]);
  });

  it('2SV enforced through a group that holds every active user warns (new hires outside the group are not covered), not fails', () => {
    const data = googleBaselineData();
    const enforcement = policyOf(data, '2sv-enforce-root');
    enforcement.policyQuery = { ...enforcement.policyQuery, group: 'groups/02allstaff' };
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe(
      '2-Step Verification is enforced for all 5 active users, but in 3 organisational units (/Clinical, /Front Desk, /Admin) it is enforced only through a group or per-user setting, so new users outside it are not covered.',
    );
    expect(finding.evidence.orgUnits).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/Clinical', enforced: false, enforcedOnlyForUsers: true })]));
  });

  it('enforcement "from" the epoch (1970-01-01T00:00:00Z) is Google\'s Off, not enforcement since 1970', () => {
    const data = googleBaselineData();
    addPolicy(data, '2sv-enforce-desk', SETTING_TYPES.twoStepEnforcement, { enforcedFrom: '1970-01-01T00:00:00Z' }, orgUnitIds.frontDesk);
    setEnforced(data, ['maria.lopez'], false);
    const finding = run(data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected[0]).toEqual({
      type: 'orgUnit',
      id: '/Front Desk',
      name: '/Front Desk',
      detail: "enforcement is off (enforcedFrom 1970-01-01T00:00:00Z, Google's value for Off) (set here); 1 active user",
    });
  });

  it('is not assessed when the policies snapshot did not request the 2SV settings', () => {
    const data = googleBaselineData();
    data['google.policies'].settingTypes = [SETTING_TYPES.sessionControls];
    const finding = run(data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.kind).toBe('unsupported');
    expect(finding.evidence.missingSettingTypes).toHaveLength(3);
  });

  it('is not assessed when users carry no isEnforcedIn2Sv', () => {
    const data = googleBaselineData();
    for (const user of data['google.users'].users) delete user.isEnforcedIn2Sv;
    const finding = run(data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.detail).toContain('isEnforcedIn2Sv');
  });

  it('is not assessed when there are no active users', () => {
    const data = googleBaselineData();
    for (const user of data['google.users'].users) user.suspended = true;
    expect(run(data).status).toBe('not_assessed');
  });

  it('is not assessed when the Policy API refused the request', () => {
    const finding = runControl(
      googleMfaEnforced,
      { ...googleBaselineData(), 'google.policies': failed({ kind: 'permission', detail: 'the Policy API answers only to a super administrator', needs: ['super administrator subject'] }) },
      googleBaselineOptions(),
    );
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason).toEqual({ kind: 'permission', detail: 'the Policy API answers only to a super administrator', needs: ['super administrator subject'] });
  });
});

describe('data the control cannot place or read', () => {
  it('an unknown factor set is not taken as refusing phone codes', () => {
    const data = googleBaselineData();
    const factor = data['google.policies'].policies.find((policy) => policy.name === 'policies/2sv-factor-root')!;
    factor.setting.value = { allowedSignInFactorSet: 'ALLOWED_SIGN_IN_FACTOR_SET_UNSPECIFIED' };
    const finding = runControl(googleMfaEnforced, data, googleBaselineOptions());
    expect(finding.status).toBe('warn');
    expect(JSON.stringify(finding.evidence)).toContain('unknown method set');
  });

  it('a policy of a deleted org unit (no longer listed, no users) is ignored and named in the evidence', () => {
    const data = googleBaselineData();
    addPolicy(data, '2sv-enforce-deleted', SETTING_TYPES.twoStepEnforcement, { enforcedFrom: '1970-01-01T00:00:00Z' }, 'id:03ph8a2z9gone');
    const finding = runControl(googleMfaEnforced, data, googleBaselineOptions());
    expect(finding.status).toBe('pass');
    expect(finding.evidence.ignoredPolicies).toEqual([
      { policy: 'policies/2sv-enforce-deleted', settingType: SETTING_TYPES.twoStepEnforcement, orgUnit: 'orgUnits/03ph8a2z9gone' },
    ]);
  });

  it('a policy on an unlisted org unit is not assessed when active users also sit in an unlisted org unit', () => {
    const data = googleBaselineData();
    data['google.orgUnits'].orgUnits = data['google.orgUnits'].orgUnits.filter((ou) => ou.orgUnitPath !== '/Admin');
    const finding = runControl(googleMfaEnforced, data, googleBaselineOptions());
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.kind).toBe('schema');
    expect(finding.evidence.orgUnitsMissingFromList).toEqual(['/Admin']);
  });
});

describe('users who sign in through a third-party identity provider (inbound SSO)', () => {
  /** An SSO assignment as inboundSsoAssignments.list returns it (rank omitted for OU targets). */
  const assignOu = (orgUnitId: string, extra: Record<string, unknown> = {}) => ({
    name: `inboundSsoAssignments/a${orgUnitId.replace(/^id:/, '')}`,
    customer: 'customers/C03az79cb',
    targetOrgUnit: `orgUnits/${orgUnitId.replace(/^id:/, '')}`,
    ssoMode: 'SAML_SSO',
    samlSsoInfo: { inboundSamlSsoProfile: 'inboundSamlSsoProfiles/039do9ad3sc7k74' },
    signInBehavior: {},
    ...extra,
  });
  const okta = {
    name: 'inboundSamlSsoProfiles/039do9ad3sc7k74',
    displayName: 'Okta',
    idpConfig: { entityId: 'http://www.okta.com/exk1abcd', singleSignOnServiceUri: 'https://lakeside.okta.com/app/google/exk1abcd/sso/saml' },
  };
  const withSso = (...assignments: ReturnType<typeof assignOu>[]) => {
    const data = googleBaselineData();
    data['google.inboundSso'] = { assignments, samlProfiles: [okta], oidcProfiles: [] };
    return data;
  };

  it('users of an OU assigned to a SAML profile are manual, not failed on Google 2SV: MFA happens at the identity provider', () => {
    const data = withSso(assignOu(orgUnitIds.clinical));
    // Google 2SV is off for them (their sign-ins never reach it): that must not fail them.
    addPolicy(data, '2sv-enforce-clin', SETTING_TYPES.twoStepEnforcement, {}, orgUnitIds.clinical);
    setEnforced(data, ['dr.patel', 'kim.tanaka'], false);
    expect(runControl(googleMfaEnforced, { ...data, 'google.inboundSso': { assignments: [], samlProfiles: [], oidcProfiles: [] } }, googleBaselineOptions()).status).toBe('fail');
    const finding = run(data);
    expect(finding.status).toBe('manual');
    expect(finding.summary).toBe(
      '2 of 5 active users sign in through Okta (inboundSamlSsoProfiles/039do9ad3sc7k74): MFA happens at your identity provider: check it there. 2-Step Verification is enforced for the other 3 active users, who sign in at Google.',
    );
    expect(finding.evidence.affected.map((a) => a.name)).toEqual([email('dr.patel'), email('kim.tanaka')]);
    expect(finding.evidence.signInThroughIdentityProvider).toBe(2);
  });

  it('an SSO user is never passed on Google 2SV either: an OU enforcing 2SV under SSO is still manual', () => {
    const finding = run(withSso(assignOu(orgUnitIds.root)));
    expect(finding.status).toBe('manual');
    // Super administrators never sign in through SSO: they are still judged on 2SV.
    expect(finding.evidence.signInThroughIdentityProvider).toBe(3);
    expect(finding.evidence.judgedOn2sv).toBe(2);
  });

  it('a super administrator in an SSO OU is judged on 2SV as before', () => {
    const data = withSso(assignOu(orgUnitIds.admin));
    setEnforced(data, ['sam.reyes'], false);
    const finding = run(data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected.map((a) => a.name)).toEqual([email('sam.reyes')]);
    expect(finding.summary).toMatch(/^1 of 5 active users is not required to use 2-Step Verification\./);
  });

  it('an assignment that never redirects (redirectCondition NEVER) leaves users signing in at Google', () => {
    const data = withSso(assignOu(orgUnitIds.clinical, { signInBehavior: { redirectCondition: 'NEVER' } }));
    setEnforced(data, ['kim.tanaka'], false);
    const finding = run(data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected.map((a) => a.name)).toEqual([email('kim.tanaka')]);
  });

  it('a sub-OU set to SSO_OFF under an SSO top level signs in at Google', () => {
    const data = withSso(assignOu(orgUnitIds.root), assignOu(orgUnitIds.frontDesk, { ssoMode: 'SSO_OFF', samlSsoInfo: undefined }));
    const finding = run(data);
    expect(finding.status).toBe('manual');
    expect(finding.evidence.affected.map((a) => a.name)).toEqual([email('dr.patel'), email('kim.tanaka')]);
  });

  it('a group assigned to an SSO profile keeps the finding from passing (its members are not collected)', () => {
    const data = withSso({ ...assignOu(orgUnitIds.root), targetOrgUnit: undefined, targetGroup: 'groups/03x2clinicians', rank: 1 } as never);
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain('members of groups/03x2clinicians sign in through a third-party identity provider');
  });

  it('without the SSO dataset the control judges from 2SV and names the missing scope', () => {
    const finding = runControl(
      googleMfaEnforced,
      {
        ...googleBaselineData(),
        'google.inboundSso': failed({
          kind: 'permission',
          detail: 'the access token lacks the scope https://www.googleapis.com/auth/cloud-identity.inboundsso.readonly',
          needs: ['Google OAuth scope https://www.googleapis.com/auth/cloud-identity.inboundsso.readonly'],
        }),
      },
      googleBaselineOptions(),
    );
    expect(finding.status).toBe('pass');
    expect(finding.evidence.ssoAssignments).toEqual({
      read: false,
      detail: 'the access token lacks the scope https://www.googleapis.com/auth/cloud-identity.inboundsso.readonly',
      needs: ['Google OAuth scope https://www.googleapis.com/auth/cloud-identity.inboundsso.readonly'],
    });
    expect(finding.summary).toContain('the SSO assignments could not be read');
  });
});
