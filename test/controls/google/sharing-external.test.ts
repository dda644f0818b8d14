import { describe, expect, it } from 'vitest';
import { SETTING_TYPES } from '../../../src/datasets/google-constants.js';
import { DRIVE_SHARING_DEFAULTS, googleSharingExternal } from '../../../src/controls/google/sharing-external.js';
import { googleBaselineData, googleBaselineOptions, orgUnitIds } from '../../fixtures/google-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

type Data = ReturnType<typeof googleBaselineData>;
const run = (data: Data) => runControl(googleSharingExternal, data, googleBaselineOptions());
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;
const rootSharing = (data: Data) => data['google.policies'].policies.find((p) => p.name === 'policies/drive-sharing-root')!;
const withoutSharing = (data: Data) => {
  data['google.policies'].policies = data['google.policies'].policies.filter((p) => p.setting.type !== SETTING_TYPES.driveExternalSharing);
  return data;
};

/** All ten fields, as the Policy API writes them; `changes` is what differs from the baseline's top-level value. */
function sharingValue(changes: Record<string, unknown>): Record<string, unknown> {
  return { ...googleBaselineData()['google.policies'].policies.find((p) => p.name === 'policies/drive-sharing-root')!.setting.value, ...changes };
}

function addSharing(data: Data, name: string, value: Record<string, unknown>, orgUnitId?: string, group?: string, sortOrder = 2) {
  data['google.policies'].policies.push({
    name: `policies/${name}`,
    policyQuery: { ...(orgUnitId ? { orgUnit: `orgUnits/${orgUnitId.replace(/^id:/, '')}` } : {}), ...(group ? { group } : {}), sortOrder },
    setting: { type: SETTING_TYPES.driveExternalSharing, value },
    type: 'ADMIN',
  });
}

describe('google.sharing.external', () => {
  it('passes when the top level limits sharing to allowlisted domains with publishing off', () => {
    const finding = run(googleBaselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe(
      'Drive sharing outside the practice is off or limited to allowlisted domains in all 3 organisational units with active users, and files cannot be made visible to anyone with the link.',
    );
    expect(finding.evidence.orgUnits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/Front Desk', externalSharingMode: 'ALLOWLISTED_DOMAINS', allowPublishingFiles: false, source: 'inherited from /', verdict: 'pass' }),
      ]),
    );
  });

  it('passes when sharing outside is off, whatever the publishing field says', () => {
    const data = googleBaselineData();
    // Real answers keep allowPublishingFiles true under DISALLOWED (ScubaGoggles sample report).
    rootSharing(data).setting.value = sharingValue({ externalSharingMode: 'DISALLOWED', allowPublishingFiles: true });
    const finding = run(data);
    expect(finding.status).toBe('pass');
    expect(finding.evidence.orgUnits).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/Clinical', detail: 'sharing outside the organisation is off' })]));
  });

  it("fails where nobody set it: Google's default allows sharing outside and anyone with the link", () => {
    const finding = run(withoutSharing(googleBaselineData()));
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe(
      "In 3 of 3 organisational units with active users (5 active users), Drive files can be shared outside the practice without a warning or made visible to anyone with the link; Google's default, used where nobody changed the setting, allows both.",
    );
    expect(finding.evidence.affected).toContainEqual({
      type: 'orgUnit',
      id: '/Clinical',
      name: '/Clinical',
      detail: 'sharing outside the organisation allowed; files can be made visible to anyone with the link (Google default); 2 active users',
    });
    expect(finding.evidence.defaultsAssumed).toMatchObject(DRIVE_SHARING_DEFAULTS);
  });

  it('passes where sharing outside is allowed only with the warning on and publishing off, as the issue counts it, saying where', () => {
    const data = googleBaselineData();
    addSharing(data, 'drive-clinical', sharingValue({ externalSharingMode: 'ALLOWED', warnForExternalSharing: true, allowPublishingFiles: false }), orgUnitIds.clinical);
    const finding = run(data);
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe(
      'Drive sharing outside the practice is off, limited to allowlisted domains, or allowed only with a warning in all 3 organisational units with active users (in 1 of them, 2 active users, files can be shared with named people outside, with a warning each time), and files cannot be made visible to anyone with the link.',
    );
    expect(finding.evidence.affected).toEqual([]);
  });

  it('fails an OU that shares outside without the warning, naming only that OU', () => {
    const data = googleBaselineData();
    addSharing(data, 'drive-desk', sharingValue({ externalSharingMode: 'ALLOWED', warnForExternalSharing: false, allowPublishingFiles: false }), orgUnitIds.frontDesk);
    const finding = run(data);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe(
      'In 1 of 3 organisational units with active users (1 active user), Drive files can be shared outside the practice without a warning or made visible to anyone with the link.',
    );
    expect(finding.evidence.affected).toEqual([
      { type: 'orgUnit', id: '/Front Desk', name: '/Front Desk', detail: 'sharing outside the organisation allowed; no warning before sharing outside (set here); 1 active user' },
    ]);
  });

  it('fails when files can be made visible to anyone with the link, even with the warning on', () => {
    const data = googleBaselineData();
    rootSharing(data).setting.value = sharingValue({ externalSharingMode: 'ALLOWED', warnForExternalSharing: true, allowPublishingFiles: true });
    const finding = run(data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected.map((a) => a.detail)).toContain('sharing outside the organisation allowed; files can be made visible to anyone with the link (inherited from /); 2 active users');
  });

  it('warns when an allowlist still has the "anyone with the link" publishing setting on', () => {
    const data = googleBaselineData();
    rootSharing(data).setting.value = sharingValue({ allowPublishingFiles: true });
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe(
      'In 3 of 3 organisational units with active users (5 active users), sharing is limited to allowlisted domains but the "anyone with the link" publishing setting is still on.',
    );
  });

  it('takes the default for a field the value lacks', () => {
    const data = googleBaselineData();
    rootSharing(data).setting.value = { externalSharingMode: 'ALLOWED', warnForExternalSharing: true };
    const finding = run(data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.orgUnits).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/Admin', allowPublishingFiles: true, verdict: 'fail' })]));
  });

  it('uses the policy with the greatest sortOrder on the same OU', () => {
    const data = googleBaselineData();
    addSharing(data, 'drive-root-older', sharingValue({ externalSharingMode: 'ALLOWED', warnForExternalSharing: false }), orgUnitIds.root, undefined, 0.5);
    expect(run(data).status).toBe('pass');
    addSharing(data, 'drive-root-newer', sharingValue({ externalSharingMode: 'ALLOWED', warnForExternalSharing: false }), orgUnitIds.root, undefined, 5);
    expect(run(data).status).toBe('fail');
  });

  it('warns when a group-scoped policy opens sharing for its members', () => {
    const data = googleBaselineData();
    addSharing(data, 'drive-grp', sharingValue({ externalSharingMode: 'ALLOWED', allowPublishingFiles: true }), orgUnitIds.root, 'groups/03billing');
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected).toEqual([
      { type: 'policy', id: 'policies/drive-grp', name: 'groups/03billing', detail: 'sharing outside the organisation allowed; files can be made visible to anyone with the link' },
    ]);
  });

  it('is not assessed when the sharing mode is not one it knows', () => {
    const data = googleBaselineData();
    rootSharing(data).setting.value = sharingValue({ externalSharingMode: 'TRUSTED_RULES' });
    const finding = run(data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.kind).toBe('schema');
    expect(finding.summary).toBe('The Drive sharing setting of 3 organisational units could not be read.');
  });

  it('is not assessed when the Drive sharing setting was not collected', () => {
    const data = googleBaselineData();
    data['google.policies'].settingTypes = data['google.policies'].settingTypes.filter((t) => t !== SETTING_TYPES.driveExternalSharing);
    const finding = run(withoutSharing(data));
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.kind).toBe('unsupported');
  });

  it('ignores, naming it, a sharing policy of a deleted org unit (no longer listed, no users)', () => {
    const data = googleBaselineData();
    addSharing(data, 'drive-ghost', sharingValue({ externalSharingMode: 'ALLOWED', warnForExternalSharing: false }), 'id:03ph8a2z9ghost');
    const finding = run(data);
    expect(finding.status).toBe(run(googleBaselineData()).status);
    expect(finding.evidence.ignoredPolicies).toEqual([{ policy: 'policies/drive-ghost', settingType: SETTING_TYPES.driveExternalSharing, orgUnit: 'orgUnits/03ph8a2z9ghost' }]);
  });

  it('is not assessed when a sharing policy names an unlisted OU and active users sit in an unlisted OU too', () => {
    const data = googleBaselineData();
    addSharing(data, 'drive-ghost', sharingValue({ externalSharingMode: 'DISALLOWED' }), 'id:03ph8a2z9ghost');
    data['google.orgUnits'].orgUnits = data['google.orgUnits'].orgUnits.filter((ou) => ou.orgUnitPath !== '/Admin');
    const finding = run(data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['https://www.googleapis.com/auth/admin.directory.orgunit.readonly']);
  });

  it('is not assessed, naming the scope, when the Policy API refuses', () => {
    const scope = 'https://www.googleapis.com/auth/cloud-identity.policies.readonly';
    const finding = run({ ...googleBaselineData(), 'google.policies': failed({ kind: 'permission', detail: 'unauthorized_client', needs: [scope] }) });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual([scope]);
  });
});
