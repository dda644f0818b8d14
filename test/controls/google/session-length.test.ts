import { describe, expect, it } from 'vitest';
import { SETTING_TYPES } from '../../../src/datasets/google-constants.js';
import { formatSeconds, googleSessionLength } from '../../../src/controls/google/session-length.js';
import { googleBaselineData, googleBaselineOptions, orgUnitIds } from '../../fixtures/google-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

type Data = ReturnType<typeof googleBaselineData>;
const run = (data: Data, options = googleBaselineOptions()) => runControl(googleSessionLength, data, options);
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;
const rootSession = (data: Data) => data['google.policies'].policies.find((p) => p.name === 'policies/session-root')!;

function addSession(data: Data, name: string, duration: string, orgUnitId?: string, group?: string) {
  data['google.policies'].policies.push({
    name: `policies/${name}`,
    policyQuery: { ...(orgUnitId ? { orgUnit: `orgUnits/${orgUnitId.replace(/^id:/, '')}` } : {}), ...(group ? { group } : {}), sortOrder: 2 },
    setting: { type: SETTING_TYPES.sessionControls, value: { webSessionDuration: duration } },
    type: 'ADMIN',
  });
}

describe('google.session.length', () => {
  it('a fixed 12-hour session everywhere only warns: re-authentication is not an idle logoff', () => {
    const finding = run(googleBaselineData());
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe(
      'Web sessions end within 12 hours in all 3 organisational units with active users, so people must sign in again at least that often. That is not an automatic logoff after inactivity: a session left open on a shared computer stays signed in until then, so computers and phones must lock themselves after 15 idle minutes at most.',
    );
    expect(finding.evidence.automaticLogoffNote).toContain('164.312(a)(2)(iii)) is addressable');
    expect(finding.remediation).toContain('lock itself after at most 15 idle minutes');
    expect(finding.evidence.orgUnits).toEqual(
      expect.arrayContaining([{ path: '/Front Desk', activeUsers: 1, webSessionDuration: '43200s', seconds: 43_200, source: 'inherited from /' }]),
    );
  });

  it('a sub-OU override longer than the limit fails for that OU only', () => {
    const data = googleBaselineData();
    addSession(data, 'session-desk', '86400s', orgUnitIds.frontDesk);
    const finding = run(data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected).toEqual([
      { type: 'orgUnit', id: '/Front Desk', name: '/Front Desk', detail: 'web sessions last 1 day (set here); 1 active user' },
    ]);
    expect(finding.summary).toBe('Web sessions last longer than 12 hours in 1 of 3 organisational units with active users (up to 1 day).');
  });

  it('a shorter sub-OU override stays within the limit (still a warning about idle logoff)', () => {
    const data = googleBaselineData();
    addSession(data, 'session-clin', '28800s', orgUnitIds.clinical);
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected).toEqual([]);
    expect(finding.evidence.orgUnits).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/Clinical', seconds: 28_800, source: 'set here' })]));
  });

  it('without any session policy Google\'s 14-day default applies and fails', () => {
    const data = googleBaselineData();
    data['google.policies'].policies = data['google.policies'].policies.filter((p) => p.setting.type !== SETTING_TYPES.sessionControls);
    const finding = run(data);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe("Web sessions last longer than 12 hours in 3 of 3 organisational units with active users (up to 14 days, Google's default).");
    expect(finding.evidence.affected[0]!.detail).toBe('web sessions last 14 days (Google default); 2 active users');
    expect(finding.remediation).toBe(googleSessionLength.meta.remediation);
  });

  it('on Enterprise Starter the fix names the upgrade too: that edition cannot change session length', () => {
    const data = googleBaselineData();
    data['google.policies'].policies = data['google.policies'].policies.filter((p) => p.setting.type !== SETTING_TYPES.sessionControls);
    for (const assignment of data['google.licenses'].assignments) assignment.skuId = '1010020029';
    const finding = run(data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.editionNote).toBe('The licensed editions (Enterprise Starter) cannot change the session length; it stays at 14 days.');
    expect(finding.remediation).toContain('Your Google Workspace edition (Enterprise Starter) does not let admins shorten sessions');
  });

  it('on Business Standard the fix names the upgrade, because the session length cannot be changed', () => {
    const data = googleBaselineData();
    data['google.policies'].policies = data['google.policies'].policies.filter((p) => p.setting.type !== SETTING_TYPES.sessionControls);
    for (const assignment of data['google.licenses'].assignments) assignment.skuId = '1010020028';
    const finding = run(data);
    expect(finding.status).toBe('fail');
    expect(finding.remediation).toContain('does not let admins shorten sessions');
    expect(finding.evidence.editionNote).toContain('Business Standard');
  });

  it('a session policy without an OU counts as the top-level value', () => {
    const data = googleBaselineData();
    rootSession(data).policyQuery = { sortOrder: 1 };
    rootSession(data).setting.value = { webSessionDuration: '57600s' };
    const finding = run(data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected.map((a) => a.detail)).toContain('web sessions last 16 hours (inherited from /); 2 active users');
  });

  it('uses the configured threshold', () => {
    const finding = run(googleBaselineData(), googleBaselineOptions({ thresholds: { sessionHours: 8 } }));
    expect(finding.status).toBe('fail');
    expect(finding.summary).toContain('longer than 8 hours');
  });

  it('warns when a group-scoped policy gives its members longer sessions', () => {
    const data = googleBaselineData();
    addSession(data, 'session-grp', '1209600s', orgUnitIds.root, 'groups/03travel');
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected).toEqual([{ type: 'policy', id: 'policies/session-grp', name: 'groups/03travel', detail: "group members' web sessions last 14 days" }]);
  });

  it('is not assessed when a duration cannot be read', () => {
    const data = googleBaselineData();
    rootSession(data).setting.value = { webSessionDuration: 'forever' };
    const finding = run(data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.kind).toBe('schema');
  });

  it('is not assessed when the session setting was not collected', () => {
    const data = googleBaselineData();
    data['google.policies'].settingTypes = data['google.policies'].settingTypes.filter((t) => t !== SETTING_TYPES.sessionControls);
    const finding = run(data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.kind).toBe('unsupported');
  });

  it('is not assessed when the Policy API is not enabled', () => {
    const finding = run({ ...googleBaselineData(), 'google.policies': failed({ kind: 'permission', detail: 'accessNotConfigured: Cloud Identity API has not been used in project', needs: ['Cloud Identity API enabled in the Cloud project'] }) });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['Cloud Identity API enabled in the Cloud project']);
  });

  it('formats durations for people', () => {
    expect(formatSeconds(1_209_600)).toBe('14 days');
    expect(formatSeconds(43_200)).toBe('12 hours');
    expect(formatSeconds(1_800)).toBe('30 minutes');
    expect(formatSeconds(90)).toBe('90 seconds');
  });
});

describe('policies the control cannot place', () => {
  it('a session policy of a deleted org unit (no user is in an unlisted OU) is ignored and named in the evidence', () => {
    const data = googleBaselineData();
    data['google.policies'].policies.push({
      name: 'policies/session-gone',
      customer: 'customers/C03az79cb',
      policyQuery: { orgUnit: 'orgUnits/03ph8a2z9gone', sortOrder: 1 },
      setting: { type: 'settings/security.session_controls', value: { webSessionDuration: '1209600s' } },
      type: 'ADMIN',
    });
    const finding = runControl(googleSessionLength, data, googleBaselineOptions());
    expect(finding.status).toBe('warn');
    expect(finding.evidence.ignoredPolicies).toEqual([{ policy: 'policies/session-gone', settingType: SETTING_TYPES.sessionControls, orgUnit: 'orgUnits/03ph8a2z9gone' }]);
  });

  it('a session policy on an unlisted org unit is not assessed when active users sit in an unlisted OU, never pass', () => {
    const data = googleBaselineData();
    data['google.users'].users[0]!.orgUnitPath = '/Clinical/Night Shift';
    data['google.policies'].policies.push({
      name: 'policies/session-clinical',
      customer: 'customers/C03az79cb',
      policyQuery: { orgUnit: 'orgUnits/03ph8a2z9gone', sortOrder: 1 },
      setting: { type: 'settings/security.session_controls', value: { webSessionDuration: '1209600s' } },
      type: 'ADMIN',
    });
    const finding = runControl(googleSessionLength, data, googleBaselineOptions());
    expect(finding.status).toBe('not_assessed');
    expect(finding.evidence.affected.map((item) => item.id)).toEqual(['policies/session-clinical']);
  });
});
