import { describe, expect, it } from 'vitest';
import {
  OrgUnitPolicies,
  activeUsersByOrgUnit,
  describeSource,
  durationSeconds,
  orgUnitPathsById,
  parentPath,
  pathAndAncestors,
  policyScope,
} from '../../../src/controls/google/lib/org-unit-policies.js';
import { SETTING_TYPES } from '../../../src/datasets/google-constants.js';
import type { GooglePolicy } from '../../../src/datasets/google.js';
import { googleBaselineData, orgUnitIds } from '../../fixtures/google-baseline.js';

const SESSION = SETTING_TYPES.sessionControls;
const bare = (id: string) => id.replace(/^id:/, '');

function sessionPolicy(name: string, seconds: number, query: GooglePolicy['policyQuery']): GooglePolicy {
  return { name: `policies/${name}`, policyQuery: query, setting: { type: SESSION, value: { webSessionDuration: `${seconds}s` } }, type: 'ADMIN' };
}

/** Baseline OUs plus /Clinical/Nurses, with the given session policies instead of the baseline's. */
function resolverWith(policies: GooglePolicy[]) {
  const data = googleBaselineData();
  data['google.orgUnits'].orgUnits.push({
    orgUnitId: 'id:03ph8a2z4nurs',
    orgUnitPath: '/Clinical/Nurses',
    name: 'Nurses',
    parentOrgUnitId: orgUnitIds.clinical,
    parentOrgUnitPath: '/Clinical',
  });
  data['google.policies'].policies = policies;
  return new OrgUnitPolicies(data['google.policies'], data['google.orgUnits']);
}

const seconds = (resolver: OrgUnitPolicies, path: string) => durationSeconds(resolver.effective(SESSION, path).value?.webSessionDuration);

describe('OU paths', () => {
  it('walks from an OU up to the top level, nearest first', () => {
    expect(pathAndAncestors('/Clinical/Nurses')).toEqual(['/Clinical/Nurses', '/Clinical', '/']);
    expect(pathAndAncestors('/')).toEqual(['/']);
    expect(parentPath('/Front Desk')).toBe('/');
    expect(parentPath('/')).toBeUndefined();
  });

  it('maps policy OU ids, which lack the id: prefix, to paths, the top-level OU included', () => {
    const paths = orgUnitPathsById(googleBaselineData()['google.orgUnits']);
    expect(paths.get(bare(orgUnitIds.clinical))).toBe('/Clinical');
    expect(paths.get(bare(orgUnitIds.root))).toBe('/');
  });

  it('finds the top-level OU id from a child OU when rootOrgUnitId is not known', () => {
    const orgUnits = googleBaselineData()['google.orgUnits'];
    delete orgUnits.rootOrgUnitId;
    expect(orgUnitPathsById(orgUnits).get(bare(orgUnitIds.root))).toBe('/');
  });

  it('groups active users by OU and leaves out suspended and archived users', () => {
    const users = googleBaselineData()['google.users'].users;
    users[2]!.archived = true;
    const byOu = activeUsersByOrgUnit(users);
    expect([...byOu.keys()]).toEqual(['/Clinical', '/Admin']);
    expect(byOu.get('/Clinical')!.map((u) => u.primaryEmail.split('@')[0])).toEqual(['dr.patel', 'kim.tanaka']);
  });
});

describe('policy scope', () => {
  const paths = orgUnitPathsById(googleBaselineData()['google.orgUnits']);

  it('a policy without policyQuery.orgUnit counts as the top-level OU', () => {
    expect(policyScope(sessionPolicy('a', 1, { sortOrder: 1 }), paths)).toEqual({ kind: 'orgUnit', path: '/' });
    expect(policyScope(sessionPolicy('b', 1, undefined), paths)).toEqual({ kind: 'orgUnit', path: '/' });
  });

  it('a group-scoped policy reaches only the group', () => {
    const scope = policyScope(sessionPolicy('g', 1, { group: 'groups/01abc', orgUnit: `orgUnits/${bare(orgUnitIds.root)}` }), paths);
    expect(scope).toEqual({ kind: 'group', group: 'groups/01abc', path: '/' });
  });

  it('an OU id the orgUnits dataset does not list cannot be placed', () => {
    expect(policyScope(sessionPolicy('x', 1, { orgUnit: 'orgUnits/03zzzz' }), paths)).toEqual({ kind: 'unknownOrgUnit', orgUnit: 'orgUnits/03zzzz' });
  });
});

describe('effective settings', () => {
  const root = `orgUnits/${bare(orgUnitIds.root)}`;
  const clinical = `orgUnits/${bare(orgUnitIds.clinical)}`;

  it('a sub-OU override wins over the top-level value for that OU and its children only', () => {
    const resolver = resolverWith([sessionPolicy('root', 43_200, { orgUnit: root, sortOrder: 1 }), sessionPolicy('clin', 3_600, { orgUnit: clinical, sortOrder: 2 })]);
    expect(seconds(resolver, '/Clinical')).toBe(3_600);
    expect(seconds(resolver, '/Clinical/Nurses')).toBe(3_600);
    expect(seconds(resolver, '/Front Desk')).toBe(43_200);
    expect(resolver.effective(SESSION, '/Clinical').source).toBe('set-here');
    const nurses = resolver.effective(SESSION, '/Clinical/Nurses');
    expect(nurses).toMatchObject({ source: 'inherited', policy: { name: 'policies/clin', orgUnitPath: '/Clinical' } });
    expect(describeSource(nurses)).toBe('inherited from /Clinical');
  });

  it('a policy without an OU is inherited by every OU as the top-level value', () => {
    const resolver = resolverWith([sessionPolicy('top', 28_800, { sortOrder: 1 })]);
    expect(seconds(resolver, '/Clinical/Nurses')).toBe(28_800);
    expect(resolver.effective(SESSION, '/').source).toBe('set-here');
    expect(resolver.effective(SESSION, '/Admin')).toMatchObject({ source: 'inherited', policy: { orgUnitPath: '/' } });
  });

  it('an unset setting has no value and takes Google\'s default', () => {
    const resolver = resolverWith([]);
    const effective = resolver.effective(SESSION, '/Clinical');
    expect(effective).toEqual({ orgUnitPath: '/Clinical', settingType: SESSION, value: undefined, source: 'default' });
    expect(describeSource(effective)).toBe('Google default');
  });

  it('of two policies on the same OU the greater sortOrder wins, whatever the order listed', () => {
    const low = sessionPolicy('low', 3_600, { orgUnit: clinical, sortOrder: 3 });
    const high = sessionPolicy('high', 86_400, { orgUnit: clinical, sortOrder: 7 });
    expect(seconds(resolverWith([high, low]), '/Clinical')).toBe(86_400);
    expect(seconds(resolverWith([low, high]), '/Clinical')).toBe(86_400);
  });

  it('group-scoped policies never decide an OU value but are listed', () => {
    const resolver = resolverWith([
      sessionPolicy('root', 43_200, { orgUnit: root, sortOrder: 1 }),
      sessionPolicy('grp', 1_209_600, { orgUnit: root, group: 'groups/01abc', sortOrder: 9 }),
    ]);
    expect(seconds(resolver, '/Clinical')).toBe(43_200);
    expect(resolver.groupScoped(SESSION).map((g) => [g.policy.name, g.group, g.orgUnitPath])).toEqual([['policies/grp', 'groups/01abc', '/']]);
  });

  it('a policy whose OU is unknown is reported as unplaced, not guessed', () => {
    const resolver = resolverWith([sessionPolicy('lost', 60, { orgUnit: 'orgUnits/03zzzz', sortOrder: 1 })]);
    expect(resolver.effective(SESSION, '/Clinical').source).toBe('default');
    expect(resolver.unplaced(SESSION).map((u) => u.orgUnit)).toEqual(['orgUnits/03zzzz']);
  });

  it('lists every policy that applies to an OU for settings that are not reduced to one', () => {
    const resolver = resolverWith([sessionPolicy('root', 1, { orgUnit: root }), sessionPolicy('clin', 2, { orgUnit: clinical }), sessionPolicy('admin', 3, { orgUnit: `orgUnits/${bare(orgUnitIds.admin)}` })]);
    expect(resolver.applying(SESSION, '/Clinical/Nurses').map((p) => p.name)).toEqual(['policies/clin', 'policies/root']);
  });

  it('reports setting types the collector did not request', () => {
    const resolver = resolverWith([]);
    expect(resolver.missingSettingTypes([SESSION, 'settings/security.password'])).toEqual(['settings/security.password']);
  });

  it('resolves the baseline: enrollment set without an OU, factor overridden on /Admin', () => {
    const data = googleBaselineData();
    const resolver = new OrgUnitPolicies(data['google.policies'], data['google.orgUnits']);
    expect(resolver.effective(SETTING_TYPES.twoStepEnrollment, '/Clinical').value).toEqual({ allowEnrollment: true });
    expect(resolver.effective(SETTING_TYPES.twoStepFactor, '/Admin').value).toEqual({ allowedSignInFactorSet: 'PASSKEY_ONLY' });
    expect(resolver.effective(SETTING_TYPES.twoStepFactor, '/Front Desk').value).toEqual({ allowedSignInFactorSet: 'NO_TELEPHONY' });
  });
});

describe('durations', () => {
  it('reads the Policy API duration formats', () => {
    expect(durationSeconds('43200s')).toBe(43_200);
    expect(durationSeconds('12h')).toBe(43_200);
    expect(durationSeconds('720m')).toBe(43_200);
    expect(durationSeconds('1.5s')).toBe(2);
    expect(durationSeconds('soon')).toBeUndefined();
    expect(durationSeconds(43_200)).toBeUndefined();
  });
});
