import { readFileSync } from 'node:fs';
import { cloudidentity } from '@googleapis/cloudidentity';
import { describe, expect, it } from 'vitest';
import {
  effectiveGooglePolicyValue,
  google,
  googleDriveExternalSharingValue,
  GOOGLE_SETTING_TYPES,
  type GooglePolicyModel,
  type GoogleWorkspaceModel,
} from '../../src/testing/index.js';
import { DRIVE_SHARING_DEFAULTS } from '../../src/controls/google/sharing-external.js';
import { DEFAULT_AUTO_FORWARDING } from '../../src/controls/google/email-auto-forwarding.js';
import { accessToken, allGooglePages, DIRECTORY, expectGoogleError, gcall, jwtClient, NOW, POLICIES, serveGoogle } from './google-harness.js';

/** Documented shapes, defaults and real values of the Drive sharing and Gmail forwarding settings (see the fixture's README). */
const reference = JSON.parse(readFileSync(new URL('./fixtures/google-reference/policy-setting-values.json', import.meta.url), 'utf8')) as Record<
  string,
  { fields: Record<string, 'boolean' | 'enum'>; enumValuesSeen?: Record<string, string[]>; defaults: Record<string, unknown>; realValues: Record<string, unknown>[] }
>;

const compliant = google.compliantPractice({ now: NOW });
const typical = google.typicalPractice({ now: NOW });
// A customer with 130 policies, to see page sizes.
const many: GoogleWorkspaceModel = { ...google.largeTenant(2, { now: NOW }) };
many.policies = Array.from({ length: 130 }, (_, index): GooglePolicyModel => ({
  name: `policies/bulk${String(index).padStart(3, '0')}`,
  policyQuery: { orgUnit: `orgUnits/${many.rootOrgUnit.orgUnitId.slice(3)}`, sortOrder: 1 },
  setting: { type: `settings/service_status.app${index}`, value: { serviceState: 'ENABLED' } },
  type: 'ADMIN',
}));
serveGoogle([compliant, typical, many]);

const filtered = (filter: string, extra = '') => `${POLICIES}?filter=${encodeURIComponent(filter)}${extra}`;
const TWO_STEP = "setting.type.matches('^settings/security\\\\.two_step_verification.*$')";

describe('policies.list', () => {
  it('filters on setting.type with the documented CEL, combined with || and &&', async () => {
    const token = await accessToken(typical);
    const twoStep = await gcall(token, filtered(TWO_STEP));
    expect(new Set(twoStep.body.policies.map((policy: any) => policy.setting.type))).toEqual(
      new Set([GOOGLE_SETTING_TYPES.enrollment, GOOGLE_SETTING_TYPES.enforcement, GOOGLE_SETTING_TYPES.enforcementFactor]),
    );
    const either = await gcall(token, filtered(`${TWO_STEP} || setting.type.matches('^settings/security\\\\.session_controls$')`));
    expect(either.body.policies).toHaveLength(5);
    const withCustomer = await gcall(token, filtered(`customer == "customers/my_customer" && (${TWO_STEP})`));
    expect(withCustomer.body.policies).toHaveLength(5);
    const none = await gcall(token, filtered("setting.type.matches('^settings/rule\\\\.dlp$')"));
    expect(none.status).toBe(200);
    expect(none.body).toEqual({});
  });

  it('refuses a filter outside the documented subset, another customer, and parameters it cannot bind', async () => {
    const token = await accessToken(typical);
    expectGoogleError(await gcall(token, filtered("setting.type == 'settings/security.session_controls'")), 400, { statusName: 'INVALID_ARGUMENT' });
    // `\.` is not a CEL escape: the regex dot must be written `\\.`, as the reference page does.
    expectGoogleError(await gcall(token, filtered("setting.type.matches('^settings/security\\.session_controls$')")), 400, { statusName: 'INVALID_ARGUMENT' });
    expectGoogleError(await gcall(token, filtered('customer == "customers/C0other1"')), 403, { statusName: 'PERMISSION_DENIED' });
    const unknown = await gcall(token, `${POLICIES}?maxResults=100`);
    expectGoogleError(unknown, 400, { message: /^Invalid JSON payload received\. Unknown name "maxResults": Cannot bind query parameter\./ });
    expect(unknown.body.error.errors).toBeUndefined();
  });

  it('pages 50 by default, caps pageSize at 100, and binds page tokens to the filter', async () => {
    const token = await accessToken(many);
    expect((await gcall(token, POLICIES)).body.policies).toHaveLength(50);
    const { pages, items } = await allGooglePages(token, `${POLICIES}?pageSize=500`, 'policies');
    expect(pages.map((page) => page.body.policies.length)).toEqual([100, 30]);
    expect(new Set(items.map((policy) => policy.name)).size).toBe(130);
    const first = await gcall(token, `${POLICIES}?pageSize=10`);
    expectGoogleError(await gcall(token, filtered(TWO_STEP, `&pageToken=${first.body.nextPageToken}`)), 400, { statusName: 'INVALID_ARGUMENT' });
    expectGoogleError(await gcall(token, `${POLICIES}?pageSize=-1`), 400, { statusName: 'INVALID_ARGUMENT' });
  });

  it('serves the typical practice: every set value at the top level, only overrides below, unset settings absent', async () => {
    const token = await accessToken(typical);
    const { items } = await allGooglePages(token, `${POLICIES}?pageSize=100`, 'policies');
    const units = (await gcall(token, `${DIRECTORY}/customer/my_customer/orgunits?type=allIncludingParent`)).body.organizationUnits as any[];
    const pathOf = new Map(units.map((unit) => [`orgUnits/${unit.orgUnitId.replace(/^id:/, '')}`, unit.orgUnitPath]));
    const byPath = (path: string) => items.filter((policy) => pathOf.get(policy.policyQuery.orgUnit) === path).map((policy) => policy.setting);

    expect(byPath('/')).toEqual([
      { type: GOOGLE_SETTING_TYPES.enrollment, value: { allowEnrollment: true } },
      { type: GOOGLE_SETTING_TYPES.enforcement, value: { enforcedFrom: '2026-01-24T00:00:00.000Z' } },
      { type: GOOGLE_SETTING_TYPES.enforcementFactor, value: { allowedSignInFactorSet: 'ALL' } },
    ]);
    expect(byPath('/Front Desk')).toEqual([{ type: GOOGLE_SETTING_TYPES.enforcement, value: {} }]);
    expect(byPath('/Billing')).toEqual([
      { type: GOOGLE_SETTING_TYPES.enforcement, value: { enforcedFrom: '2026-12-20T00:00:00.000Z' } },
      { type: GOOGLE_SETTING_TYPES.driveExternalSharing, value: { ...reference['settings/drive_and_docs.external_sharing']!.defaults, warnForExternalSharing: false } },
    ]);
    expect(byPath('/Clinical')).toEqual([]);
    // Web session length, Drive sharing at the top and Gmail forwarding are unset: Google's defaults apply.
    expect(items.some((policy) => policy.setting.type === GOOGLE_SETTING_TYPES.sessionControls)).toBe(false);
    expect(items.some((policy) => policy.setting.type === GOOGLE_SETTING_TYPES.gmailAutoForwarding)).toBe(false);
    expect(items[0]).toMatchObject({ name: expect.stringMatching(/^policies\//), customer: 'customers/C04m7d2qx', type: 'ADMIN', policyQuery: { sortOrder: 1 } });
  });

  it('serves the compliant practice with sub-OU overrides, a Gmail DLP rule and a policy without orgUnit', async () => {
    const token = await accessToken(compliant);
    const { items } = await allGooglePages(token, `${POLICIES}?pageSize=100`, 'policies');
    const withoutOrgUnit = items.filter((policy) => policy.policyQuery.orgUnit === undefined);
    expect(withoutOrgUnit.map((policy) => policy.setting.type)).toEqual([GOOGLE_SETTING_TYPES.superAdminRecovery]);
    const dlp = items.filter((policy) => policy.setting.type === GOOGLE_SETTING_TYPES.dlpRule).map((policy) => policy.setting.value);
    const gmailRule = dlp.find((rule) => rule.triggers.includes('google.workspace.gmail.email.v1.send'));
    expect(gmailRule).toMatchObject({ state: 'ACTIVE', action: { gmailAction: { blockContent: {} } } });
    for (const detector of ['US_SOCIAL_SECURITY_NUMBER', 'US_HEALTHCARE_NPI', 'ICD10_CODE']) {
      expect(gmailRule.condition.contentCondition).toContain(`matches_dlp_detector('${detector}'`);
    }
    // Effective values walk up the OU path: /Clinical/Nurses inherits /Clinical's 8-hour sessions.
    expect(effectiveGooglePolicyValue(compliant, '/Clinical/Nurses', GOOGLE_SETTING_TYPES.sessionControls)).toEqual({ webSessionDuration: '28800s' });
    expect(effectiveGooglePolicyValue(compliant, '/Front Office', GOOGLE_SETTING_TYPES.sessionControls)).toEqual({ webSessionDuration: '43200s' });
    expect(effectiveGooglePolicyValue(compliant, '/Administration', GOOGLE_SETTING_TYPES.enforcementFactor)).toEqual({ allowedSignInFactorSet: 'PASSKEY_ONLY' });
  });

  it.each([GOOGLE_SETTING_TYPES.driveExternalSharing, GOOGLE_SETTING_TYPES.gmailAutoForwarding])('serves %s values in the documented shape', async (type) => {
    const { fields, enumValuesSeen = {}, realValues } = reference[type]!;
    // The reference's own real values have exactly the documented fields.
    for (const value of realValues) expect(Object.keys(value).sort()).toEqual(Object.keys(fields).sort());
    const served: any[] = [];
    for (const model of [compliant, typical]) {
      const token = await accessToken(model);
      const page = await gcall(token, filtered(`setting.type.matches('^${type.replace(/\./g, '\\\\.')}$')`, '&pageSize=100'));
      expect(page.status).toBe(200);
      // A list with nothing to return is `{}` (no `policies` key).
      served.push(...(page.body.policies ?? []));
    }
    expect(served.length).toBeGreaterThan(0);
    for (const policy of served) {
      expect(policy.setting.type).toBe(type);
      expect(Object.keys(policy.setting.value).sort()).toEqual(Object.keys(fields).sort());
      for (const [field, kind] of Object.entries(fields)) {
        const value = policy.setting.value[field];
        if (kind === 'boolean') expect(typeof value, field).toBe('boolean');
        else expect(enumValuesSeen[field], field).toContain(value);
      }
    }
  });

  it('assumes, in the controls and the scenarios, the defaults Google documents', () => {
    const drive = reference['settings/drive_and_docs.external_sharing']!.defaults;
    expect(drive).toMatchObject(DRIVE_SHARING_DEFAULTS);
    expect(googleDriveExternalSharingValue({})).toEqual(drive);
    expect(reference['settings/gmail.auto_forwarding']!.defaults).toEqual({ enableAutoForwarding: DEFAULT_AUTO_FORWARDING });
  });

  it('works through @googleapis/cloudidentity with a google-auth-library JWT client', async () => {
    const client = cloudidentity({ version: 'v1', auth: jwtClient(typical) });
    const { data } = await client.policies.list({ filter: TWO_STEP, pageSize: 100 });
    expect(data.policies).toHaveLength(5);
  });
});
