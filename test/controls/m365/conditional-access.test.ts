import { breakGlassOf } from '../../../src/controls/lib/accounts.js';
import { describe, expect, it } from 'vitest';
import {
  assessCoverage,
  classifyPolicies,
  mfaGrantProblem,
  phishingResistantGrantProblem,
  scopeProblem,
  signInFrequencyMinutes,
  strengthRequiresMfa,
  type CoverageContext,
} from '../../../src/controls/m365/lib/conditional-access.js';
import { isBreakGlass } from '../../../src/controls/lib/accounts.js';
import type { ConditionalAccessPolicy } from '../../../src/datasets/m365.js';
import { GLOBAL_ADMIN_ROLE, STAFF_GROUP, baselineData, ids } from '../../fixtures/m365-baseline.js';
import { copyOfBaselinePolicy, usersOf } from './ca-fixtures.js';
import { mfaEnforced } from '../../../src/controls/m365/mfa-enforced.js';
import { runControl } from '../../fixtures/run-control.js';

const mfaAll = (edit: (policy: ConditionalAccessPolicy) => void = () => {}) => copyOfBaselinePolicy('ca-mfa-all', 'p', edit);

describe('scopeProblem', () => {
  it('an enforced policy for all users and all apps has no problem', () => {
    expect(scopeProblem(mfaAll())).toBeUndefined();
  });

  it.each<[string, (p: ConditionalAccessPolicy) => void, string]>([
    ['a report-only policy', (p) => (p.state = 'enabledForReportingButNotEnforced'), 'report-only: it is not enforced'],
    ['a disabled policy', (p) => (p.state = 'disabled'), 'it is turned off'],
    ['a policy for no users', (p) => (usersOf(p).includeUsers = ['None']), 'it targets no users'],
    ['an Office 365-only policy', (p) => (p.conditions.applications!.includeApplications = ['Office365']), 'it targets Office 365 only, not all cloud apps'],
    ['a policy with an excluded app', (p) => (p.conditions.applications!.excludeApplications = ['d4ebce55-015a-49b5-a083-c84d1797ae8c']), 'it excludes 1 cloud app'],
    ['a sign-in-risk policy', (p) => (p.conditions.signInRiskLevels = ['high']), 'it applies only to risky sign-ins or users'],
    ['a browser-only policy', (p) => (p.conditions.clientAppTypes = ['browser']), 'it applies only to some client apps (browser)'],
    ['a Windows-only policy', (p) => (p.conditions.platforms = { includePlatforms: ['windows'], excludePlatforms: [] }), 'it applies only to some device platforms'],
    ['a policy that skips trusted locations', (p) => (p.conditions.locations = { includeLocations: ['All'], excludeLocations: ['AllTrusted'] }), 'it skips sign-ins from excluded locations'],
  ])('%s does not count', (_name, edit, why) => {
    expect(scopeProblem(mfaAll(edit))).toBe(why);
  });

  it('a policy that excludes a directory role still counts (coverage leaves out the role holders)', () => {
    expect(scopeProblem(mfaAll((p) => (usersOf(p).excludeRoles = [GLOBAL_ADMIN_ROLE])))).toBeUndefined();
  });

  it('platform and location conditions that cover everything do not narrow the policy', () => {
    const policy = mfaAll((p) => {
      p.conditions.platforms = { includePlatforms: ['all'], excludePlatforms: [] };
      p.conditions.locations = { includeLocations: ['All'], excludeLocations: [] };
    });
    expect(scopeProblem(policy)).toBeUndefined();
  });

  it('client app types are left to the caller when asked', () => {
    const legacy = copyOfBaselinePolicy('ca-block-legacy', 'p');
    expect(scopeProblem(legacy)).toBe('it applies only to some client apps (exchangeActiveSync, other)');
    expect(scopeProblem(legacy, { clientApps: 'any' })).toBeUndefined();
  });
});

describe('mfaGrantProblem', () => {
  const grant = (grantControls: ConditionalAccessPolicy['grantControls']) => mfaAll((p) => (p.grantControls = grantControls));

  it('require MFA alone counts', () => {
    expect(mfaGrantProblem(grant({ operator: 'OR', builtInControls: ['mfa'] }))).toBeUndefined();
  });

  it('MFA or a compliant device does not count', () => {
    expect(mfaGrantProblem(grant({ operator: 'OR', builtInControls: ['mfa', 'compliantDevice'] }))).toBe(
      'MFA is only one option (OR compliantDevice), so users can meet it without MFA',
    );
  });

  it('MFA and a compliant device counts', () => {
    expect(mfaGrantProblem(grant({ operator: 'AND', builtInControls: ['mfa', 'compliantDevice'] }))).toBeUndefined();
  });

  it('a built-in MFA authentication strength counts', () => {
    const strength = { id: '00000000-0000-0000-0000-000000000002', displayName: 'Multifactor authentication' };
    expect(mfaGrantProblem(grant({ operator: 'OR', builtInControls: [], authenticationStrength: strength }))).toBeUndefined();
  });

  it('a custom strength that allows a password alone does not count', () => {
    const strength = { id: 'custom-1', allowedCombinations: ['password', 'password,sms'] };
    expect(mfaGrantProblem(grant({ operator: 'OR', builtInControls: [], authenticationStrength: strength }))).toBe(
      'its authentication strength allows single-factor sign-in',
    );
  });

  it('a custom strength of password plus a second factor counts', () => {
    const strength = { id: 'custom-2', allowedCombinations: ['password,microsoftAuthenticatorPush', 'fido2'] };
    expect(mfaGrantProblem(grant({ operator: 'OR', builtInControls: [], authenticationStrength: strength }))).toBeUndefined();
  });

  it('block, terms-only and empty grants do not count', () => {
    expect(mfaGrantProblem(grant({ operator: 'OR', builtInControls: ['block'] }))).toBe('it blocks access rather than requiring MFA');
    expect(mfaGrantProblem(grant({ operator: 'OR', builtInControls: ['compliantDevice'] }))).toBe('it does not require MFA');
    expect(mfaGrantProblem(grant(null))).toBe('it does not require MFA');
  });
});

describe('phishingResistantGrantProblem', () => {
  const strengthGrant = (authenticationStrength: object, builtInControls: string[] = [], operator = 'OR') =>
    mfaAll((p) => (p.grantControls = { operator, builtInControls, authenticationStrength }));

  it('the built-in phishing-resistant strength counts', () => {
    expect(phishingResistantGrantProblem(strengthGrant({ id: '00000000-0000-0000-0000-000000000004' }))).toBeUndefined();
  });

  it('a custom strength of only FIDO2 and Windows Hello counts', () => {
    expect(phishingResistantGrantProblem(strengthGrant({ id: 'custom', allowedCombinations: ['fido2', 'windowsHelloForBusiness'] }))).toBeUndefined();
  });

  it('the MFA strength is not phishing-resistant', () => {
    expect(phishingResistantGrantProblem(strengthGrant({ id: '00000000-0000-0000-0000-000000000002' }))).toBe(
      'it requires MFA but not a phishing-resistant authentication strength',
    );
  });

  it('plain MFA offered as an alternative defeats the strength', () => {
    expect(phishingResistantGrantProblem(strengthGrant({ id: '00000000-0000-0000-0000-000000000004' }, ['mfa']))).toBe(
      'plain MFA is an alternative to its phishing-resistant strength',
    );
  });
});

describe('strengthRequiresMfa', () => {
  it('a custom strength whose combinations were not collected does not count', () => {
    expect(strengthRequiresMfa({ id: 'custom-unknown' })).toBe(false);
  });
});

describe('signInFrequencyMinutes', () => {
  const withFrequency = (signInFrequency: object | null) => mfaAll((p) => (p.sessionControls = { signInFrequency }));

  it('reads hours, days and every time', () => {
    expect(signInFrequencyMinutes(withFrequency({ isEnabled: true, type: 'hours', value: 8, frequencyInterval: 'timeBased' }))).toBe(480);
    expect(signInFrequencyMinutes(withFrequency({ isEnabled: true, type: 'days', value: 1, frequencyInterval: 'timeBased' }))).toBe(1440);
    expect(signInFrequencyMinutes(withFrequency({ isEnabled: true, frequencyInterval: 'everyTime' }))).toBe(0);
  });

  it('a disabled or absent frequency sets nothing', () => {
    expect(signInFrequencyMinutes(withFrequency({ isEnabled: false, type: 'hours', value: 8 }))).toBeUndefined();
    expect(signInFrequencyMinutes(withFrequency(null))).toBeUndefined();
  });
});

describe('isBreakGlass', () => {
  it('matches by UPN or object id, ignoring case', () => {
    const user = { id: ids.breakGlass, userPrincipalName: 'breakglass@contoso-clinic.example' };
    expect(isBreakGlass(user, ['BreakGlass@Contoso-Clinic.example'])).toBe(true);
    expect(isBreakGlass(user, [ids.breakGlass.toUpperCase()])).toBe(true);
    expect(isBreakGlass(user, ['someone.else@contoso-clinic.example'])).toBe(false);
  });
});

describe('assessCoverage', () => {
  const data = baselineData();
  const members = data['m365.users'].users.filter((u) => u.userType === 'Member' && u.accountEnabled);
  const context = (extra: Partial<CoverageContext> = {}): CoverageContext => ({
    conditionalAccess: data['m365.conditionalAccess'],
    roleAssignments: data['m365.roleAssignments'].assignments,
    breakGlass: breakGlassOf(['breakglass@contoso-clinic.example']),
    ...extra,
  });
  const idsOf = (entries: { user: { id: string } }[]) => entries.map((e) => e.user.id);

  it('an all-users policy covers everyone but the excluded break-glass account', () => {
    const coverage = assessCoverage(members, [mfaAll()], context());
    expect(idsOf(coverage.covered)).toEqual([ids.drLee, ids.nurseKim, ids.billingPat, ids.officeMgr, ids.admin]);
    expect(idsOf(coverage.breakGlass)).toEqual([ids.breakGlass]);
    expect(coverage.breakGlass[0]!.detail).toBe("break-glass account, excluded from 'p'");
  });

  it('an excluded user who is not a break-glass account is uncovered', () => {
    const policy = mfaAll((p) => usersOf(p).excludeUsers!.push(ids.nurseKim));
    const coverage = assessCoverage(members, [policy], context());
    expect(idsOf(coverage.uncovered)).toEqual([ids.nurseKim]);
    expect(coverage.uncovered[0]!.detail).toBe("excluded from 'p'");
  });

  it('a group policy covers the group members only', () => {
    const policy = mfaAll((p) => {
      usersOf(p).includeUsers = [];
      usersOf(p).includeGroups = [STAFF_GROUP];
    });
    const coverage = assessCoverage(members, [policy], context());
    expect(idsOf(coverage.covered)).toEqual([ids.drLee, ids.nurseKim, ids.billingPat, ids.officeMgr]);
    expect(idsOf(coverage.uncovered)).toEqual([ids.admin]);
    expect(coverage.uncovered[0]!.detail).toBe('no policy that counts includes this user');
  });

  it('an excluded group removes its members', () => {
    const policy = mfaAll((p) => (usersOf(p).excludeGroups = [STAFF_GROUP]));
    const coverage = assessCoverage(members, [policy], context());
    expect(idsOf(coverage.uncovered)).toEqual([ids.drLee, ids.nurseKim, ids.billingPat, ids.officeMgr]);
  });

  it('a role policy covers tenant-wide role holders but not administrative-unit-scoped ones', () => {
    const policy = copyOfBaselinePolicy('ca-admins-phish-resistant', 'admins');
    const roleAssignments = [
      ...data['m365.roleAssignments'].assignments,
      { id: 'ra-au', principalId: ids.officeMgr, roleDefinitionId: GLOBAL_ADMIN_ROLE, directoryScopeId: '/administrativeUnits/au-1' },
    ];
    const coverage = assessCoverage(members, [policy], context({ roleAssignments }));
    expect(idsOf(coverage.covered)).toEqual([ids.admin]);
    expect(idsOf(coverage.uncovered)).not.toContain(ids.admin);
    expect(idsOf(coverage.uncovered)).toContain(ids.officeMgr);
  });

  it('a role given to a group counts for the group members', () => {
    const policy = copyOfBaselinePolicy('ca-admins-phish-resistant', 'admins');
    const roleAssignments = [{ id: 'ra-g', principalId: STAFF_GROUP, roleDefinitionId: GLOBAL_ADMIN_ROLE, directoryScopeId: '/' }];
    const coverage = assessCoverage(members, [policy], context({ roleAssignments }));
    expect(idsOf(coverage.covered)).toEqual([ids.drLee, ids.nurseKim, ids.billingPat, ids.officeMgr]);
  });

  it('a role held by a group whose members were not read makes a role policy undecided for everyone it might reach', () => {
    const policy = copyOfBaselinePolicy('ca-admins-phish-resistant', 'admins');
    const roleAssignments = [{ id: 'ra-g', principalId: 'role-group', roleDefinitionId: GLOBAL_ADMIN_ROLE, directoryScopeId: '/', principalType: 'group' }];
    const conditionalAccess = { ...data['m365.conditionalAccess'], unresolvedGroups: [{ groupId: 'role-group', detail: '403 Authorization_RequestDenied' }] };
    const coverage = assessCoverage(members, [policy], context({ roleAssignments, conditionalAccess }));
    expect(coverage.covered).toEqual([]);
    expect(coverage.uncovered).toEqual([]);
    // Everyone but the break-glass account, whom the policy excludes by id.
    expect(idsOf(coverage.unknown)).toEqual(members.map((u) => u.id).filter((id) => id !== ids.breakGlass));
    expect(coverage.unresolvedGroups).toEqual([{ groupId: 'role-group', detail: '403 Authorization_RequestDenied' }]);
  });

  it('a service principal holding a role makes no user a holder and nothing unknown', () => {
    const policy = mfaAll((p) => (usersOf(p).excludeRoles = [GLOBAL_ADMIN_ROLE]));
    const roleAssignments = [{ id: 'ra-sp', principalId: 'app-sp', roleDefinitionId: GLOBAL_ADMIN_ROLE, directoryScopeId: '/', principalType: 'servicePrincipal' }];
    const coverage = assessCoverage(members, [policy], context({ roleAssignments }));
    expect(coverage.unknown).toEqual([]);
    expect(coverage.covered.length).toBe(members.length - 1);
  });

  it('a directory-sync role held by an unread group leaves the exclusion undecided, not accepted or covered', () => {
    const SYNC_ROLE = 'd29b2b05-8046-44ba-8758-1e26182fcf32';
    const policy = mfaAll((p) => (usersOf(p).excludeRoles = [SYNC_ROLE]));
    const roleAssignments = [{ id: 'ra-sync', principalId: 'sync-group', roleDefinitionId: SYNC_ROLE, directoryScopeId: '/', principalType: 'group' }];
    const coverage = assessCoverage(members, [policy], context({ roleAssignments }));
    expect(coverage.covered).toEqual([]);
    expect(coverage.syncExcluded).toEqual([]);
    expect(coverage.unresolvedGroups).toEqual([{ groupId: 'sync-group', detail: 'members were not collected' }]);
  });

  it('an unread group makes coverage unknown, never covered', () => {
    const policy = mfaAll((p) => {
      usersOf(p).includeUsers = [];
      usersOf(p).includeGroups = ['unread-group'];
    });
    const conditionalAccess = { ...data['m365.conditionalAccess'], unresolvedGroups: [{ groupId: 'unread-group', detail: '403 Authorization_RequestDenied' }] };
    const coverage = assessCoverage(members, [policy], context({ conditionalAccess }));
    expect(coverage.covered).toEqual([]);
    expect(idsOf(coverage.unknown)).toEqual([ids.drLee, ids.nurseKim, ids.billingPat, ids.officeMgr, ids.admin]);
    expect(coverage.unknown[0]!.unknownGroups).toEqual(['unread-group']);
    expect(coverage.unresolvedGroups).toEqual([{ groupId: 'unread-group', detail: '403 Authorization_RequestDenied' }]);
  });

  it('an unread group does not matter when another policy covers the user', () => {
    const grouped = copyOfBaselinePolicy('ca-mfa-all', 'grouped', (p) => {
      usersOf(p).includeUsers = [];
      usersOf(p).includeGroups = ['unread-group'];
    });
    const coverage = assessCoverage(members, [grouped, mfaAll()], context());
    expect(coverage.unknown).toEqual([]);
    expect(coverage.unresolvedGroups).toEqual([]);
  });
});

describe('classifyPolicies', () => {
  it('the baseline has two policies that count for MFA and names why the others do not', () => {
    const { counting, ignored } = classifyPolicies(baselineData()['m365.conditionalAccess'].policies, mfaGrantProblem);
    expect(counting.map((p) => p.id)).toEqual(['ca-mfa-all', 'ca-admins-phish-resistant']);
    expect(ignored).toEqual([
      { id: 'ca-block-legacy', name: 'Block legacy authentication', why: 'it applies only to some client apps (exchangeActiveSync, other)' },
      { id: 'ca-sign-in-frequency', name: 'Re-authenticate every 8 hours', why: 'it does not require MFA' },
    ]);
  });
});

describe('policies narrowed by filters and flows do not count', () => {
  const narrowings: [string, (policy: ConditionalAccessPolicy) => void][] = [
    ['a device filter that excludes devices', (p) => void (p.conditions.devices = { deviceFilter: { mode: 'exclude', rule: 'device.isCompliant -eq True' } })],
    ['a device filter that includes only some devices', (p) => void (p.conditions.devices = { deviceFilter: { mode: 'include', rule: 'device.trustType -eq "ServerAD"' } })],
    ['an application filter', (p) => void (p.conditions.applications!.applicationFilter = { mode: 'include', rule: 'CustomSecurityAttribute.x -eq "y"' })],
    ['an authentication-flow condition', (p) => void (p.conditions.authenticationFlows = { transferMethods: 'deviceCodeFlow' })],
    ['an insider-risk condition', (p) => void (p.conditions.insiderRiskLevels = 'elevated')],
  ];
  it.each(narrowings)('%s makes the MFA policy not count', (_name, narrow) => {
    const data = baselineData();
    for (const policy of data['m365.conditionalAccess'].policies) narrow(policy);
    const finding = runControl(mfaEnforced, data);
    expect(finding.status).toBe('fail');
  });
});
