import { describe, expect, it } from 'vitest';
import { SETTING_TYPES } from '../../../src/datasets/google-constants.js';
import { googleEmailAutoForwarding } from '../../../src/controls/google/email-auto-forwarding.js';
import { DOMAIN, googleBaselineData, googleBaselineOptions, orgUnitIds } from '../../fixtures/google-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

type Data = ReturnType<typeof googleBaselineData>;
const run = (data: Data) => runControl(googleEmailAutoForwarding, data, googleBaselineOptions());
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;
const rootForwarding = (data: Data) => data['google.policies'].policies.find((p) => p.name === 'policies/gmail-forwarding-root')!;

function addForwarding(data: Data, name: string, value: Record<string, unknown>, orgUnitId?: string, group?: string) {
  data['google.policies'].policies.push({
    name: `policies/${name}`,
    policyQuery: { ...(orgUnitId ? { orgUnit: `orgUnits/${orgUnitId.replace(/^id:/, '')}` } : {}), ...(group ? { group } : {}), sortOrder: 2 },
    setting: { type: SETTING_TYPES.gmailAutoForwarding, value },
    type: 'ADMIN',
  });
}

describe('google.email.auto-forwarding', () => {
  it('passes when the top level turns automatic forwarding off for every OU', () => {
    const finding = run(googleBaselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe('Automatic forwarding is off in all 3 organisational units with active users.');
    expect(finding.evidence.orgUnits).toEqual(
      expect.arrayContaining([{ path: '/Clinical', activeUsers: 2, enableAutoForwarding: false, source: 'inherited from /' }]),
    );
  });

  it("fails everywhere when nobody set it: Google's default lets users forward", () => {
    const data = googleBaselineData();
    data['google.policies'].policies = data['google.policies'].policies.filter((p) => p.setting.type !== SETTING_TYPES.gmailAutoForwarding);
    const finding = run(data);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe(
      "Users can automatically forward their mail to any address, including outside the practice, in 3 of 3 organisational units with active users (5 active users): /Clinical (2 active users), /Front Desk (1 active user), /Admin (2 active users). Where nobody changed the setting, Google's default allows it.",
    );
    expect(finding.evidence.affected).toHaveLength(3);
  });

  it('fails for an OU that overrides the top level, naming it and its users', () => {
    const data = googleBaselineData();
    addForwarding(data, 'gmail-forwarding-desk', { enableAutoForwarding: true }, orgUnitIds.frontDesk);
    const finding = run(data);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe(
      'Users can automatically forward their mail to any address, including outside the practice, in 1 of 3 organisational units with active users (1 active user): /Front Desk (1 active user).',
    );
    expect(finding.evidence.affected).toEqual([{ type: 'orgUnit', id: '/Front Desk', name: '/Front Desk', detail: 'automatic forwarding on (set here); 1 active user' }]);
  });

  it('a policy without an org unit counts as the top level', () => {
    const data = googleBaselineData();
    rootForwarding(data).policyQuery = { sortOrder: 1 };
    rootForwarding(data).setting.value = { enableAutoForwarding: true };
    const finding = run(data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected.map((a) => a.detail)).toContain('automatic forwarding on (inherited from /); 2 active users');
  });

  it('ignores an OU that holds only suspended users', () => {
    const data = googleBaselineData();
    data['google.orgUnits'].orgUnits.push({ orgUnitId: 'id:03ph8a2z4left', orgUnitPath: '/Leavers', name: 'Leavers', parentOrgUnitId: orgUnitIds.root, parentOrgUnitPath: '/' });
    data['google.users'].users.find((u) => u.primaryEmail === `former.staff@${DOMAIN}`)!.orgUnitPath = '/Leavers';
    addForwarding(data, 'gmail-forwarding-leavers', { enableAutoForwarding: true }, 'id:03ph8a2z4left');
    expect(run(data).status).toBe('pass');
  });

  it('warns when a group-scoped policy turns forwarding on for its members', () => {
    const data = googleBaselineData();
    addForwarding(data, 'gmail-forwarding-grp', { enableAutoForwarding: true }, orgUnitIds.root, 'groups/03billing');
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected).toEqual([{ type: 'policy', id: 'policies/gmail-forwarding-grp', name: 'groups/03billing', detail: "automatic forwarding on for the group's members" }]);
  });

  it('is not assessed when the value cannot be read', () => {
    const data = googleBaselineData();
    rootForwarding(data).setting.value = { enableAutoForwarding: 'sometimes' };
    const finding = run(data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.kind).toBe('schema');
  });

  it('is not assessed when the forwarding setting was not collected', () => {
    const data = googleBaselineData();
    data['google.policies'].settingTypes = data['google.policies'].settingTypes.filter((t) => t !== SETTING_TYPES.gmailAutoForwarding);
    data['google.policies'].policies = data['google.policies'].policies.filter((p) => p.setting.type !== SETTING_TYPES.gmailAutoForwarding);
    const finding = run(data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.kind).toBe('unsupported');
  });

  it('is not assessed, naming the scope, when the Policy API refuses', () => {
    const scope = 'https://www.googleapis.com/auth/cloud-identity.policies.readonly';
    const finding = run({ ...googleBaselineData(), 'google.policies': failed({ kind: 'permission', detail: 'unauthorized_client', needs: [scope] }) });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual([scope]);
  });

  it('is not assessed when there are no active users', () => {
    const data = googleBaselineData();
    for (const user of data['google.users'].users) user.suspended = true;
    expect(run(data).status).toBe('not_assessed');
  });
});
